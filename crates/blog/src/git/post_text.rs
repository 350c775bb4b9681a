//! Pure text work on a post for publishing: flipping `:status: draft` and finding the
//! assets (images, attachments) the post refers to.

/// Returns the text with the header's `status: draft` changed to `published`, or `None`
/// when the post is not a draft. Works for reST field lists (`:status: draft`) and
/// Markdown metadata (`Status: draft`); only the header (up to the first blank line after
/// a field) is looked at, so a body line that happens to read `:status: draft` stays.
pub(crate) fn publish_status(text: &str) -> Option<String> {
    let status = crate::header_fields::field(text, "status").or_else(|| markdown_status(text))?;
    if !status.eq_ignore_ascii_case("draft") {
        return None;
    }
    if crate::header_fields::field(text, "status").is_some() {
        return Some(crate::header_fields::set_field(text, "status", "published"));
    }
    // Markdown metadata: `Status: draft` in the first block of lines.
    let header_end = text.find("\n\n").map_or(text.len(), |i| i + 1);
    let line_start = text[..header_end].lines().scan(0, |at, l| {
        let start = *at;
        *at += l.len() + 1;
        Some((start, l))
    });
    for (start, line) in line_start {
        if let Some((key, value)) = line.split_once(':') {
            if key.trim().eq_ignore_ascii_case("status")
                && value.trim().eq_ignore_ascii_case("draft")
            {
                let value_at = start + key.len() + 1 + (value.len() - value.trim_start().len());
                return Some(format!(
                    "{}published{}",
                    &text[..value_at],
                    &text[value_at + "draft".len()..]
                ));
            }
        }
    }
    None
}

/// `Status:` in a Markdown post's metadata block.
fn markdown_status(text: &str) -> Option<String> {
    text.lines()
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.split_once(':'))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("status"))
        .map(|(_, v)| v.trim().to_string())
}

/// The asset paths a post refers to, as written relative to `content`: `{static}`,
/// `{attach}` and plain relative targets of `image`/`figure` directives and links.
/// `post_dir` is the post's folder relative to the content folder (`""` at its top).
/// Returns paths relative to the content folder, `/`-separated, without `..` escapes.
pub(crate) fn referenced_assets(text: &str, post_dir: &str) -> Vec<String> {
    let mut found = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim_start();
        for marker in ["{static}", "{attach}"] {
            let mut rest = trimmed;
            while let Some(i) = rest.find(marker) {
                // A Markdown link or image, `](…)`, ends at its parenthesis.
                let in_parens = rest[..i].ends_with('(');
                rest = &rest[i + marker.len()..];
                let end = rest
                    .find(|c: char| {
                        c.is_whitespace()
                            || matches!(c, '>' | '`' | '"' | '\'')
                            || (in_parens && c == ')')
                    })
                    .unwrap_or(rest.len());
                push_asset(&mut found, post_dir, &rest[..end]);
            }
        }
        for directive in [".. image::", ".. figure::"] {
            if let Some(target) = trimmed.strip_prefix(directive) {
                let target = target.trim();
                if !target.starts_with('{') && !target.contains("://") {
                    push_asset(&mut found, post_dir, target);
                }
            }
        }
    }
    found.sort();
    found.dedup();
    found
}

fn push_asset(found: &mut Vec<String>, post_dir: &str, target: &str) {
    if target.is_empty() {
        return;
    }
    let joined = match target.strip_prefix('/') {
        Some(abs) => abs.to_string(),
        None if post_dir.is_empty() => target.to_string(),
        None => format!("{post_dir}/{target}"),
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in joined.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return; // Leaves the content folder: not an asset we publish.
                }
            }
            _ => parts.push(part),
        }
    }
    if !parts.is_empty() {
        found.push(parts.join("/"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_status_becomes_published_and_nothing_else_changes() {
        let text = "Title\n#####\n\n:date: 2020-01-01\n:status: draft\n\nBody :status: draft\n";
        let out = publish_status(text).unwrap();
        assert_eq!(out, text.replacen(":status: draft", ":status: published", 1));
    }

    #[test]
    fn a_published_post_or_a_body_mention_is_not_changed() {
        assert_eq!(publish_status("T\n=\n\n:status: published\n\n:status: draft\n"), None);
        assert_eq!(publish_status("T\n=\n\n:date: 2020\n\n:status: draft\n"), None);
    }

    #[test]
    fn static_attach_and_relative_image_targets_are_found() {
        let text = ".. image:: {static}/images/a.png\n   :alt: a\n\
                    .. figure:: pics/b.jpg\n\
                    See `file <{attach}files/c.pdf>`_ and `x <{filename}other.rst>`_.\n\
                    .. image:: https://example.com/d.png\n\
                    .. image:: ../../../etc/passwd\n";
        assert_eq!(
            referenced_assets(text, "posts"),
            vec!["images/a.png", "posts/files/c.pdf", "posts/pics/b.jpg"]
        );
    }

    #[test]
    fn markdown_links_and_images_end_at_their_parenthesis() {
        let text = "Title: T\n\n![a]({static}/images/a.png) and [b]({attach}files/b.pdf \"B\")\n\n\
                    <img src=\"{static}/images/c.png\">\n\n[r]: {static}/images/d.png\n";
        assert_eq!(
            referenced_assets(text, ""),
            vec!["files/b.pdf", "images/a.png", "images/c.png", "images/d.png"]
        );
    }
}
