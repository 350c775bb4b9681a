#!/usr/bin/env python3
"""Turn the fuzzer's minimal cases into regression cases judged by `cargo test`.

    promote.py --folio PATH [--classes DIR] [--cases DIR] [--max 40] [--replace]

Copies the minimal cases of the most frequent classes in CLASSES/classes.json to
CASES/<class>.rst until the folder holds `--max` (cases already there are kept; a case whose
date Pelican completes from today, or that a fresh oracle process reads without the
difference, is left out), regenerates every CASES/<class>.json with `oracle.py` (Pelican's
reading, the expected output, one process per case), and rewrites the pending list beside
the folder (`<cases>-pending.txt`) with the cases that `compare.py` does not yet find
equal. crates/cli/tests/oracle_cases.rs then fails when a
listed case passes or an unlisted one differs, so the list only shrinks.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys

import difference
import shrink

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", "..", ".."))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--folio", required=True)
    ap.add_argument("--classes", default=os.path.join(ROOT, "target", "difffuzz", "classes"))
    ap.add_argument("--cases", default=os.path.join(ROOT, "crates", "rst", "tests",
                                                    "oracle-cases"))
    ap.add_argument("--max", type=int, default=40)
    ap.add_argument("--replace", action="store_true",
                    help="start the folder afresh: the --max most frequent classes only")
    args = ap.parse_args()
    with open(os.path.join(args.classes, "classes.json"), encoding="utf-8") as f:
        index = json.load(f)
    os.makedirs(args.cases, exist_ok=True)
    if args.replace:
        for f in os.listdir(args.cases):
            if f.endswith((".rst", ".json")):
                os.remove(os.path.join(args.cases, f))
    ranked = sorted((e for e in index.values() if "case" in e),
                    key=lambda e: (-e["count"], e["case"]))
    chosen = []
    for entry in ranked:
        with open(os.path.join(args.classes, entry["case"], "oracle.json"),
                  encoding="utf-8") as f:
            expected = json.load(f)
        with open(os.path.join(args.classes, entry["case"], "case.rst"),
                  encoding="utf-8") as f:
            text = f.read()
        if not shrink.dates_are_written_out(text, expected):
            print(f"left out {entry['case']}: Pelican's date for it depends on today")
        elif entry.get("stable") is False:
            print(f"left out {entry['case']}: a fresh oracle process reads it differently")
        else:
            chosen.append(entry)
    shrink.require_oracle()
    added = []
    present = sum(f.endswith(".rst") for f in os.listdir(args.cases))
    for entry in chosen:
        if present + len(added) >= args.max:
            break
        name = entry["case"]
        case = os.path.join(args.cases, name + ".rst")
        if os.path.exists(case):
            continue
        shutil.copyfile(os.path.join(args.classes, name, "case.rst"), case)
        added.append(name)
    # one oracle process per case: a process that read other posts can answer differently
    for name in sorted(f[:-4] for f in os.listdir(args.cases) if f.endswith(".rst")):
        subprocess.run([shrink.ORACLE_PYTHON, os.path.join(difference.TOOLS, "oracle.py"),
                        "--out", args.cases, os.path.join(args.cases, name + ".rst")],
                       check=True, capture_output=True)
    judged = subprocess.run(
        [sys.executable, os.path.join(difference.TOOLS, "compare.py"), "--cases", args.cases,
         "--expected", args.cases, "--", os.path.abspath(args.folio), "render", "--json"],
        capture_output=True, text=True)
    failing = sorted(line[len("FAIL "):].split(".json")[0]
                     for line in judged.stdout.splitlines() if line.startswith("FAIL "))
    for name in added:
        if name not in failing:  # no difference left to guard against
            print(f"left out {name}: equal when read alone")
            for ext in (".rst", ".json"):
                os.remove(os.path.join(args.cases, name + ext))
    pending = args.cases.rstrip("/") + "-pending.txt"
    with open(pending, "w", encoding="utf-8") as f:
        f.write("# Fuzzer-found cases (oracle-cases/) not yet equal to Pelican's output; see\n"
                "# crates/cli/tests/oracle_cases.rs. Remove a line when its case passes.\n")
        f.writelines(name + "\n" for name in failing)
    print(f"{len(added)} cases added")
    print(f"{len(failing)} pending, written to {pending}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
