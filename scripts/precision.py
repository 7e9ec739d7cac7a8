#!/usr/bin/env python3
"""The real-news precision suite: compares a factlint JSON report on the dev
corpus with the committed verdicts (tests/realnews/verdicts.tsv) and prints,
per rule, the diagnostics, how many were judged true / false / style, how
many are unjudged, false alarms per 100 articles, and precision.

A diagnostic is keyed by (article file name, rule, flagged text with its
white space folded, at most 60 characters); a verdict applies to every
diagnostic with its key.

Exit status 1 when, in the rules under judgement (--judged, rule-id
prefixes; default: every rule), a diagnostic judged `false` still fires or a
diagnostic is unjudged; the `true` ones that no longer fire (lost recall) are
listed, and fail the run too with --strict-recall.

    precision.py REPORT.json VERDICTS.tsv ARTICLES [--judged date-,title-] [--unjudged-context]
"""

import argparse
import collections
import json
import os
import sys


def key_text(text):
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:57] + "..."


def flagged(diagnostic, cache):
    path = diagnostic["path"]
    if path not in cache:
        with open(path, "rb") as f:
            cache[path] = f.read()
    span = diagnostic["span"]
    return cache[path][span["start"] : span["end"]].decode("utf-8", "replace")


def context(diagnostic, cache, width=110):
    data = cache[diagnostic["path"]]
    start, end = diagnostic["span"]["start"], diagnostic["span"]["end"]
    before = data[max(0, start - width) : start].decode("utf-8", "replace")
    after = data[end : end + width].decode("utf-8", "replace")
    return " ".join((before + "[[" + data[start:end].decode("utf-8", "replace") + "]]" + after).split())


def read_verdicts(path):
    verdicts = {}
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) < 4 or fields[3] not in ("true", "false", "style"):
                sys.exit(f"{path}:{number}: expected file, rule, text, true|false|style, reason")
            verdicts[(fields[0], fields[1], fields[2])] = (fields[3], fields[4] if len(fields) > 4 else "")
    return verdicts


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("report")
    parser.add_argument("verdicts")
    parser.add_argument("articles", type=int)
    parser.add_argument("--judged", default="", help="rule-id prefixes under judgement, comma-separated")
    parser.add_argument("--unjudged-context", action="store_true", help="print each unjudged diagnostic in context")
    parser.add_argument("--strict-recall", action="store_true", help="fail when a true diagnostic is lost")
    args = parser.parse_args()
    judged = [p for p in args.judged.split(",") if p]
    under = lambda rule: not judged or any(rule.startswith(p) for p in judged)

    with open(args.report, encoding="utf-8") as f:
        report = json.load(f)
    verdicts = read_verdicts(args.verdicts)
    cache = {}
    rows = collections.defaultdict(collections.Counter)
    fired = set()
    unjudged, false_fired = [], []
    for d in report["diagnostics"]:
        if d["severity"] == "info" or d["rule"].startswith(("article-", "baseline-", "suppression-")):
            continue
        key = (os.path.basename(d["path"]), d["rule"], key_text(flagged(d, cache)))
        fired.add(key)
        row = rows[d["rule"]]
        row["diagnostics"] += 1
        verdict = verdicts.get(key, (None, ""))[0]
        row[verdict or "unjudged"] += 1
        if verdict is None and under(d["rule"]):
            unjudged.append((key, d))
        if verdict == "false" and under(d["rule"]):
            false_fired.append(key)
    lost = sorted(k for k, (v, _) in verdicts.items() if v == "true" and k not in fired and under(k[1]))

    print(f"{args.articles} articles; verdicts: {len(verdicts)}")
    print()
    print("| rule | diagnostics | true | false | style | unjudged | false per 100 articles | precision |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    total = collections.Counter()
    for rule in sorted(rows):
        row = rows[rule]
        total.update(row)
        print(line(rule, row, args.articles))
    print(line("**all**", total, args.articles))
    if lost:
        print(f"\nlost (judged true, no longer reported): {len(lost)}")
        for k in lost:
            print("  " + "\t".join(k))
    if false_fired:
        print(f"\nfalse alarms still reported: {len(false_fired)}")
        for k in false_fired:
            print("  " + "\t".join(k) + "\t" + verdicts[k][1])
    if unjudged:
        print(f"\nunjudged: {len(unjudged)} (add a line to {args.verdicts} for each)")
        for k, d in unjudged:
            print("  " + "\t".join(k))
            if args.unjudged_context:
                print("      " + d["message"])
                print("      " + context(d, cache))
    failed = bool(false_fired or unjudged or (lost and args.strict_recall))
    sys.exit(1 if failed else 0)


def line(rule, row, articles):
    judged = row["true"] + row["false"]
    precision = f"{row['true'] / judged:.2f}" if judged else "–"
    per_100 = 100 * row["false"] / articles if articles else 0
    return (
        f"| {rule} | {row['diagnostics']} | {row['true']} | {row['false']} | {row['style']} | "
        f"{row['unjudged']} | {per_100:.2f} | {precision} |"
    )


if __name__ == "__main__":
    main()
