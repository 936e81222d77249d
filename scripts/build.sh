#!/usr/bin/env bash
# Builds the release `gongyu-node` (node + wasm runtime) that every script and test runs.
# Extra arguments go to cargo (e.g. `--features runtime-benchmarks`).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$GONGYU_ROOT"
start=$(date +%s)
cargo build --locked --release -p gongyu-node "$@"
echo "[build] gongyu-node built in $(( $(date +%s) - start )) s: $GONGYU_NODE" >&2
