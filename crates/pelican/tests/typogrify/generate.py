"""Records what typogrify 2.1 does to HTML fragments, the way Pelican 4.12 calls it.

Run with the oracle Python (pelican, typogrify and smartypants installed):

    $ORACLE_PYTHON crates/pelican/tests/typogrify/generate.py > crates/pelican/tests/typogrify/cases.json

or, for random fragments only (the Rust test does this at test time):

    $ORACLE_PYTHON crates/pelican/tests/typogrify/generate.py --fuzz COUNT SEED

Each row holds an input and typogrify's output under the default settings, and under each
other configuration only where the output differs from that one.
"""

import json
import random
import sys

import smartypants
from typogrify.filters import typogrify

CONFIGS = {
    "default": ("default", []),
    "oldschool": ("oldschool", []),
    "oldschool_inverted": ("oldschool_inverted", []),
    "ignore_h1_blockquote": ("default", ["h1", "blockquote"]),
    "ignore_span_nohyph": ("default", ["span.nohyph"]),
    "ignore_class_math": ("default", [".math"]),
    "ignore_id_keep": ("oldschool", ["#keep"]),
}


def pelican_typogrify(text, dashes, ignore_tags):
    """What pelican/readers.py does with TYPOGRIFY = True."""
    if dashes == "oldschool":
        smartypants.Attr.default = smartypants.Attr.set2
    elif dashes == "oldschool_inverted":
        smartypants.Attr.default = smartypants.Attr.set3
    else:
        smartypants.Attr.default = smartypants.Attr.set1
    smartypants.Attr.default |= smartypants.Attr.w
    return typogrify(text, ignore_tags)


PROSE = [
    '&quot;Hello,&quot; she said. &quot;It\'s fine.&quot;',
    '"Hello," she said -- and left.',
    "'Tis the season of the '80s and '90s, rock 'n' roll.",
    "Don't stop; it isn't over... not yet. . . really.",
    'He said, "\'Quoted\' words in a larger quote."',
    "She said, '\"Inner\" words' too.",
    "``Backticks'' and `single' ones.",
    "Life is the proper binge. --- Julia Child (1912--2004)",
    "Dashes - single -- double --- triple ---- quadruple.",
    "Escapes: \\\"not curly\\\", \\'nor this\\', \\-\\- and \\.\\.\\. and \\\\ and \\`",
    "Ampersands: A & B, A &amp; B, A&amp;B, A &#38; B, x&nbsp;&amp;&nbsp;y & & z.",
    "NASA and the U.S.A. met the D.O.T.   like so, with JIMMY'S HE34T 2KU2.",
    "Caps: OK. I am A B. ABC123 and XML, HTML5, CSS3's rules, PDFs.",
    "Abbreviations e.g. and i.e. and Dr. Who at 5 p.m. on 3.14 and 1,000.",
    "Numbers 1-2, 10--20, 3 x 4 and 6'2\" tall, 5' and 7\" and 12'.",
    "Non-ASCII: naïve café — “curly” ‘already’ Ærø ÉCOLE ÜBER straße.",
    "Entities: &lt;tag&gt; &amp;amp; &#8220;num&#8221; &ldquo;named&rdquo; &mdash;x &ndash;'y",
    "Quote after dash --'word' and &#8212;\"word\" and &mdash;'w' &#x2014;\"w\".",
    "Odd openers: &'w' &&#x2014;'w' &&#x2013;\"w\" &#x2013;'w' -'w' &nbsp;\"w\" &ndash;\"w\" x--\"w\"",
    "'single at start' and \"double at end\"",
    '"',
    "'",
    "A 'quote' at the end'",
    "Possessives: the dogs' bowls, James's book, its' wrong, 'em.",
    "Ellipsis.... and ..... and . . . . here",
    "Trailing spaces   ",
    "   leading spaces",
    "one",
    "two words",
    "U.S.\nfoo and A.B.\tC.D.",
    "line one\nline two\nline three",
    "Parenthesis (\"quoted\") [\"bracket\"] {'brace'} -\"dash\"",
    "Mixed: \"'Hi,' he said\" and '\"Hey\"' now.",
    "Punctuation start: \"... hmm\" and '. ok' and \"!\\B\" and '.\\B'",
]

