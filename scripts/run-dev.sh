#!/usr/bin/env bash
# One command for a newcomer: install what is missing, build, and start a dev chain
# (Alice validating, dev accounts funded) with RPC on ws://127.0.0.1:9944.
# Extra arguments go to gongyu-node (e.g. `--base-path ./data` to keep the chain).
set -euo pipefail
here="$(dirname "${BASH_SOURCE[0]}")"
GONGYU_SKIP_JS="${GONGYU_SKIP_JS:-1}" bash "$here/setup.sh"
bash "$here/build.sh"
. "$here/env.sh"
exec "$GONGYU_NODE" --dev --rpc-cors all "$@"
