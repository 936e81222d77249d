#!/usr/bin/env bash
# Regenerates the weights of Gongyu's own pallets from their benchmarks, and the database
# weights of the runtime from a storage benchmark of the node's database (ParityDB).
#   bash scripts/benchmark.sh                      # every pallet in pallets/, and storage
#   bash scripts/benchmark.sh pallet_contributions # one pallet
#   bash scripts/benchmark.sh storage              # the database weights only
# Builds gongyu-node with `--features runtime-benchmarks` first (a separate build from the
# one the tests use). STEPS and REPEAT may be set in the environment.
set -euo pipefail
here="$(dirname "${BASH_SOURCE[0]}")"
. "$here/env.sh"
cd "$GONGYU_ROOT"

# The benchmark build shares the target directory (and so every crate whose features do not
# change); its binary and runtime are copied aside, then the normal build is restored.
bench_dir="$CARGO_TARGET_DIR/benchmark-node"
mkdir -p "$bench_dir"
bash scripts/build.sh --features runtime-benchmarks
cp "$GONGYU_NODE" "$bench_dir/gongyu-node"
cp "$CARGO_TARGET_DIR/release/wbuild/gongyu-runtime/gongyu_runtime.compact.compressed.wasm" "$bench_dir/"
bash scripts/build.sh
node_bin="$bench_dir/gongyu-node"
wasm="$bench_dir/gongyu_runtime.compact.compressed.wasm"

pallets=()
storage=0
for arg in "$@"; do
  if [ "$arg" = storage ]; then storage=1; else pallets+=("$arg"); fi
done
if [ $# -eq 0 ]; then
  storage=1
  for dir in pallets/*/; do pallets+=("pallet_$(basename "$dir" | tr - _)"); done
fi

# Database weights: read and write costs measured on a dev chain's ParityDB, written to
# runtime/src/weights/paritydb_weights.rs (the runtime's `DbWeight`).
if [ "$storage" = 1 ]; then
  db="$(mktemp -d)"
  trap 'rm -rf "$db"' EXIT
  echo "[benchmark] storage (ParityDB) -> runtime/src/weights/paritydb_weights.rs" >&2
  # A dev chain with a few blocks, so the state has more than genesis.
  timeout 40 "$node_bin" --dev --base-path "$db" --no-telemetry --rpc-port 0 --port 0 \
    --prometheus-port 0 >/dev/null 2>&1 || true
  "$node_bin" benchmark storage --dev --base-path "$db" --state-version 1 \
    --warmups 2 --weight-path runtime/src/weights
  sed -i -e "s#$db#<dev chain base path>#g" -e "s#$bench_dir/#target/benchmark-node/#g" \
    runtime/src/weights/paritydb_weights.rs
fi

for pallet in "${pallets[@]}"; do
  dir="pallets/${pallet#pallet_}"
  dir="${dir//_/-}"
  echo "[benchmark] $pallet -> $dir/src/weights.rs" >&2
  "$node_bin" benchmark pallet \
    --runtime "$wasm" \
    --genesis-builder=runtime \
    --genesis-builder-preset=development \
    --pallet "$pallet" \
    --extrinsic '*' \
    --steps "${STEPS:-50}" \
    --repeat "${REPEAT:-20}" \
    --heap-pages 4096 \
    --template scripts/frame-weight-template.hbs \
    --output "$dir/src/weights.rs"
  # Keep this machine's paths out of the generated file.
  sed -i -e "s#$bench_dir/#target/benchmark-node/#g" "$dir/src/weights.rs"
done
