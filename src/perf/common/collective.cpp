#include "suanli/perf/common/collective.hpp"

#include <algorithm>

namespace suanli::perf {
namespace {

struct Span {
  int inside = 1;   // members that share one scale-up domain
  int domains = 1;  // scale-up domains the group spans
};

Span span_of(int group, int stride, const Cluster& c) {
  Span s;
  stride = std::max(1, stride);
  if (stride >= c.scaleup_domain) {
    s.inside = 1;
  } else {
    s.inside = std::max(1, std::min(group, c.scaleup_domain / stride));
  }
  s.domains = std::max(1, (group + s.inside - 1) / s.inside);
  return s;
}

// Ring cost of moving `steps` chunks of `chunk` bytes over one tier.
double ring(double steps, double chunk, double bandwidth, double latency) {
  return steps * (chunk / bandwidth + latency);
}

// One reduce-scatter or all-gather phase over `p` members: a ring pays one latency per step; on
// a switched (NVSwitch/UB/HCCS-switch) domain the direct algorithm sends to all peers at once and
// pays one latency (NCCL NVLS / TRT-LLM two-shot), with the same bytes on the wire.
double phase(double p, double bytes, double bandwidth, double latency, bool direct) {
  if (p <= 1) return 0;
  const double ring_time = ring(p - 1, bytes / p, bandwidth, latency);
  if (!direct) return ring_time;
  return std::min(ring_time, bytes * (p - 1) / p / bandwidth + latency);
}

}  // namespace

int domains_spanned(int group, int group_stride, const Cluster& cluster) {
  return span_of(group, group_stride, cluster).domains;
}

units::Seconds all_to_all_time(double inside_bytes, double outside_bytes, int group,
                               int group_stride, const Cluster& c, const Efficiency& eff) {
  if (group <= 1) return units::Seconds(0);
  const Span s = span_of(group, group_stride, c);
  const double up_bw = c.scaleup.bandwidth.value * eff.scaleup;
  const double out_bw = c.scaleout.bandwidth.value * eff.scaleout;
  const double t_in =
      s.inside > 1 && inside_bytes > 0
          ? inside_bytes / up_bw + c.scaleup.latency.value * std::min(s.inside - 1.0, 8.0)
          : 0.0;
  const double t_out =
      s.domains > 1 && outside_bytes > 0
          ? outside_bytes / out_bw + c.scaleout.latency.value * std::min(s.domains - 1.0, 8.0)
          : 0.0;
  return units::Seconds(std::max(t_in, t_out));
}

bool within_scaleup(int group, int group_stride, const Cluster& cluster) {
  return span_of(group, group_stride, cluster).domains == 1;
}

units::Seconds collective_time(Collective kind, double bytes, int group, int group_stride,
                               const Cluster& c, const Efficiency& eff) {
  if (group <= 1 || bytes <= 0) return units::Seconds(0);
  const Span s = span_of(group, group_stride, c);
  const double up_bw = c.scaleup.bandwidth.value * eff.scaleup;
  const double out_bw = c.scaleout.bandwidth.value * eff.scaleout;
  const double up_lat = c.scaleup.latency.value;
  const double out_lat = c.scaleout.latency.value;
  const double pi = s.inside;
  const double po = s.domains;
  const bool direct = c.scaleup_topology == hw::Topology::switched;
  double t = 0;
  switch (kind) {
    case Collective::all_reduce:
      // Reduce-scatter + all-gather inside the domain, all-reduce of the shard across domains.
      t = 2 * phase(pi, bytes, up_bw, up_lat, direct) +
          2 * phase(po, bytes / pi, out_bw, out_lat, false);
      break;
    case Collective::all_gather:
    case Collective::reduce_scatter:
      t = phase(pi, bytes, up_bw, up_lat, direct) + phase(po, bytes / pi, out_bw, out_lat, false);
      break;
    case Collective::all_to_all: {
      // Each chip sends (group-1)/group of its payload; the out-of-domain share uses the NIC.
      const double g = group;
      const double inside_bytes = bytes * (pi - 1) / g;
      const double outside_bytes = bytes * (g - pi) / g;
      const double t_in = pi > 1 ? inside_bytes / up_bw + up_lat * std::min(pi - 1, 8.0) : 0.0;
      const double t_out = po > 1 ? outside_bytes / out_bw + out_lat * std::min(po - 1, 8.0) : 0.0;
      t = std::max(t_in, t_out);
      break;
    }
    case Collective::send_recv:
      t = po > 1 || group_stride >= c.scaleup_domain ? bytes / out_bw + out_lat
                                                     : bytes / up_bw + up_lat;
      break;
  }
  return units::Seconds(t);
}

}  // namespace suanli::perf
