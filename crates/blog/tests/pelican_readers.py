"""Reads posts with Pelican's own readers and prints what it makes of each, as JSON.

Usage: pelican_readers.py CONTENT_DIR REL:KIND...   (KIND is article or page)

Prints {"rel": {"title", "date", "status", "category", "tags", "slug"}} on stdout. Exits 2
with a message when Pelican cannot read Markdown (the markdown package is missing).
"""

import json
import sys

from pelican.contents import Article, Page
from pelican.readers import Readers
from pelican.settings import read_settings


def main():
    content = sys.argv[1]
    settings = read_settings(
        None,
        override={"PATH": content, "CACHE_CONTENT": False, "LOAD_CONTENT_CACHE": False},
    )
    readers = Readers(settings)
    if "md" not in readers.extensions:
        print("Pelican has no Markdown reader here: run make venv", file=sys.stderr)
        sys.exit(2)
    out = {}
    for arg in sys.argv[2:]:
        rel, kind = arg.rsplit(":", 1)
        klass = Page if kind == "page" else Article
        post = readers.read_file(base_path=content, path=rel, content_class=klass)
        meta = post.metadata
        out[rel] = {
            "title": meta.get("title"),
            "date": meta["date"].isoformat() if "date" in meta else None,
            "status": post.status,
            "category": str(meta["category"]) if "category" in meta else None,
            "tags": [str(tag) for tag in meta.get("tags", [])],
            "slug": meta.get("slug"),
        }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
