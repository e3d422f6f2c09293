# Sourced by scripts/test-all.sh and .ci/run: installs what the tests need on a fresh Debian
# machine (Chromium, Prometheus and its Alertmanager, a running PostgreSQL) and exports
# DATABASE_URL.
# Safe to run again: every step checks first.

as_root() {
  if [ "$(id -u)" = "0" ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else return 1; fi
}

as_postgres() {
  if [ "$(id -u)" = "0" ]; then su postgres -c "$*"; else sudo -u postgres sh -c "$*"; fi
}

# CI must test on PostgreSQL: there a missing server fails the run instead of quietly leaving
# only the PGlite tests (exit, not return: this file is sourced by the script that runs them).
postgres_unavailable() {
  if [ "${CI:-}" = "true" ]; then
    echo "[prepare] FAILED: $1. CI=true requires PostgreSQL; not falling back to PGlite only." >&2
    exit 1
  fi
  echo "[prepare] $1; integration tests will run on PGlite only" >&2
}

apt_updated=""
apt_install() {
  if [ -z "$apt_updated" ]; then
    echo "[prepare] apt-get update"
    as_root apt-get update -qq || { echo "[prepare] cannot run apt-get; install $* yourself" >&2; return 1; }
    apt_updated=1
  fi
  echo "[prepare] apt-get install $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

if ! command -v chromium >/dev/null 2>&1; then apt_install chromium; fi
if ! command -v prometheus-alertmanager >/dev/null 2>&1; then apt_install prometheus-alertmanager; fi
if ! command -v prometheus >/dev/null 2>&1; then apt_install prometheus; fi

if [ -z "${DATABASE_URL:-}" ]; then
  if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    apt_install postgresql || postgres_unavailable "cannot install PostgreSQL"
  fi
  cluster=$(pg_lsclusters --no-header 2>/dev/null | head -n 1)
  pg_version=$(echo "$cluster" | awk '{print $1}')
  pg_name=$(echo "$cluster" | awk '{print $2}')
  pg_port=$(echo "$cluster" | awk '{print $3}')
  if [ -z "$pg_version" ]; then
    postgres_unavailable "no PostgreSQL cluster found"
  else
    if ! pg_lsclusters --no-header | head -n 1 | grep -q online; then
      echo "[prepare] starting PostgreSQL $pg_version/$pg_name"
      as_root pg_ctlcluster "$pg_version" "$pg_name" start ||
        postgres_unavailable "PostgreSQL $pg_version/$pg_name would not start"
    fi
    as_postgres "psql -p $pg_port -tAc \"SELECT 1 FROM pg_roles WHERE rolname = 'faultline'\"" | grep -q 1 ||
      as_postgres "psql -p $pg_port -qc \"CREATE ROLE faultline LOGIN SUPERUSER PASSWORD 'faultline'\""
    as_postgres "psql -p $pg_port -tAc \"SELECT 1 FROM pg_database WHERE datname = 'faultline_test'\"" | grep -q 1 ||
      as_postgres "createdb -p $pg_port -O faultline faultline_test"
    export DATABASE_URL="postgres://faultline:faultline@localhost:$pg_port/faultline_test"
    echo "[prepare] DATABASE_URL=$DATABASE_URL"
  fi
fi
if [ -z "${DATABASE_URL:-}" ] && [ "${CI:-}" = "true" ]; then postgres_unavailable "DATABASE_URL is not set"; fi
