#!/usr/bin/env bash
# Time from submission to `Verified` for a large contribution directory served over HTTP on
# loopback (see tests/e2e/bench/verify.js).
#   bash scripts/bench-verify.sh              # 1 GiB in 8 files
#   bash scripts/bench-verify.sh --gib 4 --files 16 --json
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/e2e-env.sh"
exec node bench/verify.js "$@"
