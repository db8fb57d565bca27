#!/usr/bin/env bash
# Starts a local PostgreSQL for the storage tests, listening on 127.0.0.1 only, with a login role and a test
# database, then prints the line that points the tests at it:
#
#   eval "$(eng/ci/start-postgres.sh)"              # exports FHIRGATEWAY_TEST_POSTGRES
#   eng/ci/start-postgres.sh /tmp/pg.env && . /tmp/pg.env
#
# Idempotent: installs Debian's postgresql only when pg_ctlcluster is missing, reuses an existing cluster, role,
# database and password. Needs root. Everything except the export line goes to stderr.
#
# Settings (environment): FHIRGATEWAY_PG_ROLE (fhirgateway), FHIRGATEWAY_PG_DATABASE (fhirgateway_test),
# FHIRGATEWAY_PG_PASSWORD (generated once and kept in $PASSWORD_FILE).
set -euo pipefail

ROLE="${FHIRGATEWAY_PG_ROLE:-fhirgateway}"
DATABASE="${FHIRGATEWAY_PG_DATABASE:-fhirgateway_test}"
PASSWORD_FILE=/var/lib/postgresql/.fhirgateway-test-password
ENV_FILE="${1:-}"

log() { echo "start-postgres: $*" >&2; }

if [[ $(id -u) -ne 0 ]]; then
  log "must run as root"
  exit 1
fi

if [[ ! "$ROLE" =~ ^[a-z_][a-z0-9_]*$ || ! "$DATABASE" =~ ^[a-z_][a-z0-9_]*$ ]]; then
  log "role and database names must be plain lower-case identifiers"
  exit 1
fi

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  log "installing postgresql from the Debian packages"
  apt-get update >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql >&2
fi

# The first existing cluster, or a new "main" cluster of the newest installed server.
read -r VERSION CLUSTER PORT _ < <(pg_lsclusters -h | head -n 1) || true
if [[ -z "${VERSION:-}" ]]; then
  VERSION="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
  CLUSTER=main
  log "creating cluster $VERSION/$CLUSTER"
  pg_createcluster "$VERSION" "$CLUSTER" >&2
  read -r VERSION CLUSTER PORT _ < <(pg_lsclusters -h | grep -E "^$VERSION +$CLUSTER " | head -n 1)
fi

# Loopback only: the test server must never be reachable from the network. A drop-in in the cluster's conf.d
# (included by Debian's postgresql.conf) overrides the main file without editing it.
DROP_IN="/etc/postgresql/$VERSION/$CLUSTER/conf.d/fhirgateway-tests.conf"
WANTED="listen_addresses = '127.0.0.1'"
if [[ "$(cat "$DROP_IN" 2>/dev/null || true)" != "$WANTED" ]]; then
  mkdir -p "$(dirname "$DROP_IN")"
  echo "$WANTED" >"$DROP_IN"
  if pg_lsclusters -h | grep -qE "^$VERSION +$CLUSTER +[0-9]+ +online"; then
    log "restarting $VERSION/$CLUSTER to listen on 127.0.0.1 only"
    pg_ctlcluster "$VERSION" "$CLUSTER" restart >&2
  fi
fi

if ! pg_lsclusters -h | grep -qE "^$VERSION +$CLUSTER +[0-9]+ +online"; then
  log "starting $VERSION/$CLUSTER on 127.0.0.1:$PORT"
  pg_ctlcluster "$VERSION" "$CLUSTER" start >&2
fi

for _ in $(seq 1 60); do
  pg_isready -q -h 127.0.0.1 -p "$PORT" && break
  sleep 0.5
done
pg_isready -h 127.0.0.1 -p "$PORT" >&2

if [[ -n "${FHIRGATEWAY_PG_PASSWORD:-}" ]]; then
  PASSWORD="$FHIRGATEWAY_PG_PASSWORD"
elif [[ -s "$PASSWORD_FILE" ]]; then
  PASSWORD="$(cat "$PASSWORD_FILE")"
else
  PASSWORD="$(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  install -m 600 /dev/null "$PASSWORD_FILE"
  printf '%s' "$PASSWORD" >"$PASSWORD_FILE"
fi

psql_admin() { runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$PORT" "$@"; }

# The password goes through a psql variable on stdin, never on a command line.
psql_admin -v role="$ROLE" -v password="$PASSWORD" >&2 <<'SQL'
SELECT format('CREATE ROLE %I LOGIN', :'role') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
ALTER ROLE :"role" WITH LOGIN NOSUPERUSER NOCREATEROLE PASSWORD :'password';
SQL

psql_admin -v role="$ROLE" -v database="$DATABASE" >&2 <<'SQL'
SELECT format('CREATE DATABASE %I OWNER %I', :'database', :'role') WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'database') \gexec
SQL

LINE="export FHIRGATEWAY_TEST_POSTGRES='Host=127.0.0.1;Port=$PORT;Username=$ROLE;Password=$PASSWORD;Database=$DATABASE'"
if [[ -n "$ENV_FILE" ]]; then
  install -m 600 /dev/null "$ENV_FILE"
  echo "$LINE" >"$ENV_FILE"
  log "wrote $ENV_FILE"
fi
echo "$LINE"
log "PostgreSQL $VERSION ready on 127.0.0.1:$PORT, database $DATABASE, role $ROLE"
