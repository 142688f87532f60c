#!/usr/bin/env bash
# README quick start. `tools/run.sh` installs what is missing, builds the release CLI, the Python
# module and the web page (web/dist, served by `suanli serve`) and runs the main job on the built-in
# catalog; `tools/run.sh test` also builds the CI configuration (ASan+UBSan, warnings as errors),
# runs every test (C++, Python, browser) and a short libFuzzer smoke of every parser.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-run}"
jobs="$(nproc 2>/dev/null || echo 2)"
bash tools/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release -j "$jobs"
bash tools/build-web.sh "$mode"
build/release/suanli compare --model deepseek-r1 --scenario chat
if [ "$mode" = "test" ]; then
  cmake --preset ci >/dev/null
  cmake --build --preset ci -j "$jobs"
  ctest --preset ci -j "$jobs"
  # libFuzzer smoke of every parser (docs/reliability.md: a clang build and 5 s per target).
  bash tools/fuzz.sh smoke 5
fi
