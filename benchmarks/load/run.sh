#!/usr/bin/env bash
# Load against the running gateway (docs/benchmarks.md, "Load against the running gateway", issue 4's speed goals).
#
#   benchmarks/load/run.sh                 # quick: 2,000 Patients, 20,000 Observations, 10 s per scenario
#   benchmarks/load/run.sh --full          # the figures: 100,000 Patients, 1,000,000 Observations, 30 s per scenario
#   benchmarks/load/run.sh --postgres      # the same on a fresh schema of PostgreSQL instead of a fresh SQLite file
#
# Builds Release, starts the shipped host (src/FhirGateway.Api, its appsettings.json, only LoadBaseline:Enabled and
# the listening address and database set from here) on 127.0.0.1 with a fresh database, loads the population through
# transaction Bundles (benchmarks/FhirGateway.Load), then runs wrk (16 connections, 2 threads, --latency) for one
# scenario at a time and prints a table. The read by id is reported as a ratio of the in-memory baseline measured in
# the same run. Installs Debian's wrk when missing (needs root).
#
# Options: --quick | --full, --postgres, --patients N, --observations N, --duration SECONDS, --warmup SECONDS,
#          --only a,b,c (scenarios: baseline read identifier subject-code mixed date), --port N, --keep (keep the
#          data and, on PostgreSQL, the schema), --out FILE (also write the table there), --warm (load 1,000 Patients
#          and 5,000 Observations first, unmeasured, so the loading figures leave out start-up and JIT warm-up),
#          --reuse DIR (SQLite: the scenarios on the population a --keep run left in DIR, not loaded again; give the
#          same --full or --patients/--observations; the mixed scenario adds to it, so run it last).
# PostgreSQL: FHIRGATEWAY_TEST_POSTGRES (an Npgsql connection string) or, when unset, eng/ci/start-postgres.sh.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SCRIPTS="$ROOT/benchmarks/load"
PATIENTS=2000
OBSERVATIONS=20000
DURATION=10
WARMUP=3
MODE=quick
PROVIDER=sqlite
ONLY="baseline,read,identifier,subject-code,mixed,date"
PORT=8091
KEEP=0
OUT=""
WARM=0
REUSE=""
CONNECTIONS=16
THREADS=2

while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) MODE=quick; PATIENTS=2000; OBSERVATIONS=20000; DURATION=10 ;;
    --full) MODE=full; PATIENTS=100000; OBSERVATIONS=1000000; DURATION=30; WARMUP=5 ;;
    --postgres) PROVIDER=postgres ;;
    --patients) PATIENTS="$2"; shift ;;
    --observations) OBSERVATIONS="$2"; shift ;;
    --duration) DURATION="$2"; shift ;;
    --warmup) WARMUP="$2"; shift ;;
    --only) ONLY="$2"; shift ;;
    --port) PORT="$2"; shift ;;
    --keep) KEEP=1 ;;
    --out) OUT="$2"; shift ;;
    --reuse) REUSE="$2"; shift ;;
    --warm) WARM=1 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

log() { echo "load: $*" >&2; }

if ! command -v wrk >/dev/null 2>&1; then
  log "installing wrk from the Debian packages"
  apt-get update >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends wrk >&2
fi

COMMIT="$(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- src benchmarks || echo ' (modified)')"
log "building Release"
dotnet build -c Release -v q -nologo "$ROOT/src/FhirGateway.Api/FhirGateway.Api.csproj" >&2
dotnet build -c Release -v q -nologo "$ROOT/benchmarks/FhirGateway.Load/FhirGateway.Load.csproj" >&2
HOST_DIR="$ROOT/src/FhirGateway.Api/bin/Release/net10.0"
LOADER="$ROOT/benchmarks/FhirGateway.Load/bin/Release/net10.0/FhirGateway.Load.dll"

