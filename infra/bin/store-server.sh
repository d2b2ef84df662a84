# Sourced by backup.sh and restore.sh: which PostgreSQL server and database hold the store.
# libpq's PGHOST, PGPORT, PGUSER, PGPASSWORD when set (production), else the local cluster of
# infra/local/infra.sh (127.0.0.1:$KELISIM_POSTGRES_PORT, user postgres); the database is
# KELISIM_POSTGRES_DB (default ferretdb). A store on SQLite has no such server: refused.
PG_BIN="${KELISIM_POSTGRES_BIN:-/usr/lib/postgresql/15/bin}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-${KELISIM_POSTGRES_PORT:-55432}}" PGUSER="${PGUSER:-postgres}"
DB="${KELISIM_POSTGRES_DB:-ferretdb}"
if [ "${KELISIM_STORE_BACKEND:-postgresql}" != postgresql ]; then
  echo "$(basename "$0"): the store is FerretDB on ${KELISIM_STORE_BACKEND}, not PostgreSQL: stop FerretDB and copy its data folder instead" >&2
  exit 2
fi
