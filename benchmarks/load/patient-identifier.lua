-- Simple search: GET /fhir/Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|{NHS number} of a random loaded Patient.
dofile(os.getenv("LOAD_SCRIPTS") .. "/common.lua")
local identifiers
function init(args) seed(); identifiers = lines("patient-identifiers.txt") end
function request()
  return wrk.format("GET", "/fhir/Patient?identifier=" .. pick(identifiers), { ["Accept"] = "application/fhir+json" })
end
