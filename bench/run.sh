#!/usr/bin/env bash
# Throughput of `scrutin extract` on the bundled corpus replicated to SIZE_MB
# (default 50) as one JSONL file, for 1 and 2 threads, next to `cat` of the
# same bytes. Speed is measured here, never in tests.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE_MB=${SIZE_MB:-50}
BIN=target/release/scrutin
DATA=bench/corpus/replicated-${SIZE_MB}mb.jsonl
mkdir -p bench/corpus
if [ ! -f "$DATA" ]; then
  python3 - "$DATA" "$SIZE_MB" <<'PY'
import json, pathlib, sys
out, size = sys.argv[1], int(sys.argv[2]) * 1_000_000
docs = []
for p in sorted(pathlib.Path("corpus").glob("*.txt")):
    text = p.read_text(encoding="utf-8")
    date = None
    if text.lstrip().startswith("date "):
        head = text.lstrip().split(None, 2)
        date, text = head[1], head[2] if len(head) > 2 else ""
    docs.append((p.stem, date, text))
written, n = 0, 0
with open(out, "w", encoding="utf-8") as f:
    while written < size:
        stem, date, text = docs[n % len(docs)]
        line = json.dumps({"id": f"{stem}-{n}", "date": date, "text": text}, ensure_ascii=False) + "\n"
        f.write(line)
        written += len(line.encode("utf-8"))
        n += 1
PY
fi
bytes=$(stat -c %s "$DATA")
docs=$(wc -l < "$DATA")
secs() { local s e; s=$(date +%s.%N); "$@" > /dev/null; e=$(date +%s.%N); echo "$e - $s" | bc -l; }
t_cat=$(secs cat "$DATA")
printf 'input: %s (%d MB, %d articles)\n' "$DATA" $((bytes / 1000000)) "$docs"
printf '%-10s %9s %9s %12s %10s %8s\n' run seconds MB/s articles/s records "peak RSS MB"
printf '%-10s %9.3f %9.1f\n' cat "$t_cat" "$(echo "$bytes / 1000000 / $t_cat" | bc -l)"
for t in 1 2; do
  /usr/bin/time -f '%M' -o /tmp/scrutin-bench-rss "$BIN" --threads "$t" extract "$DATA" > /tmp/scrutin-bench-out 2> /tmp/scrutin-bench-err &
  wait $! || true
  t_run=$(secs "$BIN" --threads "$t" extract "$DATA")
  recs=$(wc -l < /tmp/scrutin-bench-out)
  rss=$(( $(tail -n 1 /tmp/scrutin-bench-rss) / 1024 ))
  printf '%-10s %9.3f %9.1f %12.0f %10d %8d\n' "extract -j$t" "$t_run" "$(echo "$bytes / 1000000 / $t_run" | bc -l)" "$(echo "$docs / $t_run" | bc -l)" "$recs" "$rss"
done
one=$(mktemp --suffix=.txt); head -c 3000 corpus/000_439f4ac286a5338c.txt > "$one"
printf 'start-up (one article, all patterns): %.3f s\n' "$(secs "$BIN" extract "$one")"
rm -f "$one"
