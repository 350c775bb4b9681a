#!/usr/bin/env python3
"""Random reStructuredText blog posts from a grammar of the constructs Folio renders.

    gen.py --seed N [--count K] [--out DIR]     # DIR/gNNNNNNNN.rst, or stdout when one

`generate(seed)` is a pure function of the seed: the same seed gives the same post, so a
difference found by the runner can be reproduced from its seed alone. Most posts are
meant to be valid for Pelican (no docutils warning); `BROKEN_RATE` of them get one
deliberate slip (a short underline, an unclosed `*`, an unknown role, ...), so that the
error paths are compared too.

The grammar keeps a little state per post (`Post`): the references it used, so that the
targets, footnotes, citations and substitutions they need are defined at the end, and the
section levels seen so far, so that adornments stay consistent.
"""
import argparse
import os
import random
import sys
import unicodedata

BROKEN_RATE = 0.12

WORDS = (
    "the quick brown fox jumps over lazy dog river stone light winter tea garden paper "
    "window morning shadow kernel parser engine render output blog post draft note "
    "compiler thread memory cache market bridge forest silver quiet number letter"
).split()
ACCENTED = "café naïve Zürich façade résumé élève crème São Ångström Øresund".split()
CJK = "日本語 中文 한국어 東京 漢字 テスト 文章".split()
EMOJI = "🎉 🚀 ☕ ✨ 🦀".split()
URLS = [
    "https://example.com/", "https://example.org/docs/index.html",
    "http://www.rust-lang.org/learn", "https://example.com/a_b-c?x=1&y=2",
    "https://例え.jp/パス",
]
EMAILS = ["someone@example.com", "a.b-c@example.org"]
TARGET_NAMES = ["docs", "rust site", "home-page", "the spec", "Python", "café link"]
SUBST_NAMES = ["version", "TM", "logo", "project name", "rust"]
SECTION_TITLES = [
    "Introduction", "Setup", "Usage", "Notes", "Setup", "Café au lait", "日本語の見出し",
    "Results 🎉", "What's next?", "A *stressed* title", "Using ``serde``", "Setup",
    "Ünïcödé Section", "Q&A <fast>", "Notes",
]
ADORN = list("=-~^\"'+#*:._`")
LANGS = ["python", "rust", "bash", "text", "json", "c", "html", "yaml", "console"]
CODE_SAMPLES = {
    "python": ["def f(x):\n    return x * 2", "import os\nprint(os.getcwd())  # where",
               "class A:\n    pass\n\n\nx = [1, 2, 3]"],
    "rust": ["fn main() {\n    println!(\"hi {}\", 1);\n}", "let v: Vec<u8> = vec![1, 2];"],
    "bash": ["echo \"hello\" | tr a-z A-Z", "for f in *.rst; do wc -l \"$f\"; done"],
    "text": ["plain text\n  indented <b>not bold</b> & such", "a\n\nb"],
    "json": ["{\"a\": [1, 2, {\"b\": null}]}"],
    "c": ["int main(void) { return 0; }", "#include <stdio.h>\n/* comment */"],
    "html": ["<p class=\"x\">Hi &amp; bye</p>"],
    "yaml": ["key: value\nlist:\n  - one\n  - two"],
    "console": ["$ ls -l\ntotal 0"],
}
LITERALS = ["x = 1", "a-b", "a  b", "<tag>", "*not*", "foo()", "ä-ö", "C:\\path"]
ADMONITIONS = ["note", "warning", "tip", "important", "danger", "caution", "hint",
               "attention", "error"]
# Punctuation allowed right before inline markup's start and right after its end.
OPEN_PUNCT = ["", "", "", "", "(", "\"", "'", "[", "<", "-", "/", ":", "«", "“"]
CLOSE_PUNCT = ["", "", "", "", ".", ",", ";", ":", "!", "?", ")", "\"", "'", "]", ">",
               "-", "/", "»", "”", "..."]


