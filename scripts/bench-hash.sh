#!/usr/bin/env bash
# Throughput of `gongyu-node hash` against the reference `b3sum` on the same large file.
#   bash scripts/bench-hash.sh [SIZE_MIB]   (default 1024)
# Generates the file (pseudo-random bytes), installs b3sum from crates.io into the shared
# cache if missing, warms the page cache, then times each tool RUNS times and prints the
# best throughput of each and their ratio. Goal: gongyu-node >= 0.9 x b3sum.
set -euo pipefail
here="$(dirname "${BASH_SOURCE[0]}")"
. "$here/env.sh"
. "$here/bench-common.sh"

size_mib="${1:-1024}"
runs="${RUNS:-5}"
tools="${XDG_CACHE_HOME:-$HOME/.cache}/gongyu/tools"
b3sum="$tools/bin/b3sum"
if [ ! -x "$b3sum" ]; then
  echo "[bench-hash] installing b3sum from crates.io" >&2
  cargo install --quiet --root "$tools" b3sum
fi
[ -x "$GONGYU_NODE" ] || bash "$here/build.sh"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
file="$work/data.bin"
echo "[bench-hash] generating ${size_mib} MiB" >&2
head -c "$((size_mib * 1024 * 1024))" /dev/urandom > "$file"
cat "$file" > /dev/null

expected="$("$b3sum" --no-names "$file")"
actual="$("$GONGYU_NODE" hash --quiet --json "$file" | sed -n 's/.*"root":"0x\([0-9a-f]*\)".*/\1/p')"
if [ "$expected" != "$actual" ]; then
  echo "[bench-hash] roots differ: b3sum $expected, gongyu-node $actual" >&2
  exit 1
fi

b3_ns="$(best "$b3sum" --no-names "$file")"
gy_ns="$(best "$GONGYU_NODE" hash --quiet "$file")"
python3 - "$size_mib" "$b3_ns" "$gy_ns" <<'PY'
import sys
mib, b3, gy = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
b3_rate, gy_rate = mib / (b3 / 1e9), mib / (gy / 1e9)
print(f"b3sum:       {b3_rate:8.1f} MiB/s ({b3/1e6:.0f} ms for {mib} MiB)")
print(f"gongyu-node: {gy_rate:8.1f} MiB/s ({gy/1e6:.0f} ms for {mib} MiB)")
print(f"ratio gongyu-node / b3sum: {gy_rate / b3_rate:.3f} (goal >= 0.9)")
PY
