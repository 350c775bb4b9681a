#!/usr/bin/env python3
"""Shrink a post that Folio renders differently from Pelican to a minimal one.

    shrink.py --folio PATH POST.rst [--out DIR] [--seconds 60]

Delta debugging in three passes, each keeping a cut only while the post still shows the
*same kind* of difference (`difference.judge` gives the same signature, and Pelican still
fails, or still does not, as it did on the original):

1. blocks: runs of lines that start at the left margin after a blank line,
2. lines,
3. characters, in chunks halving from 32 down to 1.

Each pass repeats until nothing more can go. A `Verdicts` object keeps one oracle server
(`oracle_server.py`) for all the questions, so a question costs one Pelican reading and
one `folio render --json`.
"""
import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import time

import difference

HERE = os.path.dirname(os.path.abspath(__file__))
ORACLE_PYTHON = os.environ.get("ORACLE_PYTHON") or os.path.join(
    HERE, "..", "..", "..", "..", "target", "oracle-venv", "bin", "python")


def require_oracle():
    """Stops with a plain message when the oracle's Python (Pelican and docutils) is absent."""
    if not os.access(ORACLE_PYTHON, os.X_OK):
        sys.exit(f"the oracle's Python is not at {ORACLE_PYTHON}: run `make venv` "
                 "(or set ORACLE_PYTHON)")


class Oracle:
    """Pelican's reading of posts by one `oracle_server.py` process for its whole life
    (each post read in a fork of it, so no post sees another's state)."""

    def __init__(self, jobs=1):
        env = dict(os.environ, ORACLE_TOOLS=difference.TOOLS)
        self.server = subprocess.Popen(
            [ORACLE_PYTHON, os.path.join(HERE, "oracle_server.py"), "--jobs", str(jobs)],
            env=env,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            text=True, encoding="utf-8")
        self.pending = 0  # readings asked for and not yet collected

    def read(self, path):
        """What `oracle.py PATH` prints for the post at `path`, as a dict."""
        self.submit([path])
        return self.collect(1)[0]

    def submit(self, paths):
        """Asks for the readings of `paths`; `collect` takes them, so that the caller can
        work while the server reads."""
        self.server.stdin.write("\t".join(os.path.abspath(p) for p in paths) + "\n")
        self.server.stdin.flush()
        self.pending += len(paths)

    def collect(self, count):
        """The next `count` readings asked for, in order."""
        records = []
        for _ in range(count):
            line = self.server.stdout.readline()
            if not line:
                raise RuntimeError("the oracle server ended (run it by hand to see why)")
            records.append(json.loads(line))
            self.pending -= 1
        return records

    def close(self):
        if self.server.poll() is None:
            if self.pending:  # it would block writing answers no one reads
                self.server.kill()
            else:
                self.server.stdin.close()
            self.server.wait(timeout=10)


class Verdicts:
    """Renders a post both ways and judges it, through one oracle server (its own, or one
    shared with the caller)."""

    def __init__(self, folio, oracle=None):
        self.folio = folio
        self.dir = tempfile.mkdtemp(prefix="difffuzz-shrink-")
        self.path = os.path.join(self.dir, "post.rst")
        self.own_oracle = oracle is None
        self.oracle_server = oracle or Oracle()
        self.asked = 0

    def close(self):
        if self.own_oracle:
            self.oracle_server.close()

    def oracle(self, text):
        with open(self.path, "w", encoding="utf-8") as f:
            f.write(text)
        return self.oracle_server.read(self.path)

    def ours(self, text):
        with open(self.path, "w", encoding="utf-8") as f:
            f.write(text)
        return render_ours(self.folio, [self.path])[0]

    def judge(self, text):
        """(signature, expected, actual, diffs)."""
        self.asked += 1
        expected = self.oracle(text)
        actual = self.ours(text)
        signature, diffs = difference.judge(expected, actual)
        return signature, expected, actual, diffs


def render_ours(folio, paths):
    """`folio render --json` on many posts in one process; one JSON (or None) per path.
    When the batch does not give one line per post (a crash), each post is run alone."""
    def run(batch):
        try:
            out = subprocess.run([folio, "render", "--json", *batch], capture_output=True,
                                 timeout=60 + 2 * len(batch))
        except subprocess.TimeoutExpired:
            return None
        lines = out.stdout.decode("utf-8", "replace").splitlines()
        if out.returncode != 0 or len(lines) != len(batch):
            return None
        try:
            return [json.loads(line) for line in lines]
        except json.JSONDecodeError:
            return None
    results = run(paths)
    if results is not None:
        return results
    if len(paths) == 1:
        return [None]
    return [(run([p]) or [None])[0] for p in paths]


def blocks_of(text):
    lines = text.split("\n")
    blocks, current = [], []
    for i, line in enumerate(lines):
        starts = line[:1].strip() and (i == 0 or not lines[i - 1].strip())
        if starts and current:
            blocks.append(current)
            current = []
        current.append(line)
    if current:
        blocks.append(current)
    return ["\n".join(b) for b in blocks]


