#!/usr/bin/env bash
# Builds the release `gongyu-node` (node + wasm runtime) that every script and test runs.
# Extra arguments go to cargo (e.g. `--features runtime-benchmarks`).
#
# It builds the whole workspace, not just the node's package: then every crate has the same
# features as under `cargo test --release --workspace`, and the test step reuses everything
# this build compiled instead of compiling the runtime and pallets a second time.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$GONGYU_ROOT"
start=$(date +%s)
cargo build --locked --release --workspace "$@"
echo "[build] gongyu-node built in $(( $(date +%s) - start )) s: $GONGYU_NODE" >&2
