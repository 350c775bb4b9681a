//! The summary Pelican gives an article without a `summary` field: its content cut after
//! `SUMMARY_MAX_LENGTH` words with `SUMMARY_END_SUFFIX`, the tags left open closed, and the
//! table of contents taken out.

/// Elements that never have an end tag, so truncation does not close them.
const VOID: [&str; 9] = ["br", "col", "link", "base", "img", "param", "area", "hr", "input"];

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x4e00..=0x9fff | 0x3400..=0x4dbf | 0xf900..=0xfaff | 0x20000..=0x2a6df
        | 0x2f800..=0x2fa1f | 0x3040..=0x30ff | 0x1100..=0x11ff | 0xac00..=0xd7ff
        | 0x3130..=0x318f)
}

fn is_word_start(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn is_word_char(c: char) -> bool {
    is_word_start(c) || c == '\'' || c == '-'
}

/// Where to cut `html` after `max_words` words, and the tags open there (innermost first).
fn cut_point(html: &str, max_words: usize) -> Option<(usize, Vec<String>)> {
    let mut words = 0;
    let mut open: Vec<String> = Vec::new();
    // The end of a word that may still go on (Python's `last_word_end`).
    let mut pending: Option<usize> = None;
    let mut i = 0;
    let bytes = html.as_bytes();
    macro_rules! finish_word {
        () => {
            if let Some(end) = pending.take() {
                words += 1;
                if words == max_words {
                    return Some((end, open));
                }
            }
        };
    }
    while i < html.len() {
        let rest = &html[i..];
        if rest.starts_with("<!--") {
            finish_word!();
            i += rest.find("-->").map_or(rest.len(), |e| e + 3);
            continue;
        }
        if bytes[i] == b'<' && rest[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/')
        {
            finish_word!();
            let end = rest.find('>').map_or(rest.len(), |e| e + 1);
            let tag = &rest[1..end.saturating_sub(1).max(1)];
            let closing = tag.starts_with('/');
            let name: String = tag
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == ':')
                .collect::<String>()
                .to_ascii_lowercase();
            if closing {
                if let Some(at) = open.iter().position(|t| *t == name) {
                    open.drain(..=at);
                }
            } else if !VOID.contains(&name.as_str()) && !tag.ends_with('/') {
                open.insert(0, name);
            }
            i += end;
            continue;
        }
        if bytes[i] == b'&' {
            if let Some(semi) = rest[1..].find(';').filter(|s| *s < 32) {
                let name = &rest[1..semi + 1];
                let c = super::markup::unescape(&rest[..semi + 2]).chars().next().filter(|_| {
                    !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '#')
                });
                if let Some(c) = c.filter(|_| !rest[..semi + 2].eq("&")) {
                    let end = i + semi + 2;
                    match pending {
                        None if is_word_start(c) => pending = Some(end),
                        Some(_) if is_word_char(c) || is_cjk(c) => pending = Some(end),
                        Some(_) => finish_word!(),
                        None => {}
                    }
                    i = end;
                    continue;
                }
            }
        }
        let Some(c) = rest.chars().next() else { break };
        let len = c.len_utf8();
        if is_cjk(c) {
            finish_word!();
            pending = Some(i + len);
            finish_word!();
        } else if is_word_char(c) && (pending.is_some() || is_word_start(c)) {
            pending = Some(i + len);
        } else {
            finish_word!();
        }
        i += len;
    }
    None
}

/// Pelican's `truncate_html_words(html, max_words, suffix)`.
pub(crate) fn truncate_html_words(html: &str, max_words: usize, suffix: &str) -> String {
    if max_words == 0 {
        return String::new();
    }
    let Some((at, open)) = cut_point(html, max_words) else { return html.to_string() };
    let mut out = html[..at].to_string();
    if !suffix.is_empty() {
        out.push(' ');
        out.push_str(suffix);
    }
    for tag in open {
        out.push_str("</");
        out.push_str(&tag);
        out.push('>');
    }
    out
}

/// Takes out `<div class="contents…">…</div>` and unwraps `toc-backref` links, whose
/// targets are not on the page a summary is shown on.
pub(crate) fn strip_toc(html: &str) -> String {
    let mut out = html.to_string();
    while let Some(start) = out.find("<div class=\"contents") {
        let Some(end) = out[start..].find("</div>") else { break };
        out.replace_range(start..start + end + "</div>".len(), "");
    }
    let mut from = 0;
    while let Some(rel) = out[from..].find("<a ") {
        let start = from + rel;
        let Some(open_end) = out[start..].find('>').map(|e| start + e + 1) else { break };
        if !out[start..open_end].contains("toc-backref") {
            from = open_end;
            continue;
        }
        let Some(close) = out[open_end..].find("</a>").map(|c| open_end + c) else { break };
        let inner = out[open_end..close].to_string();
        out.replace_range(start..close + 4, &inner);
        from = start + inner.len();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_counts_words_outside_tags_and_closes_the_open_ones() {
        let html = "<p>One two <em>three four</em> five</p>";
        assert_eq!(truncate_html_words(html, 3, "…"), "<p>One two <em>three …</em></p>");
        assert_eq!(truncate_html_words(html, 9, "…"), html);
    }
}
