//! LaTeX math to HTML the way docutils' math2html writes it for Pelican's html4css1 writer:
//! the symbols, named functions, font and text commands, accents, embellishments and big
//! operators of its tables (`math_tables`, generated from docutils), template-written
//! commands (fractions, roots, binomials, boxes), scripts (side by side as `scripts` when
//! both follow each other), limits above and below in display mode, `\left`/`\right`
//! delimiters (built from pieces around taller contents), `align` rows in display mode and
//! the `\begin` environments (`matrix`, `array`, `cases`, `equation`, math2html's named
//! environments, others as it writes an unknown one). `tests/math.rs` checks it against
//! the real math2html.

use crate::math_tables as t;

/// Deepest brace nesting converted; deeper groups are written as text. Motivated by
/// `{{{{…}}}}` inputs, since conversion recurses once per group.
pub const MAX_MATH_DEPTH: u32 = 32;

/// Converts `tex` to math2html markup; `display` selects block layout (limits above and
/// below big operators, `\\` rows as an `align` environment).
pub fn to_html(tex: &str, display: bool) -> String {
    // The HTML writer first replaces Unicode symbols by their LaTeX commands.
    let mut src = String::with_capacity(tex.len());
    for ch in tex.chars() {
        let mut buf = [0u8; 4];
        match lookup(t::UNI2TEX, ch.encode_utf8(&mut buf)) {
            Some(s) => src.push_str(s),
            None => src.push(ch),
        }
    }
    let chars: Vec<char> = src.chars().collect();
    if display && has_row_break(&chars) {
        // The writer wraps such math in `\begin{align*}`, a newline on each side.
        let wrapped: Vec<char> = std::iter::once('\n').chain(chars).chain(Some('\n')).collect();
        let mut c = Conv { s: &wrapped, i: 0, display, last: None, in_font: 0 };
        return c.align();
    }
    // Displayed, the writer wraps it in `\begin{equation*}`, a newline on each side: a
    // backslash that ends it escapes that newline (a space).
    let wrapped: Vec<char>;
    let chars = if display {
        wrapped = std::iter::once('\n').chain(chars).chain(Some('\n')).collect();
        &wrapped
    } else {
        &chars
    };
    let mut c = Conv { s: chars, i: 0, display, last: None, in_font: 0 };
    join(&c.seq(0, false))
}

