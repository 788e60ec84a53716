-- wrk script of the benchmarks (benchmarks/, class Wrk): every case uses it, so that the load generator does the same work
-- per request in every case.
--   wrk -s bench.lua URL -- USERS_FILE|- CSRF_HEADER_NAME
-- USERS_FILE has one visitor a line: "<Cookie header>\t<CSRF token or ->". Requests rotate over the users, so
-- that K sessions are used at once; with "-" requests carry no cookie (anonymous visitors).
-- done() prints one machine-readable line that the bench runner parses (latencies in microseconds).

local users = {}
local index = 0
local csrf_header = "X-CSRF-TOKEN"

function init(args)
  local file = args[1]
  if args[2] then
    csrf_header = args[2]
  end
  if file and file ~= "-" then
    for line in io.lines(file) do
      local cookie, token = line:match("^(.-)\t(.*)$")
      if cookie then
        users[#users + 1] = { cookie, token }
      end
    end
  end
  -- each thread starts elsewhere in the list
  index = math.random(math.max(#users, 1)) - 1
end

function request()
  local headers = {}
  if #users > 0 then
    index = index % #users + 1
    local user = users[index]
    headers["Cookie"] = user[1]
    if user[2] ~= "-" then
      headers[csrf_header] = user[2]
    end
  end
  return wrk.format("GET", nil, headers)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d p50_us=%.0f p99_us=%.0f connect=%d read=%d write=%d status=%d timeout=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect, e.read, e.write, e.status, e.timeout))
end
