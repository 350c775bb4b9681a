# Writes one blog per case under argv[1] (case-N/pelicanconf.py with PYGMENTS_RST_OPTIONS,
# case-N/content/post.rst with code blocks, some with options of their own), then prints
# what the real Pelican reads from each post as JSON: {"case-N": {"options", "content"}}.
# Run with the oracle's Python.
import json
import os
import sys

CASES = [
    {"linenos": "table"},
    {"linenos": "inline"},
    {"linenos": "table", "linenostart": 10, "linenostep": 2},
    {"hl_lines": "1 3"},
    {"linenos": "table", "linenospecial": 2, "lineanchors": "L", "anchorlinenos": True},
    {"linenos": "inline", "linenospecial": 3, "lineanchors": "L", "anchorlinenos": True},
    {"cssclass": "codehilite", "linenos": "table"},
    {"nowrap": True},
    {"wrapcode": True, "filename": "f.py"},
    {"filename": "x.py", "linenos": "table"},
    {"linespans": "S", "lineanchors": "A", "linenos": "inline", "hl_lines": [2]},
    {"lineseparator": "<br>"},
    {"linenos": True},
    {"linenos": "none"},
    {},
]

POST = """Code
####

:date: 2020-01-02

.. code-block:: python

    def f(x):
        # the answer
        return x * 42

.. code-block:: python
    :linenos: none

    print("own options win")

.. sourcecode:: text
    :linenos: inline
    :hl_lines: 2

    plain
    text
    here
"""

root = sys.argv[1]
out = {}
from pelican.readers import Readers
from pelican.settings import read_settings

for n, options in enumerate(CASES):
    blog = os.path.join(root, "case-%d" % n)
    os.makedirs(os.path.join(blog, "content"))
    with open(os.path.join(blog, "pelicanconf.py"), "w", encoding="utf-8") as f:
        f.write("AUTHOR = 'A'\nSITENAME = 'S'\nTIMEZONE = 'UTC'\nPYGMENTS_RST_OPTIONS = %r\n" % (options,))
    with open(os.path.join(blog, "content", "post.rst"), "w", encoding="utf-8") as f:
        f.write(POST)
    # read_settings sets the PYGMENTS_RST_OPTIONS Pelican's code-block reads.
    readers = Readers(read_settings(os.path.join(blog, "pelicanconf.py")))
    post = readers.read_file(base_path=os.path.join(blog, "content"), path="post.rst")
    out["case-%d" % n] = {"options": options, "content": post.content}
json.dump(out, sys.stdout)
