"""What kind of difference lies between Pelican's reading of a post and ours.

`judge(expected, actual)` applies the project's judge (`compare.py`, imported, so the
fuzzer and the conformance test cannot disagree) and returns `None` when the two agree,
else a short *signature*: the same kind of difference gives the same signature whatever
the words around it, so that thousands of differing posts fall into a few classes and the
shrinker can tell whether a smaller post still shows the same difference.

Signatures, in the order they are looked for:

    crash                                   our renderer printed no JSON
    missed-error: <docutils message>        Pelican fails, we report no warning or worse
    error-line: <docutils message>          we warn, but not on the line docutils names
    false-warning: <our message>            Pelican reads it cleanly, we warn or worse
    title                                   title differs
    metadata[<key>]                         one metadata value differs
    content: -<expected> +<actual>          the first differing HTML token, words masked
"""
import difflib
import os
import re
import sys

TOOLS = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                     "..", "..", "..", "..", "..", "shared", "conformance", "tools")
sys.path.insert(0, os.path.abspath(TOOLS))
import compare  # noqa: E402  (the project's judge)

SERIOUS = compare.SERIOUS
# Field names Pelican gives a meaning of its own; any other field is "other field".
PELICAN_FIELDS = {"title", "date", "modified", "tags", "category", "slug", "author",
                  "authors", "summary", "status", "lang", "translation", "save_as", "url",
                  "template"}


def mask(message):
    """A message with its particulars (quoted names, numbers, file names) masked."""
    first = (message or "").strip().split("\n")[0]
    first = re.sub(r"^\w+: \S+?:\d+: ", "", first)      # "SystemMessage: post.rst:10: "
    first = re.sub(r"\"[^\"]*\"|'[^']*'|`[^`]*`", "\"…\"", first)
    first = re.sub(r"\d+", "N", first)
    return first[:100]


def mask_token(token):
    """An HTML token of compare.html_tokens with its text masked, attributes kept but
    their values masked where they are particular (ids, hrefs, alt text)."""
    if token is None:
        return "END"
    if token[0] in "#=":
        return "TEXT" if token[0] == "#" else "PRE"
    m = re.match(r"<(/?)([a-z0-9]+)(.*)>$", token, re.S)
    if not m:
        return token[:40]
    slash, tag, attrs = m.groups()
    kept = []
    for name, value in re.findall(r'(\w[\w-]*)="([^"]*)"', attrs):
        if name == "class":
            kept.append(f'class="{value}"')
        elif name in ("colspan", "rowspan", "start", "type", "align", "frame", "rules",
                      "border", "valign"):
            kept.append(f'{name}="{value}"')
        else:
            kept.append(name)
    return f"<{slash}{tag}{' ' + ' '.join(kept) if kept else ''}>"


def attribute_difference(a, b):
    """The names of the attributes two start tags give different values."""
    pa = dict(re.findall(r'(\w[\w-]*)="([^"]*)"', a))
    pb = dict(re.findall(r'(\w[\w-]*)="([^"]*)"', b))
    names = sorted(k for k in set(pa) | set(pb) if pa.get(k) != pb.get(k))
    return " ".join(names) or "attributes"


def text_difference(a, b):
    """The first place two texts differ, letters and digits masked: `-"'" +"’"`."""
    ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    for op, i1, i2, j1, j2 in ops:
        if op != "equal":
            def shape(s):
                s = re.sub(r"[^\W\d_]+", "a", s)
                s = re.sub(r"\d+", "0", s)
                s = re.sub(r"\s+", " ", s)
                return s[:16]
            return f'-"{shape(a[i1:i2])}" +"{shape(b[j1:j2])}"'
    return "same"


def tag_of(token):
    m = re.match(r"<(/?[a-z0-9]+)", token or "")
    return m.group(1) if m else None


def classes_of(token):
    m = re.search(r'class="([^"]*)"', token or "")
    return set(m.group(1).split()) if m else set()


def token_pair_signature(e, a):
    """The signature of one expected token replaced by one of ours."""
    if e[0] == a[0] and e[0] in "#=":
        return f"content: text {text_difference(e[1:], a[1:])}"
    if tag_of(e) and tag_of(e) == tag_of(a) and classes_of(e) != classes_of(a):
        gone = " ".join(f"-{c}" for c in sorted(classes_of(e) - classes_of(a)))
        new = " ".join(f"+{c}" for c in sorted(classes_of(a) - classes_of(e)))
        return f"content: <{tag_of(e)}> class {' '.join(x for x in (gone, new) if x)}"
    if mask_token(e) == mask_token(a):
        return f"content: {mask_token(e)} differs in {attribute_difference(e, a)}"
    return f"content: -{mask_token(e)} +{mask_token(a)}"


def content_signature(expected_html, actual_html):
    """The first difference of the two token streams as a diff sees it: a token of ours
    where Pelican has another (`-<tt> +<code>`), one Pelican lacks (`extra <div ...>`) or
    one we lack (`missing <p>`), so that an element out of place gives one class whatever
    surrounds it."""
    et, at = compare.html_tokens(expected_html), compare.html_tokens(actual_html)
    matcher = difflib.SequenceMatcher(None, et, at, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "replace":
            return token_pair_signature(et[i1], at[j1])
        if op == "insert":
            return f"content: extra {mask_token(at[j1])}"
        if op == "delete":
            return f"content: missing {mask_token(et[i1])}"
    return "content: same tokens"


def judge(expected, actual):
    """`(signature or None, diffs)` for one post: Pelican's JSON and ours (or None)."""
    if actual is None:
        return "crash", ["our renderer printed no JSON"]
    diffs = compare.compare(expected, actual)
    if not diffs:
        return None, []
    first = diffs[0]
    serious = [d for d in actual.get("diagnostics") or []
               if str(d.get("severity", "")).lower() in SERIOUS]
    if first.startswith("diagnostics:"):
        if expected.get("error"):
            kind = "missed-error" if not serious else "error-line"
            return f"{kind}: {mask(expected['error'])}", diffs
        return f"false-warning: {mask(serious[0].get('message'))}", diffs
    if expected.get("error"):
        expected = expected.get("nohalt") or {}
    if first.startswith("title:"):
        return "title: " + text_difference(str(expected.get("title") or "").strip(),
                                           str(actual.get("title") or "").strip()), diffs
    if first.startswith("metadata["):
        key = first[len("metadata["):].split("]", 1)[0]
        want = (expected.get("metadata") or {}).get(key)
        got = (actual.get("metadata") or {}).get(key)
        name = key if key in PELICAN_FIELDS else "other field"
        if want is None or got is None:
            return f"metadata[{name}]: {'extra' if want is None else 'missing'}", diffs
        if key == "summary":  # HTML: judged like the content
            sig = content_signature(want, got)[len("content: "):]
            if sig != "same tokens":
                return f"metadata[summary]: {sig}", diffs
        return f"metadata[{name}]: {text_difference(str(want), str(got))}", diffs
    return content_signature(expected.get("content"), actual.get("content")), diffs
