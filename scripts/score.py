#!/usr/bin/env python3
"""Recall and precision of `factlint check --format json` output against a
generated corpus's answers.jsonl.

    scripts/score.py CORPUS_DIR OUTPUT_JSON

A planted error is found when a diagnostic of its rule (any `term-*` rule
for "term") covers an overlapping span of its file. Every diagnostic that
matches no planted error counts against precision.
"""
import json
import os
import sys

corpus, output = sys.argv[1], sys.argv[2]
answers = [json.loads(line) for line in open(os.path.join(corpus, "answers.jsonl"))]
diagnostics = json.load(open(output))["diagnostics"]


def family(rule):
    return "term" if rule.startswith("term-") else rule


by_file = {}
for d in diagnostics:
    by_file.setdefault(os.path.basename(d["path"] or ""), []).append(d)

found = 0
matched = set()
for a in answers:
    for d in by_file.get(a["file"], []):
        s = d["span"]
        if family(d["rule"]) == a["rule"] and s["start"] < a["end"] and a["start"] < s["end"]:
            found += 1
            matched.add(id(d))
            break
false_alarms = [d for d in diagnostics if id(d) not in matched]
recall = found / len(answers) if answers else 1.0
precision = (len(diagnostics) - len(false_alarms)) / len(diagnostics) if diagnostics else 1.0
print(json.dumps({"planted": len(answers), "found": found, "diagnostics": len(diagnostics), "false_alarms": len(false_alarms), "recall": round(recall, 4), "precision": round(precision, 4)}))
for d in false_alarms[:10]:
    print("false alarm:", d["path"], d["rule"], d["message"], file=sys.stderr)
missed = [a for a in answers if not any(family(d["rule"]) == a["rule"] and d["span"]["start"] < a["end"] and a["start"] < d["span"]["end"] for d in by_file.get(a["file"], []))]
for a in missed[:10]:
    print("missed:", a, file=sys.stderr)
