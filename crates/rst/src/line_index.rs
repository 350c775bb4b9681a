//! Byte offset <-> line/column conversion, computed once per source text.

/// A position as a person (and an editor) counts it. Lines and columns are 0-based here;
/// front ends add one where they show 1-based numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineCol {
    /// 0-based line number.
    pub line: u32,
    /// 0-based column in Unicode scalar values.
    pub col: u32,
    /// 0-based column in UTF-16 code units (what CodeMirror and the web count).
    pub col_utf16: u32,
}

/// Start offsets of every line of a text; answers [`LineCol`] for any byte offset.
#[derive(Clone, Debug)]
pub struct LineIndex {
    line_starts: Vec<u32>,
}

impl LineIndex {
    /// Indexes `text`. Lines end at `\n`; a `\r` before it belongs to the line's end.
    pub fn new(text: &str) -> LineIndex {
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i as u32 + 1));
        LineIndex { line_starts }
    }

    /// An index of lines that start at `starts` (ascending, the first 0).
    pub(crate) fn from_starts(mut starts: Vec<u32>) -> LineIndex {
        if starts.first() != Some(&0) {
            starts.insert(0, 0);
        }
        LineIndex { line_starts: starts }
    }

    /// Number of lines (a text ending in `\n` has an empty last line).
    pub fn len(&self) -> usize {
        self.line_starts.len()
    }

    /// Always false: even the empty text has one line.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// Byte offset where 0-based `line` starts, if the line exists.
    pub fn line_start(&self, line: u32) -> Option<u32> {
        self.line_starts.get(line as usize).copied()
    }

    /// Line and columns of byte `offset` in `text` (the same text the index was built on).
    /// Offsets past the end clamp to the end; offsets inside a character count that character
    /// as not yet reached.
    pub fn line_col(&self, text: &str, offset: u32) -> LineCol {
        let offset = (offset as usize).min(text.len());
        let line = self.line_starts.partition_point(|&s| s as usize <= offset) - 1;
        let start = self.line_starts[line] as usize;
        let mut end = offset;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let prefix = &text[start..end];
        if prefix.is_ascii() {
            // The common case, and a fast one on very long lines.
            let col = prefix.len() as u32;
            return LineCol { line: line as u32, col, col_utf16: col };
        }
        LineCol {
            line: line as u32,
            col: prefix.chars().count() as u32,
            col_utf16: prefix.encode_utf16().count() as u32,
        }
    }

    /// 0-based line of byte `offset` (clamped to the text).
    pub fn line(&self, offset: u32) -> u32 {
        (self.line_starts.partition_point(|&s| s <= offset) - 1) as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_line_and_later_lines_both_count_columns_from_zero() {
        let text = "ab\ncd\n";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text, 0), LineCol { line: 0, col: 0, col_utf16: 0 });
        assert_eq!(index.line_col(text, 1), LineCol { line: 0, col: 1, col_utf16: 1 });
        assert_eq!(index.line_col(text, 3), LineCol { line: 1, col: 0, col_utf16: 0 });
        assert_eq!(index.line_col(text, 6), LineCol { line: 2, col: 0, col_utf16: 0 });
        assert_eq!(index.len(), 3);
    }

    #[test]
    fn columns_count_characters_and_utf16_units_separately() {
        // 'é' is 2 bytes and 1 UTF-16 unit; '😀' is 4 bytes and 2 UTF-16 units.
        let text = "é😀x";
        let index = LineIndex::new(text);
        let at_x = index.line_col(text, 6);
        assert_eq!((at_x.col, at_x.col_utf16), (2, 3));
    }

    #[test]
    fn offsets_past_the_end_or_inside_a_character_clamp() {
        let text = "é";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text, 1).col, 0, "byte 1 is inside 'é'");
        assert_eq!(index.line_col(text, 99).col, 1);
    }
}
