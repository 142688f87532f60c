#!/usr/bin/env bash
# Sustained load on `suanli serve`: 60 s of POST /api/v1/infer, then 60 s of POST /api/v1/compare,
# with wrk (Debian package `wrk`: apt-get install wrk; not part of CI). Prints requests/s, p50/p99
# latency, errors and the server's resident memory (VmRSS) at start and end of each run; the
# figures in docs/performance.md come from this script on the release build.
#   bench/wrk/run.sh [SUANLI_BINARY] [SECONDS] [CONNECTIONS]
set -euo pipefail
cd "$(dirname "$0")/../.."
bin="${1:-build/release/suanli}"
seconds="${2:-60}"
connections="${3:-2}"
port="${PORT:-18437}"
command -v wrk >/dev/null || { echo "wrk not found: apt-get install wrk" >&2; exit 1; }

"$bin" serve --port "$port" --threads 2 2>/dev/null &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
kill -0 "$server" 2>/dev/null || { echo "suanli serve did not start (port $port in use?)" >&2; exit 1; }

rss() { awk '/^VmRSS/ {print $2 " kB"}' "/proc/$server/status"; }
# CPU time of the server in clock ticks (user + system): on a shared machine the CPU time per
# request says what a request costs, the wall latency also says how busy the machine was.
ticks() { awk '{print $14 + $15}' "/proc/$server/stat"; }

run() {  # name path body
  local name="$1" path="$2" body="$3"
  # One request first, so the start RSS counts what the endpoint's first answer allocates.
  curl -sf "http://127.0.0.1:$port$path" -d "$body" >/dev/null
  echo "== $name: POST $path, ${seconds} s, 2 wrk threads, $connections connections"
  echo "RSS at start: $(rss)"
  local t0; t0=$(ticks)
  BODY="$body" wrk -t2 -c"$connections" -d"${seconds}s" --timeout 10s --latency -s bench/wrk/post.lua \
    "http://127.0.0.1:$port$path" | grep "^summary:" | tee /tmp/suanli_wrk_summary.txt
  local requests; requests=$(sed -E 's/^summary: requests ([0-9]+),.*/\1/' /tmp/suanli_wrk_summary.txt)
  echo "server CPU per request: $(awk -v t="$(($(ticks) - t0))" -v n="$requests" -v hz="$(getconf CLK_TCK)" \
    'BEGIN {printf "%.2f ms", 1000 * t / hz / n}')"
  echo "RSS at end: $(rss)"
}

run infer /api/v1/infer \
  '{"model": "llama-3.1-70b", "system": "hgx-h100", "input": 2048, "output": 256, "tpot_slo": "50ms"}'
run compare /api/v1/compare '{"model": "deepseek-r1", "scenario": "chat"}'
