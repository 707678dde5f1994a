-- GET /api/v1/issues/{id} and its timeline, for existing ids spread over the data
-- (BENCH_DETAIL_IDS, a random sample, so that every request finds its issue).
package.path = os.getenv("BENCH_DIR") .. "/?.lua;" .. package.path
local c = require("common")
local ids = {}
for id in string.gmatch(os.getenv("BENCH_DETAIL_IDS") or "", "%d+") do ids[#ids + 1] = id end
c.install(function()
  local id = ids[math.random(#ids)]
  if math.random(2) == 1 then
    return wrk.format("GET", "/api/v1/issues/" .. id, c.headers)
  end
  return wrk.format("GET", "/api/v1/issues/" .. id .. "/events", c.headers)
end)
