# Compiler warnings and sanitizers applied to every suanli target through suanli_options.
add_library(suanli_options INTERFACE)
target_compile_options(suanli_options INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion
  -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual -Wimplicit-fallthrough)
if(SUANLI_WERROR)
  target_compile_options(suanli_options INTERFACE -Werror)
endif()
if(SUANLI_SANITIZE)
  target_compile_options(suanli_options INTERFACE
    -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_link_options(suanli_options INTERFACE -fsanitize=address,undefined)
endif()
