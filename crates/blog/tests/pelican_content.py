"""Runs Pelican's generators on a blog and prints every piece of content it made, as JSON.

Usage: pelican_content.py BLOG_ROOT

Reads BLOG_ROOT/pelicanconf.py with Pelican's own `read_settings` (so computed paths and
every setting count), runs the generators' context step (the part of a build that reads
the content; nothing is written) and prints, as the last line of stdout:

  {"content": [{"source", "kind", "list", "title", "date", "category", "slug", "status"}],
   "static": [source...], "path": PATH}

`source` is relative to PATH, `/`-separated; `kind` is article or page; `list` is the
generator list the content landed in (articles, drafts, hidden_articles, translations,
pages, hidden_pages, draft_pages, ...); `date` is ISO 8601 without the time zone. Exits 2
with a message when Pelican cannot read Markdown.
"""

import json
import os
import sys
import tempfile

from pelican import Pelican, signals
from pelican.readers import Readers
from pelican.settings import read_settings

ARTICLE_LISTS = [
    "articles",
    "translations",
    "drafts",
    "drafts_translations",
    "hidden_articles",
    "hidden_translations",
]
PAGE_LISTS = [
    "pages",
    "translations",
    "hidden_pages",
    "hidden_translations",
    "draft_pages",
    "draft_translations",
]


class Done(Exception):
    """Raised once the context is built, so nothing is written."""


def describe(item, kind, where, base):
    date = getattr(item, "date", None)
    category = getattr(item, "category", None)
    return {
        "source": os.path.relpath(item.source_path, base).replace(os.sep, "/"),
        "kind": kind,
        "list": where,
        "title": getattr(item, "title", None),
        "date": date.replace(tzinfo=None).isoformat() if date is not None else None,
        "category": str(category) if category is not None else None,
        "slug": getattr(item, "slug", None),
        "status": item.status,
    }


def main():
    root = os.path.abspath(sys.argv[1])
    # As `python -m pelican` run in the blog: its folder is on sys.path, so a config may
    # import a sibling module.
    sys.path.insert(0, root)
    output = tempfile.mkdtemp()
    settings = read_settings(
        os.path.join(root, "pelicanconf.py"),
        override={
            "OUTPUT_PATH": output,
            "CACHE_CONTENT": False,
            "LOAD_CONTENT_CACHE": False,
        },
    )
    if "md" not in Readers(settings).extensions:
        print("Pelican has no Markdown reader here: run make venv", file=sys.stderr)
        sys.exit(2)
    base = settings["PATH"]
    found = {}

    def collect(generators):
        content = []
        static = []
        for generator in generators:
            name = type(generator).__name__
            if name == "ArticlesGenerator":
                for where in ARTICLE_LISTS:
                    for item in getattr(generator, where, []):
                        content.append(describe(item, "article", where, base))
            elif name == "PagesGenerator":
                for where in PAGE_LISTS:
                    for item in getattr(generator, where, []):
                        content.append(describe(item, "page", where, base))
            elif name == "StaticGenerator":
                for item in generator.staticfiles:
                    static.append(os.path.relpath(item.source_path, base).replace(os.sep, "/"))
        found["content"] = sorted(content, key=lambda c: c["source"])
        found["static"] = sorted(static)
        raise Done()

    signals.all_generators_finalized.connect(collect)
    try:
        Pelican(settings).run()
    except Done:
        pass
    found["path"] = base
    print(json.dumps(found))


if __name__ == "__main__":
    main()
