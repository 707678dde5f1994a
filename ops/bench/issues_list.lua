-- GET /api/v1/issues: 50 rows, the inbox order, with varied filters.
package.path = os.getenv("BENCH_DIR") .. "/?.lua;" .. package.path
local c = require("common")
local filters = { "", "&state=in_progress,submitted", "&overdue=true", "&state=closed",
  "&kind=proposal", "&q=thu%20tuc", "&level=department" }
c.install(function()
  local f = filters[math.random(#filters)]
  return wrk.format("GET", "/api/v1/issues?sort=due_asc&limit=50" .. f, c.headers)
end)
