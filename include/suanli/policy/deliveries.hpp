// Deliveries: sourced, dated facts about how much of a chip reaches buyers and when, apart from
// whether it may be bought (obtainability.hpp): the first deliveries expected after a licence, the
// chips a batch or a year of production holds, production halts and the months a restart takes,
// and reported delivery shortfalls. They never change a chip's status; a plan states the ones
// that bear on each row and how large its fleet is against the known volume (data/deliveries/,
// docs/models/cost.md §deliveries).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "suanli/policy/date.hpp"

namespace suanli::policy {

enum class DeliveryKind {
  first_delivery,  // deliveries expected to start on `from`
  volume,          // chips_low..chips_high chips in the period from..until (or from on)
  halt,            // production stopped on `from`; a restart takes restart_months
  shortfall,       // orders reported delivered late or in part (text only)
};
std::string_view to_string(DeliveryKind k);
std::optional<DeliveryKind> parse_delivery_kind(std::string_view text);
std::vector<std::string> delivery_kind_names();

struct DeliveryFact {
  std::string file;  // data file stem, e.g. "nvidia-h200"
  DeliveryKind kind = DeliveryKind::volume;
  std::vector<std::string> chips;        // catalog chip ids the fact is about
  std::vector<std::string> countries;    // ISO codes it concerns; empty = every destination
  Date reported;                         // when it became known: never used for an earlier question
  Date from;                             // first delivery, start of the period, or halt date
  std::optional<Date> until;             // volume: last day of the period; nullopt = open
  double chips_low = 0;                  // volume: chips, low end (= high for one figure)
  double chips_high = 0;                 // volume: chips, high end
  int restart_months = 0;                // halt: months to restart production; 0 = not known
  std::string text;                      // the fact in words, as a buyer reads it
  std::string source;                    // citation(s)
  std::vector<std::string> source_keys;  // their keys in the file, e.g. "reuters-2025-07"
  std::string estimate;                  // non-empty: the figure is an estimate, and whose
};

// Which facts bear on a chip bought for `country` on `date`, in date order: each reported on or
// before the date; a first delivery still ahead (from > date); a volume whose period has not
// ended, the latest reported one per chip set and period start superseding an earlier report; a
// halt in force (from <= date); a shortfall. An empty country means no destination: only facts
// for every destination apply.
std::vector<const DeliveryFact*> deliveries_of(const std::vector<DeliveryFact>& facts,
                                               std::string_view chip, std::string_view country,
                                               const Date& date);

// The first deliveries still ahead of `date` among these facts (the latest when several);
// nullopt when none is.
std::optional<Date> first_delivery_after(const std::vector<const DeliveryFact*>& facts,
                                         const Date& date);

// The first day new production can be delivered when a halt is in force and its restart time is
// known: `date` + restart_months (the longest when several); nullopt otherwise. Chips already
// made (a volume fact) may still be delivered before it.
std::optional<Date> production_restart(const std::vector<const DeliveryFact*>& facts,
                                       const Date& date);

// `date` plus whole months, the day clamped to the month's last (2026-01-31 + 1 = 2026-02-28).
Date add_months(const Date& date, int months);

}  // namespace suanli::policy
