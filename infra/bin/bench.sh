#!/usr/bin/env bash
# The benchmarks (tools/bench): case-intake against bare baselines measured in the same run.
# Uses the given KAFKA_BROKERS and MONGO_URL, else starts infra/local (idempotent).
# Usage: npm run bench [-- --duration 10 --only registration,read-by-id,list,end-to-end]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
install_workspace
if [ -z "${KAFKA_BROKERS:-}" ] || [ -z "${MONGO_URL:-}" ]; then
  bash infra/local/infra.sh start
fi
pnpm --filter @kelisim/bench bench "$@"
