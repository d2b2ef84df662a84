#!/usr/bin/env bash
# The operator command line (tools/ops): npm run ops -- <command> [args]
set -euo pipefail
# lib.sh moves to the repository: a path the operator gives is resolved where they typed it.
export OPS_CALLER_CWD="${OPS_CALLER_CWD:-${INIT_CWD:-$PWD}}"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ensure_node
ensure_pnpm
exec pnpm --silent --filter @kelisim/ops cli "$@"
