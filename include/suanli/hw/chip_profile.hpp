// Measured kernel performance of one chip (data/profiles/<chip-id>.yaml): achieved memory
// bandwidth and GEMM, attention and grouped-GEMM rates at LLM shapes, each point with its shape and
// raw time, plus who measured them, how, with which software. Format: docs/data-format.md.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "suanli/hw/chip.hpp"
#include "suanli/hw/dtype.hpp"
#include "suanli/units/quantity.hpp"

namespace suanli::hw {

// Where the numbers of one profile come from; one measurement session per profile.
struct ProfileProvenance {
  std::string measured_by;  // person, team or tool that took the measurements
  std::string device;       // device name as the runtime reported it, e.g. "NVIDIA H200"
  std::string torch;        // PyTorch version, e.g. "2.11.0+cu130"
  std::string runtime;      // device runtime and version, e.g. "CUDA 13.0"; "cpu" on a host
  std::string driver;       // driver version where known, else empty
  std::string date;         // day of the measurement, YYYY-MM-DD
  std::string method;       // how every figure was taken: timer, repeats, warm-ups, L2 rotation
  std::string command;      // exact command line of the run, empty when not recorded
  std::string source;       // key into ChipProfile::sources: the document with the raw data
};

// Streaming a large tensor: "copy" counts bytes read + written, "read" bytes read (a sum).
struct BandwidthPoint {
  std::string op;                  // "copy" or "read"
  units::Bytes bytes;              // size of the tensor, bytes
  units::Seconds time;             // median time of one pass, seconds
  units::BytesPerSecond achieved;  // bytes moved / time, bytes per second
};

// C[m, n] = A[m, k] x W[k, n] at one LLM layer shape.
struct GemmPoint {
  std::string name;                 // layer the shape comes from, e.g. "l8b_qkv"
  int m = 0;                        // rows of A and C (tokens), count
  int n = 0;                        // columns of W and C, count
  int k = 0;                        // inner dimension, count
  Dtype dtype = Dtype::bf16;        // operand precision (fp8 writes a bf16 C)
  units::Seconds time;              // median time, seconds
  units::FlopPerSecond compute;     // 2 m n k / time, FLOP per second
  units::BytesPerSecond bandwidth;  // (A + W + C bytes) / time, bytes per second
};

// Prefill attention: `batch` sequences of `seq_len` tokens attending to themselves.
struct AttentionPrefillPoint {
  int batch = 0;                 // sequences, count
  int seq_len = 0;               // tokens per sequence, count
  bool causal = true;            // causal mask: FLOPs count the lower half only
  int q_heads = 0;               // query heads, count
  int kv_heads = 0;              // key/value heads (GQA), count
  int head_dim = 0;              // elements per head, count
  Dtype dtype = Dtype::bf16;     // precision of Q, K, V
  std::string impl;              // kernel as run, e.g. "sdpa" or "matmul+softmax"
  units::Seconds time;           // median time, seconds
  units::FlopPerSecond compute;  // attention FLOPs / time, FLOP per second
};

// Decode attention: one query token per sequence against `context` cached tokens.
struct AttentionDecodePoint {
  int batch = 0;                    // sequences, count
  int context = 0;                  // cached tokens per sequence, count
  int q_heads = 0;                  // query heads, count
  int kv_heads = 0;                 // key/value heads (GQA), count
  int head_dim = 0;                 // elements per head, count
  Dtype dtype = Dtype::bf16;        // precision of Q and of the KV cache
  std::string impl;                 // kernel as run
  units::Seconds time;              // median time, seconds
  units::BytesPerSecond bandwidth;  // K + V bytes / time, bytes per second
};

// Routed experts of one MoE layer: gate+up GEMM then down GEMM for every local expert.
struct MoePoint {
  int experts = 0;                         // local experts, count
  int rows_per_expert = 0;                 // tokens routed to each expert, count
  int hidden = 0;                          // model width, count
  int expert_ffn = 0;                      // expert FFN width (gate and up each), count
  Dtype dtype = Dtype::bf16;               // precision of tokens and weights
  std::string impl;                        // "grouped" (one grouped GEMM) or "loop" (per expert)
  units::Seconds time;                     // median time of both GEMMs, seconds
  units::FlopPerSecond compute;            // 6 experts rows hidden ffn / time, FLOP per second
  units::BytesPerSecond weight_bandwidth;  // expert weight bytes / time, bytes per second
};

struct ChipProfile {
  std::string chip_id;                    // catalog id of the chip measured
  ProfileProvenance provenance;           // who, what, when, how
  std::vector<std::string> notes;         // caveats, e.g. why fp8 was skipped
  std::vector<SourceRef> sources;         // citations; provenance.source is one of them
  std::vector<BandwidthPoint> bandwidth;  // memory bandwidth points
  std::vector<GemmPoint> gemm;            // GEMM points
  std::vector<AttentionPrefillPoint> attention_prefill;  // prefill attention points
  std::vector<AttentionDecodePoint> attention_decode;    // decode attention points
  std::vector<MoePoint> moe;                             // routed-expert (MoE) points

  // Measured points of every table together.
  std::size_t n_points() const {
    return bandwidth.size() + gemm.size() + attention_prefill.size() + attention_decode.size() +
           moe.size();
  }
};

}  // namespace suanli::hw
