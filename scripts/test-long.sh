#!/usr/bin/env bash
# The long forms of the end-to-end suites that wait minutes for the chain (session
# rotations, repeated crash and restart). `bash scripts/test.sh` runs their short forms.
#   bash scripts/test-long.sh                 # every suite, long form
#   bash scripts/test-long.sh network.test.js # one suite
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/e2e-env.sh"
suites=("$@")
[ ${#suites[@]} -eq 0 ] && suites=(.)
GONGYU_E2E_LONG=1 exec node --test --test-concurrency=1 --test-timeout=1800000 "${suites[@]}"
