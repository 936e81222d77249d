#!/usr/bin/env bash
# One command for a newcomer: install what is missing, build, and start a dev chain
# (Alice validating, dev accounts funded) with RPC on ws://127.0.0.1:9944.
# Extra arguments go to gongyu-node (e.g. `--base-path ./data` to keep the chain).
#
# With `--verifier` (and no `--keystore-path` of your own) the node also runs the verifier
# service with the verifier keys of Bob and Charlie, two of the three dev verifiers and so a
# quorum: contributions whose bytes it can fetch get verified without anything else running.
# Unless you pass `--verifier-file-root`, it serves `file://` URIs from below the current
# directory only.
set -euo pipefail
here="$(dirname "${BASH_SOURCE[0]}")"
GONGYU_SKIP_JS="${GONGYU_SKIP_JS:-1}" bash "$here/setup.sh"
. "$here/env.sh"
# GONGYU_PREBUILT=1 (set by scripts/test.sh, which built the node and may be compiling
# other targets in the same directory) starts the existing binary without calling cargo.
if [ "${GONGYU_PREBUILT:-0}" = 1 ] && [ -x "$GONGYU_NODE" ]; then
  echo "[run-dev] using the prebuilt $GONGYU_NODE" >&2
else
  bash "$here/build.sh"
fi

args=("$@")
wants_verifier=0
has_keystore=0
has_file_root=0
for arg in "$@"; do
  case "$arg" in
    --verifier) wants_verifier=1 ;;
    --keystore-path|--keystore-path=*) has_keystore=1 ;;
    --verifier-file-root|--verifier-file-root=*) has_file_root=1 ;;
  esac
done
if [ "$wants_verifier" = 1 ] && [ "$has_file_root" = 0 ]; then
  echo "run-dev: the verifier reads file:// URIs below $PWD" >&2
  args+=(--verifier-file-root "$PWD")
fi
if [ "$wants_verifier" = 1 ] && [ "$has_keystore" = 0 ]; then
  keystore="${XDG_CACHE_HOME:-$HOME/.cache}/gongyu/dev-verifier-keystore"
  mkdir -p "$keystore"
  for who in Bob Charlie; do
    "$GONGYU_NODE" key insert --chain dev --keystore-path "$keystore" \
      --key-type gyvf --scheme sr25519 --suri "//$who"
  done
  echo "run-dev: verifying as the dev verifiers Bob and Charlie (keystore $keystore)" >&2
  args+=(--keystore-path "$keystore")
fi

exec "$GONGYU_NODE" --dev "${args[@]}"