fn lookup(table: &'static [(&'static str, &'static str)], key: &str) -> Option<&'static str> {
    table.binary_search_by(|(k, _)| (*k).cmp(key)).ok().map(|i| table[i].1)
}

/// Whether `\\` occurs outside environments (docutils then displays with `align`).
fn has_row_break(s: &[char]) -> bool {
    let text: String = s.iter().collect();
    let top: String = text
        .split("\\begin{")
        .map(|chunk| chunk.rsplit("\\end{").next().unwrap_or(chunk))
        .collect::<Vec<_>>()
        .join("\\begin{");
    top.contains("\\\\")
}

/// The kind of a typed bit (math2html's `type`), for italics and font spacing.
#[derive(Clone, Copy, PartialEq)]
enum Typed {
    Alpha,
    Number,
    Font,
}

/// What the processing after parsing needs to know about a bit.
enum Kind {
    Plain,
    /// `^` or `_` with its parameter's HTML.
    Script {
        sup: bool,
        inner: String,
    },
    /// A command taking limits (`\sum`), with its symbol's HTML.
    Limit {
        symbol: String,
    },
    /// `\left`, `\middle` or `\right` with the delimiter's text.
    Delimiter {
        direction: &'static str,
        ch: String,
    },
}

struct Bit {
    html: String,
    kind: Kind,
    /// Rows of height (math2html's `size`): fractions are taller.
    size: u32,
}

impl Bit {
    fn plain(html: impl Into<String>) -> Bit {
        Bit { html: html.into(), kind: Kind::Plain, size: 1 }
    }
}

fn join(bits: &[Bit]) -> String {
    bits.iter().map(|b| b.html.as_str()).collect()
}

/// `<tag …>inner</tag>` for a math2html tag like `span class="x"`; an empty tag writes
/// the inner HTML alone.
fn tagged(tag: &str, inner: &str) -> String {
    if tag.is_empty() {
        return inner.to_string();
    }
    let name = tag.split_whitespace().next().unwrap_or(tag);
    format!("<{tag}>{inner}</{name}>")
}

fn script_html(sup: bool, class: &str, inner: &str) -> String {
    let tag = if sup { "sup" } else { "sub" };
    format!("<{tag} class=\"{class}\">{inner}</{tag}>")
}

/// math2html's `LimitsProcessor` and `BracketProcessor` over one list of bits, in one
/// pass each (a long formula's scripts and delimiters stay linear).
fn process(bits: Vec<Bit>, display: bool) -> Vec<Bit> {
    let is_script = |b: Option<&Bit>| matches!(b.map(|b| &b.kind), Some(Kind::Script { .. }));
    let script = |b: &Bit, class: &str| match &b.kind {
        Kind::Script { sup, inner } => script_html(*sup, class, inner),
        _ => String::new(),
    };
    let mut out: Vec<Bit> = Vec::with_capacity(bits.len());
    let mut rest = bits.into_iter().peekable();
    while let Some(mut bit) = rest.next() {
        if let Kind::Limit { symbol } = &bit.kind {
            if display && is_script(rest.peek()) {
                let first = rest.next().unwrap_or_else(|| Bit::plain(""));
                let second = if is_script(rest.peek()) { rest.next() } else { None };
                let (mut over, mut under) = (
                    second.map_or_else(
                        || script_html(true, "limit", "\u{2009}"),
                        |b| script(&b, "limit"),
                    ),
                    script(&first, "limit"),
                );
                if matches!(first.kind, Kind::Script { sup: true, .. }) {
                    std::mem::swap(&mut over, &mut under);
                }
                bit.html = format!(
                    "<span class=\"limits\">{over}<span class=\"limit\">{symbol}</span>{under}</span>"
                );
            }
        } else if is_script(Some(&bit)) && is_script(rest.peek()) {
            let second = rest.next().unwrap_or_else(|| Bit::plain(""));
            let (mut over, mut under) = (script(&second, "script"), script(&bit, "script"));
            if matches!(bit.kind, Kind::Script { sup: true, .. }) {
                std::mem::swap(&mut over, &mut under);
            }
            bit = Bit::plain(format!("<span class=\"scripts\">{over}{under}</span>"));
        }
        out.push(bit);
    }
    // Each `\left` with the `\right` that closes it, as nested brackets pair; both take
    // the height of the tallest bit from the `\left` to before the `\right`.
    let mut open: Vec<(usize, u32)> = Vec::new();
    let mut pairs: Vec<(usize, usize, u32)> = Vec::new();
    for (k, bit) in out.iter().enumerate() {
        if let Some(top) = open.last_mut() {
            top.1 = top.1.max(bit.size);
        }
        match bit.kind {
            Kind::Delimiter { direction: "left", .. } => open.push((k, bit.size)),
            Kind::Delimiter { direction: "right", .. } => {
                if let Some((left, size)) = open.pop() {
                    pairs.push((left, k, size));
                    if let Some(outer) = open.last_mut() {
                        outer.1 = outer.1.max(size);
                    }
                }
            }
            _ => {}
        }
    }
    for (left, right, size) in pairs {
        for k in [left, right] {
            if let Kind::Delimiter { direction, ch } = &out[k].kind {
                out[k].html = big_bracket(size, ch, direction);
            }
        }
    }
    out
}

/// One row of the generated hybrid-function table.
type HybridEntry = (&'static str, &'static str, &'static str, &'static [&'static str]);

/// A hybrid function's parameter as read.
enum Param {
    None,
    /// Converted math, with its height.
    Bit(String, u32),
    /// Raw text (a `$p!` parameter), for tags.
    Literal(String),
}

/// Writes `template[*at..]` up to its closing `}` (or end) as bits.
fn write_template(
    template: &[char],
    at: &mut usize,
    params: &[(char, Param)],
    tags: &[&str],
    display: bool,
) -> Vec<Bit> {
    let mut out = Vec::new();
    while let Some(&c) = template.get(*at) {
        *at += 1;
        match c {
            '}' => break,
            '$' => {
                let var = template.get(*at).copied();
                *at += 1;
                if template.get(*at) == Some(&'.') {
                    *at += 1;
                    while template.get(*at).is_some_and(|c| c.is_alphabetic()) {
                        *at += 1;
                    }
                }
                match params.iter().find(|p| Some(p.0) == var).map(|p| &p.1) {
                    Some(Param::Bit(html, size)) => {
                        out.push(Bit { html: html.clone(), kind: Kind::Plain, size: *size })
                    }
                    Some(Param::Literal(text)) => out.push(Bit::plain(text.clone())),
                    _ => {}
                }
            }
            'f' => {
                let index = template.get(*at).and_then(|d| d.to_digit(10)).unwrap_or(0) as usize;
                *at += 1;
                let mut tag = tags.get(index).copied().unwrap_or("").to_string();
                for (var, p) in params {
                    if let Param::Literal(v) = p {
                        tag = tag.replace(&format!("${var}"), v);
                    }
                }
                match template.get(*at) {
                    Some('/') => {
                        *at += 1;
                        out.push(Bit::plain(format!("<{tag}/>")));
                    }
                    Some('{') => {
                        *at += 1;
                        let inner =
                            process(write_template(template, at, params, tags, display), display);
                        if !inner.is_empty() {
                            out.push(Bit::plain(tagged(&tag, &join(&inner))));
                        }
                    }
                    _ => {}
                }
            }
            '(' | ')' => {
                let direction = if c == '(' { "left" } else { "right" };
                out.push(Bit {
                    html: c.to_string(),
                    kind: Kind::Delimiter { direction, ch: c.to_string() },
                    size: 1,
                });
            }
            c => out.push(Bit::plain(c)),
        }
    }
    out
}

/// An accent on the first character of `html`'s text (after a thin space that pads an
/// operator), composed into one character where Unicode has one (math2html's
/// `CombiningFunction`, which normalizes to NFC).
fn combine(html: &str, mark: &str) -> String {
    let mut in_tag = false;
    let mut skip = None;
    for (k, c) in html.char_indices() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if in_tag => {}
            '\u{2009}' if skip.is_none() => skip = Some(k + c.len_utf8()),
            _ => {
                let base_at = if skip == Some(k) || skip.is_none() { k } else { continue };
                let end = base_at + c.len_utf8();
                let pair = format!("{c}{mark}");
                let glyph = lookup(t::COMPOSED, &pair).map_or(pair.clone(), str::to_string);
                return format!("{}{glyph}{}", &html[..base_at], &html[end..]);
            }
        }
    }
    html.to_string()
}

/// Rows as math2html writes them: each cell in its alignment's tag (or `cell_tag`, which
/// also ends the cell with an em space, as in cases), an empty row between rows, and
/// rows without cells left out.
fn rows_html(rows: &[Vec<String>], aligns: &[&str], cell_tag: Option<&str>) -> String {
    let row_html = |cells: &[String]| {
        if cells.is_empty() {
            return String::new();
        }
        let mut s = String::from("<span class=\"arrayrow\">\n");
        for (k, cell) in cells.iter().enumerate() {
            let a = aligns[k % aligns.len().max(1)];
            match cell_tag {
                Some(tag) => s.push_str(&format!("<{tag}>\n{cell}\u{2003}\n</span>\n")),
                None => {
                    s.push_str(&format!("<span class=\"arraycell align-{a}\">\n{cell}\n</span>\n"))
                }
            }
        }
        s.push_str("\n</span>\n");
        s
    };
    let mut out = String::new();
    for (k, cells) in rows.iter().enumerate() {
        if k > 0 {
            // math2html fills them with a four-per-em space.
            let empty: Vec<String> = rows[k - 1].iter().map(|_| "\u{2005}".to_string()).collect();
            out.push_str(&row_html(&empty));
        }
        out.push_str(&row_html(cells));
    }
    out
}

/// math2html's `BigBracket`: one stretchy sign, or a column of pieces for taller contents.
fn big_bracket(size: u32, ch: &str, alignment: &str) -> String {
    let pieces: &[&str] = match ch {
        "(" => &["⎛", "⎜", "⎝"],
        ")" => &["⎞", "⎟", "⎠"],
        "[" => &["⎡", "⎢", "⎣"],
        "]" => &["⎤", "⎥", "⎦"],
        "{" => &["⎧", "⎪", "⎨", "⎩"],
        "}" => &["⎫", "⎪", "⎬", "⎭"],
        "|" => &["|"],
        "‖" => &["‖"],
        _ => &[],
    };
    if size == 1 || pieces.is_empty() {
        if ch == "." {
            return "<span class=\"emptydot\"></span>".into();
        }
        return format!("<span class=\"stretchy\">{ch}</span>");
    }
    let last = size - 1;
    let mut rows = String::new();
    for index in 0..size {
        let piece = match pieces.len() {
            1 => pieces[0],
            3 if index == 0 => pieces[0],
            3 if index == last => pieces[2],
            3 => pieces[1],
            _ if index == 0 => pieces[0],
            _ if index == last => pieces[3],
            _ if 2 * index == last => pieces[2],
            _ => pieces[1],
        };
        rows.push_str(&format!(
            "<span class=\"arrayrow\"><span class=\"bracket align-{alignment}\">{piece}</span></span>"
        ));
    }
    format!("<span class=\"array\">{rows}</span>")
}

struct Conv<'a> {
    s: &'a [char],
    i: usize,
    display: bool,
    /// The last typed bit (math2html's `traversewhole`): a font after a number gets a
    /// thin space.
    last: Option<Typed>,
    /// Inside a font or text command: letters stay upright and are not typed.
    in_font: u32,
}

