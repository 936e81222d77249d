#!/usr/bin/env bash
# One command that installs what is missing, builds, and runs every test:
#   1. formatting (cargo fmt --check),
#   2. the release build of gongyu-node (node + wasm runtime), the binary every later step runs,
#   3. the toolkit's unit tests (scripts/js/test, no node needed),
#   4. the end-to-end suites in tests/e2e, which start real gongyu-node processes,
#   5. cargo test for the whole workspace in the same release profile (pallet unit tests,
#      runtime tests, node tests), so the dependencies the node build compiled are reused,
#   6. the pallets' benchmark tests (`runtime-benchmarks`: each benchmark once against its
#      pallet's mock),
#   7. the try-runtime check (runtime built with `try-runtime`: migrations' pre/post checks,
#      every storage item decodes, every try_state hook) on the state the rewards suite's
#      chain built and exported.
# The test binaries of steps 5-7 compile at the lowest CPU priority while the end-to-end
# suites run, which mostly wait for blocks: the suites lose little, and the compilation,
# which would otherwise come before or after them, mostly disappears behind them. Steps 6
# and 7 share one build (pallets and runtime with both features).
# Prints the time of each step at the end. The long forms of the slow end-to-end suites run
# with `bash scripts/test-long.sh`.
set -euo pipefail
here="$(dirname "${BASH_SOURCE[0]}")"
start=$(date +%s)
bash "$here/setup.sh"
. "$here/env.sh"
cd "$GONGYU_ROOT"

timings=("setup $(( $(date +%s) - start )) s")
step_start=0
step_name=""
step() {
  if [ -n "$step_name" ]; then timings+=("$step_name $(( $(date +%s) - step_start )) s"); fi
  step_name="$1"
  step_start=$(date +%s)
  printf '\n== %s\n' "$2" >&2
}

step fmt "cargo fmt --check"
cargo fmt --all --check

step build "build gongyu-node (release)"
bash scripts/build.sh

# Steps 6 and 7: one package set and one feature set, so one build serves both.
checks=(-p pallet-contributions -p pallet-rewards -p pallet-disputes -p pallet-models -p pallet-governance -p pallet-validator-set
  -p pallet-network-admission -p gongyu-runtime --features runtime-benchmarks,try-runtime)
tests_log="$CARGO_TARGET_DIR/tests-build.log"
# The test binaries of steps 5-7, built in the background. Steps 6-7 need only the
# libraries' tests and the try-runtime test (the runtime's integration tests run in step 5,
# without these features).
(
  set -e
  nice -n 19 cargo test --locked --release --workspace --no-run
  SKIP_WASM_BUILD=1 nice -n 19 cargo test --locked --release "${checks[@]}" --lib --test try_runtime --no-run
) >"$tests_log" 2>&1 &
tests_build=$!
# On the way out early (a failed step), stop that build: its cargo, then the subshell.
trap 'pkill -P "$tests_build" 2>/dev/null; kill "$tests_build" 2>/dev/null || true' EXIT

step js-unit "toolkit unit tests (scripts/js)"
(cd scripts/js && node --test test/)

step e2e "end-to-end tests (real nodes, polkadot.js, polkadot-api, Chromium)"
e2e_state="$CARGO_TARGET_DIR/e2e-state.json"
rm -f "$e2e_state"
# GONGYU_PREBUILT: the README's run-dev.sh (five-minutes suite) starts the node built above
# instead of waiting for cargo's lock, which the background build holds.
(cd tests/e2e && GONGYU_E2E_STATE_OUT="$e2e_state" GONGYU_PREBUILT=1 \
  node run.js --timeout=900000)

step tests-build "rest of the build of the test binaries (started before the end-to-end step)"
if ! wait "$tests_build"; then
  cat "$tests_log" >&2
  echo "[test] building the test binaries failed (log above)" >&2
  exit 1
fi
trap - EXIT

step cargo-test "cargo test (workspace, release profile shared with the node)"
cargo test --locked --release --workspace

step benchmark-tests "benchmark tests of our pallets (each benchmark runs once against the pallet's mock)"
SKIP_WASM_BUILD=1 cargo test --locked --release "${checks[@]}" --lib

step try-runtime "try-runtime check of the runtime on the state the end-to-end rewards chain built"
if [ ! -s "$e2e_state" ]; then
  echo "[test] the end-to-end rewards suite left no exported state at $e2e_state" >&2
  exit 1
fi
GONGYU_TRY_RUNTIME_STATE="$e2e_state" SKIP_WASM_BUILD=1 cargo test --locked --release \
  "${checks[@]}" --test try_runtime -- --nocapture

step done ""
echo "[test] steps: $(IFS=','; echo "${timings[*]}" | sed 's/,/, /g')" >&2
echo "[test] all tests passed in $(( $(date +%s) - start )) s" >&2
