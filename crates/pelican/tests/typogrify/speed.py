"""Times typogrify 2.1 over an HTML file as Pelican runs it: `$ORACLE_PYTHON speed.py FILE`."""

import sys
import time

import smartypants
from typogrify.filters import typogrify

smartypants.Attr.default = smartypants.Attr.set1 | smartypants.Attr.w
html = open(sys.argv[1], encoding="utf-8").read()
runs = 5
start = time.perf_counter()
for _ in range(runs):
    out = typogrify(html, [])
each = (time.perf_counter() - start) / runs
print(f"python: {len(html.encode())} bytes -> {len(out.encode())} bytes, {each * 1e3:.2f} ms per run")
