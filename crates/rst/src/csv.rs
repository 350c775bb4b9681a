//! CSV records as Python's `csv` module reads them with docutils' dialect (the `csv-table`
//! directive): a delimiter, a quote character doubled inside quotes or an escape character,
//! spaces after a delimiter skipped unless `:keepspace:`, and strict quoting.
//!
//! Every character of a field remembers where it came from, so a cell whose text is a run
//! of the source can be parsed as reST over the source itself (spans stay real).

/// How the records are written (docutils' `DocutilsDialect` and the directive's options).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Dialect {
    pub(crate) delimiter: char,
    pub(crate) quote: char,
    /// `None`: a quote inside quotes is written twice.
    pub(crate) escape: Option<char>,
    pub(crate) skip_initial_space: bool,
}

impl Default for Dialect {
    fn default() -> Dialect {
        Dialect { delimiter: ',', quote: '"', escape: None, skip_initial_space: true }
    }
}

/// One field: its text and, per character, the byte offset it was read from (`None` for the
/// line breaks between input lines).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Field {
    pub(crate) text: String,
    pub(crate) offsets: Vec<Option<u32>>,
}

impl Field {
    fn push(&mut self, c: char, at: Option<u32>) {
        self.text.push(c);
        self.offsets.push(at);
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    StartRecord,
    StartField,
    InField,
    InQuoted,
    QuoteInQuoted,
    Escape,
    EscapeInQuoted,
}

/// Reads `lines` (each with the byte offset of its first character) into records, as
/// `csv.reader` does when fed each line with a line break after it. `Err` is Python's
/// message (`unexpected end of data`, `',' expected after '"'`).
pub(crate) fn records(lines: &[(&str, u32)], d: Dialect) -> Result<Vec<Vec<Field>>, String> {
    let mut out: Vec<Vec<Field>> = Vec::new();
    let mut record: Vec<Field> = Vec::new();
    let mut field = Field::default();
    let mut state = State::StartRecord;
    for &(line, start) in lines {
        let chars = line.char_indices().map(|(k, c)| (c, Some(start + k as u32)));
        for (c, at) in chars.chain(std::iter::once(('\n', None))) {
            let end_of_line = c == '\n' && at.is_none();
            match state {
                State::StartRecord if end_of_line => {
                    out.push(Vec::new());
                    continue;
                }
                State::StartRecord => state = State::StartField,
                _ => {}
            }
            match state {
                State::StartRecord => {}
                State::StartField => {
                    if end_of_line {
                        record.push(std::mem::take(&mut field));
                        out.push(std::mem::take(&mut record));
                        state = State::StartRecord;
                    } else if c == d.quote {
                        state = State::InQuoted;
                    } else if Some(c) == d.escape {
                        state = State::Escape;
                    } else if c == ' ' && d.skip_initial_space {
                    } else if c == d.delimiter {
                        record.push(std::mem::take(&mut field));
                    } else {
                        field.push(c, at);
                        state = State::InField;
                    }
                }
                State::InField => {
                    if end_of_line {
                        record.push(std::mem::take(&mut field));
                        out.push(std::mem::take(&mut record));
                        state = State::StartRecord;
                    } else if Some(c) == d.escape {
                        state = State::Escape;
                    } else if c == d.delimiter {
                        record.push(std::mem::take(&mut field));
                        state = State::StartField;
                    } else {
                        field.push(c, at);
                    }
                }
                State::InQuoted => {
                    if Some(c) == d.escape {
                        state = State::EscapeInQuoted;
                    } else if c == d.quote {
                        state =
                            if d.escape.is_none() { State::QuoteInQuoted } else { State::InField };
                    } else {
                        field.push(c, at);
                    }
                }
                State::QuoteInQuoted => {
                    if c == d.quote {
                        field.push(c, at);
                        state = State::InQuoted;
                    } else if c == d.delimiter {
                        record.push(std::mem::take(&mut field));
                        state = State::StartField;
                    } else if end_of_line {
                        record.push(std::mem::take(&mut field));
                        out.push(std::mem::take(&mut record));
                        state = State::StartRecord;
                    } else {
                        return Err(format!("'{}' expected after '{}'", d.delimiter, d.quote));
                    }
                }
                State::Escape => {
                    field.push(c, at);
                    state = State::InField;
                }
                State::EscapeInQuoted => {
                    field.push(c, at);
                    state = State::InQuoted;
                }
            }
        }
    }
    if state != State::StartRecord {
        return Err("unexpected end of data".into());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lines: &[&str], d: Dialect) -> Result<Vec<Vec<String>>, String> {
        let lines: Vec<(&str, u32)> = lines.iter().map(|l| (*l, 0)).collect();
        records(&lines, d)
            .map(|r| r.into_iter().map(|f| f.into_iter().map(|f| f.text).collect()).collect())
    }

    #[test]
    fn quoted_fields_span_lines_and_double_their_quotes() {
        let got =
            texts(&["\"a, b\", \"say \"\"hi\"\"\", c", "\"two", "lines\", d"], Dialect::default());
        assert_eq!(
            got,
            Ok(vec![
                vec!["a, b".to_string(), "say \"hi\"".into(), "c".into()],
                vec!["two\nlines".into(), "d".into()],
            ])
        );
    }

    #[test]
    fn an_empty_line_is_an_empty_record() {
        assert_eq!(
            texts(&["a", "", "b"], Dialect::default()),
            Ok(vec![vec!["a".to_string()], vec![], vec!["b".into()]])
        );
    }

    #[test]
    fn unclosed_quotes_and_stray_text_after_quotes_are_errors() {
        assert_eq!(texts(&["\"open"], Dialect::default()), Err("unexpected end of data".into()));
        assert_eq!(texts(&["\"a\"b"], Dialect::default()), Err("',' expected after '\"'".into()));
    }

    #[test]
    fn another_delimiter_and_an_escape_character_are_honoured() {
        let d = Dialect { delimiter: ';', escape: Some('\\'), ..Dialect::default() };
        assert_eq!(texts(&["a\\;b; c"], d), Ok(vec![vec!["a;b".to_string(), "c".into()]]));
        let keep = Dialect { skip_initial_space: false, ..Dialect::default() };
        assert_eq!(texts(&["a, b"], keep), Ok(vec![vec!["a".to_string(), " b".into()]]));
    }

    #[test]
    fn each_character_remembers_its_source_offset() {
        let lines = [("\"ab\", c", 10)];
        let got = records(&lines, Dialect::default()).unwrap_or_default();
        assert_eq!(got[0][0].offsets, vec![Some(11), Some(12)]);
        assert_eq!(got[0][1].offsets, vec![Some(16)]);
    }
}