WORK="$(mktemp -d /tmp/fhirgateway-load.XXXXXX)"
DATA="$WORK/data"
mkdir -p "$DATA"
if [[ -n "$REUSE" ]]; then
  [[ $PROVIDER == sqlite && -f "$REUSE/data/fhirgateway.db" && -f "$REUSE/data/patient-ids.txt" ]] \
    || { log "--reuse needs a directory a SQLite --keep run left (with data/fhirgateway.db)"; exit 2; }
  DATA="$REUSE/data"
fi
BASE="http://127.0.0.1:$PORT"
GATEWAY_PID=""
SCHEMA=""
PG_ADMIN=()

cleanup() {
  if [[ -n "$GATEWAY_PID" ]] && kill -0 "$GATEWAY_PID" 2>/dev/null; then
    kill "$GATEWAY_PID" 2>/dev/null || true
    wait "$GATEWAY_PID" 2>/dev/null || true
  fi
  if [[ $KEEP -eq 0 ]]; then
    if [[ -n "$SCHEMA" ]]; then
      "${PG_ADMIN[@]}" -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" >/dev/null 2>&1 || true
    fi
    rm -rf "$WORK"
  else
    log "kept $WORK${SCHEMA:+ and schema $SCHEMA}"
  fi
}
trap cleanup EXIT

# The host: the shipped appsettings.json (content root = the build output), with the address, the database and the
# baseline switch given as environment configuration.
export ASPNETCORE_ENVIRONMENT=Production
export Kestrel__Endpoints__Http__Url="$BASE"
export LoadBaseline__Enabled=true
if [[ $PROVIDER == postgres ]]; then
  if [[ -z "${FHIRGATEWAY_TEST_POSTGRES:-}" ]]; then
    eval "$("$ROOT/eng/ci/start-postgres.sh")"
  fi
  # Npgsql's "Key=Value;..." to psql's settings, for creating (and later dropping) a fresh schema.
  declare -A PG=()
  IFS=';' read -ra PARTS <<<"$FHIRGATEWAY_TEST_POSTGRES"
  for part in "${PARTS[@]}"; do
    [[ "$part" == *=* ]] && PG["${part%%=*}"]="${part#*=}"
  done
  PG_ADMIN=(env PGPASSWORD="${PG[Password]:-}" psql -X -q -v ON_ERROR_STOP=1 -h "${PG[Host]:-127.0.0.1}" -p "${PG[Port]:-5432}" -U "${PG[Username]:-postgres}" -d "${PG[Database]:-postgres}")
  SCHEMA="fhirgateway_load_$(date +%s)_$$"
  "${PG_ADMIN[@]}" -c "CREATE SCHEMA $SCHEMA" >/dev/null
  export Storage__Provider=Postgres
  export Storage__Postgres__ConnectionString="${FHIRGATEWAY_TEST_POSTGRES%;};Search Path=$SCHEMA"
  log "PostgreSQL schema $SCHEMA"
else
  export Storage__Provider=Sqlite
  export Storage__Sqlite__Path="$DATA/fhirgateway.db"
  log "SQLite $DATA/fhirgateway.db"
fi

(cd "$HOST_DIR" && exec dotnet FhirGateway.Api.dll >"$WORK/gateway.log" 2>&1) &
GATEWAY_PID=$!
for _ in $(seq 1 240); do
  curl -fsS "$BASE/healthz" >/dev/null 2>&1 && break
  kill -0 "$GATEWAY_PID" 2>/dev/null || { cat "$WORK/gateway.log" >&2; exit 1; }
  sleep 0.5
done
curl -fsS "$BASE/healthz" >/dev/null

# The gateway's CPU time (user + system, in clock ticks) from /proc: the figure to compare when other work shares
# the cores, since req/s then depends on what else runs.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$GATEWAY_PID/stat"; }
# The whole machine's busy time (user, nice, system, irq, softirq; https://man7.org/linux/man-pages/man5/proc.5.html):
# what the gateway and wrk did not use of it went to the rest, PostgreSQL's server processes above all.
machine_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 }' /proc/stat; }
TICKS="$(getconf CLK_TCK)"
if [[ -n "$REUSE" ]]; then
  log "reusing the population in $REUSE (not loaded again)"
  echo "LOAD not measured: the population of $REUSE reused" >"$WORK/load.txt"
  LOAD_CPU="not measured"
