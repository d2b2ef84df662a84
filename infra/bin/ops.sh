#!/usr/bin/env bash
# The operator command line (tools/ops): npm run ops -- <command> [args]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ensure_node
ensure_pnpm
exec pnpm --silent --filter @kelisim/ops cli "$@"
