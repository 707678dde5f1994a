-- GET /api/v1/issues/{id} and its timeline, for ids spread over the data.
package.path = os.getenv("BENCH_DIR") .. "/?.lua;" .. package.path
local c = require("common")
local max_id = tonumber(os.getenv("BENCH_MAX_ID") or "1000")
c.install(function()
  local id = math.random(max_id)
  if math.random(2) == 1 then
    return wrk.format("GET", "/api/v1/issues/" .. id, c.headers)
  end
  return wrk.format("GET", "/api/v1/issues/" .. id .. "/events", c.headers)
end)
