//! Code blocks as HTML: Pelican's `div.highlight` (with its line-number tables) and
//! docutils' `code` directive and role. The tokens and their Pygments CSS classes (`k`,
//! `s2`, `c1`, …) come from folio-highlight.

use crate::html::escape_code_into;
use crate::tree::CodeData;

/// Writes a code block.
/// `parent_classes` are the `first`/`last` a parent gives docutils' `code` block, written
/// after its own classes.
pub(crate) fn render(out: &mut String, code: &CodeData, parent_classes: &[&str]) {
    let text = &code.text;
    let opt = |k: &str| code.options.iter().find(|o| o.0 == k).map(|o| o.1.trim().to_string());
    if code.docutils {
        let lang = code.language.trim();
        let mut cls = vec!["code"];
        if !lang.is_empty() {
            cls.push(lang);
        }
        let extra = opt("class").unwrap_or_default();
        cls.extend(extra.split_whitespace());
        cls.extend(parent_classes);
        cls.push("literal-block");
        out.push_str(&format!("<pre class=\"{}\">\n", cls.join(" ")));
        let numbers = opt("number-lines").map(|v| v.parse::<u32>().unwrap_or(1));
        tokens_html(out, lang, text, numbers);
        out.push_str("\n</pre>\n");
        return;
    }
    let options = PygmentsOptions::read(&opt);
    let lines: Vec<&str> = text.split('\n').collect();
    let lexed = Lexed::new(&code.language, text, Classes::Pygments);
    let token_lines = lexed.lines();
    let o = &options;
    let last = o.start + lines.len().saturating_sub(1) as u32;
    let width = last.to_string().len();
    let number = |n: u32| -> String {
        if n % o.step == 0 {
            format!("{n:>width$}")
        } else {
            " ".repeat(width)
        }
    };
    let special = |n: u32| o.special.is_some_and(|s| s > 0 && n % s == 0);
    // Each line as Pygments' HtmlFormatter wraps it, innermost first: the tokens, the
    // inline number, the highlight, the anchor, the line's span.
    let mut code_html = String::new();
    for (k, line) in lines.iter().enumerate() {
        let n = o.start + k as u32;
        let mut html = String::new();
        if let Some(toks) = token_lines.get(k) {
            write_tokens(&mut html, toks, line, None);
        }
        html.push_str(&o.separator);
        if o.nowrap {
            if o.highlighted.contains(&(k as u32 + 1)) {
                html = format!("<span class=\"hll\">{html}</span>");
            }
            code_html.push_str(&html);
            continue;
        }
        if o.mode == Some(LineNumbers::Inline) {
            let class = if special(n) { "linenos special" } else { "linenos" };
            let mut shown = format!("<span class=\"{class}\">{}</span>", number(n));
            if let (Some(a), true) = (&o.anchors, o.anchor_numbers) {
                shown = format!("<a href=\"#{a}-{n}\">{shown}</a>");
            }
            html.insert_str(0, &shown);
        }
        if o.highlighted.contains(&(k as u32 + 1)) {
            html = format!("<span class=\"hll\">{html}</span>");
        }
        if let Some(a) = &o.anchors {
            // Without numbers to link, the anchor links to itself.
            let href = if o.mode.is_none() { format!(" href=\"#{a}-{n}\"") } else { String::new() };
            html.insert_str(0, &format!("<a id=\"{a}-{n}\" name=\"{a}-{n}\"{href}></a>"));
        }
        if let Some(spans) = &o.spans {
            html = format!("<span id=\"{spans}-{n}\">{html}</span>");
        }
        code_html.push_str(&html);
    }
    if o.nowrap {
        out.push_str(&code_html);
        return;
    }
    let (code_open, code_close) = if o.wrap_code { ("<code>", "</code>") } else { ("", "") };
    let pre = format!("<pre><span></span>{code_open}{code_html}{code_close}</pre>");
    let class = &o.css_class;
    if o.mode == Some(LineNumbers::Table) {
        let nums: Vec<String> = (0..lines.len() as u32)
            .map(|k| {
                let n = o.start + k;
                let kind = if special(n) { "special" } else { "normal" };
                let shown = number(n);
                match (&o.anchors, o.anchor_numbers && n % o.step == 0) {
                    (Some(a), true) => {
                        format!("<span class=\"{kind}\"><a href=\"#{a}-{n}\">{shown}</a></span>")
                    }
                    _ => format!("<span class=\"{kind}\">{shown}</span>"),
                }
            })
            .collect();
        let filename = match &o.filename {
            Some(f) => format!(
                "<tr><th colspan=\"2\" class=\"filename\"><span class=\"filename\">{f}</span></th></tr>"
            ),
            None => String::new(),
        };
        out.push_str(&format!(
            "<div class=\"{class}\"><table class=\"{class}table\">{filename}<tr><td class=\"linenos\"><div class=\"linenodiv\"><pre>{}</pre></div></td><td class=\"code\"><div>{pre}</div></td></tr></table></div>\n",
            nums.join("\n")
        ));
    } else {
        let filename = match &o.filename {
            Some(f) => format!("<span class=\"filename\">{f}</span>"),
            None => String::new(),
        };
        out.push_str(&format!("<div class=\"{class}\">{filename}{pre}</div>\n"));
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum LineNumbers {
    Table,
    Inline,
}

/// The options of Pygments' `HtmlFormatter` that Pelican's `code-block` passes on (the
/// directive's own, then `PYGMENTS_RST_OPTIONS`), as the formatter reads them.
struct PygmentsOptions {
    /// `linenos`: Pelican makes any value but `inline` and `none` a table.
    mode: Option<LineNumbers>,
    start: u32,
    step: u32,
    /// `linenospecial`: every Nth number is marked.
    special: Option<u32>,
    /// `hl_lines`: 1-based lines of the block, whatever `linenostart` says.
    highlighted: Vec<u32>,
    anchors: Option<String>,
    anchor_numbers: bool,
    /// `linespans`: each line in a span with this id prefix.
    spans: Option<String>,
    /// `lineseparator`, a newline by default.
    separator: String,
    css_class: String,
    nowrap: bool,
    wrap_code: bool,
    filename: Option<String>,
}

impl PygmentsOptions {
    fn read(opt: &dyn Fn(&str) -> Option<String>) -> PygmentsOptions {
        let int = |k: &str| opt(k).and_then(|v| v.trim().parse::<u32>().ok());
        // A flag is on when given at all (Pelican sets it to True whatever its value); the
        // formatter's own boolean options read the usual words.
        let yes = |k: &str| {
            opt(k).is_some_and(|v| matches!(v.to_lowercase().as_str(), "1" | "yes" | "true" | "on"))
        };
        let mode = match opt("linenos").as_deref() {
            None | Some("none") => None,
            Some("inline") => Some(LineNumbers::Inline),
            Some(_) => Some(LineNumbers::Table),
        };
        PygmentsOptions {
            mode,
            start: int("linenostart").unwrap_or(1),
            step: int("linenostep").filter(|s| *s > 0).unwrap_or(1),
            special: int("linenospecial"),
            highlighted: opt("hl_lines")
                .map(|v| v.split_whitespace().filter_map(|n| n.parse().ok()).collect())
                .unwrap_or_default(),
            anchors: opt("lineanchors").filter(|a| !a.is_empty()),
            anchor_numbers: opt("anchorlinenos").is_some(),
            spans: opt("linespans").filter(|a| !a.is_empty()),
            separator: opt("lineseparator").unwrap_or_else(|| "\n".into()),
            css_class: opt("cssclass").unwrap_or_else(|| "highlight".into()),
            nowrap: opt("nowrap").is_some(),
            wrap_code: yes("wrapcode"),
            filename: opt("filename").filter(|f| !f.is_empty()),
        }
    }
}

/// A text's tokens with their Pygments CSS classes.
struct Lexed<'t> {
    toks: Vec<(&'static str, &'t str)>,
}

/// Which classes a token gets: docutils' (the short class alone) or those of Pygments'
/// HTML formatter, which Pelican's `code-block` uses (`p p-Indicator` for the few
/// types outside Pygments' standard table).
#[derive(Clone, Copy)]
enum Classes {
    Docutils,
    Pygments,
}

impl<'t> Lexed<'t> {
    fn new(lang: &str, text: &'t str, classes: Classes) -> Lexed<'t> {
        let toks = folio_highlight::tokens(lang, text).into_iter().map(|(t, s)| match classes {
            Classes::Docutils => (t.class(), s),
            Classes::Pygments => (t.html_classes(), s),
        });
        Lexed { toks: toks.collect() }
    }

    /// The tokens per line of the text, cut at newlines, newlines left out.
    fn lines(&self) -> Vec<Vec<(&'static str, &'t str)>> {
        let mut lines = Vec::new();
        let mut line = Vec::new();
        for &(class, t) in &self.toks {
            for (k, part) in t.split('\n').enumerate() {
                if k > 0 {
                    lines.push(std::mem::take(&mut line));
                }
                if !part.is_empty() {
                    line.push((class, part));
                }
            }
        }
        lines.push(line);
        lines
    }
}

/// Writes `text` as token spans (same-class neighbours merged, as docutils does), with
/// docutils' `<span class="ln">` line numbers from `numbers` when given.
pub(crate) fn tokens_html(out: &mut String, lang: &str, text: &str, numbers: Option<u32>) {
    let lexed = Lexed::new(lang, text, Classes::Docutils);
    write_tokens(out, &lexed.toks, text, numbers);
}

/// Writes tokens that cover `text` (see [`tokens_html`]).
fn write_tokens(out: &mut String, toks: &[(&'static str, &str)], text: &str, numbers: Option<u32>) {
    // Merged in place: `kept` tokens are final, the rest not yet looked at.
    let mut toks = toks.to_vec();
    let mut kept: usize = 0;
    for k in 0..toks.len() {
        let (class, t) = toks[k];
        match kept.checked_sub(1).map(|l| toks[l]) {
            Some(last)
                if last.0 == class
                    && !class.is_empty()
                    && last.1.as_ptr() as usize + last.1.len() == t.as_ptr() as usize =>
            {
                let start = last.1.as_ptr() as usize - text.as_ptr() as usize;
                toks[kept - 1].1 = &text[start..start + last.1.len() + t.len()];
            }
            _ => {
                toks[kept] = (class, t);
                kept += 1;
            }
        }
    }
    toks.truncate(kept);
    let mut line = numbers.unwrap_or(0);
    // docutils pads to the width of the first number past the end (start + line count):
    // lines 5 to 9 are ` 5` to ` 9`, as `10` would be.
    let width =
        numbers.map_or(0, |n| (n + text.matches('\n').count() as u32 + 1).to_string().len());
    let ln =
        |out: &mut String, n: u32| out.push_str(&format!("<span class=\"ln\">{n:>width$} </span>"));
    if numbers.is_some() {
        ln(out, line);
    }
    // `end` goes inside the span: a token cut at a line end keeps its newline.
    let span = |out: &mut String, class: &str, t: &str, end: &str| {
        if class.is_empty() {
            escape_code_into(out, t);
            out.push_str(end);
        } else {
            out.push_str("<span class=\"");
            out.push_str(class);
            out.push_str("\">");
            escape_code_into(out, t);
            out.push_str(end);
            out.push_str("</span>");
        }
    };
    for (class, t) in toks {
        if numbers.is_none() {
            span(out, class, t, "");
            continue;
        }
        let parts: Vec<&str> = t.split('\n').collect();
        let n = parts.len();
        for (k, part) in parts.into_iter().enumerate() {
            if k + 1 < n {
                span(out, class, part, "\n");
                line += 1;
                ln(out, line);
            } else if !part.is_empty() || n > 1 {
                span(out, class, part, "");
            }
        }
    }
}
