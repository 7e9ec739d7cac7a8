#!/usr/bin/env python3
"""factlint on Spark: the map over shards of an archive, the reduce on one
machine.

    spark-submit --files target/release/factlint \\
        integrations/spark/factlint_spark.py \\
        --input corpus --facts out/facts --output report.json [--format json]

The map (`mapPartitions`): each partition's articles are written, with
their bytes unchanged, under a scratch folder as `corpus/…` (their paths
relative to `--root`), and `factlint facts --format jsonl` runs over them
there: one facts line per article (the format is in README, "Archive
scale"). The facts are saved as JSON Lines under `--facts`. The reduce:
`factlint check --facts` over those lines, on the driver, writes the
report, as one `factlint check` of the whole archive would have.

Input is either a folder tree of articles (`--input DIR`: `.md`, `.txt`
files, read as bytes) or a table of articles (`--table FILE.jsonl` or
`.parquet` with columns `path`, `date`, `text`, as a crawl keeps them;
an article whose text has no `date` line gets `date YYYY-MM-DD` from its
`date` column written first).

The binary reaches the executors with `--files` (or `--binary PATH`, which
is added with `SparkContext.addFile`); a newsroom's own rules and
`factlint.toml` go with `--rules DIR --config FILE` (added the same way)
and must be the reduce's too.
"""
import argparse
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile

ARTICLE_SUFFIXES = (".md", ".markdown", ".txt")


def binary_path(name):
    """The factlint binary on this executor (shipped with the job)."""
    from pyspark import SparkFiles

    path = SparkFiles.get(name)
    mode = os.stat(path).st_mode
    if not mode & stat.S_IXUSR:
        os.chmod(path, mode | stat.S_IXUSR)
    return path


def map_partition(rows, binary, rules, config):
    """Writes one partition's articles to a scratch folder and yields the
    facts line of each, as `factlint facts --format jsonl` writes them."""
    rows = list(rows)
    if not rows:
        return
    scratch = tempfile.mkdtemp(prefix="factlint-")
    try:
        for path, data in rows:
            target = os.path.join(scratch, path)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as out:
                out.write(data)
        command = [binary_path(binary), "facts", "--format", "jsonl"]
        # The top folders of the articles' paths are the corpus roots here.
        for top in sorted({path.split(os.sep, 1)[0] for path, _ in rows}):
            command += ["--corpus", top]
        if rules:
            from pyspark import SparkFiles

            command += ["--rules", SparkFiles.get(rules)]
        if config:
            from pyspark import SparkFiles

            command += ["--config", SparkFiles.get(config)]
        done = subprocess.run(command, cwd=scratch, capture_output=True, check=False)
        if done.returncode != 0:
            raise RuntimeError("factlint facts failed: " + done.stderr.decode(errors="replace"))
        for line in done.stdout.decode().splitlines():
            if line.strip():
                yield line
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def folder_articles(spark, root, folder, partitions):
    """(path relative to `root`, bytes) of every article file under
    `folder`. The driver lists the files and the executors read them (the
    folder is on a file system they share, as on a cluster's NFS or a
    local run): `binaryFiles` packs small files into one task, which read
    10,000 articles in one thread for minutes."""
    root = os.path.abspath(root)
    paths = sorted(
        os.path.relpath(os.path.join(where, name), root)
        for where, _, names in os.walk(os.path.abspath(folder))
        for name in names
        if name.endswith(ARTICLE_SUFFIXES)
    )

    def read(path):
        with open(os.path.join(root, path), "rb") as article:
            return path, article.read()

    slices = partitions or max(2, spark.sparkContext.defaultParallelism * 4)
    return spark.sparkContext.parallelize(paths, numSlices=max(1, min(slices, len(paths)))).map(read)


def table_articles(spark, table):
    """(path, bytes) of every row of a JSONL or Parquet table of articles."""
    reader = spark.read.parquet if table.endswith(".parquet") else spark.read.json
    frame = reader(table).select("path", "date", "text")

    def article(row):
        text = row["text"] or ""
        first = text.split("\n", 1)[0].strip().lower()
        if row["date"] and not first.startswith("date"):
            text = "date %s\n%s" % (row["date"], text)
        path = row["path"] if row["path"].startswith("corpus/") else "corpus/" + row["path"]
        return path, text.encode("utf-8")

    return frame.rdd.map(article)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--input", help="a folder tree of articles")
    source.add_argument("--table", help="a JSONL or Parquet table with path, date, text")
    parser.add_argument("--root", default=".", help="the folder article paths are relative to (default: .)")
    parser.add_argument("--facts", required=True, help="where the facts are saved (a new folder)")
    parser.add_argument("--output", help="the report (default: standard output)")
    parser.add_argument("--format", default="json", help="the report's format (`factlint check --format`)")
    parser.add_argument("--binary", help="the factlint binary, shipped to the executors (else one given with --files)")
    parser.add_argument("--rules", help="a rule folder for map and reduce (shipped to the executors)")
    parser.add_argument("--config", help="a factlint.toml for map and reduce (shipped to the executors)")
    parser.add_argument("--partitions", type=int, default=0, help="repartition the articles into this many shards")
    args = parser.parse_args(argv)

    from pyspark.sql import SparkSession

    spark = SparkSession.builder.appName("factlint").getOrCreate()
    context = spark.sparkContext
    binary = "factlint"
    if args.binary:
        context.addFile(os.path.abspath(args.binary))
        binary = os.path.basename(args.binary)
    rules = config = None
    if args.rules:
        context.addFile(os.path.abspath(args.rules), recursive=True)
        rules = os.path.basename(os.path.abspath(args.rules))
    if args.config:
        context.addFile(os.path.abspath(args.config))
        config = os.path.basename(args.config)

    if args.input:
        articles = folder_articles(spark, args.root, args.input, args.partitions)
    else:
        articles = table_articles(spark, args.table)
        if args.partitions:
            articles = articles.repartition(args.partitions)
    facts = articles.mapPartitions(lambda rows: map_partition(rows, binary, rules, config))
    facts.saveAsTextFile(args.facts)
    spark.stop()

    # The reduce, on the driver: the folder of the facts' parts.
    local = shutil.which("factlint") if not args.binary else os.path.abspath(args.binary)
    command = [local or "factlint", "check", "--format", args.format, "--facts", args.facts]
    if args.rules:
        command += ["--rules", os.path.abspath(args.rules)]
    if args.config:
        command += ["--config", os.path.abspath(args.config)]
    if args.output:
        command += ["--output-file", args.output]
    done = subprocess.run(command, check=False)
    # 0 clean, 1 findings: the report is written either way.
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
