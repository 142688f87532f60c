// Fuzz target: one catalog data file (chip, system, model index, policy, price or scenario
// YAML, chosen by SUANLI_FUZZ_FILE at compile time) loaded by the strict catalog loader from a
// scratch directory. The loader reads only files, so the input is written to one first.
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "suanli/catalog/catalog.hpp"

#ifndef SUANLI_FUZZ_FILE
#error "SUANLI_FUZZ_FILE (e.g. \"chips/fuzz.yaml\") names the file the input becomes"
#endif

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::filesystem::path dir = [] {
    auto d = std::filesystem::temp_directory_path() / ("suanli-fuzz-" + std::to_string(::getpid()));
    std::filesystem::create_directories((d / SUANLI_FUZZ_FILE).parent_path());
    return d;
  }();
  {
    std::ofstream out(dir / SUANLI_FUZZ_FILE, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  (void)suanli::catalog::load_catalog({dir});
  return 0;
}
