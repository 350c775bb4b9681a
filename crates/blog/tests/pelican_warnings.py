"""Runs Pelican on a blog and prints the warnings and errors it logs, as JSON.

Usage: pelican_warnings.py BLOG_ROOT

Prints [{"level", "msg", "args"}] as the last line of stdout (`msg` is the logging template, `args` its
arguments as strings). Exits 2 with a message when Pelican cannot read Markdown.
"""

import json
import logging
import os
import sys
import tempfile

from pelican import Pelican
from pelican.log import LimitFilter
from pelican.readers import Readers
from pelican.settings import read_settings


class Keep(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.records = []

    def emit(self, record):
        args = record.args if isinstance(record.args, tuple) else (record.args,)
        self.records.append(
            {
                "level": record.levelname,
                "msg": str(record.msg),
                "args": [str(a) for a in args if a is not None],
            }
        )


def main():
    root = os.path.abspath(sys.argv[1])
    output = tempfile.mkdtemp()
    settings = read_settings(
        os.path.join(root, "pelicanconf.py"),
        override={
            "PATH": os.path.join(root, "content"),
            "OUTPUT_PATH": output,
            "CACHE_CONTENT": False,
            "LOAD_CONTENT_CACHE": False,
            "TIMEZONE": "UTC",
            "SITEURL": "",
            "FEED_ALL_ATOM": None,
            "CATEGORY_FEED_ATOM": None,
        },
    )
    if "md" not in Readers(settings).extensions:
        print("Pelican has no Markdown reader here: run make venv", file=sys.stderr)
        sys.exit(2)
    # Pelican's loggers fold the same kind of warning into one line after five of them;
    # every one of them is wanted here.
    LimitFilter._threshold = 10**9
    keep = Keep()
    logging.getLogger().addHandler(keep)
    logging.getLogger().setLevel(logging.WARNING)
    Pelican(settings).run()
    print(json.dumps(keep.records))


if __name__ == "__main__":
    main()
