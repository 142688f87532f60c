#!/usr/bin/env bash
# Builds the libFuzzer targets (preset fuzz: clang, ASan+UBSan) and runs them.
#   tools/fuzz.sh TARGET SECONDS   run one target (quantity, date, hf_config, suite, request_json,
#                                  cli_args, chip_yaml, system_yaml, model_index_yaml, policy_yaml,
#                                  price_yaml, scenario_yaml, deliveries_yaml) for SECONDS
#   tools/fuzz.sh smoke SECONDS    run every target for SECONDS each (CI)
# Seeds come from data/, validation/ and tests/fuzz/corpus (tests/fuzz/CMakeLists.txt); new
# corpus entries go to build/fuzz/corpus/TARGET, crashes to build/fuzz/artifacts/. A crash exits
# non-zero: copy its input into tests/fuzz/regressions/TARGET/ so the replay test keeps it.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -ne 2 ]; then
  echo "usage: tools/fuzz.sh TARGET|smoke SECONDS" >&2
  exit 1
fi
what="$1"
seconds="$2"
jobs="$(nproc 2>/dev/null || echo 2)"
cmake --preset fuzz >/dev/null
cmake --build build/fuzz --target suanli_fuzz_targets -j "$jobs"
run_one() {
  local name="$1"
  local bin="build/fuzz/tests/fuzz/fuzz_${name}"
  local seeds_file="build/fuzz/fuzz_seeds/${name}.txt"
  if [ ! -x "$bin" ] || [ ! -f "$seeds_file" ]; then
    echo "unknown fuzz target '$name' (see tests/fuzz/CMakeLists.txt)" >&2
    exit 1
  fi
  local seeds
  IFS=";" read -r -a seeds <"$seeds_file" || true  # the file has no final newline
  local regressions=()
  if [ -d "tests/fuzz/regressions/${name}" ]; then regressions=("tests/fuzz/regressions/${name}"); fi
  mkdir -p "build/fuzz/corpus/${name}" build/fuzz/artifacts
  # A suite seed is a whole 188 kB validation suite, which libFuzzer would take as the input
  # length; 8 kB (a few cases) keeps the mutations on the lines and the run fast.
  local extra=()
  if [ "$name" = "suite" ]; then extra=(-max_len=8192); fi
  echo "== fuzz_${name}: ${seconds} s"
  local log="build/fuzz/artifacts/${name}.log"
  local rc=0
  "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="build/fuzz/artifacts/${name}-" "${extra[@]}" \
    "build/fuzz/corpus/${name}" "${seeds[@]}" "${regressions[@]}" >"$log" 2>&1 || rc=$?
  grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|Done |==[0-9]+==ERROR|SUMMARY)" "$log" || true
  if [ "$rc" -ne 0 ]; then
    tail -n 40 "$log" >&2
    echo "fuzz_${name} failed (exit $rc); its input is in build/fuzz/artifacts/" >&2
    return "$rc"
  fi
}
if [ "$what" = "smoke" ]; then
  for f in build/fuzz/fuzz_seeds/*.txt; do
    run_one "$(basename "$f" .txt)"
  done
else
  run_one "$what"
fi
