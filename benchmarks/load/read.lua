-- Read by id: GET /fhir/Patient/{id} of a random loaded Patient.
dofile(os.getenv("LOAD_SCRIPTS") .. "/common.lua")
local ids
function init(args) seed(); ids = lines("patient-ids.txt") end
function request()
  return wrk.format("GET", "/fhir/Patient/" .. pick(ids), { ["Accept"] = "application/fhir+json" })
end
