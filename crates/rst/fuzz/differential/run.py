#!/usr/bin/env python3
"""Differential fuzzing of Folio's reST engine against Pelican, for a time budget.

    run.py --folio PATH [--seconds 600] [--batch 50] [--out DIR] [--stats FILE]
           [--seed N --posts K --no-shrink]    # the figures of a fixed range of seeds

Round after round: `gen.py` writes a batch of posts (consecutive seeds, continuing from the
last run recorded in OUT/state.json) into a temporary blog's content folder; the oracle
server (`oracle_server.py`, one for the whole run) reads each as Pelican does, in a fresh
fork, while the previous batch is judged; one `folio render --json` renders them all;
`difference.judge` (the project's `compare.py`) judges each. A second check runs
`folio check --json` on the temporary blog: where Pelican read a post cleanly, a markup
finding of warning or error is a false alarm of `folio check` (class
`check-false-<severity>: <message>`).

Each new class of difference is shrunk (`shrink.py`) and written to OUT/<class>/ with our
output and Pelican's; OUT/classes.json keeps every class with its count, first seed and
minimal case across runs, and OUT/state.json the next seed and which of the last 10,000
posts judged (across runs) were equal. At the end the figures are printed and one JSON
line is appended to the stats file.
"""
import argparse
import collections
import datetime
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import difference
import gen
import shrink

RECENT = 10_000


def read_json(path, default):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return default


def write_json(path, value):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(value, f, indent=2, ensure_ascii=False)
        f.write("\n")
    os.replace(tmp, path)


def check_alarms(folio, blog):
    """{post file name: first markup finding of warning or worse} from `folio check`."""
    out = subprocess.run([folio, "check", "--json", blog], capture_output=True, timeout=300)
    try:
        findings = json.loads(out.stdout.decode("utf-8", "replace") or "[]")
    except json.JSONDecodeError:
        return {}
    alarms = {}
    for f in findings:
        if f.get("kind") == "markup" and f.get("severity") in ("warning", "error"):
            alarms.setdefault(os.path.basename(f.get("file", "")), f)
    return alarms


