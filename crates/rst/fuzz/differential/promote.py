#!/usr/bin/env python3
"""Turn the fuzzer's minimal cases into regression cases judged by `cargo test`.

    promote.py --folio PATH [--classes DIR] [--cases DIR] [--max 40]

Copies the minimal case of each of the `--max` most frequent classes in
CLASSES/classes.json to CASES/<class>.rst (cases already there are kept), regenerates
CASES/<class>.json with `oracle.py --dir` (Pelican's reading, the expected output), and
rewrites the pending list beside the folder (`<cases>-pending.txt`) with the cases that
`compare.py` does not yet find equal. crates/cli/tests/oracle_cases.rs then fails when a
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
    args = ap.parse_args()
    with open(os.path.join(args.classes, "classes.json"), encoding="utf-8") as f:
        index = json.load(f)
    os.makedirs(args.cases, exist_ok=True)
    ranked = sorted((e for e in index.values() if "case" in e),
                    key=lambda e: (-e["count"], e["case"]))
    for entry in ranked[: args.max]:
        name = entry["case"]
        shutil.copyfile(os.path.join(args.classes, name, "case.rst"),
                        os.path.join(args.cases, name + ".rst"))
    shrink.require_oracle()
    subprocess.run([shrink.ORACLE_PYTHON, os.path.join(difference.TOOLS, "oracle.py"),
                    "--dir", args.cases, "--out", args.cases], check=True)
    judged = subprocess.run(
        [sys.executable, os.path.join(difference.TOOLS, "compare.py"), "--cases", args.cases,
         "--expected", args.cases, "--", os.path.abspath(args.folio), "render", "--json"],
        capture_output=True, text=True)
    failing = sorted(line[len("FAIL "):].split(".json")[0]
                     for line in judged.stdout.splitlines() if line.startswith("FAIL "))
    pending = args.cases.rstrip("/") + "-pending.txt"
    with open(pending, "w", encoding="utf-8") as f:
        f.write("# Fuzzer-found cases (oracle-cases/) not yet equal to Pelican's output; see\n"
                "# crates/cli/tests/oracle_cases.rs. Remove a line when its case passes.\n")
        f.writelines(name + "\n" for name in failing)
    print(judged.stdout.splitlines()[-1] if judged.stdout else judged.stderr)
    print(f"{len(failing)} pending, written to {pending}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
