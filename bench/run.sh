#!/usr/bin/env bash
# Throughput of `scrutin extract` on a generated corpus of SIZE_MB (default
# 500) MB, as one JSONL file and as a directory of .txt files, for 1 and 2
# threads, next to `cat` of the same bytes; then start-up time and, unless
# STAGES=0, the criterion benchmarks of each stage. Speed is measured here,
# never in tests.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE_MB=${SIZE_MB:-500}
SEED=${SEED:-1}
BIN=target/release/scrutin
GEN=target/release/scrutin-gencorpus
DIR=bench/corpus
JSONL=$DIR/gen-${SIZE_MB}mb.jsonl
TXT=$DIR/gen-${SIZE_MB}mb
mkdir -p "$DIR"
[ -f "$JSONL" ] || "$GEN" --size-mb "$SIZE_MB" --seed "$SEED" --jsonl "$JSONL"
[ -d "$TXT" ] || "$GEN" --size-mb "$SIZE_MB" --seed "$SEED" --txt-dir "$TXT"

secs() { local s e; s=$(date +%s.%N); "$@" > /dev/null; e=$(date +%s.%N); echo "$e - $s" | bc -l; }
rate() { echo "$1 / $2" | bc -l; }

echo "machine: $(nproc) cores, $(uname -sr); commit $(git rev-parse --short HEAD 2>/dev/null || echo none); $(date -u +%F)"
for input in "$JSONL" "$TXT"; do
  bytes=$(du -sb --apparent-size "$input" | cut -f1)
  docs=$( [ -d "$input" ] && find "$input" -name '*.txt' | wc -l || wc -l < "$input")
  if [ -d "$input" ]; then t_cat=$(secs sh -c "find '$input' -name '*.txt' -print0 | xargs -0 cat"); else t_cat=$(secs cat "$input"); fi
  printf '\ninput: %s (%d MB, %d articles)\n' "$input" $((bytes / 1000000)) "$docs"
  printf '%-12s %8s %8s %7s %11s %10s %8s\n' run seconds MB/s "of cat" articles/s records/s "RSS MB"
  printf '%-12s %8.2f %8.1f\n' cat "$t_cat" "$(rate "$bytes / 1000000" "$t_cat")"
  for t in 1 2; do
    /usr/bin/time -f '%e %M' -o /tmp/scrutin-bench-time "$BIN" --threads "$t" extract "$input" \
      > /tmp/scrutin-bench-out 2> /dev/null || true
    read -r t_run rss < /tmp/scrutin-bench-time
    recs=$(wc -l < /tmp/scrutin-bench-out)
    printf '%-12s %8.2f %8.1f %6.1f%% %11.0f %10.0f %8d\n' "extract -j$t" "$t_run" \
      "$(rate "$bytes / 1000000" "$t_run")" "$(rate "100 * $t_cat" "$t_run")" \
      "$(rate "$docs" "$t_run")" "$(rate "$recs" "$t_run")" $((rss / 1024))
  done
done

one=$(mktemp --suffix=.txt)
head -c 3000 corpus/000_439f4ac286a5338c.txt > "$one"
best=9
for _ in 1 2 3 4 5; do
  t=$(secs "$BIN" extract "$one" 2>/dev/null)
  best=$(echo "if ($t < $best) $t else $best" | bc -l)
done
printf '\nstart-up to first record (one article, every bundled list): %.0f ms (best of 5)\n' \
  "$(echo "$best * 1000" | bc -l)"
rm -f "$one"

if [ "${STAGES:-1}" != 0 ]; then
  SCRUTIN_BENCH_CORPUS=$JSONL cargo bench --locked --bench stages 2>/dev/null \
    | awk '/^(stage|length)\// { name = $1; want = 1; next }
           want && /thrpt:/ && /iB\/s/ { printf "%-26s %s %s\n", name, $(NF-3), $(NF-2); want = 0 }'
fi
