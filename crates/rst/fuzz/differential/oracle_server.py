"""Pelican's reading of posts, one Python for many posts, each post read in a fork of it.

Starting Python and importing Pelican, docutils and Pygments costs more than reading a
post, so the server does that once (and reads a warm-up post, so that the modules docutils
and Pygments import lazily are loaded too). Each post is then read by a forked child that
exits afterwards: what one post changes in the interpreter (a `.. role::` directive
registers its role in a docutils module global, math2html keeps class attributes between
formulas) cannot reach the next post, as it would in one long-lived reader.

Run with the oracle's Python (`ORACLE_PYTHON`) and `ORACLE_TOOLS` naming the folder of
`oracle.py`. Reads requests from stdin, one a line, each one or more .rst paths separated
by tabs, and answers each path with one JSON line on stdout, in order: what
`oracle.py FILE` run alone prints for it. `--jobs N` reads up to N posts of a request at
once.
"""
import argparse
import collections
import contextlib
import gc
import json
import os
import sys
import tempfile

WARM_UP = """\
Warm-up
=======

:date: 2020-01-02
:tags: a, b

Text with *emphasis*, ``literal``, a link_, a footnote [#]_ and |s|.

.. _link: https://example.com/
.. [#] Note.
.. |s| replace:: substitution

.. code-block:: python

   def f(): return 1

.. note:: A note.

+---+---+
| a | b |
+---+---+

.. image:: a.png
   :width: 10%

.. contents::
"""
# The lexers the fuzzer's posts use, imported once in the server rather than per post.
WARM_LEXERS = ("python", "rust", "bash", "text", "json", "c", "html", "yaml", "console")


def start(render, path):
    """Forks a child that reads `path` with `render` and writes its record, as JSON, into a
    pipe; returns the child's pid and the pipe's reading end."""
    readable, writable = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: read, answer through the pipe, exit without cleanup
        status = 0
        gc.disable()  # a short life: collecting would only copy the server's pages
        try:
            os.close(readable)
            with contextlib.redirect_stdout(sys.stderr):
                record = render(path)
            data = json.dumps(record, ensure_ascii=False).encode("utf-8")
            with os.fdopen(writable, "wb") as pipe:
                pipe.write(data)
        except BaseException:  # noqa: B036 (the parent reports the empty answer)
            status = 1
        finally:
            sys.stderr.flush()
            os._exit(status)
    os.close(writable)
    return pid, readable


def finish(path, pid, readable):
    """The record of the child started for `path`, or an error record when it died
    without answering."""
    with os.fdopen(readable, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    if data:
        return json.loads(data.decode("utf-8"))
    return {"file": os.path.basename(path), "title": None, "metadata": {}, "content": None,
            "error": f"oracle_server: the reading process ended with status {status} "
                     "and no answer", "log": []}


def answers_for(render, paths, jobs=1):
    """The records of `paths` in their order, read by up to `jobs` children at a time."""
    running = collections.deque()
    for path in paths:
        running.append((path, *start(render, path)))
        if len(running) >= jobs:
            yield finish(*running.popleft())
    while running:
        yield finish(*running.popleft())


def serve(render, requests, answers, jobs=1):
    """Answers each request line of `requests` (paths separated by tabs) with one JSON line
    per path on `answers`, in the request's order."""
    for line in requests:
        paths = [p for p in line.rstrip("\n").split("\t") if p]
        for record in answers_for(render, paths, jobs):
            answers.write(json.dumps(record, ensure_ascii=False) + "\n")
        answers.flush()


def warm_up(render):
    """Imports what reading a post imports lazily, in the server, so that no child has to.
    The warm-up post defines no role and has no math: nothing of it stays to change the
    reading of another post."""
    from pygments.lexers import get_lexer_by_name

    for name in WARM_LEXERS:
        get_lexer_by_name(name)
    with tempfile.TemporaryDirectory(prefix="oracle-warm-") as folder:
        path = os.path.join(folder, "warm.rst")
        with open(path, "w", encoding="utf-8") as f:
            f.write(WARM_UP)
        with contextlib.redirect_stdout(sys.stderr):
            render(path)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--jobs", type=int, default=1,
                    help="read up to this many posts of one request at a time")
    args = ap.parse_args()
    sys.path.insert(0, os.environ["ORACLE_TOOLS"])
    import oracle

    warm_up(oracle.render_pelican)
    # What the server holds now is never freed: keep the collector off it, so that neither
    # the server nor a child writes to (and so copies) those pages.
    gc.freeze()
    serve(oracle.render_pelican, sys.stdin, sys.stdout, args.jobs)


if __name__ == "__main__":
    main()
