# Writes one blog per case under argv[1] (case-N/pelicanconf.py with DOCUTILS_SETTINGS,
# case-N/content/plain.rst and raw.rst), then prints what the real Pelican reads from each
# post as JSON: {"case-N": {"settings", "plain.rst": {"content"} or {"error"}, ...}}.
# Run with the oracle's Python.
import json
import os
import sys

CASES = [
    {},
    {"initial_header_level": 3},
    {"initial_header_level": "1"},
    {"strip_comments": True},
    {"raw_enabled": False},
    {"file_insertion_enabled": False},
    {"language_code": "fr"},
    {"toc_backlinks": "top"},
    {"toc_backlinks": "none"},
    {"toc_backlinks": False},
    {"footnote_backlinks": False},
]

PLAIN = """Plain
#####

:date: 2020-01-02

.. contents::

Section
=======

Text [#]_ and [#]_.

.. [#] One.
.. [#] Two.

.. a comment

.. note:: A note.

Sub
---

Deeper
~~~~~~

Text.
"""

RAW = """Raw
###

:date: 2020-01-02

.. raw:: html

   <b>raw</b>

.. include:: plain.rst
   :literal:
"""

root = sys.argv[1]
out = {}
from pelican.readers import Readers
from pelican.settings import read_settings

for n, settings in enumerate(CASES):
    blog = os.path.join(root, "case-%d" % n)
    os.makedirs(os.path.join(blog, "content"))
    with open(os.path.join(blog, "pelicanconf.py"), "w", encoding="utf-8") as f:
        f.write("AUTHOR = 'A'\nSITENAME = 'S'\nTIMEZONE = 'UTC'\nDOCUTILS_SETTINGS = %r\n" % (settings,))
    for name, text in (("plain.rst", PLAIN), ("raw.rst", RAW)):
        with open(os.path.join(blog, "content", name), "w", encoding="utf-8") as f:
            f.write(text)
    readers = Readers(read_settings(os.path.join(blog, "pelicanconf.py")))
    case = {"settings": settings}
    for name in ("plain.rst", "raw.rst"):
        try:
            case[name] = {"content": readers.read_file(base_path=os.path.join(blog, "content"), path=name).content}
        except Exception as e:
            case[name] = {"error": str(e).split("\n")[0]}
    out["case-%d" % n] = case
json.dump(out, sys.stdout)
