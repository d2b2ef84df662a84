#!/usr/bin/env bash
# Installs the pinned schemathesis into a virtualenv under <repo>/.tools/ (git-ignored) on first
# use, and again only when the pins change. Needs python3 (3.10+) with venv, as the machines have.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
repo="$(cd "$here/../.." && pwd)"
venv="$repo/.tools/schemathesis"
stamp="$venv/.pins"
pins="$(cat "$here/requirements.txt" "$here/constraints.txt")"
if [ -x "$venv/bin/schemathesis" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$pins" ]; then
  exit 0
fi
echo "[conformance] installing schemathesis into $venv" >&2
rm -rf "$venv"
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check \
  -r "$here/requirements.txt" -c "$here/constraints.txt" >&2
printf '%s' "$pins" > "$stamp"
"$venv/bin/schemathesis" --version >&2
