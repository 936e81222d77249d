#!/usr/bin/env bash
# One command that installs what is missing, builds, and runs every test:
#   1. formatting (cargo fmt --check),
#   2. cargo test for the whole workspace (pallet unit tests, runtime tests, node tests),
#   3. the pallets' benchmark tests (`--features runtime-benchmarks`, debug profile),
#   4. the toolkit's unit tests (scripts/js/test, no node needed),
#   5. the end-to-end suites in tests/e2e, which start real gongyu-node processes.
set -euo pipefail
here="$(dirname "${BASH_SOURCE[0]}")"
bash "$here/setup.sh"
. "$here/env.sh"
cd "$GONGYU_ROOT"

step() { printf '\n== %s\n' "$*" >&2; }
start=$(date +%s)

step "cargo fmt --check"
cargo fmt --all --check

step "build gongyu-node (release)"
bash scripts/build.sh

step "cargo test (workspace, release profile shared with the node)"
cargo test --locked --release --workspace

step "benchmark tests of our pallets (each benchmark runs once against the pallet's mock)"
SKIP_WASM_BUILD=1 cargo test --locked -p pallet-contributions -p pallet-rewards \
  -p pallet-governance -p pallet-validator-set -p pallet-network-admission \
  --features runtime-benchmarks

step "toolkit unit tests (scripts/js)"
(cd scripts/js && node --test test/)

step "end-to-end tests (real nodes, polkadot.js, Chromium)"
(cd scripts/js && node --test --test-concurrency=1 --test-timeout=900000 ../../tests/e2e/)

echo "[test] all tests passed in $(( $(date +%s) - start )) s" >&2
