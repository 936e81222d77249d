#!/usr/bin/env bash
# Regenerates weights from their benchmarks on this runtime.
#   bash scripts/benchmark.sh                      # every pallet in pallets/ and every
#                                                  # FRAME pallet in runtime/src/weights/
#   bash scripts/benchmark.sh pallet_contributions # one of Gongyu's pallets (its weights.rs)
#   bash scripts/benchmark.sh pallet_balances      # one FRAME pallet the runtime uses
#                                                  # (runtime/src/weights/pallet_balances.rs;
#                                                  # one file per instance of an instanced one)
#   bash scripts/benchmark.sh overhead             # the base weights of a block and of an
#                                                  # extrinsic (runtime/src/weights/)
#   bash scripts/benchmark.sh storage              # what a database read and write cost here,
#                                                  # in a state of STORAGE_ACCOUNTS (default a
#                                                  # million) accounts: a report in
#                                                  # target/benchmark-node/paritydb_weights.rs,
#                                                  # to compare with the runtime's DbWeight
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
  pallets+=(frame_system frame_system_extensions pallet_balances pallet_timestamp
    pallet_transaction_payment pallet_utility pallet_sudo pallet_collective pallet_membership)
  pallets+=(overhead)
fi

for pallet in "${pallets[@]}"; do
  if [ "$pallet" = overhead ]; then
    # Executes empty blocks and blocks full of remarks on the dev chain's genesis.
    echo "[benchmark] overhead -> runtime/src/weights/{block,extrinsic}_weights.rs" >&2
    "$node_bin" benchmark overhead --dev --weight-path runtime/src/weights
    sed -i -e "s#$bench_dir/#target/benchmark-node/#g" -e '/HOSTNAME/d' \
      -e 's#^use sp_core::parameter_types;#use frame_support::parameter_types;#' \
      -e 's#use sp_weights::#use frame_support::weights::#' \
      runtime/src/weights/block_weights.rs runtime/src/weights/extrinsic_weights.rs
    continue
  fi
  if [ "$pallet" = storage ]; then
    # Reads and writes every key of a ParityDB database whose genesis state holds the dev
    # chain and a million accounts; 10 % is added for a chain grown past that. A report, not
    # the runtime's DbWeight: this disk's speed varies by the hour (docs/development.md).
    echo "[benchmark] storage -> $bench_dir/paritydb_weights.rs" >&2
    state="$(mktemp -d)"
    "$node_bin" build-spec --dev --raw 2>/dev/null |
      python3 scripts/storage-bench-state.py "${STORAGE_ACCOUNTS:-1000000}" >"$state/spec.json"
    "$node_bin" benchmark storage --chain "$state/spec.json" --base-path "$state/db" \
      --state-version 1 --batch-size 100 --mul 1.1 \
      --template-path scripts/storage-weight-template.hbs --weight-path "$bench_dir"
    rm -rf "$state"
    continue
  fi
  dir="pallets/${pallet#pallet_}"
  dir="${dir//_/-}"
  if [ -d "$dir" ]; then
    # One of Gongyu's pallets: its weights and its WeightInfo trait, in its crate.
    output="$dir/src/weights.rs"
    template=scripts/frame-weight-template.hbs
  else
    # A FRAME pallet (or frame_system's transaction extensions): an implementation of its
    # WeightInfo trait in the runtime, `<pallet>.rs`, or one file per instance,
    # `<pallet>_<instance>.rs` (pallet_membership_council_membership.rs).
    output="runtime/src/weights"
    template=scripts/runtime-weight-template.hbs
  fi
  echo "[benchmark] $pallet -> $output" >&2
  "$node_bin" benchmark pallet \
    --runtime "$wasm" \
    --genesis-builder=runtime \
    --genesis-builder-preset=development \
    --pallet "$pallet" \
    --extrinsic '*' \
    --steps "${STEPS:-50}" \
    --repeat "${REPEAT:-20}" \
    --heap-pages 4096 \
    --template "$template" \
    --output "$output"
  # Keep this machine's paths out of the generated file; frame_system names its extensions'
  # trait `ExtensionsWeightInfo`.
  written=("$output")
  [ -d "$output" ] && written=("$output/$pallet"*.rs)
  sed -i -e "s#$bench_dir/#target/benchmark-node/#g" \
    -e "s#frame_system_extensions::WeightInfo#frame_system::ExtensionsWeightInfo#" "${written[@]}"
done
