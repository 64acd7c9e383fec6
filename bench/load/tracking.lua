-- wrk: GET /api/v1/dossiers/{code} as its applicant (BENCH_CODE, BENCH_CCCD), each request from
-- another citizen's address behind the proxy, as many citizens following their dossiers.
local path = "/api/v1/dossiers/" .. os.getenv("BENCH_CODE")
local cccd = os.getenv("BENCH_CCCD")
local n = 0
request = function()
  n = n + 1
  local address = "10." .. (n % 250) .. "." .. (math.floor(n / 250) % 250) .. "." .. math.random(1, 250)
  return wrk.format("GET", path, { ["x-applicant"] = cccd, ["x-forwarded-for"] = address })
end
