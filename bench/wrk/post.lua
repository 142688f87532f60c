-- wrk script: POST the JSON body in the environment variable BODY to the URL's path, and print
-- one summary line (requests/s, p50/p99 latency, errors) that bench/wrk/run.sh records.
wrk.method = "POST"
wrk.body = os.getenv("BODY")
wrk.headers["Content-Type"] = "application/json"

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "summary: requests %d, requests/s %.1f, p50 %.3f ms, p99 %.3f ms, socket errors %d, non-2xx %d\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.timeout, e.status))
end
