-- wrk: GET /api/v1/procedures?q=… cycling over what citizens type (no diacritics, everyday words).
local queries = { "khai%20sinh", "so%20do", "giay%20phep%20xay%20dung", "dang%20ky%20kinh%20doanh",
  "ket%20hon", "tam%20tru", "cap%20lai%20cccd", "ho%20kinh%20doanh", "chung%20thuc", "dat%20dai" }
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", "/api/v1/procedures?q=" .. queries[(n % #queries) + 1])
end
