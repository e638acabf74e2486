#!/usr/bin/env bash
# The benchmark matrix of docs/BENCHMARKS.md: for each relay (Parley, then the Python reference),
# (a) closed-loop throughput of 1 KiB direct messages among $CLIENTS users, then open-loop latency at
# half the median throughput; (b) fan-out to everyone. REPS runs each, a fresh relay per run.
#   bench/matrix.sh [a|b|all]     (results appended to $OUT, default target/bench/results.txt)
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-all}
REPS=${REPS:-3}
CLIENTS=${CLIENTS:-1000}
WINDOW=${WINDOW:-1000}
export OUT=${OUT:-target/bench/results.txt}
common=(--clients "$CLIENTS" --size 1024 --warmup "${WARMUP:-10s}" --duration "${DURATION:-15s}" --drain 5s --quiet)

median_rate() { # label -> median delivered_per_s of the runs with that label
  grep " label=$1 " "$OUT" | sed -n 's/.*delivered_per_s=\([0-9.]*\).*/\1/p' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

for kind in ${KINDS:-parley reference}; do
  if [ "$what" = a ] || [ "$what" = all ]; then
    for i in $(seq "$REPS"); do bench/run-bench.sh "$kind" "a-max-$kind" "${common[@]}" --rate 0 --window "$WINDOW"; done
    half=$(awk -v r="$(median_rate "a-max-$kind")" 'BEGIN {printf "%d", r / 2}')
    for i in $(seq "$REPS"); do bench/run-bench.sh "$kind" "a-half-$kind" "${common[@]}" --rate "$half"; done
  fi
  if [ "$what" = b ] || [ "$what" = all ]; then
    for i in $(seq "$REPS"); do bench/run-bench.sh "$kind" "b-max-$kind" "${common[@]}" --mode fanout --rate 0 --window "${FAN_WINDOW:-4}"; done
    for i in $(seq "$REPS"); do bench/run-bench.sh "$kind" "b-rate-$kind" "${common[@]}" --mode fanout --rate "${FAN_RATE:-10}"; done
  fi
done
