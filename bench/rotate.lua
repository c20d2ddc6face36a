-- rotate.lua — wrk script: each request takes the next public page, and
-- every response that is not 2xx is counted (3xx included).
local paths = { "/", "/bqn-rlp", "/modellprojekt-mainz", "/kontakt", "/datenschutz" }
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  n = 0
  non2xx = 0
end

function request()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
end

function done(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do
    bad = bad + t:get("non2xx")
  end
  local e = summary.errors
  io.write(string.format("requests/s      %.0f\n", summary.requests / (summary.duration / 1e6)))
  io.write(string.format("requests        %d in %.1f s\n", summary.requests, summary.duration / 1e6))
  io.write(string.format("latency ms      avg %.2f  stdev %.2f  p50 %.2f  p90 %.2f  p99 %.2f  max %.2f\n",
    latency.mean / 1000, latency.stdev / 1000, latency:percentile(50) / 1000,
    latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("non-2xx         %d\n", bad))
  io.write(string.format("socket errors   connect %d, read %d, write %d, timeout %d\n",
    e.connect, e.read, e.write, e.timeout))
end
