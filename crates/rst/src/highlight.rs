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
    let mode = match opt("linenos").as_deref() {
        None | Some("none") => None,
        Some("inline") => Some("inline"),
        Some(_) => Some("table"),
    };
    let start: u32 = opt("linenostart").and_then(|v| v.parse().ok()).unwrap_or(1);
    let step: u32 = opt("linenostep").and_then(|v| v.parse().ok()).filter(|s| *s > 0).unwrap_or(1);
    let anchors = opt("lineanchors").filter(|a| !a.is_empty());
    let anchor_numbers = opt("anchorlinenos").is_some();
    let lines: Vec<&str> = text.split('\n').collect();
    let lexed = Lexed::new(&code.language, text, Classes::Pygments);
    let token_lines = lexed.lines();
    let last = start + lines.len().saturating_sub(1) as u32;
    let width = last.to_string().len();
    let number = |n: u32| -> String {
        if n % step == 0 {
            format!("{n:>width$}")
        } else {
            " ".repeat(width)
        }
    };
    let body = |out: &mut String| {
        out.push_str("<pre><span></span>");
        for (k, line) in lines.iter().enumerate() {
            let n = start + k as u32;
            if let Some(a) = &anchors {
                out.push_str(&format!("<a id=\"{a}-{n}\" name=\"{a}-{n}\"></a>"));
            }
            if mode == Some("inline") {
                out.push_str(&format!("<span class=\"linenos\">{}</span>", number(n)));
            }
            if let Some(toks) = token_lines.get(k) {
                write_tokens(out, toks, line, None);
            }
            out.push('\n');
        }
        out.push_str("</pre>");
    };
    if mode == Some("table") {
        let nums: Vec<String> = (0..lines.len() as u32)
            .map(|k| {
                let n = start + k;
                let shown = number(n);
                match (&anchors, anchor_numbers && n % step == 0) {
                    (Some(a), true) => {
                        format!("<span class=\"normal\"><a href=\"#{a}-{n}\">{shown}</a></span>")
                    }
                    _ => format!("<span class=\"normal\">{shown}</span>"),
                }
            })
            .collect();
        out.push_str(&format!(
            "<div class=\"highlight\"><table class=\"highlighttable\"><tr><td class=\"linenos\"><div class=\"linenodiv\"><pre>{}</pre></div></td><td class=\"code\"><div>",
            nums.join("\n")
        ));
        body(out);
        out.push_str("</div></td></tr></table></div>\n");
    } else {
        out.push_str("<div class=\"highlight\">");
        body(out);
        out.push_str("</div>\n");
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
    let width = numbers.map_or(0, |n| (n + text.matches('\n').count() as u32).to_string().len());
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
