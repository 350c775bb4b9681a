#!/usr/bin/env python3
"""Judges Folio's engine on public reST it did not write: docutils' own documentation and
Pelican's test and sample content, from their source distributions. Each document goes
through the oracle (../shared/conformance/tools/oracle.py, Pelican's reader) and is judged
with the same compare.py as the conformance corpus.

    fidelity-corpus.py --folio target/debug/folio [--work target/fidelity]

ORACLE_PYTHON and ORACLE_SDISTS (set by `make venv`) name the oracle's interpreter and the
unpacked sdists. Prints one line per document that differs and `fidelity corpus: P/N equal
(X %)` last; documents listed in crates/rst/tests/fidelity-out-of-scope.txt are left out of
the count, with their reason printed.
"""
import argparse
import os
import pathlib
import shutil
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
TOOLS = ROOT.parent / "shared" / "conformance" / "tools"
OUT_OF_SCOPE = ROOT / "crates" / "rst" / "tests" / "fidelity-out-of-scope.txt"

# (name in the corpus, folder inside an sdist, file suffixes)
SOURCES = [
    ("docutils", "docutils-0.23/docs", (".txt", ".rst")),
    ("pelican-tests", "pelican-4.12.0/pelican/tests/content", (".rst",)),
    ("pelican-samples", "pelican-4.12.0/samples/content", (".rst",)),
]


def out_of_scope():
    entries = {}
    for line in OUT_OF_SCOPE.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            name, _, reason = line.partition(" ")
            entries[name] = reason.strip()
    return entries


def build(sdists, cases):
    """Copies each source's tree; .txt files become .rst (the judge reads *.rst), and every
    other file is kept so includes and images resolve as they do in place."""
    if cases.exists():
        shutil.rmtree(cases)
    for name, folder, suffixes in SOURCES:
        src = sdists / folder
        if not src.is_dir():
            sys.exit(f"{src} is missing: run `make venv` (it unpacks the oracle's sdists)")
        for path in src.rglob("*"):
            if not path.is_file():
                continue
            rel = path.relative_to(src)
            dest = cases / name / rel
            if path.suffix in suffixes:
                dest = dest.with_suffix(".rst")
            elif path.suffix == ".rst":
                continue  # an .rst that is not a document of this source
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, dest)


def oracle(python, cases, expected):
    """Runs the oracle once per document: docutils keeps state between the documents one
    process reads (a `.. role::` in one changes the base role for the next), so each is
    read alone, as Pelican reads a post."""
    if expected.exists():
        shutil.rmtree(expected)
    for doc in sorted(cases.rglob("*.rst")):
        out = expected / doc.parent.relative_to(cases)
        out.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [python, str(TOOLS / "oracle.py"), "--out", str(out), str(doc)],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=doc.parent)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folio", required=True, help="the folio binary")
    ap.add_argument("--work", default=str(ROOT / "target" / "fidelity"))
    ap.add_argument("-v", action="store_true", help="show the first differing lines")
    args = ap.parse_args()
    python = os.environ.get("ORACLE_PYTHON", str(ROOT / "target/oracle-venv/bin/python"))
    sdists = pathlib.Path(os.environ.get("ORACLE_SDISTS", str(ROOT / "target/sdists")))
    if not pathlib.Path(python).exists():
        sys.exit(f"{python} is missing: run `make venv`")
    work = pathlib.Path(args.work)
    cases, expected = work / "cases", work / "expected"
    build(sdists, cases)
    skip = out_of_scope()
    for name in skip:
        for p in [cases / f"{name}.rst"]:
            if p.exists():
                p.unlink()
    oracle(python, cases, expected)
    judge = [sys.executable, str(TOOLS / "compare.py"), "--cases", str(cases),
             "--expected", str(expected)]
    if args.v:
        judge += ["-v", "--max-lines", "30"]
    run = subprocess.run(judge + ["--", args.folio, "render", "--json"],
                         capture_output=True, text=True)
    lines = run.stdout.splitlines()
    for line in lines[:-1]:
        print(line)
    for name, reason in sorted(skip.items()):
        print(f"out of scope: {name}: {reason}")
    last = lines[-1] if lines else ""
    if not last.startswith("conformance: "):
        sys.exit(f"the judge did not finish:\n{run.stdout}\n{run.stderr}")
    equal, total = (int(x) for x in last.split()[1].split("/"))
    print(f"fidelity corpus: {equal}/{total} equal ({100 * equal / max(total, 1):.1f} %)")


if __name__ == "__main__":
    main()
