# Compiler warnings and sanitizers applied to every suanli target through suanli_options.
add_library(suanli_options INTERFACE)
target_compile_options(suanli_options INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion
  -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual -Wimplicit-fallthrough)
if(SUANLI_WERROR)
  target_compile_options(suanli_options INTERFACE -Werror)
endif()
if(SUANLI_SANITIZE)
  # GCC's -Wmaybe-uninitialized reports false positives inside libstdc++ (std::regex,
  # std::function) when ASan instrumentation changes inlining; the sanitizers themselves
  # catch real uninitialised reads at run time.
  target_compile_options(suanli_options INTERFACE
    -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
    $<$<CXX_COMPILER_ID:GNU>:-Wno-maybe-uninitialized>)
  target_link_options(suanli_options INTERFACE -fsanitize=address,undefined)
endif()
if(SUANLI_FUZZ)
  # Coverage instrumentation for libFuzzer in every library; the fuzz binaries link the driver.
  target_compile_options(suanli_options INTERFACE -fsanitize=fuzzer-no-link)
endif()
