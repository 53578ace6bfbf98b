#!/usr/bin/env bash
# The spaCy baseline (baseline.py) and `scrutin --threads 2 extract` on the
# same slice of the benchmark corpus (SIZE_MB, default 5; same generator and
# seed as bench/run.sh), one after the other in the same run, and the ratio of
# their rates; then scrutin on a larger slice, where its start-up no longer
# counts. Expects the virtualenv that `make bench-baseline` installs.
set -euo pipefail
cd "$(dirname "$0")/../.."
DIR=bench/corpus
JSONL=$DIR/gen-${SIZE_MB:=5}mb.jsonl
mkdir -p "$DIR"
[ -f "$JSONL" ] ||
  target/release/scrutin-gencorpus --size-mb "$SIZE_MB" --seed "${SEED:-1}" --jsonl "$JSONL"

bytes=$(stat -c %s "$JSONL")
docs=$(wc -l < "$JSONL")
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //');" \
  "commit $(git rev-parse --short HEAD 2>/dev/null || echo none); $(date -u '+%F %H:%M') UTC"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf 'input: %s (%d bytes, %d articles)\n\n' "$JSONL" "$bytes" "$docs"

# Two processes on two cores: one BLAS thread each, or they fight for the cores.
LOG=$DIR/baseline-${SIZE_MB}mb.log
OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 bench/baseline/.venv/bin/python \
  bench/baseline/baseline.py --processes 2 "$JSONL" > "$DIR/baseline-${SIZE_MB}mb.jsonl" 2> "$LOG"
tail -n1 "$LOG"
spacy=$(tail -n1 "$LOG" | grep -oE '[0-9.]+ MB/s' | cut -d' ' -f1)

# best SECONDS of three runs of `scrutin --threads 2 extract` on $1, output to $2.
best_of_three() {
  local t=9999 s e
  for _ in 1 2 3; do
    s=$(date +%s.%N)
    target/release/scrutin --threads 2 extract "$1" > "$2" 2> /dev/null
    e=$(date +%s.%N)
    t=$(echo "d = $e - $s; if (d < $t) d else $t" | bc -l)
  done
  echo "$t"
}

# A run this short is mostly start-up and scheduling noise: best of three.
t=$(best_of_three "$JSONL" "$DIR/scrutin-${SIZE_MB}mb.jsonl")
records=$(wc -l < "$DIR/scrutin-${SIZE_MB}mb.jsonl")
ours=$(echo "$bytes / 1000000 / $t" | bc -l)
printf 'scrutin --threads 2 extract: %d articles, %d records in %.3f s: %.1f MB/s, %.0f articles/s\n' \
  "$docs" "$records" "$t" "$ours" "$(echo "$docs / $t" | bc -l)"

# spaCy's time leaves out loading its model; scrutin's above includes loading
# its lists, which is most of a run this short. The same scrutin on a corpus
# large enough for loading not to count (SCALE_MB, default 500, the size
# `make bench` generates; same generator and seed) gives the rate that
# compares like with like.
BIG=$DIR/gen-${SCALE_MB:=500}mb.jsonl
[ -f "$BIG" ] ||
  target/release/scrutin-gencorpus --size-mb "$SCALE_MB" --seed "${SEED:-1}" --jsonl "$BIG"
big_bytes=$(stat -c %s "$BIG")
t_big=$(best_of_three "$BIG" /dev/null)
at_scale=$(echo "$big_bytes / 1000000 / $t_big" | bc -l)
printf 'scrutin --threads 2 extract: %s (%d bytes) in %.3f s: %.1f MB/s\n' \
  "$BIG" "$big_bytes" "$t_big" "$at_scale"

printf '\nscrutin / spacy: %.0f times the throughput on the %s MB slice, start-up included;\n' \
  "$(echo "$ours / $spacy" | bc -l)" "$SIZE_MB"
printf '                 %.0f times at scale (%s MB), start-up amortised as spaCy'"'"'s is left out\n' \
  "$(echo "$at_scale / $spacy" | bc -l)" "$SCALE_MB"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
