#!/usr/bin/env bash
# Starts the platform: infrastructure (given endpoints, else Docker compose, else infra/local),
# development secrets and the four services; prints where each answers; Ctrl-C stops them.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# "ready in N s" counts from here, the install included.
export KELISIM_STARTED_AT="${KELISIM_STARTED_AT:-$(node -p 'Date.now()')}"
install_workspace
echo "[kelisim] node $(node --version)" >&2
# The launcher (tools/launcher) starts every service process, here as in the tests.
cd tools/launcher
exec node --import tsx src/bin/platform.ts
