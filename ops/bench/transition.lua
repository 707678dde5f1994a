-- POST /api/v1/issues/{id}/transitions: a department officer proposes escalation (the state
-- stays, an event and notifications are written) on issues it holds.
package.path = os.getenv("BENCH_DIR") .. "/?.lua;" .. package.path
local c = require("common")
local ids = {}
for id in string.gmatch(os.getenv("BENCH_IDS") or "", "%d+") do ids[#ids + 1] = id end
c.install(function()
  local h = { ["Authorization"] = c.headers["Authorization"], ["Content-Type"] = "application/json" }
  return wrk.format("POST", "/api/v1/issues/" .. ids[math.random(#ids)] .. "/transitions", h,
    '{"action":"propose_escalation","reason":"Đo tải"}')
end)
