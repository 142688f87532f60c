// Alpha-beta cost of collectives over a cluster's network tiers: ring algorithms inside a
// scale-up domain, hierarchical (intra-domain then inter-domain) across domains.
#pragma once

#include "suanli/perf/common/cluster.hpp"
#include "suanli/perf/common/efficiency.hpp"
#include "suanli/units/quantity.hpp"

namespace suanli::perf {

enum class Collective { all_reduce, all_gather, reduce_scatter, all_to_all, send_recv };

// Time for a collective over `group` chips. `bytes` is the full logical buffer on each chip for
// all-reduce, all-gather (the gathered result) and reduce-scatter (the input); the payload each
// chip sends in total for all-to-all; the message for send/recv. `group_stride` is the distance
// between members' chip indices: a group of 8 with stride 1 fits one 8-chip domain; with stride 8
// it spans 8 domains.
units::Seconds collective_time(Collective kind, double bytes, int group, int group_stride,
                               const Cluster& cluster, const Efficiency& eff);

// Hierarchical all-to-all (MoE dispatch/combine): `inside_bytes` sent by each chip over the
// scale-up links and `outside_bytes` over its NIC (one copy per remote domain, forwarded inside
// the destination domain), both tiers running concurrently.
units::Seconds all_to_all_time(double inside_bytes, double outside_bytes, int group,
                               int group_stride, const Cluster& cluster, const Efficiency& eff);

// Scale-up domains spanned by `group` chips at `group_stride`.
int domains_spanned(int group, int group_stride, const Cluster& cluster);

// True when `group` chips at `group_stride` lie inside one scale-up domain.
bool within_scaleup(int group, int group_stride, const Cluster& cluster);

}  // namespace suanli::perf
