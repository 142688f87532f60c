#include "suanli/hw/dtype.hpp"

namespace suanli::hw {

std::string_view to_string(Dtype d) {
  switch (d) {
    case Dtype::fp4:
      return "fp4";
    case Dtype::int4:
      return "int4";
    case Dtype::fp8:
      return "fp8";
    case Dtype::int8:
      return "int8";
    case Dtype::fp16:
      return "fp16";
    case Dtype::bf16:
      return "bf16";
    case Dtype::tf32:
      return "tf32";
    case Dtype::fp32:
      return "fp32";
    case Dtype::fp64:
      return "fp64";
  }
  return "?";
}

std::optional<Dtype> parse_dtype(std::string_view text) {
  for (Dtype d : all_dtypes) {
    if (text == to_string(d)) return d;
  }
  return std::nullopt;
}

int bit_length(Dtype d) {
  switch (d) {
    case Dtype::fp4:
    case Dtype::int4:
      return 4;
    case Dtype::fp8:
    case Dtype::int8:
      return 8;
    case Dtype::fp16:
    case Dtype::bf16:
      return 16;
    case Dtype::tf32:
      return 32;  // TF32 operands occupy 32-bit registers (BIS counts 32)
    case Dtype::fp32:
      return 32;
    case Dtype::fp64:
      return 64;
  }
  return 0;
}

double bytes_per_element(Dtype d) {
  if (d == Dtype::tf32) return 4.0;
  return bit_length(d) / 8.0;
}

bool is_integer(Dtype d) {
  return d == Dtype::int4 || d == Dtype::int8;
}

}  // namespace suanli::hw
