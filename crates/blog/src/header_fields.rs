//! Pure edits of a reST post's header fields (`:name: value` after the title), keeping
//! every other byte of the text as it was.

use std::ops::Range;

/// Where a one-line header field sits: the byte range of its value.
fn find_field(text: &str, name: &str) -> Option<Range<usize>> {
    let mut offset = 0;
    let mut seen_field = false;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_end_matches(['\n', '\r']);
        if let Some(rest) = trimmed.strip_prefix(':') {
            seen_field = true;
            if let Some(close) = rest.find(':') {
                if rest[..close].eq_ignore_ascii_case(name) {
                    let value_start = offset + 1 + close + 1;
                    let lead = trimmed[close + 2..].len() - trimmed[close + 2..].trim_start().len();
                    return Some(value_start + lead..offset + trimmed.len());
                }
            }
        } else if seen_field && !trimmed.starts_with(' ') {
            return None; // the field list ended
        }
        offset += line.len();
    }
    None
}

/// The value of header field `name`, trimmed.
pub fn field(text: &str, name: &str) -> Option<String> {
    find_field(text, name).map(|r| text[r].trim().to_string())
}

/// The text with header field `name` set to `value`: replaced where it exists, else added
/// after the last header field (or after the title when there are none).
pub fn set_field(text: &str, name: &str, value: &str) -> String {
    if let Some(range) = find_field(text, name) {
        return format!("{}{value}{}", &text[..range.start], &text[range.end..]);
    }
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let at = insertion_point(text);
    let mut out = String::with_capacity(text.len() + name.len() + value.len() + 4);
    out.push_str(&text[..at]);
    if at > 0 && !text[..at].ends_with('\n') {
        out.push_str(newline);
    }
    out.push_str(&format!(":{name}: {value}{newline}"));
    out.push_str(&text[at..]);
    out
}

/// Just after the header's last field line; without fields, after the title's underline
/// and one blank line; without a title, the start.
fn insertion_point(text: &str) -> usize {
    let mut offset = 0;
    let mut last_field_end = None;
    let mut in_fields = false;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        let trimmed = line.trim();
        if trimmed.starts_with(':') || (in_fields && line.starts_with(' ') && !trimmed.is_empty()) {
            in_fields = true;
            last_field_end = Some(offset + line.len());
        } else if in_fields || n > 6 {
            break;
        }
        offset += line.len();
    }
    if let Some(end) = last_field_end {
        return end;
    }
    // Title + underline (+ overline) + blank line.
    let lines: Vec<&str> = text.split_inclusive('\n').take(4).collect();
    let adorned = |l: &str| {
        let l = l.trim();
        !l.is_empty()
            && l.chars().all(|c| c == l.chars().next().unwrap_or(' ') && c.is_ascii_punctuation())
    };
    let title_lines = match lines.as_slice() {
        [over, _, under, ..] if adorned(over) && adorned(under) => 3,
        [_, under, ..] if adorned(under) => 2,
        _ => return 0,
    };
    let mut end: usize = lines[..title_lines].iter().map(|l| l.len()).sum();
    if let Some(blank) = lines.get(title_lines).filter(|l| l.trim().is_empty()) {
        end += blank.len();
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_replaces_a_field_keeping_the_rest_of_the_text() {
        let text = "T\n=\n\n:date: 2020\n:status: draft\n\nBody :status: here\n";
        assert_eq!(field(text, "status").as_deref(), Some("draft"));
        assert_eq!(set_field(text, "status", "published"), text.replace("draft", "published"));
        assert_eq!(field(text, "STATUS").as_deref(), Some("draft"), "names ignore case");
    }

    #[test]
    fn a_body_field_list_is_not_the_header() {
        let text = "T\n=\n\n:date: 2020\n\nText.\n\n:status: draft\n";
        assert_eq!(field(text, "status"), None);
    }

    #[test]
    fn a_missing_field_is_added_after_the_last_header_field() {
        let text = "T\n=\n\n:date: 2020\n:tags: a,\n   b\n\nBody\n";
        assert_eq!(
            set_field(text, "status", "draft"),
            "T\n=\n\n:date: 2020\n:tags: a,\n   b\n:status: draft\n\nBody\n"
        );
    }

    #[test]
    fn without_fields_the_field_goes_under_the_title_in_the_files_line_endings() {
        assert_eq!(
            set_field("T\r\n=\r\n\r\nBody\r\n", "status", "draft"),
            "T\r\n=\r\n\r\n:status: draft\r\nBody\r\n"
        );
        assert_eq!(set_field("Just text\n", "status", "draft"), ":status: draft\nJust text\n");
    }
}
