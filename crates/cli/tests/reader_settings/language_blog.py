# Writes a blog in argv[1] whose DEFAULT_LANG is argv[2] and one post that uses that
# language's names (every localized admonition, contents and inline role name docutils has,
# its names for the author and date fields), then prints what the real Pelican reads from it
# as JSON: {"content", "title", "metadata"}. Run with the oracle's Python.
import json
import os
import re
import sys
from importlib import import_module

blog, code = sys.argv[1], sys.argv[2]
words = import_module("docutils.languages." + code)
rst = import_module("docutils.parsers.rst.languages." + code)
name = re.compile(r"^\w+(?:[-._+:]\w+)*$")

ADMONITIONS = ["attention", "caution", "danger", "error", "hint", "important", "note", "tip", "warning"]
ROLES = ["emphasis", "strong", "literal", "subscript", "superscript"]


def localized(table, canonical):
    return sorted(k for k, v in table.items() if v == canonical and name.match(k) and not k.startswith("_"))


def field(canonical):
    names = localized(words.bibliographic_fields, canonical)
    return names[0] if names else canonical


lines = ["Post in %s" % code, "#" * 20, "", ":%s: Ann Author" % field("author"), ":%s: 2020-01-02" % field("date"), ""]
lines += [".. contents::", "", "Section", "=======", ""]
for canonical in ADMONITIONS:
    for local in [canonical] + localized(rst.directives, canonical):
        lines += [".. %s:: Said with %s." % (local, local), ""]
for canonical in ROLES:
    for local in localized(rst.roles, canonical):
        lines += ["Role :%s:`text` here." % local, ""]
lines += [".. %s::" % (localized(rst.directives, "topic") or ["topic"])[0] + " A topic", "", "   Its body.", ""]

os.makedirs(os.path.join(blog, "content"))
with open(os.path.join(blog, "pelicanconf.py"), "w", encoding="utf-8") as f:
    f.write("AUTHOR = 'A'\nSITENAME = 'S'\nTIMEZONE = 'UTC'\nDEFAULT_LANG = %r\n" % code)
with open(os.path.join(blog, "content", "post.rst"), "w", encoding="utf-8") as f:
    f.write("\n".join(lines))

from pelican.readers import Readers
from pelican.settings import read_settings

readers = Readers(read_settings(os.path.join(blog, "pelicanconf.py")))
post = readers.read_file(base_path=os.path.join(blog, "content"), path="post.rst")
meta = {k: str(v) for k, v in post.metadata.items() if k in ("author", "date")}
json.dump({"content": post.content, "title": post.metadata["title"], "metadata": meta}, sys.stdout)