class Batch:
    """One batch of posts: written and handed to the oracle server when made, so that
    Pelican reads it while the previous batch is rendered and judged."""

    def __init__(self, oracle, seeds, work):
        self.oracle, self.seeds = oracle, seeds
        self.blog = os.path.join(work, "blog")
        content = os.path.join(self.blog, "content")
        shutil.rmtree(work, ignore_errors=True)
        os.makedirs(content)
        self.texts, self.paths = {}, []
        for seed in seeds:
            self.texts[seed] = gen.generate(seed)
            path = os.path.join(content, f"g{seed:08d}.rst")
            with open(path, "w", encoding="utf-8") as f:
                f.write(self.texts[seed])
            self.paths.append(path)
        oracle.submit(self.paths)

    def rows(self, folio):
        """[(seed, text, expected, actual, check alarm or None)]."""
        ours = shrink.render_ours(folio, self.paths)
        alarms = check_alarms(folio, self.blog)
        expected = self.oracle.collect(len(self.paths))
        return [(seed, self.texts[seed], theirs, actual, alarms.get(f"g{seed:08d}.rst"))
                for seed, theirs, actual in zip(self.seeds, expected, ours)]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    target = os.path.join(here, "..", "..", "..", "..", "target", "difffuzz")
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--folio", required=True, help="the folio binary to judge")
    ap.add_argument("--seconds", type=float, default=600)
    ap.add_argument("--batch", type=int, default=50)
    ap.add_argument("--jobs", type=int, default=1,
                    help="posts the oracle reads at a time")
    ap.add_argument("--shrink-seconds", type=float, default=60)
    ap.add_argument("--out", default=os.path.join(target, "classes"))
    ap.add_argument("--stats", default=os.path.join(target, "stats.jsonl"))
    ap.add_argument("--seed", type=int, help="first seed (default: where the last run stopped)")
    ap.add_argument("--posts", type=int, help="stop after this many posts (rounded up to a "
                    "batch)")
    ap.add_argument("--no-shrink", action="store_true",
                    help="count the classes without shrinking new ones (for figures)")
    args = ap.parse_args()
    shrink.require_oracle()
    folio = os.path.abspath(args.folio)
    os.makedirs(args.out, exist_ok=True)
    state_path = os.path.join(args.out, "state.json")
    index_path = os.path.join(args.out, "classes.json")
    state = read_json(state_path, {"next_seed": 0})
    index = read_json(index_path, {})
    seed = args.seed if args.seed is not None else state["next_seed"]
    first_seed = seed

    started = time.monotonic()
    start_utc = datetime.datetime.now(datetime.timezone.utc)
    deadline = started + args.seconds
    judged = equal = 0
    classes = collections.Counter()
    check_false = collections.Counter()
    # equal (1) or not (0) for the last RECENT posts judged, across runs
    recent = collections.deque((c == "1" for c in state.get("recent", "")), maxlen=RECENT)
    work = tempfile.mkdtemp(prefix="difffuzz-")
    works = [os.path.join(work, "a"), os.path.join(work, "b")]  # this batch's, the next's
    # `kill PID` ends a run after its current batch, with its figures recorded.
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(True))
    verdicts = None
    oracle = shrink.Oracle(args.jobs)

    def more():
        return (time.monotonic() < deadline and not stop
                and (args.posts is None or seed - first_seed < args.posts))

    def next_batch():
        nonlocal seed
        seeds = list(range(seed, seed + args.batch))
        seed += args.batch
        works.reverse()
        return Batch(oracle, seeds, works[0])

    done = seed
    try:
        batch = next_batch()
        while batch is not None:
            coming = next_batch() if more() else None
            for s, text, expected, actual, alarm in batch.rows(folio):
                judged += 1
                signature, _ = difference.judge(expected, actual)
                if alarm and not expected.get("error"):
                    name = f"check-false-{alarm['severity']}: {difference.mask(alarm['message'])}"
                    check_false[name] += 1
                    signature = signature or name
                recent.append(signature is None)
                if signature is None:
                    equal += 1
                    continue
                classes[signature] += 1
                entry = index.setdefault(signature, {"count": 0, "first_seed": s})
                entry["count"] += 1
                if alarm and not expected.get("error"):
                    entry["check_false"] = alarm["severity"]
                if ("case" in entry or args.no_shrink or time.monotonic() >= deadline
                        or stop):
                    continue
                if verdicts is None:  # its own server: ours has the next batch to read
                    verdicts = shrink.Verdicts(folio)
                small = shrink.shrink(text, verdicts, args.shrink_seconds)
                folder, fresh = shrink.write_case(args.out, signature, small, verdicts)
                entry["case"] = os.path.relpath(folder, args.out)
                entry["stable"] = fresh == signature
                entry["chars"] = len(small)
                write_json(index_path, index)
            done = batch.seeds[-1] + 1
            batch = coming
            state["next_seed"] = done
            state["recent"] = "".join("1" if ok else "0" for ok in recent)
            write_json(state_path, state)
            write_json(index_path, index)
            elapsed = time.monotonic() - started
            print(f"[{elapsed:7.0f}s] judged {judged}, equal {equal} "
                  f"({100 * equal / max(judged, 1):.1f}%), classes {len(classes)}, "
                  f"seeds up to {done - 1}", flush=True)
    finally:
        if verdicts is not None:
            verdicts.close()
        oracle.close()
        shutil.rmtree(work, ignore_errors=True)

    wall = time.monotonic() - started
    summary = {
        "start": start_utc.isoformat(timespec="seconds"),
        "end": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "seconds": round(wall),
        "seeds": [first_seed, done - 1],
        "judged": judged,
        "posts_per_second": round(judged / max(wall, 1e-9), 2),
        "equal": equal,
        "equal_rate": round(equal / max(judged, 1), 4),
        "equal_rate_last_10000": round(sum(recent) / max(len(recent), 1), 4),
        "classes": dict(classes.most_common()),
        "check_false": dict(check_false.most_common()),
    }
    with open(args.stats, "a", encoding="utf-8") as f:
        f.write(json.dumps(summary, ensure_ascii=False) + "\n")
    print(f"\ndifffuzz: {judged} posts judged in {wall:.0f} s "
          f"({summary['posts_per_second']} posts/s), {equal} equal "
          f"({100 * summary['equal_rate']:.1f}%; last {len(recent)}: "
          f"{100 * summary['equal_rate_last_10000']:.1f}%), {len(classes)} classes")
    for signature, n in classes.most_common():
        case = index.get(signature, {}).get("case", "-")
        print(f"  {n:6d}  {signature}  [{case}]")
    if check_false:
        print("folio check false alarms (Pelican read these cleanly):")
        for name, n in check_false.most_common():
            print(f"  {n:6d}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
