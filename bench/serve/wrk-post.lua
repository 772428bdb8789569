-- wrk-post.lua - bench:serve's wrk script: POSTs JSON bodies to the URL given to wrk, with
-- `authorization: Bearer $WRK_TOKEN` when that is set. WRK_BODIES holds one JSON body per line: with one
-- line every request carries it (wrk's static request, as ../shared/bench/wrk_post.lua); with several
-- they are sent round robin per connection (the A/B case: rows of different machines). At the end one
-- line "WRK_JSON {...}" gives requests/s, latency percentiles (microseconds), non-2xx and socket errors.
--   WRK_BODIES='{"row":{...}}' WRK_TOKEN=... wrk -t1 -c32 -d10s --latency -s wrk-post.lua URL

local bodies = {}
for line in string.gmatch(os.getenv("WRK_BODIES") or "", "[^\n]+") do
  table.insert(bodies, line)
end
if #bodies == 0 then
  io.stderr:write("wrk-post.lua: set WRK_BODIES to one JSON body per line\n")
  os.exit(2)
end

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local token = os.getenv("WRK_TOKEN")
if token and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end
wrk.body = bodies[1]

if #bodies > 1 then
  -- built in init: wrk.init sets the Host header, then calls this
  local requests = {}
  local i = 0
  function init(args)
    for k, b in ipairs(bodies) do
      requests[k] = wrk.format(nil, nil, nil, b)
    end
  end
  function request()
    i = i % #requests + 1
    return requests[i]
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  local secs = summary.duration / 1e6
  io.write(string.format(
    'WRK_JSON {"requests":%d,"duration_s":%.3f,"requests_per_s":%.1f,' ..
    '"latency_us":{"p50":%d,"p90":%d,"p99":%d,"max":%d,"mean":%.1f},' ..
    '"non_2xx":%d,"errors":{"connect":%d,"read":%d,"write":%d,"timeout":%d}}\n',
    summary.requests, secs, summary.requests / secs,
    latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.max, latency.mean,
    e.status, e.connect, e.read, e.write, e.timeout))
end
