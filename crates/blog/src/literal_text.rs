//! The literal parts of a post (code), blanked out: a `{filename}` written in a code block
//! or a code span is shown as text, not resolved by Pelican, so the check and the orphan
//! search must not see it.
//!
//! [`blank_literals`] keeps every byte offset and every line break, so lines and columns
//! found in its result are the source's.

use crate::post::PostFormat;

/// The post's text with the contents of its literal parts replaced by spaces: for reST,
/// literal blocks (after `::`), `code`/`code-block`/`sourcecode` directive bodies and
/// ``` ``inline literals`` ```; for Markdown, fenced and indented code blocks and code spans.
/// HTML posts come back unchanged.
pub(crate) fn blank_literals(format: PostFormat, text: &str) -> String {
    let mut bytes = text.as_bytes().to_vec();
    let ranges = match format {
        PostFormat::Rst => rst_literals(text),
        PostFormat::Markdown => markdown_literals(text),
        PostFormat::Html => Vec::new(),
    };
    for (start, end) in ranges {
        for b in &mut bytes[start..end] {
            if *b != b'\n' && *b != b'\r' {
                *b = b' ';
            }
        }
    }
    // Only whole characters were replaced, by ASCII spaces.
    String::from_utf8(bytes).unwrap_or_else(|_| text.to_string())
}

/// Lines with their byte offsets, line breaks included.
fn lines(text: &str) -> Vec<(usize, &str)> {
    let mut at = 0;
    text.split_inclusive('\n')
        .map(|line| {
            let start = at;
            at += line.len();
            (start, line)
        })
        .collect()
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches([' ', '\t']).len()
}

fn is_blank(line: &str) -> bool {
    line.trim().is_empty()
}

/// reST: the body of each literal block and code directive, then inline literals in the rest.
fn rst_literals(text: &str) -> Vec<(usize, usize)> {
    let lines = lines(text);
    let mut ranges = Vec::new();
    let mut in_block = vec![false; lines.len()];
    let mut i = 0;
    while i < lines.len() {
        let (_, line) = lines[i];
        let trimmed = line.trim();
        let directive = trimmed.strip_prefix(".. ");
        let code_directive = directive.is_some_and(|d| {
            let name = d.split_whitespace().next().unwrap_or_default();
            ["code::", "code-block::", "sourcecode::"].contains(&name)
        });
        // A paragraph ending in `::` introduces a literal block; other directives do not.
        let literal_marker = directive.is_none() && trimmed.ends_with("::");
        if !(code_directive || literal_marker) {
            i += 1;
            continue;
        }
        let base = indent_of(line);
        let mut j = i + 1;
        let mut last = i;
        while j < lines.len() {
            let (_, next) = lines[j];
            if !is_blank(next) {
                if indent_of(next) <= base {
                    break;
                }
                last = j;
            }
            j += 1;
        }
        if last > i {
            // A code directive's body starts on the next line (its options are blanked too,
            // harmlessly); a literal block's with the first indented line.
            let start = lines[i + 1].0;
            let end = lines[last].0 + lines[last].1.len();
            ranges.push((start, end));
            for flag in &mut in_block[i + 1..=last] {
                *flag = true;
            }
        }
        i = last.max(i) + 1;
    }
    // Inline literals: ``…`` within one paragraph.
    let mut paragraph: Vec<(usize, &str)> = Vec::new();
    for (n, &(start, line)) in lines.iter().enumerate() {
        if in_block[n] || is_blank(line) {
            ranges.extend(inline_spans(&paragraph, Some(2)));
            paragraph.clear();
        } else {
            paragraph.push((start, line));
        }
    }
    ranges.extend(inline_spans(&paragraph, Some(2)));
    ranges
}

/// Markdown: fenced blocks (```` ``` ```` or `~~~`, as the `extra` extension Pelican enables
/// reads them), indented blocks (four spaces or a tab after a blank line, not inside a list),
/// then code spans in the rest.
fn markdown_literals(text: &str) -> Vec<(usize, usize)> {
    let lines = lines(text);
    let mut ranges = Vec::new();
    let mut paragraph: Vec<(usize, &str)> = Vec::new();
    let mut previous_blank = true;
    let mut in_list = false;
    let mut i = 0;
    while i < lines.len() {
        let (start, line) = lines[i];
        if let Some((fence, len)) = fence_of(line) {
            ranges.extend(inline_spans(&paragraph, None));
            paragraph.clear();
            let mut j = i + 1;
            while j < lines.len() && !closes(lines[j].1, fence, len) {
                j += 1;
            }
            let end = lines.get(j).map_or(text.len(), |(s, l)| s + l.len());
            ranges.push((start, end));
            i = j + 1;
            previous_blank = false;
            continue;
        }
        let indented = line.starts_with("    ") || line.starts_with('\t');
        if indented && previous_blank && !in_list && !is_blank(line) {
            ranges.extend(inline_spans(&paragraph, None));
            paragraph.clear();
            let mut j = i;
            let mut last = i;
            while j < lines.len() {
                let next = lines[j].1;
                if is_blank(next) {
                    j += 1;
                    continue;
                }
                if !(next.starts_with("    ") || next.starts_with('\t')) {
                    break;
                }
                last = j;
                j += 1;
            }
            ranges.push((start, lines[last].0 + lines[last].1.len()));
            i = last + 1;
            previous_blank = false;
            continue;
        }
        if is_blank(line) {
            ranges.extend(inline_spans(&paragraph, None));
            paragraph.clear();
            previous_blank = true;
        } else {
            let t = line.trim_start();
            if indent_of(line) < 4 {
                in_list = is_list_item(t);
            }
            paragraph.push((start, line));
            previous_blank = false;
        }
        i += 1;
    }
    ranges.extend(inline_spans(&paragraph, None));
    ranges
}