def width(text):
    """Columns docutils gives `text`: wide and full-width characters count two."""
    return sum(0 if unicodedata.combining(c) else
               2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def indent(text, n):
    pad = " " * n
    return "\n".join(pad + line if line.strip() else "" for line in text.split("\n"))


class Post:
    """One post being generated: the random stream and what the body has referred to."""

    def __init__(self, seed):
        self.r = random.Random(seed)
        self.targets = {}      # reference name -> URL, defined at the end
        self.footnotes = []    # labels referenced: "1", "#", "#name", "*"
        self.citations = []
        self.substs = set()
        self.styles = []       # (char, overline) per section level, title first
        self.depth = 0         # nesting of blocks, to keep posts small
        self.inline_targets = 0

    # ---------------------------------------------------------------- choices
    def pick(self, seq):
        return self.r.choice(seq)

    def chance(self, p):
        return self.r.random() < p

    def weighted(self, table):
        total = sum(w for w, _ in table)
        x = self.r.uniform(0, total)
        for w, f in table:
            x -= w
            if x <= 0:
                return f()
        return table[-1][1]()

    # ---------------------------------------------------------------- words
    def word(self):
        return self.weighted([
            (30, lambda: self.pick(WORDS)),
            (3, lambda: self.pick(WORDS).capitalize()),
            (3, lambda: self.pick(ACCENTED)),
            (2, lambda: self.pick(CJK)),
            (1, lambda: self.pick(EMOJI)),
            (1, lambda: str(self.r.randint(0, 2030))),
            (1, lambda: self.pick(WORDS) + "-" + self.pick(WORDS)),
            (1, lambda: self.pick(["&", "<tag>", "a&b", "\"quoted\"", "it's", "--", "---",
                                   "x*y", "2*3", "a_b", "_under", "end\\_", "(paren)",
                                   "C++", "50%", "$5", "#hash", "~", "^", "a|b",
                                   "\\\\", ":colon", "..."])),
        ])

    def words(self, lo=1, hi=4):
        return " ".join(self.word() for _ in range(self.r.randint(lo, hi)))

    def plain_words(self, lo=1, hi=3):
        return " ".join(self.pick(WORDS) for _ in range(self.r.randint(lo, hi)))

    def url(self):
        return self.pick(URLS)

    # ---------------------------------------------------------------- inline
    def role(self):
        name = self.pick(["emphasis", "strong", "literal", "sub", "sup", "title-reference",
                          "code", "abbr", "abbr", "math"])
        if name == "abbr":
            text = self.pick(["HTML (HyperText Markup Language)", "RSS",
                              "CSS (Cascading (Style) Sheets)", "a<b (less & more)"])
        elif name == "math":
            text = self.pick(["x^2 + y^2", "\\alpha_i", "a/b"])
        else:
            text = self.plain_words(1, 2)
        return f":{name}:`{text}`"

    def inline_atom(self):
        r = self
        return r.weighted([
            (6, lambda: f"*{r.words(1, 3)}*"),
            (6, lambda: f"**{r.words(1, 3)}**"),
            (5, lambda: "``" + r.pick(LITERALS) + "``"),
            (2, lambda: f"`{r.plain_words(1, 2)}`"),
            (5, r.role),
            (3, r.subst_ref),
            (4, r.named_ref),
            (4, lambda: f"`{r.plain_words(1, 3)} <{r.url()}>`_"),
            (1, lambda: f"`{r.plain_words(1, 2)} <{r.url()}>`__"),
            (1, lambda: f"`<{r.url()}>`_"),
            (4, r.footnote_ref),
            (2, r.citation_ref),
            (3, lambda: r.pick(["\\*", "\\`", "\\\\", "\\|", "\\_"])
             + r.pick(["", r.pick(WORDS)])),
            (1, lambda: r.pick(["*\\ a*", "\\*not emphasis\\*", "a\\ *b*", "**x**\\ s"])),
            (3, r.url),
            (1, lambda: r.pick(EMAILS)),
            (1, r.inline_target),
        ])

    def inline_target(self):
        self.inline_targets += 1
        return f"_`spot {self.inline_targets}`"

    def named_ref(self):
        name = self.pick(TARGET_NAMES)
        self.targets[name.lower()] = self.targets.get(name.lower()) or (name, self.url())
        if " " in name or not name.replace("-", "").isalnum():
            return f"`{name}`_"
        return f"{name}_"

    def subst_ref(self):
        name = self.pick(SUBST_NAMES)
        self.substs.add(name)
        return f"|{name}|"

    def footnote_ref(self):
        label = self.weighted([(3, lambda: str(self.r.randint(1, 3))), (3, lambda: "#"),
                               (2, lambda: "#" + self.pick(["first", "second"])),
                               (1, lambda: "*")])
        self.footnotes.append(label)
        return f"[{label}]_"

    def citation_ref(self):
        label = self.pick(["CIT2002", "Knuth84", "RFC2119"])
        if label not in self.citations:
            self.citations.append(label)
        return f"[{label}]_"

    def inline_token(self):
        """A word, or inline markup with punctuation at its edges."""
        if not self.chance(0.22):
            return self.word()
        atom = self.inline_atom()
        return self.pick(OPEN_PUNCT) + atom + self.pick(CLOSE_PUNCT)

    def sentence_tokens(self, lo=4, hi=16):
        tokens = [self.pick(WORDS).capitalize()]
        tokens += [self.inline_token() for _ in range(self.r.randint(lo, hi))]
        tokens[-1] += self.pick([".", ".", "!", "?", ""])
        return tokens

    def wrap(self, tokens, width_=60):
        """Joins tokens into lines, breaking only before plain words so no line starts with
        something that would begin another construct (a line block, a list, a field)."""
        lines, line = [], ""
        for t in tokens:
            safe = t[:1].isalpha() and t not in ("|",)
            if line and safe and width(line) + 1 + width(t) > width_:
                lines.append(line)
                line = t
            else:
                line = f"{line} {t}" if line else t
        lines.append(line)
        return "\n".join(lines)

    def paragraph_text(self, sentences=None):
        n = sentences or self.r.randint(1, 3)
        tokens = []
        for _ in range(n):
            tokens += self.sentence_tokens()
        return self.wrap(tokens)

    # ---------------------------------------------------------------- blocks
    def block(self):
        self.depth += 1
        r = self
        small = self.depth > 2
        table = [
            (30, r.paragraph_text),
            (0 if small else 6, r.bullet_list),
            (0 if small else 5, r.enum_list),
            (0 if small else 3, r.definition_list),
            (2, r.field_list),
            (2, r.option_list),
            (0 if small else 3, r.block_quote),
            (4, r.literal_block),
            (2, r.line_block),
            (0 if small else 2, r.simple_table),
            (0 if small else 2, r.grid_table),
            (3, r.image),
            (0 if small else 2, r.figure),
            (0 if small else 4, r.admonition),
            (4, r.code_block),
            (2, r.code),
            (0 if self.depth > 1 else 2, r.topic),
            (2, r.raw_html),
            (2, r.class_directive),
            (2, r.comment),
            (1, r.rubric),
            (0 if small else 1, r.container),
            (1, r.parsed_literal),
            (1, r.math_block),
            (1, r.target_block),
        ]
        out = self.weighted(table)
        self.depth -= 1
        return out

    def body(self, lo=1, hi=3):
        return "\n\n".join(self.block() for _ in range(self.r.randint(lo, hi)))

    def item_body(self, first_indent):
        text = self.paragraph_text(1)
        if self.chance(0.25) and self.depth < 3:
            self.depth += 1
            nested = self.weighted([(3, self.bullet_list), (2, self.enum_list),
                                    (1, self.paragraph_text), (1, self.literal_block)])
            self.depth -= 1
            text += "\n\n" + nested
        return indent(text, first_indent)[first_indent:]

    def bullet_list(self):
        marker = self.pick("-*+•‣⁃")
        if marker in "•‣⁃" and not self.chance(0.3):
            marker = "-"
        loose = self.chance(0.3)
        items = [f"{marker} " + self.item_body(2) for _ in range(self.r.randint(1, 4))]
        return ("\n\n" if loose else "\n").join(items) if not any(
            "\n\n" in i for i in items) else "\n\n".join(items)

    def enum_list(self):
        style = self.pick(["arabic", "loweralpha", "upperalpha", "lowerroman", "upperroman",
                           "auto"])
        fmt = self.pick(["{}.", "({})", "{})"])
        start = 1 if self.chance(0.7) else self.r.randint(2, 9)
        n = self.r.randint(1, 4)
        items = []
        for i in range(start, start + n):
            if style == "arabic":
                label = str(i)
            elif style == "loweralpha":
                label = "abcdefghijklm"[i - 1]
            elif style == "upperalpha":
                label = "ABCDEFGHIJKLM"[i - 1]
            elif style == "lowerroman":
                label = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi",
                         "xii", "xiii"][i - 1]
            elif style == "upperroman":
                label = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI",
                         "XII", "XIII"][i - 1]
            else:
                label = "#"
            marker = fmt.format(label)
            items.append(marker + " " + self.item_body(len(marker) + 1))
        sep = "\n\n" if self.chance(0.3) or any("\n\n" in i for i in items) else "\n"
        return sep.join(items)

    def definition_list(self):
        items = []
        for _ in range(self.r.randint(1, 3)):
            term = self.words(1, 3)
            if self.chance(0.2):
                term += " : " + self.plain_words(1, 1)
            if term[:1] in "-*+|.:[" or term.rstrip().endswith("::"):
                term = "term " + term
            items.append(term + "\n" + indent(self.paragraph_text(1), 4))
        return "\n".join(items) if self.chance(0.5) else "\n\n".join(items)

    def field_list(self):
        names = ["Parameter", "returns", "Version", "see also", "ÜberFeld", "x"]
        return "\n".join(f":{self.pick(names)}: {self.paragraph_text(1)}".replace(
            "\n", "\n   ") for _ in range(self.r.randint(1, 3)))

    def option_list(self):
        opts = ["-a", "-b FILE", "--all", "--output=FILE", "-v, --verbose", "/V",
                "--level <n>", "-x X, --xray=X"]
        return "\n".join(f"{self.pick(opts)}  {self.plain_words(2, 5)}"
                         for _ in range(self.r.randint(1, 3)))

    def block_quote(self):
        text = self.paragraph_text()
        if self.chance(0.4):
            text += "\n\n" + self.pick(["-- ", "--- ", "― "]) + self.pick(
                ["Ada Lovelace", "Ünïcode Person", "*Anonymous*", "孔子"])
        lead = self.paragraph_text(1)
        return lead + "\n\n" + indent(text, self.pick([2, 3, 4]))

    def literal_block(self):
        lead = self.paragraph_text(1)
        lead = lead.rstrip(".!?")
        form = self.pick(["::", " ::", ":", "\n\n::"])
        if form == ":":
            lead += ":"
            form = ":"
        code = self.pick([s for v in CODE_SAMPLES.values() for s in v])
        return lead + (form if form != ":" else ":") + "\n\n" + indent(code, self.pick([2, 4]))

    def line_block(self):
        lines = []
        for _ in range(self.r.randint(1, 4)):
            pad = " " * self.pick([0, 0, 0, 4])
            lines.append("|" + pad + " " + self.words(1, 5))
        return "\n".join(lines)

    def cell(self):
        return self.weighted([(6, lambda: self.words(1, 2)), (2, lambda: self.inline_atom()),
                              (1, lambda: "")]).replace("\n", " ")

    def simple_table(self):
        cols = self.r.randint(2, 3)
        rows = [[self.cell() for _ in range(cols)] for _ in range(self.r.randint(2, 4))]
        for row in rows:
            if not row[0]:
                row[0] = self.pick(WORDS)
        header = self.chance(0.7)
        widths = [max(3, max(width(row[c]) for row in rows)) for c in range(cols)]
        border = "  ".join("=" * w for w in widths)

        def line(row):
            cells = [row[c] + " " * (widths[c] - width(row[c])) for c in range(cols)]
            return "  ".join(cells).rstrip()
        out = [border]
        if header:
            out += [line(rows[0]), border]
            rows = rows[1:]
        out += [line(row) for row in rows] + [border]
        return "\n".join(out)

    def grid_table(self):
        cols = self.r.randint(2, 3)
        rows = [[self.cell() for _ in range(cols)] for _ in range(self.r.randint(2, 3))]
        widths = [max(3, max(width(row[c]) for row in rows)) + 2 for c in range(cols)]
        header = self.chance(0.6)

        def sep(ch):
            return "+" + "+".join(ch * w for w in widths) + "+"

        def line(row):
            return "|" + "|".join(" " + row[c] + " " * (widths[c] - 1 - width(row[c]))
                                  for c in range(cols)) + "|"
        out = [sep("-")]
        for i, row in enumerate(rows):
            out.append(line(row))
            out.append(sep("=" if header and i == 0 and len(rows) > 1 else "-"))
        return "\n".join(out)

    def options(self, table):
        lines = []
        for name, make in table:
            if self.chance(0.35):
                value = make()
                lines.append(f"   :{name}:" + (f" {value}" if value else ""))
        return "\n".join(lines)

    def image_options(self):
        return self.options([
            ("alt", lambda: self.words(1, 3)),
            ("width", lambda: self.pick(["200px", "50%", "10em", "300"])),
            ("height", lambda: self.pick(["100px", "4em"])),
            ("align", lambda: self.pick(["left", "center", "right"])),
            ("target", self.url),
            ("class", lambda: self.pick(["photo", "wide ones"])),
        ])

    def image_uri(self):
        return self.pick(["images/photo.png", "/images/a b.jpg", "https://example.com/x.gif",
                          "pic.svg", "images/日本.png"])

    def image(self):
        opts = self.image_options()
        return f".. image:: {self.image_uri()}" + ("\n" + opts if opts else "")

    def figure(self):
        opts = self.image_options()
        out = f".. figure:: {self.image_uri()}" + ("\n" + opts if opts else "")
        out += "\n\n" + indent(self.paragraph_text(1), 3)
        if self.chance(0.5):
            out += "\n\n" + indent(self.body(1, 1), 3)
        return out

    def admonition(self):
        kind = self.pick(ADMONITIONS + ["admonition"])
        head = f".. {kind}::"
        if kind == "admonition":
            head += " " + self.words(1, 3)
            opts = self.options([("class", lambda: "special")])
        else:
            opts = ""
            if self.chance(0.3):
                return head + " " + self.paragraph_text(1).replace("\n", "\n   ")
        return head + ("\n" + opts if opts else "") + "\n\n" + indent(self.body(1, 2), 3)

    def code_block(self):
        lang = self.pick(LANGS + ["none", "unknownlang"])
        code = self.pick(CODE_SAMPLES.get(lang) or CODE_SAMPLES["text"])
        directive = self.pick(["code-block", "code-block", "sourcecode"])
        opts = self.options([
            ("linenos", lambda: self.pick(["", "table", "inline", "none"])),
            ("linenostart", lambda: str(self.r.randint(1, 20))),
            ("hl_lines", lambda: "1"),
        ])
        return f".. {directive}:: {lang}" + ("\n" + opts if opts else "") + "\n\n" + indent(
            code, 4)

    def code(self):
        lang = self.pick(["python", "rust", "bash", "json", ""])
        code = self.pick(CODE_SAMPLES.get(lang) or CODE_SAMPLES["text"])
        opts = self.options([("number-lines", lambda: self.pick(["", "5"])),
                             ("class", lambda: "example")])
        return (f".. code:: {lang}".rstrip() + ("\n" + opts if opts else "") + "\n\n"
                + indent(code, 3))

    def topic(self):
        return f".. topic:: {self.words(1, 3)}\n\n" + indent(self.body(1, 2), 3)

    def raw_html(self):
        html = self.pick(["<div class=\"x\">raw</div>", "<iframe src=\"https://e.x/\"></iframe>",
                          "<b>bold</b>\n<i>it</i>", "<!-- c -->"])
        return ".. raw:: html\n\n" + indent(html, 3)

    def class_directive(self):
        name = self.pick(["special", "lead wide", "Ünï"])
        return f".. class:: {name}\n\n" + self.paragraph_text(1)

    def comment(self):
        return self.pick([".. a comment", "..\n   indented comment\n   two lines",
                          ".. comment with *stars* and `ticks", ".."])

    def rubric(self):
        return f".. rubric:: {self.words(1, 3)}"

    def container(self):
        return ".. container:: box\n\n" + indent(self.body(1, 1), 3)

    def parsed_literal(self):
        return ".. parsed-literal::\n\n" + indent(self.paragraph_text(1), 3)

    def math_block(self):
        return ".. math::\n\n" + indent(self.pick(["E = mc^2", "\\frac{a}{b}", "x_1 + x_2"]), 3)

    def target_block(self):
        name = self.pick(["anchor", "below"])
        return f".. _{name}-{self.r.randint(0, 999)}:\n\n" + self.paragraph_text(1)

    # ---------------------------------------------------------------- document
    def adorn(self, title, level):
        char, over = self.styles[level]
        w = width(title)
        under = char * max(w, 1) + char * self.pick([0, 0, 0, 1, 3])
        if over:
            # an overlined title may be inset; the overline matches the underline
            return f"{under}\n{title}\n{under}"
        return f"{title}\n{under}"

    def new_styles(self):
        chars = ADORN[:]
        self.r.shuffle(chars)
        self.styles = [(c, self.chance(0.3)) for c in chars[:6]]
        # the title's style must differ from section styles: it is level 0
        if self.chance(0.4):
            self.styles[0] = (self.styles[0][0], True)

    def fields(self):
        table = [
            ("date", lambda: self.pick(["2021-04-05 10:20", "2019-07-01_08:15", "2022-02-28",
                                        "2022-02-28T23:59:59+01:00", "March 3, 2020"])),
            ("modified", lambda: "2023-01-02 03:04"),
            ("tags", lambda: self.pick(["rust, reST", "a; b; a", "café, 日本, emoji 🎉",
                                        "one"])),
            ("category", lambda: self.pick(["Life", "Code", " Spaced "])),
            ("slug", lambda: self.pick(["my-post", "x"])),
            ("author", lambda: self.pick(["Jane Doe", "Zoë", "Doe, Jane"])),
            ("authors", lambda: "Doe, Jane; Roe, Rick"),
            ("summary", lambda: self.paragraph_text(1).replace("\n", "\n   ")),
            ("status", lambda: self.pick(["draft", "published"])),
            ("lang", lambda: "en"),
            ("custom_field", lambda: self.words(1, 3)),
        ]
        lines = []
        for name, make in table:
            if self.chance(0.35):
                lines.append(f":{name}: {make()}")
        return "\n".join(lines)

    def sections(self, level, count):
        out = []
        for _ in range(count):
            title = self.pick(SECTION_TITLES)
            out.append(self.adorn(title, level))
            out.append(self.body(1, 3))
            if level + 1 < len(self.styles) and self.chance(0.35) and level < 3:
                out.extend(self.sections(level + 1, self.r.randint(1, 2)))
        return out

    def document(self):
        self.new_styles()
        parts = []
        if self.chance(0.85):
            title = self.pick(["Notes From a Rainy Weekend", "Using *Rust* & ``serde`` <Fast>",
                               "Café Society", "日本語のタイトル", "Launch 🚀",
                               self.words(2, 5).replace("\n", " ")])
            if title[:1] in "-*+|.:[#(" or title.endswith("::"):
                title = "Post " + title
            parts.append(self.adorn(title, 0))
        f = self.fields()
        if f:
            parts.append(f)
        if self.chance(0.15):
            parts.append(".. contents::" + (
                "\n" + self.options([("depth", lambda: "2"), ("local", lambda: ""),
                                     ("backlinks", lambda: self.pick(["top", "none"]))])
                if self.chance(0.5) else ""))
        parts.append(self.body(1, 3))
        if self.chance(0.6):
            parts.extend(self.sections(1, self.r.randint(1, 3)))
        if self.chance(0.08) and parts and not parts[-1].startswith((".", "|")):
            parts.append("----------")
            parts.append(self.paragraph_text(1))
        parts.extend(self.definitions())
        text = "\n\n".join(p for p in parts if p) + "\n"
        if self.chance(BROKEN_RATE):
            text = self.break_it(text)
        return text

    def definitions(self):
        out = []
        for key, (name, url) in self.targets.items():
            out.append(f".. _{name}: {url}")
        autos = [label for label in self.footnotes if label == "#"]
        done = set()
        for label in self.footnotes:
            if label == "#" or label == "*":
                continue
            if label in done:
                continue
            done.add(label)
            out.append(f".. [{label}] {self.words(3, 9)}")
        for _ in autos:
            out.append(f".. [#] {self.words(1, 5)}")
        for _ in [label for label in self.footnotes if label == "*"]:
            out.append(f".. [*] {self.words(1, 4)}")
        for label in self.citations:
            out.append(f".. [{label}] {self.words(2, 6)}")
        for name in sorted(self.substs):
            value = {
                "version": "replace:: 1.2.3",
                "TM": self.pick(["unicode:: U+2122", "unicode:: U+2122\n   :ltrim:",
                                 "unicode:: 0xA9 .. with text"]),
                "logo": "image:: images/logo.png" + self.pick(["", "\n   :alt: Logo"]),
                "project name": "replace:: *Folio* editor",
                "rust": "replace:: `Rust <https://www.rust-lang.org/>`__",
            }[name]
            out.append(f".. |{name}| {value}")
        return out

    def break_it(self, text):
        """One deliberate slip that Pelican (docutils at halt_level 2) rejects or that sits
        at the edge of what it accepts."""
        lines = text.split("\n")
        kind = self.r.randint(0, 9)
        if kind == 0:  # a short underline
            for i, line in enumerate(lines[1:], 1):
                if line and len(set(line)) == 1 and line[0] in ADORN and len(line) > 3 \
                        and lines[i - 1].strip():
                    lines[i] = line[: len(line) // 2]
                    break
        elif kind == 1:
            lines.insert(self.r.randint(0, len(lines)), "\nsome *unclosed emphasis\n")
        elif kind == 2:
            lines.insert(self.r.randint(0, len(lines)), "\n.. youtube:: abc\n")
        elif kind == 3:
            lines.insert(self.r.randint(0, len(lines)), "\nPress :kbd:`Ctrl` now.\n")
        elif kind == 4:
            lines.insert(self.r.randint(0, len(lines)), "\nSee missing_ here.\n")
        elif kind == 5:
            lines.append("\n.. _docs: https://example.net/\n.. _docs: https://example.com/other")
        elif kind == 6:  # a list without the blank line after it
            lines.insert(self.r.randint(0, len(lines)), "\n- item\nnot indented")
        elif kind == 7:
            lines.insert(self.r.randint(0, len(lines)),
                         "\n.. code:: python\n   :linenos:\n\n   x = 1\n")
        elif kind == 8:  # drop a random line
            if lines:
                del lines[self.r.randrange(len(lines))]
        else:  # swap two adjacent lines
            if len(lines) > 2:
                i = self.r.randrange(len(lines) - 1)
                lines[i], lines[i + 1] = lines[i + 1], lines[i]
        return "\n".join(lines)


def generate(seed):
    """The post for `seed` (deterministic)."""
    return Post(seed).document()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--count", type=int, default=1)
    ap.add_argument("--out", help="write OUT/gSEED.rst (default: stdout)")
    args = ap.parse_args()
    for seed in range(args.seed, args.seed + args.count):
        text = generate(seed)
        if args.out:
            os.makedirs(args.out, exist_ok=True)
            with open(os.path.join(args.out, f"g{seed:08d}.rst"), "w", encoding="utf-8") as f:
                f.write(text)
        else:
            sys.stdout.write(text)
            if args.count > 1:
                sys.stdout.write("\n\n.. ----- next -----\n\n")


if __name__ == "__main__":
    main()