impl Conv<'_> {
    fn peek(&self) -> Option<char> {
        self.s.get(self.i).copied()
    }

    fn text(&self, from: usize) -> String {
        self.s[from..self.i].iter().collect()
    }

    fn typed(&mut self, t: Typed) {
        if self.in_font == 0 {
            self.last = Some(t);
        }
    }

    /// Skips whitespace and comments (math2html's `clearskipped`).
    fn skip_ws(&mut self) {
        loop {
            match self.peek() {
                Some(c) if c.is_whitespace() => self.i += 1,
                Some('%') => {
                    while self.peek().is_some_and(|c| c != '\n') {
                        self.i += 1;
                    }
                    self.i += 1;
                }
                _ => return,
            }
        }
    }

    fn finished(&self, in_group: bool) -> bool {
        match self.peek() {
            None => true,
            Some('}') => in_group,
            _ => false,
        }
    }

    /// A bits list up to the end of the group (`in_group`) or of the text, processed.
    fn seq(&mut self, depth: u32, in_group: bool) -> Vec<Bit> {
        if depth > MAX_MATH_DEPTH {
            // Too deep: the rest of the group as text.
            let start = self.i;
            while self.peek().is_some_and(|c| c != '}') {
                self.i += 1;
            }
            let text = self.text(start);
            self.i += 1;
            return vec![Bit::plain(text)];
        }
        let mut bits = Vec::new();
        while !self.finished(in_group) {
            bits.push(self.any(depth));
        }
        if in_group {
            self.i += 1;
        }
        process(bits, self.display)
    }

    /// One parameter (math2html's `parseparameter`): the next bit after whitespace, with
    /// the source it was read from; `None` at the end of the group.
    fn param(&mut self, depth: u32) -> Option<(Bit, String)> {
        self.skip_ws();
        if self.peek().is_none() {
            // At the end: the writer's wrapping (`$…$`, a newline before `\end`) gives
            // an empty parameter.
            return Some((Bit::plain(""), String::new()));
        }
        if self.finished(true) {
            return None;
        }
        let start = self.i;
        let bit = self.any(depth);
        Some((bit, self.text(start)))
    }

    /// One bit at the position (math2html's `parseany`).
    fn any(&mut self, depth: u32) -> Bit {
        let Some(c) = self.peek() else { return Bit::plain("") };
        if t::UNMODIFIED.contains(c) {
            self.i += 1;
            return Bit::plain(c);
        }
        let mut buf = [0u8; 4];
        if let Some(m) = lookup(t::MODIFIED, c.encode_utf8(&mut buf)) {
            self.i += 1;
            return Bit::plain(m);
        }
        if c.is_alphabetic() {
            let start = self.i;
            while self.peek().is_some_and(char::is_alphabetic) {
                self.i += 1;
            }
            let word = self.text(start);
            return Bit::plain(self.alpha(word));
        }
        if c.is_ascii_digit() {
            let start = self.i;
            while self.peek().is_some_and(|c| c.is_ascii_digit()) {
                self.i += 1;
            }
            self.typed(Typed::Number);
            return Bit::plain(self.text(start));
        }
        match c {
            '{' => {
                self.i += 1;
                let bits = self.seq(depth + 1, true);
                let size = bits.iter().map(|b| b.size).max().unwrap_or(1);
                Bit { html: join(&bits), kind: Kind::Plain, size }
            }
            '%' | ' ' | '\t' | '\r' | '\n' => {
                self.skip_ws();
                Bit::plain("")
            }
            c if c.is_whitespace() => {
                self.skip_ws();
                Bit::plain("")
            }
            '\\' => {
                self.i += 1;
                self.command(depth)
            }
            '^' | '_' => {
                self.i += 1;
                let inner = self.param(depth).map(|p| p.0.html).unwrap_or_default();
                let tag = if c == '^' { "sup" } else { "sub" };
                Bit {
                    html: format!("<{tag}>{inner}</{tag}>"),
                    kind: Kind::Script { sup: c == '^', inner },
                    size: 1,
                }
            }
            _ => {
                self.i += 1;
                Bit::plain(c)
            }
        }
    }

    /// Letters: italic outside fonts (math2html's `italicize`).
    fn alpha(&mut self, html: impl Into<String>) -> String {
        let html = html.into();
        if self.in_font > 0 {
            return html;
        }
        self.typed(Typed::Alpha);
        format!("<i>{html}</i>")
    }

    /// A font or text command's HTML, with the thin space math2html puts after a number.
    fn font(&mut self, tag: &str, inner: String) -> String {
        let space =
            if self.last == Some(Typed::Number) && self.in_font == 0 { "\u{2009}" } else { "" };
        self.typed(Typed::Font);
        tagged(tag, &format!("{space}{inner}"))
    }

    fn command(&mut self, depth: u32) -> Bit {
        let start = self.i;
        match self.peek() {
            None => return Bit::plain("<span class=\"unknown\">\\</span>"),
            Some(c) if c.is_alphabetic() => {
                while self.peek().is_some_and(char::is_alphabetic) {
                    self.i += 1;
                }
            }
            Some(_) => self.i += 1,
        }
        let name = format!("\\{}", self.text(start));
        if self.s[start].is_alphabetic() && self.peek() == Some('*') {
            self.i += 1;
        }
        let name = name.as_str();
        if let Some(v) = lookup(t::ALPHA_COMMANDS, name) {
            if t::GREEK_CAPITALS.contains(&name) {
                return Bit::plain(v);
            }
            return Bit::plain(self.alpha(v));
        }
        if let Some(v) = lookup(t::COMMANDS, name) {
            return Bit::plain(v);
        }
        if let Some(tag) = lookup(t::ONE_FUNCTIONS, name) {
            let (html, src) = self.param(depth).map(|(b, s)| (b.html, s)).unwrap_or_default();
            return Bit::plain(match lookup(t::ONE_FUNCTIONS, &format!("{name}{src}")) {
                Some(fixed) => fixed.to_string(),
                None => tagged(tag, &html),
            });
        }
        if let Some(tag) = lookup(t::FONT_FUNCTIONS, name) {
            self.in_font += 1;
            let param = self.param(depth);
            self.in_font -= 1;
            let (html, src) = param.map(|(b, s)| (b.html, s)).unwrap_or_default();
            if let Some(fixed) = lookup(t::FONT_FUNCTIONS, &format!("{name}{src}")) {
                self.typed(Typed::Font);
                return Bit::plain(fixed);
            }
            return Bit::plain(self.font(tag, html));
        }
        if let Some(tag) = lookup(t::TEXT_FUNCTIONS, name) {
            self.in_font += 1;
            let inner = self.text_param(depth);
            self.in_font -= 1;
            return Bit::plain(self.font(tag, inner));
        }
        if let Some(v) = lookup(t::SPACED_COMMANDS, name) {
            return Bit::plain(format!("\u{2009}{v}\u{2009}"));
        }
        if name == "\\begin" {
            return self.begin(depth);
        }
        let over = lookup(t::OVERSET_FUNCTIONS, name).map(|v| ("sup", v));
        if let Some((tag, symbol)) =
            over.or(lookup(t::UNDERSET_FUNCTIONS, name).map(|v| ("sub", v)))
        {
            let base = match self.param(depth) {
                Some((b, src)) if !src.starts_with('{') && b.html.starts_with("<i>") => {
                    format!("<i><span class=\"base\">{}</span></i>", &b.html[3..b.html.len() - 4])
                }
                Some((b, _)) => format!("<span class=\"base\">{}</span>", b.html),
                None => String::new(),
            };
            return Bit::plain(format!(
                "<span class=\"embellished\"><{tag}>{symbol}</{tag}>{base}</span>"
            ));
        }
        if let Some(mark) = lookup(t::COMBINING_FUNCTIONS, name) {
            let html = self.param(depth).map(|p| p.0.html).unwrap_or_default();
            return Bit::plain(combine(&html, mark));
        }
        if let Some(v) = lookup(t::LIMIT_COMMANDS, name) {
            return Bit {
                html: format!("<span class=\"limits\"><span class=\"limit\">{v}</span></span>"),
                kind: Kind::Limit { symbol: v.to_string() },
                size: 1,
            };
        }
        match name {
            "\\left" | "\\middle" | "\\right" => {
                let (html, src) = self.param(depth).map(|(b, s)| (b.html, s)).unwrap_or_default();
                let fixed = match format!("{name}{src}").as_str() {
                    "\\left." => Some("<span class=\"leftdot\"></span>"),
                    "\\right." => Some("<span class=\"rightdot\"></span>"),
                    _ => None,
                };
                let direction = &name[1..];
                let direction = match direction {
                    "left" => "left",
                    "right" => "right",
                    _ => "middle",
                };
                Bit {
                    html: fixed
                        .map_or_else(|| tagged("span class=\"stretchy\"", &html), String::from),
                    kind: Kind::Delimiter { direction, ch: html },
                    size: 1,
                }
            }
            _ => match t::HYBRID_FUNCTIONS.binary_search_by(|h| h.0.cmp(name)) {
                Ok(k) => self.hybrid(t::HYBRID_FUNCTIONS[k], depth),
                Err(_) => Bit::plain(format!("<span class=\"unknown\">{name}</span>")),
            },
        }
    }

    /// A command written by its template (math2html's `HybridFunction`): the parameters
    /// its read template names, then the write template with `$x` for a parameter, `fN{…}`
    /// for the contents in tag N (left out when empty; `fN/` a self-closing tag) and
    /// `(`, `)` for delimiters sized like `\left`, `\right`.
    fn hybrid(&mut self, (name, read, write, tags): HybridEntry, depth: u32) -> Bit {
        let mut params: Vec<(char, Param)> = Vec::new();
        let mut defs = read.chars().peekable();
        while let Some(open) = defs.next() {
            let _dollar = defs.next();
            let Some(var) = defs.next() else { break };
            let literal = defs.peek() == Some(&'!');
            if literal {
                defs.next();
            }
            let _close = defs.next();
            let optional = open == '[';
            let value = match (literal, optional) {
                (true, _) => {
                    self.skip_ws();
                    let (o, c) = if optional { ('[', ']') } else { ('{', '}') };
                    if self.peek() == Some(o) {
                        Param::Literal(self.raw_until(c))
                    } else if optional {
                        // Absent: its name in a tag still becomes empty.
                        Param::Literal(String::new())
                    } else {
                        let start = self.i;
                        while self.peek().is_some_and(|c| c.is_alphanumeric() || c == '.') {
                            self.i += 1;
                        }
                        Param::Literal(self.text(start))
                    }
                }
                (false, true) => {
                    self.skip_ws();
                    if self.peek() == Some('[') {
                        self.i += 1;
                        let mut bits = Vec::new();
                        while self.peek().is_some_and(|c| c != ']') {
                            bits.push(self.any(depth + 1));
                        }
                        self.i += 1;
                        let bits = process(bits, self.display);
                        let size = bits.iter().map(|b| b.size).max().unwrap_or(1);
                        Param::Bit(join(&bits), size)
                    } else {
                        Param::None
                    }
                }
                (false, false) => {
                    // `$1.font` in the write template: the parameter is set upright.
                    let font = write.contains(&format!("${var}.font"));
                    self.in_font += u32::from(font);
                    let p = self.param(depth);
                    self.in_font -= u32::from(font);
                    match p {
                        Some((b, _)) => Param::Bit(b.html, b.size),
                        None => Param::None,
                    }
                }
            };
            params.push((var, value));
        }
        let size_of = |var: char| match params.iter().find(|p| p.0 == var) {
            Some((_, Param::Bit(_, size))) => *size,
            _ => 1,
        };
        let fixed_size = lookup(t::HYBRID_SIZES, name).map(|expr| {
            expr.split('+')
                .map(|term| match term.strip_prefix('$').and_then(|v| v.chars().next()) {
                    Some(var) => size_of(var),
                    None => term.trim().parse().unwrap_or(0),
                })
                .sum::<u32>()
        });
        let chars: Vec<char> = write.chars().collect();
        let mut at = 0;
        let mut bits = write_template(&chars, &mut at, &params, tags, self.display);
        if let Some(size) = fixed_size {
            for b in &mut bits {
                b.size = size;
            }
        }
        let bits = process(bits, self.display);
        let size = fixed_size.unwrap_or_else(|| bits.iter().map(|b| b.size).max().unwrap_or(1));
        Bit { html: join(&bits), kind: Kind::Plain, size }
    }

    /// The raw text of a literal parameter from its opening bracket to `close`.
    fn raw_until(&mut self, close: char) -> String {
        self.i += 1;
        let start = self.i;
        while self.peek().is_some_and(|c| c != close) {
            self.i += 1;
        }
        let text = self.text(start);
        self.i += 1;
        text
    }

    /// A text command's `{…}`, read as text (math2html's `innertext`): characters as they
    /// are except commands, groups, scripts and comments; a space after one is dropped.
    fn text_param(&mut self, depth: u32) -> String {
        self.skip_ws();
        if self.peek() != Some('{') {
            return String::new();
        }
        self.i += 1;
        let mut out = String::new();
        while !self.finished(true) {
            match self.peek() {
                Some('^' | '_' | '\\' | '{' | '%') => {
                    out.push_str(&self.any(depth + 1).html);
                    if self.peek() == Some(' ') {
                        self.i += 1;
                    }
                }
                Some(c) => {
                    out.push(c);
                    self.i += 1;
                }
                None => break,
            }
        }
        self.i += 1;
        out
    }

    /// Display math with rows: math2html's `align` environment (the writer wraps such
    /// math in `\begin{align*}`).
    fn align(&mut self) -> String {
        let rows = self.rows(None);
        format!("<span class=\"environment align\">{}</span>", rows_html(&rows, &["r", "l"], None))
    }

    /// Rows of cells up to `\end{env}` (or the end of the text), that end consumed
    /// (math2html's `MultiRowFormula.parserows`).
    fn rows(&mut self, env: Option<&str>) -> Vec<Vec<String>> {
        let end: Option<Vec<char>> = env.map(|e| format!("\\end{{{e}}}").chars().collect());
        let at_end = |c: &Self| match &end {
            Some(e) => c.s[c.i..].starts_with(e),
            None => false,
        };
        // A cell ends at `&`, a row at `\\`, both at the environment's end.
        let finished =
            |c: &Self| c.peek().is_none_or(|ch| ch == '&') || at_end(c) || c.at_row_end();
        let mut rows: Vec<Vec<String>> = Vec::new();
        loop {
            let mut cells = Vec::new();
            while !finished(self) {
                self.skip_ws();
                let mut bits = Vec::new();
                while !finished(self) {
                    bits.push(self.any(0));
                }
                cells.push(join(&process(bits, self.display)));
                if self.peek() == Some('&') {
                    self.i += 1;
                }
            }
            rows.push(cells);
            if self.at_row_end() {
                self.i += 2;
                continue;
            }
            break;
        }
        if let Some(e) = &end {
            if at_end(self) {
                self.i += e.len();
            }
        }
        rows
    }

    /// `\begin{env}…\end{env}` (math2html's `BeginCommand`): an equation's contents, an
    /// array, a matrix, cases with their brace, or an equation environment's rows.
    fn begin(&mut self, depth: u32) -> Bit {
        self.skip_ws();
        let env = if self.peek() == Some('{') { self.raw_until('}') } else { String::new() };
        let piece = env.replace('*', "");
        // Rows in a tag; an environment is as tall as its rows, the empty ones between too.
        let bare = |rows: Vec<Vec<String>>, tag: &str, aligns: &[&str]| {
            let size = rows.len() as u32 * 2 - 1;
            Bit { html: tagged(tag, &rows_html(&rows, aligns, None)), kind: Kind::Plain, size }
        };
        match piece.as_str() {
            "equation" => {
                let end: Vec<char> = format!("\\end{{{env}}}").chars().collect();
                let mut bits = Vec::new();
                while self.peek().is_some() && !self.s[self.i..].starts_with(&end) {
                    bits.push(self.any(depth + 1));
                }
                self.i = (self.i + end.len()).min(self.s.len());
                let bits = process(bits, self.display);
                let size = bits.iter().map(|b| b.size).max().unwrap_or(1);
                Bit { html: join(&bits), kind: Kind::Plain, size }
            }
            "array" => {
                self.skip_ws();
                if self.peek() == Some('[') {
                    self.raw_until(']');
                }
                self.skip_ws();
                let spec =
                    if self.peek() == Some('{') { self.raw_until('}') } else { String::new() };
                let aligns: Vec<String> = spec.chars().map(String::from).collect();
                let aligns: Vec<&str> = aligns.iter().map(String::as_str).collect();
                let rows = self.rows(Some(&env));
                let aligns = if aligns.is_empty() { vec!["c"] } else { aligns };
                bare(rows, "span class=\"array\"", &aligns)
            }
            "matrix" => {
                let rows = self.rows(Some(&env));
                bare(rows, "span class=\"array\"", &["c"])
            }
            "cases" => {
                let rows = self.rows(Some(&env));
                let count = rows.len() as u32 * 2 - 1;
                let inner = rows_html(&rows, &["l"], Some("span class=\"case align-l\""));
                Bit {
                    html: format!(
                        "{}<span class=\"bracketcases\">\n{inner}\n</span>\n",
                        big_bracket(count, "{", "l")
                    ),
                    kind: Kind::Plain,
                    size: count,
                }
            }
            _ => {
                let rows = self.rows(Some(&env));
                let size = rows.len() as u32 * 2 - 1;
                let html = match t::ENVIRONMENTS.iter().find(|e| e.0 == piece) {
                    Some((_, aligns)) => format!(
                        "<span class=\"environment {piece}\">{}</span>",
                        rows_html(&rows, aligns, None)
                    ),
                    None => format!(
                        "<span class=\"unknown\">\\begin{{{piece}}} {}</span>",
                        rows_html(&rows, &["l"], None)
                    ),
                };
                Bit { html, kind: Kind::Plain, size }
            }
        }
    }

    fn at_row_end(&self) -> bool {
        self.peek() == Some('\\') && self.s.get(self.i + 1) == Some(&'\\')
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_and_operators_are_spaced_like_math2html() {
        assert_eq!(
            to_html("a^2 + b^2 = c^2", false),
            "<i>a</i><sup>2</sup>\u{2009}+\u{2009}<i>b</i><sup>2</sup>\u{2009}=\u{2009}<i>c</i><sup>2</sup>"
        );
    }

    #[test]
    fn punctuation_is_written_as_math2html_modifies_it() {
        assert_eq!(
            to_html("a/b, c:d~e'f@g-h", false),
            "<i>a</i>\u{2009}\u{2044}\u{2009}<i>b</i>,\u{2009}<i>c</i> : <i>d</i>\u{a0}<i>e</i>\u{2019}<i>f</i><i>g</i>\u{2009}\u{2212}\u{2009}<i>h</i>"
        );
    }

    #[test]
    fn deep_braces_stop_at_the_limit() {
        let tex = "{".repeat(10_000) + &"}".repeat(10_000);
        let _ = to_html(&tex, true);
    }
}
