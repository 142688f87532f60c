// Fuzz target: a validation suite (JSONL of measured results, validate/suite.hpp).
#include <cstdint>
#include <string_view>

#include "suanli/validate/suite.hpp"

// NOLINTNEXTLINE(readability-identifier-naming): the entry point libFuzzer calls
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)suanli::validate::parse_suite(text, "fuzz.jsonl");
  return 0;
}