WRAPPERS = [
    "<p>{}</p>",
    "<h2>{}</h2>",
    "<li><p>{}</p></li>",
    "{}",
    "<blockquote>\n<p>{}</p>\n</blockquote>",
    "<dl class=\"docutils\">\n<dt>{}</dt>\n<dd>{}</dd>\n</dl>",
    "<p><em>{}</em></p>",
    "<p><a class=\"reference external\" href=\"https://example.org/?a=1&amp;b=2\">{}</a></p>",
    "<h1>{}</h1>",
    "<p>Before <strong>{}</strong> after.</p>",
    "<table><tr><td>{}</td></tr></table>",
    "<div class=\"section\" id=\"keep\">\n<p>{}</p>\n</div>",
    "<p><span class=\"nohyph\">{}</span> tail words</p>",
    "<div class=\"math\">\n<p>{}</p>\n</div>",
]

LITERALS = [
    '<p>Use <code class="docutils literal"><span class="pre">"x"</span> <span class="pre">--</span> <span class="pre">NASA</span></code> now.</p>',
    '<p>Type <kbd>"Ctrl" -- ALT</kbd> then "go" NOW.</p>',
    '<p>A <tt>"tt" -- TT</tt> and <samp>"samp" -- SAMP</samp> then "x".</p>',
    '<pre class="literal-block">\n"quoted" -- dash ... NASA &amp; co\n</pre>\n<p>"After" it -- ok</p>',
    '<pre class="code python literal-block"><span class="k">def</span> <span class="nf">f</span><span class="p">():</span>\n    <span class="k">return</span> <span class="s2">"AT&amp;T" -- ...</span>\n</pre>',
    '<script type="text/javascript">var s = "a" -- b; // NASA & co</script><p>"x" ABC</p>',
    '<style>p:before { content: "--"; }</style><p>"y" DEF</p>',
    '<math><mi>"x"</mi> -- NASA</math> "after" GHI',
    '<div class="math">\n\\(x = "y" -- NASA\\)</div><p>"out" JKL</p>',
    '<p><code>a</code> "b" <code>c --</code> d -- "e"</p>',
    '<pre>one</pre><pre>two "x" -- y</pre> tail "z" MNO',
    '<p><kbd><b>"bold in kbd" NASA</b></kbd></p>',
    '<p><script>"s"</script> "after script" NASA</p>',
    '<p>"<code>x</code>" and \'<tt>y</tt>\'</p>',
    '<p>Nested <em>"emph <strong>strong \'x\' NASA</strong>" here</em> end.</p>',
    '<p><a href="#" title="One &amp; Two">Link "text" &amp; more</a> and A &amp; B.</p>',
    '<link href="xyz.html" title="One & Two">xyz</link> A & B',
    '<img alt="&quot;alt&quot; -- NASA" src="a.png" /> "after image"',
    '<p>Line<br />break "here" and<br>there</p>',
    '<span id="keep">"kept" -- NASA</span> <span id = "keep">"kept2"</span> "free"',
    '<span class="nohyph">"no" -- NASA</span><span>"yes" -- NASA</span>',
]

