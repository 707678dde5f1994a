-- POST /api/v1/issues as a commune, each with its own Idempotency-Key.
package.path = os.getenv("BENCH_DIR") .. "/?.lua;" .. package.path
local c = require("common")
local n = 0
c.install(function()
  n = n + 1
  local h = { ["Authorization"] = c.headers["Authorization"], ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = "bench-" .. c.thread_tag() .. "-" .. n }
  local body = '{"title":"[bench] Vướng mắc số ' .. n .. '","description":"Đo tải tạo kiến nghị.",' ..
    '"field":"xay-dung","kind":"difficulty"}'
  return wrk.format("POST", "/api/v1/issues", h, body)
end)
