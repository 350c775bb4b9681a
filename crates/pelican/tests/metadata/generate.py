"""Builds metadata.json: field values and what the real Pelican reader makes of them.

Run with the oracle's Python (Pelican 4.12.0, docutils 0.23):

    $ORACLE_PYTHON crates/pelican/tests/metadata/generate.py > crates/pelican/tests/metadata/metadata.json

Each value is written as a field of a small reST post, read with
`pelican.readers.RstReader` and Pelican's default settings (as
../shared/conformance/tools/oracle.py does), then, for `status`, given to
`pelican.contents.Article`, which lowercases it and checks it against the allowed ones.

- `lists`: `[field, plain, result]`: plain is the field body's text (lines stripped,
  joined by newlines, as docutils' astext gives it), result the list Pelican keeps, or
  null when it drops the field, or `"!Error: ..."` when docutils refuses the field
  (an `authors` field it cannot split is a warning, which Pelican's halt level makes
  an error).
- `statuses`: `[written, result]`: result is the status Pelican publishes with, or
  `"!skip-stub"` (left out before the content is built), `"!assert"` (a status that
  lowercases to `skip` but is not `skip`, which stops the build with an AssertionError
  in the generator), `"!unknown <status>"` (logged and left out).
- `formatted_fields`: the default FORMATTED_FIELDS.
"""

import copy
import datetime
import json
import logging
import os
import sys
import tempfile
import warnings

warnings.simplefilter("ignore")
logging.disable(logging.CRITICAL)

import pelican  # noqa: E402
import pelican.settings as pys  # noqa: E402
from pelican.contents import Article  # noqa: E402
from pelican.readers import RstReader, _filter_discardable_metadata  # noqa: E402

if pelican.__version__ != "4.12.0":
    print(f"warning: pelican {pelican.__version__} is not the pinned 4.12.0", file=sys.stderr)

SETTINGS = copy.deepcopy(pys.DEFAULT_CONFIG)
pys.PYGMENTS_RST_OPTIONS = SETTINGS.get("PYGMENTS_RST_OPTIONS")
FOLDER = tempfile.mkdtemp()
POST = os.path.join(FOLDER, "post.rst")


def read(field, value):
    with open(POST, "w", encoding="utf-8") as f:
        f.write(f"Title\n=====\n\n:{field}: {value}\n\nBody.\n")
    _content, metadata = RstReader(SETTINGS).read(POST)
    return _filter_discardable_metadata(metadata)


def plain(value):
    return "\n".join(line.strip() for line in value.split("\n")).strip()


LIST_VALUES = [
    "a, b, c", "a; b; c", "a, b; c", "Doe, Jane; Roe, Rick", "a,,b", " a , b ", "a, a, b",
    "a; a; A", ",", ";", ", ;", "a;", "a,", ";a", "single", "two words, three more words",
    "a;b,c;d", "café, naïve", "C++, C#", "a , b ;", "x,\n   y", "x;\n   y, z",
    "rust,python,go,rust", "a;;b", " ; a ; ; b ", "1, 2, 3", "a b c", "tag-one, tag_two",
    "Python; python", "a\u00a0, b", "日本, 中国",
]

STATUS_VALUES = [
    "published", "Published", "PUBLISHED", "draft", "Draft", "DRAFT", "hidden", "Hidden",
    "skip", "Skip", "SKIP", "  draft  ", "wip", "pending", "drafts", "publish", "private",
    "dräft", "draft\n   later", "public", "Hidden ",
]


def status_outcome(value):
    metadata = read("status", value)
    if metadata.get("status") == "skip":
        return "!skip-stub"
    metadata = dict(metadata, date=datetime.datetime(2020, 1, 1))
    article = Article(content="", metadata=metadata, settings=SETTINGS, source_path=POST)
    if not article._has_valid_status():
        return f"!unknown {article.status}"
    if article.status == "skip":
        return "!assert"
    return article.status


def main():
    lists = []
    for field in ["tags", "authors"]:
        for value in LIST_VALUES:
            try:
                result = read(field, value).get(field)
            except Exception as e:  # noqa: BLE001 - docutils refuses some author fields
                first_line = str(e).splitlines()[0].replace(POST, "post.rst")
                result = f"!{type(e).__name__}: {first_line}"
            if isinstance(result, list):
                result = [str(item) for item in result]
            lists.append([field, plain(value), result])
    statuses = [[plain(value), status_outcome(value)] for value in STATUS_VALUES]
    table = {
        "generator": "crates/pelican/tests/metadata/generate.py",
        "formatted_fields": list(SETTINGS["FORMATTED_FIELDS"]),
        "lists": lists,
        "statuses": statuses,
    }
    json.dump(table, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
