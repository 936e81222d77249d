#!/usr/bin/env bash
# Throughput of the verifier's dataset scoring (`gongyu-node measure`: parsing, NFC
# normalisation, duplicate detection, language share) against plain BLAKE3 hashing
# (`gongyu-node hash`) of the same generated Korean-English TSV dataset.
#   bash scripts/bench-scoring.sh [SIZE_MIB]   (default 1024)
# Generates the dataset (distinct sentence pairs, every 20th one repeated, every 50th in
# English only), warms the page cache, times each command RUNS times (default 3) and prints
# the best of each and the ratio scoring / hashing. Goal: at most 3.
set -euo pipefail
here="$(dirname "${BASH_SOURCE[0]}")"
. "$here/env.sh"
. "$here/bench-common.sh"

size_mib="${1:-1024}"
runs="${RUNS:-3}"
[ -x "$GONGYU_NODE" ] || bash "$here/build.sh"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
dir="$work/pairs"
mkdir -p "$dir"
echo "[bench-scoring] generating ${size_mib} MiB of Korean-English pairs" >&2
LC_ALL=C awk -v limit="$((size_mib * 1024 * 1024))" 'BEGIN {
  for (i = 0; bytes < limit; i++) {
    n = (i % 20 == 19) ? i - 1 : i
    if (i % 50 == 49) line = sprintf("%d\tsentence %d only\tsentence number %d, in English", i, n, n)
    else line = sprintf("%d\t오늘의 %d번째 문장은 날씨 이야기입니다\tsentence number %d is about the weather", n, n, n)
    print line
    bytes += length(line) + 1
  }
}' > "$dir/pairs.tsv"
printf '{"owner":"5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY","kind":"dataset","license":"CC0-1.0","dataset":{"format":"tsv","fields":["id","ko","en"],"language":"ko-en","files":["pairs.tsv"]}}\n' \
  > "$dir/gongyu.json"
cat "$dir/pairs.tsv" > /dev/null

"$GONGYU_NODE" measure "$dir" >&2
hash_ns="$(best "$GONGYU_NODE" hash --quiet --json "$dir")"
measure_ns="$(best "$GONGYU_NODE" measure --json "$dir")"
bytes="$(stat -c %s "$dir/pairs.tsv")"
python3 - "$bytes" "$hash_ns" "$measure_ns" <<'PY'
import sys
size, hashing, scoring = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
mib = size / 2**20
print(f"dataset:  {size} bytes")
print(f"hashing:  {mib / (hashing / 1e9):8.1f} MiB/s ({hashing / 1e6:.0f} ms, gongyu-node hash)")
print(f"scoring:  {mib / (scoring / 1e9):8.1f} MiB/s ({scoring / 1e6:.0f} ms, gongyu-node measure)")
print(f"ratio scoring / hashing: {scoring / hashing:.1f} (goal <= 3)")
PY
