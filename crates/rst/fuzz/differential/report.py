#!/usr/bin/env python3
"""The classes of difference found so far, most frequent first, as Markdown.

    report.py [--classes DIR] [--top N]

For each class: its count, whether `folio check` raised a false alarm on it, its minimal
case, Pelican's content (or error) and ours, from CLASSES/<class>/.
"""
import argparse
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", "..", ".."))


def fenced(text, limit=600):
    text = text if len(text) <= limit else text[:limit] + "…"
    return "```\n" + text.rstrip("\n") + "\n```"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--classes", default=os.path.join(ROOT, "target", "difffuzz", "classes"))
    ap.add_argument("--top", type=int, default=1000)
    args = ap.parse_args()
    with open(os.path.join(args.classes, "classes.json"), encoding="utf-8") as f:
        index = json.load(f)
    ranked = sorted(index.items(), key=lambda kv: (-kv[1]["count"], kv[0]))
    total = sum(e["count"] for e in index.values())
    print(f"{len(index)} classes, {total} differing posts\n")
    for rank, (signature, entry) in enumerate(ranked[: args.top], 1):
        flags = []
        if entry.get("check_false"):
            flags.append(f"folio check false {entry['check_false']}")
        if entry.get("stable") is False:
            flags.append("not reproduced by a fresh oracle process")
        print(f"## {rank}. `{signature}` — {entry['count']} posts"
              + (f" ({'; '.join(flags)})" if flags else ""))
        folder = os.path.join(args.classes, entry.get("case", ""))
        if "case" not in entry or not os.path.isdir(folder):
            print("\n(not shrunk)\n")
            continue
        with open(os.path.join(folder, "case.rst"), encoding="utf-8") as f:
            case = f.read()
        with open(os.path.join(folder, "oracle.json"), encoding="utf-8") as f:
            theirs = json.load(f)
        with open(os.path.join(folder, "ours.json"), encoding="utf-8") as f:
            ours = json.load(f) or {}
        pelican = theirs.get("content")
        if theirs.get("error"):
            pelican = theirs["error"]
        diagnostics = [f"{d.get('severity')} line {d.get('line')}: {d.get('message')}"
                       for d in ours.get("diagnostics") or []]
        print(f"\ncase ({entry['case']}):\n{fenced(case)}\nPelican:\n{fenced(str(pelican))}")
        print(f"Folio:\n{fenced(str(ours.get('content')))}")
        if theirs.get("metadata") != ours.get("metadata") and not theirs.get("error"):
            print(f"metadata, Pelican: `{json.dumps(theirs.get('metadata'), ensure_ascii=False)}`"
                  f"\nmetadata, Folio: `{json.dumps(ours.get('metadata'), ensure_ascii=False)}`")
        if diagnostics:
            print("Folio's diagnostics: " + "; ".join(diagnostics))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
