"""`make test-spark`: job.py in Spark's local mode, held to `scrutin extract`.

The bundled corpus is turned into JSON Lines, replicated to about 2,000
documents (with one broken line per file, so that errors travel too) in 4
files, run through job.py on 4 local cores and through `scrutin extract`
on the same files; the records of both must be equal as multisets, each
in the partition its election type and département name, and the errors
the same in number and reason.

    python check.py SCRUTIN_BINARY
"""

import collections
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "..", "..", "corpus")
COPIES = 52
FILES = 4
DATE = re.compile(r"[ \t]*date[ \t]+(\d{4}-\d{2}(?:-\d{2})?)(?=[ \t\r\n]|$)[ \t]*")

# job.py is imported for its departement(); no __pycache__ left in the tree.
sys.dont_write_bytecode = True
sys.path.insert(0, HERE)
from job import departement  # noqa: E402


def articles():
    """The bundled corpus as JSONL objects, the ` date ` header taken out."""
    for path in sorted(glob.glob(os.path.join(CORPUS, "*.txt"))):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        m = DATE.match(text)
        article = {"id": os.path.basename(path)[: -len(".txt")], "text": text}
        if m:
            article["date"], article["text"] = m.group(1), text[m.end() :]
        yield article


def write_input(folder):
    """Replicated articles in FILES files; returns the number of lines."""
    base = list(articles())
    rows = [
        json.dumps(dict(a, id=f"{a['id']}~{k}"), ensure_ascii=False)
        for k in range(COPIES)
        for a in base
    ]
    per_file = -(-len(rows) // FILES)
    for i in range(FILES):
        part = rows[i * per_file : (i + 1) * per_file]
        with open(os.path.join(folder, f"part-{i}.jsonl"), "w", encoding="utf-8") as f:
            f.write("\n".join(part[:3] + ["{oops"] + part[3:]) + "\n")
    return len(rows) + FILES


def canonical(value):
    """A record as a comparable string: integral floats as integers, no nulls
    (Spark's writer omits them, scrutin never writes them)."""

    def norm(v):
        if isinstance(v, float) and v.is_integer():
            return int(v)
        if isinstance(v, dict):
            return {k: norm(x) for k, x in v.items() if x is not None}
        if isinstance(v, list):
            return [norm(x) for x in v]
        return v

    return json.dumps(norm(value), sort_keys=True, ensure_ascii=False)


def spark_records(out):
    """The records job.py wrote, checked against the partition they are in."""
    found = collections.Counter()
    misplaced = []
    for path in glob.glob(os.path.join(out, "records", "**", "part-*.json"), recursive=True):
        parts = dict(
            p.split("=", 1) for p in os.path.relpath(path, out).split(os.sep) if "=" in p
        )
        with open(path, encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                election = (r.get("election") or {}).get("type") or "none"
                where = departement((r.get("place") or {}).get("code"))
                if (parts.get("election_type"), parts.get("departement")) != (election, where):
                    misplaced.append((path, line))
                found[canonical(r)] += 1
    return found, misplaced


def spark_errors(out):
    reasons = collections.Counter()
    for path in glob.glob(os.path.join(out, "errors", "part-*.json")):
        with open(path, encoding="utf-8") as f:
            reasons.update(json.loads(line)["reason"] for line in f)
    return reasons


def main():
    binary = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory(prefix="scrutin-spark-") as tmp:
        data, out = os.path.join(tmp, "in"), os.path.join(tmp, "out")
        os.mkdir(data)
        lines = write_input(data)

        extract = subprocess.run(
            [binary, "extract", "--errors-inline", data],
            capture_output=True,
            text=True,
        )
        if extract.returncode not in (0, 1):
            sys.exit(f"scrutin extract failed:\n{extract.stderr}")
        rows = [json.loads(line) for line in extract.stdout.splitlines()]
        expected = collections.Counter(canonical(r) for r in rows if r.get("kind") != "error")
        expected_errors = collections.Counter(r["reason"] for r in rows if r.get("kind") == "error")

        log = os.path.join(tmp, "spark.log")
        bin_dir = os.path.dirname(sys.executable)
        submit = os.path.join(bin_dir, "spark-submit")
        # Spark's scripts and Python workers are this environment's.
        env = dict(
            os.environ,
            PATH=bin_dir + os.pathsep + os.environ.get("PATH", ""),
            PYSPARK_PYTHON=sys.executable,
            PYSPARK_DRIVER_PYTHON=sys.executable,
        )
        with open(log, "w") as f:
            run = subprocess.run(
                [submit, "--master", "local[4]", os.path.join(HERE, "job.py"),
                 "--scrutin", binary, "--partitions", str(FILES), data, out],
                stdout=f, stderr=subprocess.STDOUT, env=env,
            )
        if run.returncode != 0:
            with open(log) as f:
                sys.exit(f"spark-submit failed ({run.returncode}):\n" + f.read()[-6000:])

        got, misplaced = spark_records(out)
        errors = spark_errors(out)
        failures = []
        if got != expected:
            missing, extra = expected - got, got - expected
            failures.append(
                f"records differ: {sum(missing.values())} missing from Spark's, "
                f"{sum(extra.values())} extra\n  missing e.g. {list(missing)[:2]}\n  extra e.g. {list(extra)[:2]}"
            )
        if misplaced:
            failures.append(f"{len(misplaced)} records in the wrong partition, e.g. {misplaced[0]}")
        if errors != expected_errors:
            failures.append(f"errors differ: Spark {dict(errors)}, extract {dict(expected_errors)}")
        if not expected or not expected_errors:
            failures.append("nothing to compare: extract gave no records or no errors")
        for f in failures:
            print(f"test-spark: {f}", file=sys.stderr)
        partitions = len(glob.glob(os.path.join(out, "records", "*", "*")))
        print(
            f"test-spark: {lines} input lines in {FILES} files; {sum(got.values())} records in "
            f"{partitions} partitions, {sum(errors.values())} errors; "
            + ("equal to scrutin extract as multisets" if not failures else "NOT equal")
        )
        print(f"{0 if failures else 1} passed, {1 if failures else 0} failed")
        sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
