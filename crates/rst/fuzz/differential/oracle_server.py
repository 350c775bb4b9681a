"""Pelican's reading of posts, one process for many posts: the shrinker asks it again and
again, and starting Python with Pelican each time would cost more than the reading.

Run with the oracle's Python (`ORACLE_PYTHON`). Reads one .rst path per line on stdin and
answers each with one JSON line on stdout, exactly what `oracle.py FILE` prints for it.
"""
import contextlib
import json
import os
import sys

sys.path.insert(0, os.environ["ORACLE_TOOLS"])
import oracle  # noqa: E402

out = sys.stdout
for line in sys.stdin:
    path = line.rstrip("\n")
    with contextlib.redirect_stdout(sys.stderr):
        record = oracle.render_pelican(path)
    out.write(json.dumps(record, ensure_ascii=False) + "\n")
    out.flush()
