// Numeric formats that matrix engines execute and that weights / KV caches are stored in.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace suanli::hw {

enum class Dtype { fp4, int4, fp8, int8, fp16, bf16, tf32, fp32, fp64 };

inline constexpr std::array all_dtypes{Dtype::fp4,  Dtype::int4, Dtype::fp8,
                                       Dtype::int8, Dtype::fp16, Dtype::bf16,
                                       Dtype::tf32, Dtype::fp32, Dtype::fp64};

std::string_view to_string(Dtype d);
std::optional<Dtype> parse_dtype(std::string_view text);
double bytes_per_element(Dtype d);  // fp4 and int4 are 0.5
int bit_length(Dtype d);            // operand bit length used by the export-control TPP formula
bool is_integer(Dtype d);

}  // namespace suanli::hw
