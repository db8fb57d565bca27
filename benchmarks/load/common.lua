-- Shared by the wrk scripts of benchmarks/load: the data files the loader wrote (LOAD_DATA) and the result line
-- run.sh reads. Every script builds each request in request(), the baseline included, so wrk's own cost is the
-- same for every scenario.
local data = os.getenv("LOAD_DATA") or "load-data"

function lines(name)
  local values = {}
  for line in io.lines(data .. "/" .. name) do
    if line ~= "" then values[#values + 1] = line end
  end
  return values
end

function pick(values)
  return values[math.random(#values)]
end

function seed()
  -- One stream per thread: wrk gives each thread its own Lua state.
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 100000)
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT requests=%d seconds=%.2f rps=%.1f p50=%.2f p95=%.2f p99=%.2f max=%.2f errors=%d non2xx=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    errors, summary.errors.status))
end
