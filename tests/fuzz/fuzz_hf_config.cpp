// Fuzz target: a Hugging Face config.json read into a ModelArch (model/hf_config.hpp).
#include <cstdint>
#include <string_view>

#include "suanli/model/hf_config.hpp"

// NOLINTNEXTLINE(readability-identifier-naming): the entry point libFuzzer calls
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)suanli::model::parse_hf_config(text, "fuzz/config.json");
  return 0;
}
