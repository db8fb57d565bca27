-- The big scenario's search: GET /fhir/Observation?subject=Patient/{id}&code={system|code}&date=ge{year}-01-01.
dofile(os.getenv("LOAD_SCRIPTS") .. "/common.lua")
local ids, codes
function init(args) seed(); ids = lines("patient-ids.txt"); codes = lines("observation-codes.txt") end
function request()
  local year = 2012 + math.random(0, 13)
  return wrk.format("GET", "/fhir/Observation?subject=Patient/" .. pick(ids) .. "&code=" .. pick(codes) .. "&date=ge" .. year .. "-01-01",
    { ["Accept"] = "application/fhir+json" })
end
