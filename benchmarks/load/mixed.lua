-- Mixed load: 40% read by id, 20% create, 20% update, 20% search by identifier (each on a random loaded Patient).
-- Identifiers are unique per type on the gateway: a create gets new numbers, an update keeps the Patient's own.
dofile(os.getenv("LOAD_SCRIPTS") .. "/common.lua")
local ids, numbers, identifiers, template
local created = 0
local tag
local json = { ["Accept"] = "application/fhir+json", ["Content-Type"] = "application/fhir+json" }
function init(args)
  seed()
  tag = math.random(100000, 999999)
  ids = lines("patient-ids.txt")
  numbers = lines("patient-numbers.txt")
  identifiers = lines("patient-identifiers.txt")
  local file = io.open(os.getenv("LOAD_DATA") .. "/patient-template.json", "rb")
  template = file:read("*a")
  file:close()
end
local function body(nhs, loc)
  return (template:gsub("__NHS__", nhs):gsub("__LOCAL__", loc))
end
function request()
  local roll = math.random(10)
  if roll <= 4 then
    return wrk.format("GET", "/fhir/Patient/" .. pick(ids), json)
  elseif roll <= 6 then
    created = created + 1
    local unique = string.format("7%06d%06d", tag, created)
    return wrk.format("POST", "/fhir/Patient", json, body(unique, "LTC" .. unique))
  elseif roll <= 8 then
    local i = math.random(#ids)
    local nhs, loc = numbers[i]:match("^(%S+) (%S+)$")
    local update = body(nhs, loc):gsub('^{"resourceType":"Patient",', '{"resourceType":"Patient","id":"' .. ids[i] .. '",', 1)
    return wrk.format("PUT", "/fhir/Patient/" .. ids[i], json, update)
  else
    return wrk.format("GET", "/fhir/Patient?identifier=" .. pick(identifiers), json)
  end
end
