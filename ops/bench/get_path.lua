-- GET one of the paths in BENCH_PATHS (space-separated), at random.
package.path = os.getenv("BENCH_DIR") .. "/?.lua;" .. package.path
local c = require("common")
local paths = {}
for p in string.gmatch(os.getenv("BENCH_PATHS") or "/api/health", "%S+") do paths[#paths + 1] = p end
c.install(function()
  return wrk.format("GET", paths[math.random(#paths)], c.headers)
end)