elif [[ $WARM -eq 1 ]]; then
  log "warm-up: loading 1000 Patients and 5000 Observations (not measured)"
  mkdir -p "$WORK/warm"
  dotnet "$LOADER" --base "$BASE/fhir" --patients 1000 --observations 5000 --out "$WORK/warm" >/dev/null
fi
if [[ -z "$REUSE" ]]; then
  log "loading $PATIENTS Patients and $OBSERVATIONS Observations through transaction Bundles"
  CPU_BEFORE="$(cpu_ticks)"
  dotnet "$LOADER" --base "$BASE/fhir" --patients "$PATIENTS" --observations "$OBSERVATIONS" --out "$DATA" | tee "$WORK/load.txt" >&2
  LOAD_CPU="$(awk -v a="$CPU_BEFORE" -v b="$(cpu_ticks)" -v t="$TICKS" -v n="$((PATIENTS + OBSERVATIONS))" \
    'BEGIN { printf "%.1f s gateway CPU, %.3f ms per resource", (b - a) / t, 1000 * (b - a) / t / n }')"
fi
if [[ $PROVIDER == postgres && -z "$REUSE" ]]; then
  # "Run ANALYZE afterwards" (https://www.postgresql.org/docs/15/populate.html#POPULATE-ANALYZE): after a bulk load
  # the planner has no statistics, and the first reads of each new row set its hint bits, writing pages back while the
  # scenarios run; autovacuum's insert-triggered passes did the same work in the middle of them. VACUUM (ANALYZE) does
  # both once, before anything is measured.
  log "VACUUM (ANALYZE) of the loaded tables"
  "${PG_ADMIN[@]}" -c "SET search_path = $SCHEMA" -c "VACUUM (ANALYZE) resources, resource_versions, search_index, identity_keys, conditional_claims, outbox" >/dev/null
fi

# The baseline answers exactly what the read answers for the first Patient: bytes and content type.
FIRST_ID="$(head -n 1 "$DATA/patient-ids.txt")"
curl -fsS -H 'Accept: application/fhir+json' -D "$WORK/read.headers" -o "$WORK/read.body" "$BASE/fhir/Patient/$FIRST_ID"
CONTENT_TYPE="$(grep -i '^content-type:' "$WORK/read.headers" | head -n 1 | cut -d' ' -f2- | tr -d '\r')"
curl -fsS -X PUT -H "Content-Type: $CONTENT_TYPE" --data-binary "@$WORK/read.body" "$BASE/_load/baseline"
curl -fsS -H 'Accept: application/fhir+json' -o "$WORK/baseline.body" "$BASE/_load/baseline"
cmp -s "$WORK/read.body" "$WORK/baseline.body" || { log "the baseline does not answer the read's bytes"; exit 1; }
PATIENT_BYTES="$(stat -c %s "$WORK/read.body")"
log "baseline: $PATIENT_BYTES bytes, $CONTENT_TYPE"

