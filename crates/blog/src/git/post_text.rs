//! Pure text work on a post for publishing: flipping `:status: draft` and finding the
//! assets (images, attachments) the post refers to.

/// Returns the text with the header's `status: draft` changed to `published`, or `None`
/// when the post is not a draft. Works for reST field lists (`:status: draft`) and
/// Markdown metadata (`Status: draft`); only the header (up to the first blank line after
/// a field) is looked at, so a body line that happens to read `:status: draft` stays.
pub(crate) fn publish_status(text: &str) -> Option<String> {
    let mut offset = 0;
    let mut seen_field = false;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        let is_field = trimmed.starts_with(':') || trimmed.contains(": ");
        if trimmed.is_empty() && seen_field {
            return None;
        }
        seen_field |= trimmed.starts_with(':');
        if is_field {
            let lower = trimmed.to_ascii_lowercase();
            let value = lower
                .strip_prefix(":status:")
                .or_else(|| lower.strip_prefix("status:"))
                .map(str::trim);
            if value == Some("draft") {
                let start = offset + line.find("raft").map(|i| i - 1).unwrap_or(0);
                let mut out = String::with_capacity(text.len() + 4);
                out.push_str(&text[..start]);
                out.push_str("published");
                out.push_str(&text[start + "draft".len()..]);
                return Some(out);
            }
        }
        offset += line.len();
    }
    None
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
                rest = &rest[i + marker.len()..];
                let end = rest
                    .find(|c: char| c.is_whitespace() || matches!(c, '>' | '`' | '"' | '\''))
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
}