ODD = [
    'a < b & c > d "e"',
    '<!-- a comment "x" -- y --> "after"',
    '<!-- simple "x" --> "after" --',
    '<!-- no close "x" <p>"in"</p>',
    '<!---->"x" <!-- - --> \'y\'',
    '<p>unclosed "paragraph -- with NASA',
    '</p> stray close "quote" ABC',
    '<a title="x & y">z & w</a> & q',
    '<p\n class="x">"newline tag" here</p>',
    '<data-x="1">"dash attr" & more</data-x>',
    '<pre>never closed "x" -- y',
    '<code>x "y"</CODE> "z" -- w',
    '<KBD>"Upper" NASA</KBD> "x" ABC',
    '<PRE>"upper pre"</PRE> "x"',
    '<p>x</p><p>"y"</p><p>\'z\'</p>',
    '<h3>"Heading" with words</h3>\n<p>&quot;Para&quot; with words</p>',
    '<li>"item" one</li><li> \'item\' two</li><dd>&#8220;three&#8221; x</dd><dt>&lsquo;four</dt>',
    '<p> <a href="#"> <em> "deep" start</em></a></p>',
    '<p><b>"bold" x</b> <i>\'it\' y</i> <span>"span" z</span></p>',
    '<p>a <a href="#">b</a></p><p>c <em>d</em> </p>',
    '<p>end with tag <img src="x"></p>',
    '<p>tab\tseparated\twords</p>',
    '<p>nbsp\u00a0separated\u00a0words</p>',
    '<p>\u001cinfo sep\u001fwords "q"</p>',
    '<a href="x" title="a "b" c">d & e</a>',
    "<a href='x' title='it's'>d & e</a>",
    '<a x="1"y>text "quoted" more<b>NASA</b>',
    '<<p>>"double" brackets',
    '<p>&amp;&amp; && & &</p>',
    '<p>A&B and A & B&C & D</p>',
    '<p>x --&gt; y &lt;-- z</p>',
    '<p>"&quot;nested&quot;" \'&quot;\'</p>',
    '<h2>"Jayhawks" & KU fans act extremely obnoxiously</h2>',
    '<ul><li>Test</p></li><ul>',
    '<h1><a href="#">In a link inside a heading</i> </a></h1>',
    '<div><p>But divs with paragraphs do!</p></div>',
    '<span class="TeSt">x</span><span>"y"<div>"z"</div></span>',
    '<myclass=\'math\'>"weird" name</my> "x"',
    '<p>trailing newline words</p>\n',
    'words at end\n',
    '',
    ' ',
    '\n',
]


def fuzz_cases(count, seed, longest=12):
    atoms = [
        '<p>', '</p>', '<em>', '</em>', '<code>', '</code>', '<pre>', '</pre>', '<kbd>',
        '</kbd>', '<a href="#">', '</a>', '<h2>', '</h2>', '<li>', '</li>', '<script>',
        '</script>', '<span class="nohyph">', '</span>', '<div class="math">', '</div>',
        '<!--', '-->', '--', '---', '...', '"', "'", '&quot;', '&amp;', ' & ', '&', '<', '>',
        ' ', '\n', 'word', 'NASA', 'U.S.', 'A.B. ', "'80s", "don't", 'x', '\\', '``', "''",
        '&nbsp;', '&#8220;', 'É', '1', '12', 's', '(', '[', '-', '.', '<br />', '<b>', '</b>',
        '<tt>', '</tt>', '<blockquote>', '</blockquote>', '<h1>', '</h1>', 'id="keep"',
        '<KBD>', '</Kbd>', '<span id="keep">', '<a title="x & y">', "<a title='it's'>", '&#38;',
        '\t', '\u00a0', '<!-- x -- y -->', "'s", '1980', 'D.O.T.', 'ABC', "JIM'S", '&mdash;',
        '&#8212;', '&ldquo;', '&lsquo;', ' - ', '. . .', '<dd>', '</dd>', '<i>', '</i>',
        '<p class="x">', '<strong>', '</strong>', '<math>', '</math>', '<samp>', '</samp>', '"',
        "'", ' ', 'word', 'a', 'Z',
    ]
    rng = random.Random(seed)
    return ["".join(rng.choice(atoms) for _ in range(rng.randint(1, longest))) for _ in range(count)]


def inputs():
    rows = []
    for i, sentence in enumerate(PROSE):
        for k in range(4):
            wrapper = WRAPPERS[(i * 4 + k) % len(WRAPPERS)]
            rows.append(wrapper.format(sentence, sentence))
    rows.extend(LITERALS)
    rows.extend(ODD)
    rows.extend(fuzz_cases(400, 20261202))
    unique = []
    for row in rows:
        if row not in unique:
            unique.append(row)
    return unique


def main():
    if sys.argv[1:2] == ["--fuzz"]:
        rows = fuzz_cases(int(sys.argv[2]), int(sys.argv[3]), longest=30)
    else:
        rows = inputs()
    cases = []
    for html in rows:
        outputs = {name: pelican_typogrify(html, *config) for name, config in CONFIGS.items()}
        default = outputs["default"]
        row = {"html": html, "default": default}
        row["differs"] = {name: out for name, out in outputs.items() if out != default}
        cases.append(row)
    configs = {name: {"dashes": d, "ignore_tags": t} for name, (d, t) in CONFIGS.items()}
    json.dump({"configs": configs, "cases": cases}, sys.stdout, ensure_ascii=False, indent=0)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