def ddmin(parts, holds, join, deadline):
    """Drops chunks of `parts` (halving the chunk size) while `holds(join(kept))`."""
    size = max(1, len(parts) // 2)
    while size >= 1 and time.monotonic() < deadline:
        i = 0
        changed = False
        while i < len(parts) and time.monotonic() < deadline:
            trial = parts[:i] + parts[i + size:]
            if trial and holds(join(trial)):
                parts = trial
                changed = True
            else:
                i += size
        if not changed:
            size //= 2
    return parts


def dates_are_written_out(text, expected):
    """False when Pelican's date came partly from today (dateutil fills in what the text
    leaves out, e.g. `:date: 3` is the 3rd of this month): such a case would not give the
    same expected output tomorrow."""
    months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
              "dec"]
    numbers = set(re.findall(r"\d+", text))
    for key in ("date", "modified"):
        value = (expected.get("metadata") or {}).get(key)
        m = re.match(r"(\d{4})-(\d\d)-(\d\d)", value) if isinstance(value, str) else None
        if not m:
            continue
        year, month, day = m.group(1), int(m.group(2)), int(m.group(3))
        month_named = months[month - 1] in text.lower()
        if not ({f"{day}", f"{day:02}"} & numbers and year in numbers
                and (month_named or {f"{month}", f"{month:02}"} & numbers)):
            return False
    return True


def shrink(text, verdicts, seconds=60):
    """The smallest post found (within `seconds`) with the same signature as `text`."""
    signature, expected, _, _ = verdicts.judge(text)
    if signature is None:
        return text
    fails = bool(expected.get("error"))
    deadline = time.monotonic() + seconds

    def holds(candidate):
        sig, exp, _, _ = verdicts.judge(candidate)
        return (sig == signature and bool(exp.get("error")) == fails
                and dates_are_written_out(candidate, exp))

    parts = ddmin(blocks_of(text), holds, lambda p: "\n".join(p), deadline)
    text = "\n".join(parts)
    parts = ddmin(text.split("\n"), holds, lambda p: "\n".join(p), deadline)
    text = "\n".join(parts)
    chars = list(text)
    for size in (32, 16, 8, 4, 2, 1):
        if time.monotonic() >= deadline:
            break
        i = 0
        while i < len(chars) and time.monotonic() < deadline:
            trial = chars[:i] + chars[i + size:]
            if trial and holds("".join(trial)):
                chars = trial
            else:
                i += size
    text = "".join(chars)
    if not text.endswith("\n") and holds(text + "\n"):
        text += "\n"
    return text


def class_id(signature):
    """A folder name for a signature: readable words and a short hash."""
    words = re.sub(r"[^a-z0-9]+", "-", signature.lower()).strip("-")[:40].strip("-")
    return f"{words}-{hashlib.sha1(signature.encode()).hexdigest()[:8]}"


def write_case(out_dir, signature, text, verdicts):
    """Writes the minimal case of `signature` with both renderings; returns its folder and
    the signature the case alone gives. (Pelican reads it in a fresh fork of the oracle
    server: nothing of the posts read before it reaches it.)"""
    folder = os.path.join(out_dir, class_id(signature))
    os.makedirs(folder, exist_ok=True)
    case = os.path.join(folder, "case.rst")
    with open(case, "w", encoding="utf-8") as f:
        f.write(text)
    expected = verdicts.oracle_server.read(case)
    actual = render_ours(verdicts.folio, [case])[0]
    sig, diffs = difference.judge(expected, actual)
    for name, value in (("oracle.json", expected), ("ours.json", actual)):
        with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
            json.dump(value, f, indent=2, ensure_ascii=False)
            f.write("\n")
    with open(os.path.join(folder, "diff.txt"), "w", encoding="utf-8") as f:
        f.write(f"signature: {signature}\nshrunk signature: {sig}\n\n")
        f.write("\n".join(diffs) + "\n")
    return folder, sig


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--folio", required=True)
    ap.add_argument("--out", help="write the minimal case to OUT/<class>/")
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("post")
    args = ap.parse_args()
    with open(args.post, encoding="utf-8") as f:
        text = f.read()
    require_oracle()
    verdicts = Verdicts(args.folio)
    try:
        signature = verdicts.judge(text)[0]
        if signature is None:
            print("no difference: nothing to shrink")
            return 1
        small = shrink(text, verdicts, args.seconds)
        print(f"signature: {signature}\n{len(text)} -> {len(small)} characters, "
              f"{verdicts.asked} questions\n----\n{small}", end="")
        if args.out:
            folder, fresh = write_case(args.out, signature, small, verdicts)
            print("written to", folder, "" if fresh == signature else
                  f"(a fresh oracle process judges it {fresh!r})")
    finally:
        verdicts.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
