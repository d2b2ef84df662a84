#!/usr/bin/env bash
# A consistent backup of every service's database while the platform runs: FerretDB keeps each
# service's database as a schema of one PostgreSQL database, so one `pg_dump` of it is one
# snapshot of all of them (a single repeatable-read transaction; writers are not blocked).
#
#   infra/bin/backup.sh [--out FILE]      (npm run ops -- backup [--out FILE] calls it)
#
# The file is pg_dump's custom format (compressed; `pg_restore -l FILE` lists it), written under
# $KELISIM_BACKUP_DIR (default .infra/backups/) with a UTC timestamp by default, and renamed
# into place only once complete.
# The server: libpq's PGHOST, PGPORT, PGUSER, PGPASSWORD when set (production), else the local
# cluster of infra/local/infra.sh (127.0.0.1:$KELISIM_POSTGRES_PORT, user postgres). The
# database: KELISIM_POSTGRES_DB (default ferretdb). See docs/operations/backup-and-restore.md.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STATE="${KELISIM_INFRA_DIR:-$REPO/.infra}"
source "$REPO/infra/bin/store-server.sh"

out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out="${2:?--out needs a file}"; shift 2 ;;
    --out=*) out="${1#--out=}"; shift ;;
    *) echo "usage: $0 [--out FILE]" >&2; exit 2 ;;
  esac
done
[ -n "$out" ] || out="${KELISIM_BACKUP_DIR:-$STATE/backups}/kelisim-$(date -u +%Y%m%dT%H%M%SZ).dump"
mkdir -p "$(dirname "$out")"

started=$(date +%s%N)
# The client tools run as any user (only the server refuses root); a partial file never takes
# the final name, so a backup that fails midway cannot be mistaken for a good one.
trap 'rm -f "$out.partial"' EXIT
"$PG_BIN/pg_dump" --format=custom --no-owner --dbname="$DB" --file="$out.partial"
mv "$out.partial" "$out"
ms=$(( ($(date +%s%N) - started) / 1000000 ))
bytes=$(stat -c %s "$out")
echo "backup: $out ($bytes bytes, ${ms} ms, database $DB on $PGHOST:$PGPORT)" >&2
echo "$out"
