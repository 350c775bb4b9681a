//! MarkupSafe's `escape` and `striptags`, as Jinja2's filters of the same names call them.

/// MarkupSafe's `escape`: the five characters HTML gives meaning to.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&#34;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// MarkupSafe's `striptags`: comments and tags removed, runs of whitespace made one space,
/// the ends trimmed, then character references decoded.
pub(crate) fn striptags(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("<!--") {
            match after.find("-->") {
                Some(end) => {
                    rest = &after[end + 3..];
                    continue;
                }
                None => {
                    text.push_str(rest);
                    break;
                }
            }
        }
        if rest.starts_with('<') {
            // A tag is `<` up to the nearest `>`, whatever lies between.
            if let Some(end) = rest.find('>') {
                rest = &rest[end + 1..];
                continue;
            }
        }
        let next = rest[1..].find(['<']).map_or(rest.len(), |i| i + 1);
        text.push_str(&rest[..next]);
        rest = &rest[next..];
    }
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    unescape(&collapsed)
}

/// Decodes the character references Python's `html.unescape` knows best: numeric ones and
/// the named ones HTML writers emit.
pub(crate) fn unescape(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest[1..].find(';').map(|e| e + 1);
        let decoded = end.and_then(|end| decode_reference(&rest[1..end]).map(|c| (c, end)));
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn decode_reference(name: &str) -> Option<char> {
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        return char::from_u32(code);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "laquo" => '«',
        "raquo" => '»',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn striptags_removes_tags_and_comments_and_decodes_references() {
        assert_eq!(striptags("<em>Tom</em> &amp;\n <!-- x --> Jerry&#8217;s"), "Tom & Jerry’s");
    }

    #[test]
    fn escape_writes_quotes_as_markupsafe_does() {
        assert_eq!(escape(r#"a<b & "c" 'd'"#), "a&lt;b &amp; &#34;c&#34; &#39;d&#39;");
    }
}
