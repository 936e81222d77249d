#!/usr/bin/env bash
# The long run of the runtime's fuzzed invariants (runtime/tests/integration/fuzz.rs); the
# test command runs a short one (5,000 calls per preset, seed 1).
#   bash scripts/fuzz.sh                 # 50,000 calls per preset, a fresh seed (about 7 min)
#   bash scripts/fuzz.sh 1000000         # calls per preset
#   GONGYU_FUZZ_SEED=42 bash scripts/fuzz.sh 20000   # replay a seed a failure printed
# A failure prints its seed and writes the calls it made to tests/artifacts/fuzz-*.log.
set -euo pipefail
here="$(dirname "${BASH_SOURCE[0]}")"
. "$here/env.sh"
cd "$GONGYU_ROOT"
export GONGYU_FUZZ_CALLS="${1:-50000}"
export GONGYU_FUZZ_SEED="${GONGYU_FUZZ_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}"
echo "[fuzz] $GONGYU_FUZZ_CALLS calls per preset, seed $GONGYU_FUZZ_SEED" >&2
cargo test --locked --release -p gongyu-runtime --test integration fuzz:: -- --nocapture
