#!/usr/bin/env bash
# Starts the platform: infrastructure (given endpoints, else Docker compose, else infra/local),
# development secrets and the four services; prints where each answers; Ctrl-C stops them.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# "ready in N s" counts from here, the install included.
export KELISIM_STARTED_AT="${KELISIM_STARTED_AT:-$(node -p 'Date.now()')}"
install_workspace
exec node infra/bin/platform.mjs
