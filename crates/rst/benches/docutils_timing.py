"""Times Pelican's RstReader (docutils) in-process on sets of files, for benches/engine.rs.

Reads {"set name": [paths...], ...} as JSON on stdin and prints {"set name": seconds per
pass over the set (median of the runs)}. Uses the conformance oracle's own reading code.
"""
import importlib.util
import json
import logging
import pathlib
import statistics
import sys
import time

ORACLE = pathlib.Path(__file__).resolve().parents[3].parent / "shared" / "conformance" / "tools" / "oracle.py"


def main():
    spec = importlib.util.spec_from_file_location("oracle", ORACLE)
    oracle = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(oracle)
    logging.disable(logging.CRITICAL)  # Pelican's warnings are not what is measured
    sets = json.load(sys.stdin)
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    out = {}
    for name, paths in sets.items():
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            for path in paths:
                try:
                    oracle._pelican_read(path)
                except Exception:  # error cases stop in docutils, as in Pelican
                    pass
            times.append(time.perf_counter() - started)
        out[name] = statistics.median(times)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
