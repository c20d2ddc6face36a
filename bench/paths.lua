-- paths.lua — wrk script: each request takes the next address of the file
-- named by the environment variable PATHS (one a line), each wrk thread
-- starting at another place of the list; a response that is not 2xx is
-- counted and printed at the end.
local paths = {}
for line in io.lines(os.getenv("PATHS")) do
  if line ~= "" then paths[#paths + 1] = line end
end
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("start", counter * 997)
  table.insert(threads, thread)
end

function init(args)
  n = start or 0
  non2xx = 0
end

function request()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end

function response(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end

function done(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do bad = bad + t:get("non2xx") end
  io.write(string.format("non2xx %d\n", bad))
  io.write(string.format("p99ms %.1f\n", latency:percentile(99) / 1000))
  io.write(string.format("p50ms %.1f\n", latency:percentile(50) / 1000))
  io.write(string.format("requests %d\n", summary.requests))
end
