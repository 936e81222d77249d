#!/usr/bin/env bash
# Throughput benchmark: how many transfers, contribution submits and attestations one block
# of a dev node holds, and their ratios to transfers (see tests/e2e/bench/tps.js).
#   bash scripts/bench-tps.sh             # a table
#   bash scripts/bench-tps.sh --json      # the same as JSON
#   bash scripts/bench-tps.sh --accounts 600
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/e2e-env.sh"
exec node bench/tps.js "$@"
