-- A day's mix for the soak test: lists (with filters and the next page), details and
-- timelines, reports, statistics, new issues and transitions, as the roles that make them.
-- Tokens and ids come from the environment (ops/bench/soak).
package.path = os.getenv("BENCH_DIR") .. "/?.lua;" .. package.path
local c = require("common")
local function bearer(name) return "Bearer " .. (os.getenv(name) or "") end
local dept, snv, lead, commune = bearer("BENCH_DEPT"), bearer("BENCH_SNV"), bearer("BENCH_LEAD"),
  bearer("BENCH_COMMUNE")
local detail_ids = {}
for id in string.gmatch(os.getenv("BENCH_DETAIL_IDS") or "", "%d+") do detail_ids[#detail_ids + 1] = id end
local period = os.getenv("BENCH_PERIOD") or "1"
local from, to = os.getenv("BENCH_FROM") or "2026-01-01", os.getenv("BENCH_TO") or "2026-12-31"
local ids = {}
for id in string.gmatch(os.getenv("BENCH_IDS") or "", "%d+") do ids[#ids + 1] = id end
local filters = { "&sort=due_asc", "&sort=due_asc&state=in_progress,submitted",
  "&sort=due_asc&overdue=true", "&sort=due_asc&kind=proposal", "&sort=due_asc&q=thu%20tuc",
  "&sort=due_asc&level=department", "&sort=created_desc" }
local n = 0

local function get(token, path)
  return wrk.format("GET", path, { ["Authorization"] = token, ["Accept-Encoding"] = "gzip" })
end
local function post(token, path, body, extra)
  local h = { ["Authorization"] = token, ["Content-Type"] = "application/json" }
  for k, v in pairs(extra or {}) do h[k] = v end
  return wrk.format("POST", path, h, body)
end

c.install(function()
  n = n + 1
  local r = math.random(100)
  if r <= 40 then
    return get(dept, "/api/v1/issues?limit=50" .. filters[math.random(#filters)])
  elseif r <= 60 then
    local id = detail_ids[math.random(#detail_ids)]
    return get(snv, "/api/v1/issues/" .. id .. (math.random(2) == 1 and "" or "/events"))
  elseif r <= 70 then
    return get(commune, "/api/v1/issues?limit=20")
  elseif r <= 78 then
    return get(math.random(2) == 1 and snv or lead, "/api/v1/periods/" .. period .. "/reports/107")
  elseif r <= 84 then
    return get(lead, "/api/v1/stats/overview?from=" .. from .. "&to=" .. to)
  elseif r <= 87 then
    return get(lead, "/api/v1/stats/breakdown?by=field&from=" .. from .. "&to=" .. to)
  elseif r <= 94 then
    return post(commune, "/api/v1/issues",
      '{"title":"[bench] Vướng mắc đo tải số ' .. n .. '","description":"Đo tải dài hạn.",' ..
      '"field":"xay-dung","kind":"difficulty"}', { ["Idempotency-Key"] = "soak-" .. c.thread_tag() .. "-" .. n })
  else
    return post(dept, "/api/v1/issues/" .. ids[math.random(#ids)] .. "/transitions",
      '{"action":"propose_escalation","reason":"Đo tải dài hạn"}')
  end
end)
