import { describe, expect, it } from "vitest";

import { titleWidth } from "./headings";
import { DEFAULT_ADORNMENTS, htmlToRst, pasteAdornments, postAdornments } from "./html-paste";

const style = { adornments: [...DEFAULT_ADORNMENTS], width: titleWidth };
const rst = (html: string) => htmlToRst(html, style);

describe("htmlToRst", () => {
  it("writes paragraphs with emphasis, strong, literals and links", () => {
    const html =
      "<p>Some <em>soft</em> and <strong>loud</strong> words, <code>a_b()</code> and " +
      '<a href="https://example.org/x">a link</a>.</p><p>Second.</p>';
    expect(rst(html)).toBe(
      "Some *soft* and **loud** words, ``a_b()`` and `a link <https://example.org/x>`__.\n\nSecond.\n",
    );
  });

  it("keeps markup apart from the word around it with escaped spaces", () => {
    expect(rst("<p>un<em>believ</em>able and <b>x</b><i>y</i></p>")).toBe(
      "un\\ *believ*\\ able and **x**\\ *y*\n",
    );
  });

  it("moves spaces inside markup outside it and drops empty markup", () => {
    expect(rst("<p>a<strong> b </strong>c<em></em>d</p>")).toBe("a **b** cd\n");
  });

  it("escapes the characters reST would read as markup", () => {
    expect(rst("<p>2 * 3 = 6, a `tick`, a|pipe, snake_ and C:\\path</p>")).toBe(
      "2 \\* 3 = 6, a \\`tick\\`, a\\|pipe, snake\\_ and C:\\\\path\n",
    );
  });

  it("writes headings with the post's adornments below its title, as long as their text is wide", () => {
    const post = [
      { char: "#", over: true },
      { char: "*", over: false },
    ];
    const out = htmlToRst("<h2>Title</h2><h3>日本語</h3><h4>Deep</h4><p>x</p>", {
      adornments: pasteAdornments(post),
      width: titleWidth,
    });
    // The paste's top level (h2) takes the post's first level below its title.
    expect(out).toBe("Title\n*****\n\n日本語\n======\n\nDeep\n----\n\nx\n");
    const overlined = htmlToRst("<h1>Big</h1>", { adornments: [{ char: "#", over: true }], width: titleWidth });
    expect(overlined).toBe("###\nBig\n###\n");
  });

  it("reads a post's adornments by level, overlines included", () => {
    const lines = ["#####", "Title", "#####", "", "A", "*", "", "B", "~", "", "C", "*"];
    expect(postAdornments(lines)).toEqual([
      { char: "#", over: true },
      { char: "*", over: false },
      { char: "~", over: false },
    ]);
  });

  it("writes bullet and numbered lists, nested ones indented under their item", () => {
    const html = '<ul><li>one</li><li>two<ul><li>inner</li></ul></li></ul><ol start="3"><li>c</li><li>d</li></ol>';
    expect(rst(html)).toBe("- one\n\n- two\n\n  - inner\n\n3. c\n4. d\n");
  });

  it("writes code with its language as a code-block and without one as a literal block", () => {
    expect(rst('<pre><code class="language-python">def f():\n    return 1\n</code></pre>')).toBe(
      ".. code-block:: python\n\n    def f():\n        return 1\n",
    );
    expect(rst("<pre>plain\n\ntext</pre>")).toBe("::\n\n    plain\n\n    text\n");
  });

  it("writes images as image directives with their alt text, and quotes indented", () => {
    expect(rst('<p>Look:</p><img src="https://example.org/a.png" alt="A cat"><blockquote><p>Said.</p></blockquote>')).toBe(
      "Look:\n\n.. image:: https://example.org/a.png\n   :alt: A cat\n\n   Said.\n",
    );
  });

  it("keeps line breaks as a line block", () => {
    expect(rst("<p>Roses<br>are red</p>")).toBe("| Roses\n| are red\n");
  });

  it("leaves HTML with nothing plain text lacks to the plain text", () => {
    expect(rst('<div><span style="color:red">let</span> x = 1;</div>')).toBeNull();
    expect(rst("")).toBeNull();
  });

  it("takes a word processor's wrapper elements, scripts and styles out", () => {
    const html =
      "<html><head><style>p{}</style></head><body><!--StartFragment--><div><p>Kept <b>bold</b></p>" +
      "<script>alert(1)</script></div><!--EndFragment--></body></html>";
    expect(rst(html)).toBe("Kept **bold**\n");
  });

  it("makes two links with one text and two addresses anonymous, so both stay valid", () => {
    const html = '<p><a href="https://a.org">here</a> and <a href="https://b.org">here</a></p>';
    expect(rst(html)).toBe("`here <https://a.org>`__ and `here <https://b.org>`__\n");
  });

  it("writes a link whose text is its address as the bare address", () => {
    expect(rst('<p>See <a href="https://example.org">https://example.org</a>.</p>')).toBe(
      "See https://example.org.\n",
    );
  });
});