export LOAD_DATA="$DATA" LOAD_SCRIPTS="$SCRIPTS"
declare -A RESULT=()
declare -A LOADAVG=()
declare -A CPU_OF=()
declare -A WRK_CPU_OF=()
declare -A REST_CPU_OF=()
field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<"$1"; }
run_scenario() {
  local name="$1" script="$2"
  log "$name: warm-up ${WARMUP}s, then ${DURATION}s"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -s "$SCRIPTS/$script" "$BASE" >/dev/null
  LOADAVG[$name]="$(cut -d' ' -f1 /proc/loadavg)"
  local before machine_before requests gateway_ms wrk_ms machine_ms
  before="$(cpu_ticks)"
  machine_before="$(machine_ticks)"
  # bash's time keyword: wrk's own user and system seconds.
  { TIMEFORMAT='%U %S'; time wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$SCRIPTS/$script" "$BASE" >"$WORK/$name.txt"; } 2>"$WORK/$name.time"
  RESULT[$name]="$(grep '^RESULT' "$WORK/$name.txt")"
  requests="$(field "${RESULT[$name]}" requests)"
  gateway_ms="$(awk -v a="$before" -v b="$(cpu_ticks)" -v t="$TICKS" 'BEGIN { print 1000 * (b - a) / t }')"
  machine_ms="$(awk -v a="$machine_before" -v b="$(machine_ticks)" -v t="$TICKS" 'BEGIN { print 1000 * (b - a) / t }')"
  wrk_ms="$(awk '{ print 1000 * ($1 + $2) }' "$WORK/$name.time")"
  CPU_OF[$name]="$(awk -v c="$gateway_ms" -v r="$requests" 'BEGIN { printf "%.3f", (r > 0 ? c / r : 0) }')"
  WRK_CPU_OF[$name]="$(awk -v c="$wrk_ms" -v r="$requests" 'BEGIN { printf "%.3f", (r > 0 ? c / r : 0) }')"
  REST_CPU_OF[$name]="$(awk -v m="$machine_ms" -v g="$gateway_ms" -v w="$wrk_ms" -v r="$requests" \
    'BEGIN { rest = m - g - w; printf "%.3f", (r > 0 && rest > 0 ? rest / r : 0) }')"
  log "$name: ${RESULT[$name]}"
}

declare -A SCRIPT_OF=([baseline]=baseline.lua [read]=read.lua [identifier]=patient-identifier.lua
  [subject-code]=observation-subject-code.lua [mixed]=mixed.lua [date]=observation-date.lua)
declare -A LABEL_OF=([baseline]="Bare baseline (same bytes from memory)" [read]="Read by id (Patient)"
  [identifier]="Patient?identifier=" [subject-code]="Observation?subject=&code="
  [mixed]="Mixed 40% read, 20% create, 20% update, 20% search" [date]="Observation?subject=&code=&date=ge")
IFS=',' read -ra SCENARIOS <<<"$ONLY"
for name in "${SCENARIOS[@]}"; do
  [[ -n "${SCRIPT_OF[$name]:-}" ]] || { log "unknown scenario $name"; exit 2; }
  run_scenario "$name" "${SCRIPT_OF[$name]}"
done

{
  echo "FhirGateway load, $(date -u '+%Y-%m-%d %H:%M UTC'), $MODE, $PROVIDER, $PATIENTS Patients, $OBSERVATIONS Observations, Patient $PATIENT_BYTES bytes"
  echo "wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency; $(nproc) cores; commit $COMMIT"
  echo
  grep '^LOAD' "$WORK/load.txt" | sed 's/^LOAD /Loading: /'
  echo "Loading: $LOAD_CPU"
  echo
  echo "| Scenario | req/s | p50 ms | p95 ms | p99 ms | errors | load avg | gateway CPU ms/req | wrk CPU ms/req | other CPU ms/req |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  for name in "${SCENARIOS[@]}"; do
    r="${RESULT[$name]}"
    printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "${LABEL_OF[$name]}" "$(field "$r" rps)" "$(field "$r" p50)" \
      "$(field "$r" p95)" "$(field "$r" p99)" "$(field "$r" errors)" "${LOADAVG[$name]}" "${CPU_OF[$name]}" "${WRK_CPU_OF[$name]}" "${REST_CPU_OF[$name]}"
  done
  echo
  echo "other CPU: the machine's busy time less the gateway's and wrk's (PostgreSQL's server processes; the kernel's writeback)."
  if [[ -n "${RESULT[baseline]:-}" && -n "${RESULT[read]:-}" ]]; then
    echo
    awk -v r="$(field "${RESULT[read]}" rps)" -v b="$(field "${RESULT[baseline]}" rps)" \
      'BEGIN { printf "Read by id / bare baseline: %.1f%% (goal: at least 50%%)\n", 100 * r / b }'
  fi
} | tee "${OUT:-/dev/null}"
