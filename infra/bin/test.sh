#!/usr/bin/env bash
# The whole suite: typecheck, lint and tests of every package, against real Kafka and a real
# MongoDB-wire server (given endpoints, else Docker, else infra/local; see the kit's
# testing/global-setup.ts). Usage: npm test [-- extra turbo args]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
install_workspace
echo "[kelisim] node $(node --version), pnpm $(pnpm --version)" >&2
# Packages are tested one at a time: two cores, one broker, one FerretDB.
pnpm exec turbo run typecheck lint test --concurrency=1 --continue=never "$@"
