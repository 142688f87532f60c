// One accelerator as its spec sheet describes it: dense peak per precision, memory, links, power,
// die area, launch and price, every figure with its source. Loaded from data/chips/*.yaml.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "suanli/hw/dtype.hpp"
#include "suanli/hw/figure.hpp"
#include "suanli/units/quantity.hpp"

namespace suanli::hw {

struct SourceRef {
  std::string key;       // short tag used by figures, e.g. "nvidia-datasheet"
  std::string citation;  // document, publisher and date
};

struct Chip {
  std::string id;               // catalog id, e.g. "nvidia-h100-sxm"
  std::string name;             // marketing name, e.g. "H100 SXM5 80GB"
  std::string vendor;           // lower-case vendor id, e.g. "nvidia", "huawei"
  std::string family;           // micro-architecture family used for calibration, e.g. "hopper"
  std::string market;           // "global", "china-sku" (China-specific SKU) or "domestic-cn"
  std::string form_factor;      // "sxm", "oam", "pcie", "module", ...
  std::string launch;           // ISO date or year-month of launch, e.g. "2022-09"
  std::string process;          // foundry node as reported
  bool datacenter = true;       // designed or marketed for datacenters (3A090 note)
  int devices_per_package = 1;  // devices (ranks) the runtime sees per package: Ascend 910C = 2
                                // dies, each its own NPU with half the package's figures

  std::map<Dtype, Figure<units::FlopPerSecond>> dense_peak;  // dense (no sparsity) peak per dtype

  std::string memory_type;                         // e.g. "HBM3e"
  Figure<units::Bytes> memory_capacity;            // bytes of device memory
  Figure<units::BytesPerSecond> memory_bandwidth;  // device memory bandwidth
  Figure<units::Bytes> sram;                       // largest on-chip cache/SRAM (L2, LLC)

  std::string scaleup_link;                          // e.g. "NVLink 4"
  Figure<units::BytesPerSecond> scaleup_bandwidth;   // bidirectional per chip
  Figure<units::BytesPerSecond> scaleout_bandwidth;  // NIC bandwidth per chip (one direction)
  Figure<units::BytesPerSecond> io_bandwidth;  // aggregate bidirectional I/O (2022 rule), if stated

  Figure<units::Watts> tdp;      // board / module power
  Figure<units::Area> die_area;  // BIS applicable logic-die area
  std::string die_basis;         // what the die area counts
  Figure<units::Usd> price;      // unit price as reported (street/list), per chip

  // Compute units (NVIDIA SMs, AMD CUs, Ascend AI cores) and the part of the same family whose
  // units run at their full matrix rate. A part whose units are capped below that rate (the H20:
  // 78 Hopper SMs at 148 TFLOP/s bf16, against the H100 SXM's 132 at 989) keeps each kernel's
  // fixed costs (prologue, epilogue, synchronisation, the stack's non-matrix kernels) while its
  // matrix math slows down, so it reaches a larger share of its own peak (perf::chip_efficiency).
  Figure<double> compute_units;  // count of units, as published
  std::string full_rate_part;    // catalog id of that full-rate part; empty: this part is one
  // Resolved by the catalog loader: (bf16 peak / units) over the full-rate part's, in (0, 1];
  // 1 when the chip names no full-rate part.
  double unit_matrix_share = 1.0;

  std::vector<SourceRef> sources;  // every source key used above
  std::string notes;               // free-form caveats

  // Dense peak for dtype, or nullopt when unknown or unsupported.
  std::optional<units::FlopPerSecond> peak(Dtype d) const;
  // True when the chip's matrix engine executes dtype natively (known figure).
  bool supports(Dtype d) const;
  // Bytes of device memory the engine sizes against; 0 when unknown. HBM capacities are published
  // in binary gigabytes (HBM stacks are 2^n GiB): an "80 GB" H100 reports 81,559 MiB to
  // nvidia-smi and a "96 GB" H20 97,871 MiB, so an HBM "GB" is read as GiB. GDDR/LPDDR cards
  // publish usable decimal capacity (an "48 GB" L20 reports 46,068 MiB) and are taken as stated.
  double device_memory_bytes() const;
};

// One device of a multi-device package (devices_per_package > 1): every per-package figure
// (peaks, memory, links, power, price) divided by the devices, same id and family; the package
// itself when it is one device.
Chip package_device(const Chip& package);

}  // namespace suanli::hw
