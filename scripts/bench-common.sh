# Helpers the benchmark scripts share; source it (after setting `runs`).

# The best wall time, in nanoseconds, over $runs runs of "$@" (output discarded).
best() {
  local best_ns="" start end elapsed
  for _ in $(seq "$runs"); do
    start=$(date +%s%N); "$@" > /dev/null; end=$(date +%s%N)
    elapsed=$((end - start))
    if [ -z "$best_ns" ] || [ "$elapsed" -lt "$best_ns" ]; then best_ns=$elapsed; fi
  done
  echo "$best_ns"
}
