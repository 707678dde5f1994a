-- Shared by every benchmark script: the token from the environment, an optional pause per
-- request (for the half-load run), and a JSON summary with percentiles at the end.
local M = {}
M.token = os.getenv("BENCH_TOKEN") or ""
M.delay_ms = tonumber(os.getenv("BENCH_DELAY_MS") or "0")
M.headers = { ["Authorization"] = "Bearer " .. M.token, ["Accept-Encoding"] = "gzip" }

-- wrk calls setup() in its main state once per thread: number the threads, so that each
-- seeds its own random sequence and makes its own Idempotency-Keys.
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
end

-- A tag unique to this thread and run (call it from request(), after init()).
function M.thread_tag()
  return tostring(thread_id or 0) .. "-" .. tostring(M.started)
end

function M.install(next_request)
  init = function()
    M.started = os.time()
    math.randomseed(M.started * 100 + (thread_id or 0))
  end
  request = next_request
  if M.delay_ms > 0 then
    delay = function() return M.delay_ms end
  end
  done = function(summary, latency, requests)
    local errors = summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.status + summary.errors.timeout
    io.write(string.format(
      'BENCH {"requests":%d,"seconds":%.3f,"rps":%.1f,"errors":%d,"non2xx":%d,' ..
      '"p50_ms":%.3f,"p95_ms":%.3f,"p99_ms":%.3f,"p999_ms":%.3f,"max_ms":%.3f}\n',
      summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
      errors, summary.errors.status,
      latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
      latency:percentile(99.9) / 1000, latency.max / 1000))
  end
end
return M
