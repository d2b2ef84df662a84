#!/usr/bin/env bash
# Restores a backup of infra/bin/backup.sh into the store, replacing what is there. The services
# must be stopped (npm run ops -- restore checks that, then drops the outbox pointers whose events
# Kafka already has and rewinds the consumer groups; see docs/operations/backup-and-restore.md).
#
#   infra/bin/restore.sh FILE
#
# The backup is restored into a database of its own first, so that a failed restore leaves the
# store as it was; then FerretDB is stopped (it caches each database's collections and tables),
# the store's database is replaced by the restored one, and FerretDB is started again. Server and
# database as for backup.sh; FerretDB is stopped and started through infra/local/infra.sh (the
# same KELISIM_INFRA_DIR and ports), or, with KELISIM_FERRETDB_EXTERNAL=1 (a FerretDB this
# repository does not run), left to the operator: stopped before, started after. Prints the time
# the backup was taken (UTC, ISO 8601).
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$REPO/infra/bin/store-server.sh"
STAGING="${DB}_restoring"

file="${1:-}"
[ -n "$file" ] && [ -f "$file" ] || { echo "usage: $0 BACKUP_FILE (an existing file)" >&2; exit 2; }
toc=$("$PG_BIN/pg_restore" --list "$file") || { echo "restore: $file is not a pg_dump archive" >&2; exit 1; }
taken=$(printf '%s\n' "$toc" | sed -n 's/^; Archive created at //p')

sql() { "$PG_BIN/psql" --no-psqlrc --quiet --set ON_ERROR_STOP=1 --dbname=postgres --command "$1"; }

started=$(date +%s%N)
sql "DROP DATABASE IF EXISTS \"$STAGING\" WITH (FORCE)"
# FerretDB accepts only UTF8 with the C, POSIX or C.UTF8 locale (as infra.sh's initdb).
sql "CREATE DATABASE \"$STAGING\" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'"
"$PG_BIN/pg_restore" --no-owner --exit-on-error --jobs=2 --dbname="$STAGING" "$file"
# A dump holds no planner statistics, and the store's sorted pages read an empty index only where
# the statistics say it is empty (docs/adr/0012): analysed before anyone reads it.
"$PG_BIN/psql" --no-psqlrc --quiet --set ON_ERROR_STOP=1 --dbname="$STAGING" --command ANALYZE
# A FerretDB run elsewhere was stopped by the operator before, and is started by them after.
ferretdb() {
  [ "${KELISIM_FERRETDB_EXTERNAL:-}" = 1 ] || bash "$REPO/infra/local/infra.sh" "$1" ferretdb
}
ferretdb stop
sql "DROP DATABASE IF EXISTS \"$DB\" WITH (FORCE)"
sql "ALTER DATABASE \"$STAGING\" RENAME TO \"$DB\""
ferretdb start
ms=$(( ($(date +%s%N) - started) / 1000000 ))
echo "restore: $file (taken $taken) into database $DB on $PGHOST:$PGPORT in ${ms} ms" >&2
[ "${KELISIM_FERRETDB_EXTERNAL:-}" = 1 ] && echo "restore: start FerretDB now" >&2
date -u -d "$taken" +%Y-%m-%dT%H:%M:%SZ
