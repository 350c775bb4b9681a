#!/usr/bin/env python3
"""Writes tests/math/expected.json: formulas built from every entry of docutils' math2html
tables (each symbol, function, font, text, spaced and limit command) and from its
constructions (scripts, limits, fractions, roots, delimiters, rows), each converted by the
real docutils as Pelican's html4css1 writer converts a :math: role (inline) and a math
directive (display). Run with the oracle's python:
`target/oracle-venv/bin/python crates/rst/tests/math/generate.py`."""
import json
import pathlib

from docutils.utils.math import math2html, unichar2tex, wrap_math_code

C = math2html.FormulaConfig

STRUCTURES = [
    "a^2 + b^2 = c^2", "x_i^2", "x^2_i", "x_i ^2", "x^ab", "x^23", "e^{-x^2}",
    r"\sum_{i=1}^n x_i", r"\sum^n_{i=1} x", r"\sum_i x", r"\sum^n x", r"\sum _i x",
    r"\int_0^\infty f(x)\,dx", r"\lim_{n \to \infty} a_n", r"\prod_{k} k",
    r"\frac{a}{b}", r"\frac12", r"\dfrac{a}{b}", r"\tfrac{1}{2}", r"\frac{\frac{a}{b}}{c}",
    r"\sqrt{x}", r"\sqrt x", r"\sqrt[3]{x}", r"\sqrt{\frac{a}{b}}",
    r"\left( x \right)", r"\left( \frac{a}{b} \right)", r"\left[ \frac{\frac{a}{b}}{c} \right]",
    r"\left\{ x \right.", r"\left. x \right|", r"\left| \frac{a}{b} \right|",
    r"\left\{ \frac{a}{b} \right\}", r"\left( a \middle| b \right)", r"\left( x",
    r"100\text{x} + 2 \mathrm{d}", r"2\mathbb{R}", r"\mathbb{R}^2", r"\mathrm dx",
    r"\mathcal{F}\{f\}", r"\text{if } x > 0", r"\text{a \alpha b}", r"\mathrm{\alpha}",
    r"\Gamma \gamma \Omega \omega", r"\exp(-x) \sin^2 x \log_2 n", r"a \leq b \to c",
    r"a \cdot b \times c", r"f'(x) = 2x", r"a, b; c: d", r"|x| \| y \|", r"a \\ b",
    r"a &= b \\ c &= d", r"a &= b + c \\ &= d \\ &= e", r"x \\ y", r"\foo x",
    "% a comment\nx", "x\ty", r"\{ x \}", r"\#\$\%\&\_", "α + β = γ", "x ∈ ℝ",
    r"\mathbf{v} \cdot \mathit{w}", r"\operatorname{sgn} x", r"\textbf{bold} \texttt{mono}",
    r"\begin{matrix} a & b \\ c & d \end{matrix}", r"\left( \begin{matrix} a \\ b \end{matrix} \right)",
    r"\begin{pmatrix} a & b \end{pmatrix}", r"\begin{smallmatrix} a & b \\ c & d \end{smallmatrix}",
    r"f(x) = \begin{cases} 1 & x > 0 \\ 0 & \text{else} \end{cases}", r"\begin{cases} a \end{cases}",
    r"\begin{array}{lc} a & b \\ c & d \end{array}", r"\begin{aligned} a &= b \\ c &= d \end{aligned}",
    r"\begin{gathered} a \\ b \end{gathered}", r"\begin{equation} x \end{equation}", r"a & b \\ c &",
    r"\begin{matrix} a & \\ & d \\ \end{matrix}",
    r"{{a}}", r"\overline{x}", r"\underbrace{a+b}", r"\big( x \big)",
]


def commands():
    out = []
    for table in (C.alphacommands, C.commands, C.spacedcommands, C.limitcommands):
        out += [f"{k} x" for k in sorted(table) if k[1:].isalpha()]
    out += [f"{k}{{x}}" for k in sorted(C.fontfunctions) if "{" not in k]
    out += [k for k in sorted(C.fontfunctions) if "{" in k]
    out += [f"{k}{{a b}}" for k in sorted(C.textfunctions)]
    out += [f"{k}{{x}}" for k in sorted(C.onefunctions) if k[1:].isalpha()]
    # Tables Folio does not convert yet: they stay in tests/math/pending.txt.
    for table in (C.combiningfunctions, C.oversetfunctions, C.undersetfunctions):
        out += [f"{k}{{x}}" for k in sorted(table) if k[1:].isalpha()]
    out += [f"{k}{{a}}{{b}}" for k in sorted(C.hybridfunctions)]
    return out


def convert(tex, block):
    """The HTML, or None where math2html fails (docutils then reports an error)."""
    math2html.DocumentParameters.displaymode = block
    code = wrap_math_code(tex.translate(unichar2tex.uni2tex_table), block)
    try:
        return math2html.math2html(code)
    except Exception:
        return None


def main():
    math2html.Trace.error = staticmethod(lambda message: None)
    cases = [{"tex": tex, "inline": convert(tex, False), "display": convert(tex, True)}
             for tex in STRUCTURES + commands()]
    out = pathlib.Path(__file__).resolve().parent / "expected.json"
    out.write_text(json.dumps(cases, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
