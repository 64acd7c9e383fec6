-- wrk: POST /api/v1/dossiers, each with a key of its own (BENCH_BODY: the JSON body, made by
-- bench/load.sh; BENCH_RUN: unique to the run).
local body = os.getenv("BENCH_BODY")
local run = os.getenv("BENCH_RUN")
local thread_id, n = 0, 0
local counter = 0
setup = function(thread)
  counter = counter + 1
  thread:set("thread_id", counter)
end
request = function()
  n = n + 1
  local headers = { ["content-type"] = "application/json", ["idempotency-key"] = run .. "-" .. thread_id .. "-" .. n }
  return wrk.format("POST", "/api/v1/dossiers", headers, body)
end
