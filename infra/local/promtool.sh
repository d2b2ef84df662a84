#!/usr/bin/env bash
# Prints the path of Prometheus's promtool, building it first when needed: from the Go module
# proxy at the version pinned in promtool/go.mod (a `tool` directive), into the infra cache
# ($KELISIM_INFRA_CACHE_DIR or $KELISIM_INFRA_DIR, default <repo>/.infra, git-ignored). The first
# build takes about four minutes on two cores; later calls reuse the binary until go.mod or
# go.sum change.
#
#   infra/local/promtool.sh            # build if needed, print the binary's path
#   "$(infra/local/promtool.sh)" check rules infra/observability/prometheus-rules.yaml
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
STATE="${KELISIM_INFRA_DIR:-$REPO/.infra}"
CACHE="${KELISIM_INFRA_CACHE_DIR:-$STATE}"
BIN="$CACHE/bin/promtool"

mkdir -p "$CACHE/bin"
# One build at a time: test files of several packages may ask at once.
exec 9>"$BIN.lock"
flock 9
stamp=$(cat "$HERE/promtool/go.mod" "$HERE/promtool/go.sum" | cksum | cut -d' ' -f1)
if [ ! -x "$BIN" ] || [ "$(cat "$BIN.stamp" 2>/dev/null)" != "$stamp" ]; then
  printf '[infra] promtool: building from the Go module proxy (first time only, a few minutes)\n' >&2
  (cd "$HERE/promtool" && GOFLAGS=-mod=mod CGO_ENABLED=0 nice -n 10 \
    go build -trimpath -o "$BIN.tmp" github.com/prometheus/prometheus/cmd/promtool)
  mv "$BIN.tmp" "$BIN"
  echo "$stamp" > "$BIN.stamp"
fi
echo "$BIN"
