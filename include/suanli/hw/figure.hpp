// A spec-sheet figure with its provenance. A figure is known (with a value), unknown (nobody
// published it), or unsupported (the hardware lacks the feature, e.g. fp8 on Ascend 910B).
#pragma once

#include <optional>
#include <string>

namespace suanli::hw {

enum class FigureState { unknown, known, unsupported };

template <class Q>
struct Figure {
  FigureState state = FigureState::unknown;
  Q value{};             // meaningful only when state == known
  std::string source;    // key into the owning entity's sources table
  std::string estimate;  // non-empty when the figure is an estimate: the reasoning

  bool known() const { return state == FigureState::known; }
  bool unsupported() const { return state == FigureState::unsupported; }
  std::optional<Q> get() const { return known() ? std::optional<Q>(value) : std::nullopt; }

  static Figure of(Q v, std::string src) {
    return Figure{FigureState::known, v, std::move(src), {}};
  }
};

}  // namespace suanli::hw
