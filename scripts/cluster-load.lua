-- wrk script for scripts/cluster: anonymous readers going round the public
-- pages, each answer's status counted per thread and summed at the end.
local paths = {
  "/", "/m/berlin", "/m/berlin/trips", "/m/ballerup/policy", "/m/stuttgart/partners",
  "/m/goteborg/agreements", "/compare", "/search?q=Partnerschaft", "/m/vasteras/budget",
  "/m/berlin/feed.atom", "/m/ballerup/trips?sort=cost_desc",
}
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  counter = 0
  codes = {}
end

function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end

function response(status, headers, body)
  codes[status] = (codes[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    for code, n in pairs(t:get("codes")) do
      total[code] = (total[code] or 0) + n
    end
  end
  local parts = {}
  for code, n in pairs(total) do
    table.insert(parts, code .. "=" .. n)
  end
  table.sort(parts)
  local e = summary.errors
  io.write(string.format("STATUS %s\n", table.concat(parts, " ")))
  io.write(string.format("SOCKET_ERRORS connect=%d read=%d write=%d timeout=%d status=%d\n",
    e.connect, e.read, e.write, e.timeout, e.status))
  io.write(string.format("TOTAL requests=%d seconds=%.1f rps=%.1f p50_ms=%.1f p99_ms=%.1f\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
