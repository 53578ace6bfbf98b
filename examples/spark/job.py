"""scrutin as a Spark stage.

Reads a folder of JSON Lines articles ({"id", "date", "text", ...}, one per
line, as `scrutin extract -` reads them), pipes every partition through the
scrutin binary (shipped to the executors with SparkContext.addFile), and
writes the records with Spark's JSON writer, partitioned by election type
and département. Documents scrutin could not read are written apart, under
errors/.

    spark-submit job.py --scrutin target/release/scrutin INPUT_DIR OUTPUT_DIR
"""

import argparse
import json
import os
import shlex

from pyspark import SparkFiles
from pyspark.sql import SparkSession
from pyspark.sql import functions as F


def departement(code):
    """The département a place code lies in, or "none" (country, region)."""
    kind, _, rest = (code or "").partition(":")
    if kind == "dep":
        return rest
    if kind == "circ":
        return rest.split("-")[0]
    if kind == "com":
        # Overseas communes have three-digit département codes (974...).
        return rest[:3] if rest.startswith("97") else rest[:2]
    return "none"


def keyed(frame):
    """The records with the columns they are partitioned by, computed by
    Spark itself as departement() does in Python."""
    fields = set(frame.columns)
    election = F.col("election.type") if "election" in fields else F.lit(None)
    code = F.coalesce(F.col("place.code") if "place" in fields else F.lit(None), F.lit(""))
    rest = F.substring_index(code, ":", -1)
    where = (
        F.when(code.startswith("dep:"), rest)
        .when(code.startswith("circ:"), F.substring_index(rest, "-", 1))
        .when(code.startswith("com:97"), F.substring(rest, 1, 3))
        .when(code.startswith("com:"), F.substring(rest, 1, 2))
        .otherwise(F.lit("none"))
    )
    return frame.withColumn(
        "election_type", F.coalesce(election, F.lit("none"))
    ).withColumn("departement", where)


def command(binary, threads):
    """The scrutin command line run in each task.

    On a cluster, files added with addFile are fetched into each executor's
    working directory; in local mode they stay in the driver's folder of
    added files, so the command falls back to that path."""
    name = os.path.basename(binary)
    fallback = shlex.quote(SparkFiles.get(name))
    found = f'b=./{name}; [ -x "$b" ] || b={fallback}; '
    # Exit status 1 only says that some documents failed: they are among
    # the output lines, as kind "error". Anything else fails the task.
    run = f'"$b" --threads {threads} extract --errors-inline -; [ $? -le 1 ]'
    return "sh -c " + shlex.quote(found + run)


def is_error(line):
    """Whether an output line reports a document scrutin could not read."""
    # Only a line that says so unescaped can be one: a quote inside a
    # record's string is escaped.
    return '"kind":"error"' in line and json.loads(line).get("kind") == "error"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("input", help="folder (or glob) of .jsonl files, possibly .gz")
    ap.add_argument("output", help="folder written: records/ and errors/")
    ap.add_argument("--scrutin", required=True, help="the scrutin binary to ship")
    ap.add_argument("--partitions", type=int, default=None, help="minimum input partitions")
    ap.add_argument(
        "--threads", type=int, default=1, help="scrutin threads per task (1: one task per core)"
    )
    args = ap.parse_args()

    spark = SparkSession.builder.appName("scrutin").getOrCreate()
    sc = spark.sparkContext
    sc.addFile(os.path.abspath(args.scrutin))

    articles = sc.textFile(args.input, minPartitions=args.partitions or sc.defaultParallelism)
    lines = articles.pipe(command(args.scrutin, args.threads), checkCode=True).cache()

    records = lines.filter(lambda line: not is_error(line))
    errors = lines.filter(is_error)

    frame = spark.read.json(records)
    if frame.columns:
        (
            keyed(frame)
            .write.mode("overwrite")
            .partitionBy("election_type", "departement")
            .json(os.path.join(args.output, "records"))
        )
    if not errors.isEmpty():
        spark.read.json(errors).write.mode("overwrite").json(os.path.join(args.output, "errors"))
    spark.stop()


if __name__ == "__main__":
    main()
