# Every third-party dependency, all from Debian packages (see tools/install-deps.sh).
find_package(Threads REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(yaml-cpp REQUIRED)
find_package(fmt REQUIRED)
find_package(CLI11 REQUIRED)
# cpp-httplib (libcpp-httplib-dev) ships a pkg-config file only; its Cflags carry the feature
# macros the Debian library was built with.
find_package(PkgConfig REQUIRED)
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
if(SUANLI_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
if(SUANLI_BUILD_BENCH)
  find_package(benchmark REQUIRED)
endif()
