//! Inline markup: emphasis, strong, literals, embedded-URI references, escapes.

use crate::tree::{Inline, InlineKind};
use crate::{Diagnostic, Severity, Span};

/// Characters that may stand right before an inline start-string (docutils' rule, simplified).
fn opens_after(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => c.is_whitespace() || "'\"([{<-/:‘“’«¡¿".contains(c),
    }
}

/// Characters that may stand right after an inline end-string.
fn closes_before(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => c.is_whitespace() || "'\")]}>-/:.,;!?\\’”»".contains(c),
    }
}

/// Parses the inline content of `src[span]`. Unclosed markup becomes text and a warning.
pub(crate) fn parse(src: &str, span: Span, diags: &mut Vec<Diagnostic>) -> Vec<Inline> {
    let base = span.start as usize;
    let text = &src[span.range()];
    let mut out = Vec::new();
    let mut plain = String::new();
    let mut plain_start = 0usize;
    let mut i = 0usize;
    let flush = |out: &mut Vec<Inline>, plain: &mut String, start: usize, end: usize| {
        if !plain.is_empty() {
            out.push(Inline {
                kind: InlineKind::Text(std::mem::take(plain)),
                span: Span::new(base + start, base + end),
            });
        }
    };
    while i < text.len() {
        let rest = &text[i..];
        let before = text[..i].chars().next_back();
        let c = rest.chars().next().unwrap_or(' ');
        if c == '\\' {
            if plain.is_empty() {
                plain_start = i;
            }
            let next = rest[1..].chars().next();
            match next {
                Some(n) if !n.is_whitespace() => plain.push(n),
                _ => {}
            }
            i += 1 + next.map_or(0, char::len_utf8);
            continue;
        }
        let marker = ["``", "**", "*", "`"].into_iter().find(|m| rest.starts_with(m));
        if let Some(marker) = marker {
            let after = rest[marker.len()..].chars().next();
            if opens_after(before) && after.is_some_and(|a| !a.is_whitespace()) {
                if let Some((inner_len, total_len, kind)) = match_markup(rest, marker) {
                    flush(&mut out, &mut plain, plain_start, i);
                    let inner = &rest[marker.len()..marker.len() + inner_len];
                    let kind = kind_for(marker, inner, kind);
                    out.push(Inline { kind, span: Span::new(base + i, base + i + total_len) });
                    i += total_len;
                    continue;
                }
                diags.push(Diagnostic {
                    span: Span::new(base + i, base + i + marker.len()),
                    severity: Severity::Warning,
                    message: format!("\"{marker}\" starts inline markup that is never closed"),
                });
            }
        }
        if plain.is_empty() {
            plain_start = i;
        }
        plain.push(c);
        i += c.len_utf8();
    }
    flush(&mut out, &mut plain, plain_start, text.len());
    out
}

/// How a backquoted construct ends.
enum Suffix {
    None,
    Reference,
}

/// Finds the end-string for `marker` at the start of `rest`: (inner length, total length).
fn match_markup(rest: &str, marker: &str) -> Option<(usize, usize, Suffix)> {
    let body = &rest[marker.len()..];
    let mut from = 0;
    while let Some(found) = body[from..].find(marker) {
        let at = from + found;
        let prev = body[..at].chars().next_back();
        let literal = marker == "``";
        let escaped = !literal && body[..at].ends_with('\\');
        let ok_prev = prev.is_some_and(|p| !p.is_whitespace()) && !escaped;
        let mut end = at + marker.len();
        let mut suffix = Suffix::None;
        if marker == "`" {
            if body[end..].starts_with("__") {
                end += 2;
                suffix = Suffix::Reference;
            } else if body[end..].starts_with('_') {
                end += 1;
                suffix = Suffix::Reference;
            }
        }
        // `*` must not match the first star of a `**`.
        let doubled = marker == "*" && body[at + 1..].starts_with('*');
        if ok_prev && !doubled && closes_before(body[end..].chars().next()) {
            return Some((at, marker.len() + end, suffix));
        }
        from = at + marker.len();
    }
    None
}

fn kind_for(marker: &str, inner: &str, suffix: Suffix) -> InlineKind {
    match (marker, suffix) {
        ("``", _) => InlineKind::Literal(inner.to_string()),
        ("**", _) => InlineKind::Strong(inner.to_string()),
        ("*", _) => InlineKind::Emphasis(inner.to_string()),
        (_, Suffix::Reference) => {
            // `text <url>`_ embeds its target; a bare `text`_ refers to a target elsewhere.
            if let Some(open) = inner.rfind('<').filter(|_| inner.ends_with('>')) {
                let url = inner[open + 1..inner.len() - 1].split_whitespace().collect::<String>();
                let text = inner[..open].trim_end();
                let text = if text.is_empty() { url.clone() } else { text.to_string() };
                InlineKind::Reference { text, url: Some(url) }
            } else {
                InlineKind::Reference { text: inner.to_string(), url: None }
            }
        }
        _ => InlineKind::Cite(inner.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<InlineKind> {
        let mut diags = Vec::new();
        parse(text, Span::new(0, text.len()), &mut diags).into_iter().map(|i| i.kind).collect()
    }

    #[test]
    fn recognises_each_basic_markup_with_its_span() {
        let text = "a *b* **c** ``d`` `e <http://x>`__";
        let mut diags = Vec::new();
        let inlines = parse(text, Span::new(0, text.len()), &mut diags);
        assert!(diags.is_empty());
        let spans: Vec<&str> = inlines.iter().map(|i| &text[i.span.range()]).collect();
        assert_eq!(spans, ["a ", "*b*", " ", "**c**", " ", "``d``", " ", "`e <http://x>`__"]);
        assert_eq!(
            inlines[7].kind,
            InlineKind::Reference { text: "e".into(), url: Some("http://x".into()) }
        );
    }

    #[test]
    fn a_star_inside_a_word_is_text_and_an_unclosed_star_warns() {
        assert_eq!(kinds("2*3*4"), [InlineKind::Text("2*3*4".into())]);
        let mut diags = Vec::new();
        let text = "an *open start";
        parse(text, Span::new(0, text.len()), &mut diags);
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].span, Span::new(3, 4));
    }

    #[test]
    fn backslash_escapes_markup() {
        assert_eq!(kinds(r"\*not em\*"), [InlineKind::Text("*not em*".into())]);
    }
}
