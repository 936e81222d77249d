#!/usr/bin/env bash
# Regenerates the weights of Gongyu's own pallets from their benchmarks.
#   bash scripts/benchmark.sh                      # every pallet in pallets/
#   bash scripts/benchmark.sh pallet_contributions # one pallet
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

pallets=("$@")
if [ ${#pallets[@]} -eq 0 ]; then
  for dir in pallets/*/; do pallets+=("pallet_$(basename "$dir" | tr - _)"); done
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
