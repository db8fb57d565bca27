-- The bare baseline: the same Patient bytes from memory (GET /_load/baseline, LoadBaseline:Enabled).
dofile(os.getenv("LOAD_SCRIPTS") .. "/common.lua")
local ids
function init(args) seed(); ids = lines("patient-ids.txt") end
function request()
  local _ = pick(ids)
  return wrk.format("GET", "/_load/baseline", { ["Accept"] = "application/fhir+json" })
end
