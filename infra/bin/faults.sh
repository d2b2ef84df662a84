#!/usr/bin/env bash
# The fault runs (tools/fault-run): the platform on its OWN Kafka and FerretDB (spare ports, a
# data dir under .infra/fault-run/), driven with writes while services, the broker and the
# database fail; then the books. Never touches the shared infra on 9092/27017. The broker's jars
# and the FerretDB binary come from the shared cache (.infra), built once by infra/local/infra.sh.
# Usage: npm run faults [-- --events 2000 --timings 1]          the short run (CI's)
#        npm run faults -- --events 100000 --timings 5          the long run
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
install_workspace
pnpm --filter @kelisim/fault-run faults "$@"