/// A fence line: at most three spaces, then three or more backticks or tildes.
fn fence_of(line: &str) -> Option<(u8, usize)> {
    if indent_of(line) > 3 || line.starts_with('\t') {
        return None;
    }
    let t = line.trim_start();
    let c = *t.as_bytes().first()?;
    if c != b'`' && c != b'~' {
        return None;
    }
    let len = t.bytes().take_while(|&b| b == c).count();
    (len >= 3).then_some((c, len))
}

fn closes(line: &str, fence: u8, len: usize) -> bool {
    let t = line.trim();
    t.len() >= len && t.bytes().all(|b| b == fence)
}

fn is_list_item(t: &str) -> bool {
    let bullet = ["- ", "* ", "+ "].iter().any(|b| t.starts_with(b));
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    bullet || (digits > 0 && t[digits..].starts_with(". "))
}

/// The insides of code spans in one paragraph: a run of backticks up to the next run of the
/// same length (`exact`: reST's literals are always two).
fn inline_spans(paragraph: &[(usize, &str)], exact: Option<usize>) -> Vec<(usize, usize)> {
    let Some(&(first, _)) = paragraph.first() else { return Vec::new() };
    let joined: String = paragraph.iter().map(|(_, l)| *l).collect();
    let bytes = joined.as_bytes();
    let mut ranges = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'`' {
            i += 1;
            continue;
        }
        let run = bytes[i..].iter().take_while(|&&b| b == b'`').count();
        let open_end = i + run;
        if exact.is_some_and(|n| n != run) {
            i = open_end;
            continue;
        }
        let mut j = open_end;
        let mut close = None;
        while j < bytes.len() {
            if bytes[j] == b'`' {
                let r = bytes[j..].iter().take_while(|&&b| b == b'`').count();
                if r == run {
                    close = Some(j);
                    break;
                }
                j += r;
            } else {
                j += 1;
            }
        }
        match close {
            Some(c) => {
                ranges.push((first + open_end, first + c));
                i = c + run;
            }
            None => i = open_end,
        }
    }
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;

    fn visible(format: PostFormat, text: &str) -> String {
        let out = blank_literals(format, text);
        assert_eq!(out.len(), text.len(), "offsets kept");
        assert_eq!(out.matches('\n').count(), text.matches('\n').count(), "lines kept");
        out
    }

    #[test]
    fn markdown_code_is_blanked_and_links_outside_it_stay() {
        let text = "Title: T\n\nSee [a]({filename}/a.md) and `{filename}/b.md`.\n\n\
                    ```\n![x]({static}/c.png)\n```\n\n    [d]({filename}/d.md)\n\n\
                    ~~~~python\n{attach}e.txt\n~~~~\n\n- item\n\n    [f]({filename}/f.md)\n";
        let out = visible(PostFormat::Markdown, text);
        assert!(out.contains("({filename}/a.md)"));
        for hidden in ["b.md", "c.png", "d.md", "e.txt"] {
            assert!(!out.contains(hidden), "{hidden} is in code: {out}");
        }
        assert!(out.contains("f.md"), "indented under a list item is the item's paragraph");
    }

    #[test]
    fn rst_literal_blocks_code_directives_and_inline_literals_are_blanked() {
        let text = "T\n=\n\nText::\n\n    {filename}/a.rst\n\nAfter `b <{filename}/b.rst>`_ \
                    and ``{filename}/c.rst``.\n\n.. code-block:: rst\n\n   {static}/d.png\n\n\
                    .. note::\n\n   {filename}/e.rst\n";
        let out = visible(PostFormat::Rst, text);
        for hidden in ["a.rst", "c.rst", "d.png"] {
            assert!(!out.contains(hidden), "{hidden} is literal: {out}");
        }
        assert!(out.contains("{filename}/b.rst"));
        assert!(out.contains("{filename}/e.rst"), "a note's body is not literal");
    }
}
