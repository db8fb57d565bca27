-- Simple search: GET /fhir/Observation?subject=Patient/{id}&code={system|code} for a random Patient and code.
dofile(os.getenv("LOAD_SCRIPTS") .. "/common.lua")
local ids, codes
function init(args) seed(); ids = lines("patient-ids.txt"); codes = lines("observation-codes.txt") end
function request()
  return wrk.format("GET", "/fhir/Observation?subject=Patient/" .. pick(ids) .. "&code=" .. pick(codes), { ["Accept"] = "application/fhir+json" })
end
