//! Pelican's `TYPOGRIFY`: the typogrify 2.1 filters over a post's HTML, byte for byte.
//!
//! Pelican runs `typogrify.filters.typogrify(html, TYPOGRIFY_IGNORE_TAGS, **omitted)` with
//! smartypants' attributes set from `TYPOGRIFY_DASHES` plus the `&quot;` conversion. That
//! splits the HTML into sections (elements named in the ignore list, `pre` and `code`, are
//! left alone) and runs five filters over each other section, in this order: `amp`,
//! `smartypants`, `caps`, `initial_quotes`, `widont`. Each filter has its own reading of
//! HTML (smartypants' tokenizer, a tag regex in `amp`, plain regexes in the last two), and
//! this module follows each reading, odd HTML included, because the output must be the
//! one Pelican writes.
//!
//! Linear time: the tokenizers and quote rules are byte scanners; the filters whose rules
//! are regular expressions with no look-around use the `regex` crate, which matches in time
//! linear in the text and picks the same match a backtracking engine picks (leftmost-first).
//! Look-aheads and back-references of the originals are written out by hand.

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::{Captures, Regex};

/// Which dashes smartypants makes, from Pelican's `TYPOGRIFY_DASHES`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Dashes {
    /// `--` is an em dash (`'default'`, and any value Pelican does not know).
    #[default]
    Default,
    /// `---` is an em dash and `--` an en dash (`'oldschool'`).
    Oldschool,
    /// `---` is an en dash and `--` an em dash (`'oldschool_inverted'`).
    OldschoolInverted,
}

impl Dashes {
    /// Reads a `TYPOGRIFY_DASHES` value the way Pelican's reader does: anything but the two
    /// old-school names means the default.
    pub fn from_setting(value: &str) -> Dashes {
        match value {
            "oldschool" => Dashes::Oldschool,
            "oldschool_inverted" => Dashes::OldschoolInverted,
            _ => Dashes::Default,
        }
    }
}

/// The five filters, each on unless named in Pelican's `TYPOGRIFY_OMIT_FILTERS`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Filters {
    /// Wrap ` & ` in `<span class="amp">`.
    pub amp: bool,
    /// Curly quotes, dashes and ellipses.
    pub smartypants: bool,
    /// Wrap runs of capitals in `<span class="caps">`.
    pub caps: bool,
    /// Wrap a block's opening quote in `<span class="dquo">` or `"quo"`.
    pub initial_quotes: bool,
    /// Join a block's last two words with `&nbsp;`.
    pub widont: bool,
}

impl Default for Filters {
    fn default() -> Filters {
        Filters { amp: true, smartypants: true, caps: true, initial_quotes: true, widont: true }
    }
}

/// What Pelican's settings say about typogrify, as the blog's Python read them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TypogrifyOptions {
    /// `TYPOGRIFY_IGNORE_TAGS`: `tag`, `tag.class`, `tag#id`, `.class` or `#id`.
    pub ignore_tags: Vec<String>,
    /// `TYPOGRIFY_DASHES`.
    pub dashes: Dashes,
    /// The filters left on by `TYPOGRIFY_OMIT_FILTERS`.
    pub filters: Filters,
}

impl TypogrifyOptions {
    /// Reads `TYPOGRIFY` and its companions from the settings as the blog's Python
    /// evaluated them; `None` when `TYPOGRIFY` is off or absent (Pelican's default).
    pub fn from_settings(
        settings: &serde_json::Map<String, serde_json::Value>,
    ) -> Result<Option<TypogrifyOptions>, TypogrifyError> {
        use serde_json::Value;
        // Python's truth: what `if self.settings["TYPOGRIFY"]:` accepts.
        let on = match settings.get("TYPOGRIFY") {
            None | Some(Value::Null) => false,
            Some(Value::Bool(b)) => *b,
            Some(Value::Number(n)) => n.as_f64().is_some_and(|n| n != 0.0),
            Some(Value::String(s)) => !s.is_empty(),
            Some(Value::Array(a)) => !a.is_empty(),
            Some(Value::Object(o)) => !o.is_empty(),
        };
        if !on {
            return Ok(None);
        }
        let strings = |name: &str| -> Vec<String> {
            match settings.get(name) {
                Some(Value::Array(items)) => {
                    items.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect()
                }
                _ => Vec::new(),
            }
        };
        let dashes = settings
            .get("TYPOGRIFY_DASHES")
            .and_then(Value::as_str)
            .map_or(Dashes::Default, Dashes::from_setting);
        Ok(Some(TypogrifyOptions {
            ignore_tags: strings("TYPOGRIFY_IGNORE_TAGS"),
            dashes,
            filters: TypogrifyOptions::filters_omitting(&strings("TYPOGRIFY_OMIT_FILTERS"))?,
        }))
    }

    /// Turns `TYPOGRIFY_OMIT_FILTERS` names into [`Filters`].
    pub fn filters_omitting<S: AsRef<str>>(omitted: &[S]) -> Result<Filters, TypogrifyError> {
        let mut filters = Filters::default();
        for name in omitted {
            let flag = match name.as_ref() {
                "amp" => &mut filters.amp,
                "smartypants" => &mut filters.smartypants,
                "caps" => &mut filters.caps,
                "initial_quotes" => &mut filters.initial_quotes,
                "widont" => &mut filters.widont,
                other => return Err(TypogrifyError::UnknownFilter(other.to_owned())),
            };
            *flag = false;
        }
        Ok(filters)
    }
}

/// Settings typogrify cannot be run with.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum TypogrifyError {
    /// An ignore-list entry that is not `tag`, `tag.class`, `tag#id`, `.class` or `#id`
    /// made of letters, digits, `_` and `-` (typogrify pastes entries into a regular
    /// expression, so anything else means something Folio does not reproduce).
    #[error(
        "TYPOGRIFY_IGNORE_TAGS entry {0:?} is not a tag name, tag.class, tag#id, .class or #id"
    )]
    UnsupportedIgnoreTag(String),
    /// A `TYPOGRIFY_OMIT_FILTERS` name typogrify does not have (Pelican then drops the
    /// post's content).
    #[error(
        "TYPOGRIFY_OMIT_FILTERS names {0:?}, which is not one of amp, smartypants, caps, initial_quotes, widont"
    )]
    UnknownFilter(String),
}

/// Typogrify, ready to run over HTML.
#[derive(Clone, Debug)]
pub struct Typogrify {
    rules: Vec<IgnoreRule>,
    dashes: Dashes,
    filters: Filters,
}

/// One alternative of typogrify's ignore expression.
#[derive(Clone, Debug)]
enum IgnoreRule {
    /// `<name…>…</name>`.
    Plain { name: String },
    /// `<name…attr="value"…>…</name>`; without a name, any run of name characters.
    Attribute { name: Option<String>, attribute: &'static str, value: String },
}

impl Typogrify {
    /// Checks the options; fails only on an ignore entry or filter name Folio cannot honour.
    pub fn new(options: &TypogrifyOptions) -> Result<Typogrify, TypogrifyError> {
        Ok(Typogrify {
            rules: ignore_rules(&options.ignore_tags)?,
            dashes: options.dashes,
            filters: options.filters,
        })
    }

    /// Typogrify's output for `html`.
    pub fn apply(&self, html: &str) -> String {
        let mut out = String::with_capacity(html.len() + html.len() / 8);
        let mut position = 0;
        for (start, end) in ignored_sections(html, &self.rules) {
            if position < start {
                out.push_str(&self.filter(&html[position..start]));
            }
            out.push_str(&html[start..end]);
            position = end;
        }
        if position < html.len() {
            out.push_str(&self.filter(&html[position..]));
        }
        out
    }

    fn filter(&self, section: &str) -> String {
        let mut text = section.to_owned();
        if self.filters.amp {
            text = amp(&text);
        }
        if self.filters.smartypants {
            text = smartypants(&text, self.dashes);
        }
        if self.filters.caps {
            text = caps(&text);
        }
        if self.filters.initial_quotes {
            text = initial_quotes(&text);
        }
        if self.filters.widont {
            text = widont(&text);
        }
        text
    }
}

// ---- Python's character classes -------------------------------------------------------

/// Python's `\s`: Rust's whitespace plus the four information separators.
fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Python's `\w`: letters, numbers and `_`.
fn is_word(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

/// Python's `\d`: decimal digits of any script.
fn is_digit(c: char) -> bool {
    static DIGIT: OnceLock<Option<Regex>> = OnceLock::new();
    if c.is_ascii_digit() {
        return true;
    }
    if c.is_ascii() {
        return false;
    }
    let mut buf = [0u8; 4];
    DIGIT
        .get_or_init(|| Regex::new(r"\A\d\z").ok())
        .as_ref()
        .is_some_and(|re| re.is_match(c.encode_utf8(&mut buf)))
}

/// A character as Python's `re.IGNORECASE` compares it with an ASCII pattern letter.
fn fold(c: char) -> char {
    match c {
        '\u{130}' | '\u{131}' => 'i',
        '\u{17f}' => 's',
        '\u{212a}' => 'k',
        _ => {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) => l,
                _ => c,
            }
        }
    }
}

/// The length in bytes of `text`'s prefix equal to `word` (ASCII, lower case) when
/// compared as `re.IGNORECASE` does.
fn starts_with_folded(text: &str, word: &str) -> Option<usize> {
    let mut chars = text.char_indices();
    for w in word.chars() {
        let (_, c) = chars.next()?;
        if fold(c) != w {
            return None;
        }
    }
    Some(chars.next().map_or(text.len(), |(i, _)| i))
}

/// Builds a regex from one of this module's constant patterns; `None` only if the
/// pattern were wrong, which the tests would show.
fn compiled(cell: &'static OnceLock<Option<Regex>>, pattern: &str) -> Option<&'static Regex> {
    cell.get_or_init(|| Regex::new(pattern).ok()).as_ref()
}

// ---- process_ignores ------------------------------------------------------------------

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

fn ignore_rules(entries: &[String]) -> Result<Vec<IgnoreRule>, TypogrifyError> {
    let mut unique: Vec<String> = Vec::new();
    for entry in
        entries.iter().map(|e| e.trim().to_owned()).chain(["pre".to_owned(), "code".to_owned()])
    {
        if !unique.contains(&entry) {
            unique.push(entry);
        }
    }
    let plain: Vec<&String> =
        unique.iter().filter(|e| !e.contains('.') && !e.contains('#')).collect();
    let generic: Vec<&String> =
        unique.iter().filter(|e| e.starts_with('.') || e.starts_with('#')).collect();
    let unsupported = |e: &str| TypogrifyError::UnsupportedIgnoreTag(e.to_owned());
    let mut rules = Vec::new();
    for name in &plain {
        if name.is_empty() || !name.chars().all(is_name_char) {
            return Err(unsupported(name));
        }
        rules.push(IgnoreRule::Plain { name: name.to_ascii_lowercase() });
    }
    // Longer names first, so `<pre>` is a `pre` even when `p` is ignored too (Python's
    // order here depends on its hash seed).
    rules.sort_by_key(|rule| match rule {
        IgnoreRule::Plain { name } => std::cmp::Reverse(name.len()),
        IgnoreRule::Attribute { .. } => std::cmp::Reverse(0),
    });
    let filtered = unique.iter().filter(|e| {
        (e.contains('.') || e.contains('#'))
            && !e.starts_with('.')
            && !e.starts_with('#')
            // typogrify drops `tag.x` when a generic entry or a plain tag is a substring.
            && !generic.iter().any(|g| e.contains(g.as_str()))
            && !plain.iter().any(|p| e.contains(p.as_str()))
    });
    for entry in generic.iter().copied().chain(filtered) {
        let Some(at) = entry.find(['.', '#']) else {
            return Err(unsupported(entry));
        };
        let (name, selector) = entry.split_at(at);
        let value = &selector[1..];
        if value.is_empty() || !value.chars().all(is_name_char) || !name.chars().all(is_name_char) {
            return Err(unsupported(entry));
        }
        rules.push(IgnoreRule::Attribute {
            name: (!name.is_empty()).then(|| name.to_ascii_lowercase()),
            attribute: if selector.starts_with('.') { "class" } else { "id" },
            value: value.to_ascii_lowercase(),
        });
    }
    Ok(rules)
}

/// Where `</NAME>` closings are, by folded name, for typogrify's `</\1>`.
struct Closings {
    by_name: HashMap<String, Vec<usize>>,
}

impl Closings {
    fn index(text: &str) -> Closings {
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        let bytes = text.as_bytes();
        let mut from = 0;
        while let Some(at) = memchr::memmem::find(&bytes[from..], b"</").map(|i| i + from) {
            let name_start = at + 2;
            let name_len = text[name_start..]
                .find(|c: char| c == '>' || c == '<' || c == '.' || c == '#' || is_space(c))
                .unwrap_or(text.len() - name_start);
            let name_end = name_start + name_len;
            if name_len > 0 && bytes.get(name_end) == Some(&b'>') {
                let name: String = text[name_start..name_end].chars().map(fold).collect();
                by_name.entry(name).or_default().push(name_end + 1);
            }
            from = name_start;
        }
        Closings { by_name }
    }

    /// The end of the first `</name>` starting at or after `from`.
    fn first_after(&self, name: &str, from: usize) -> Option<usize> {
        let ends = self.by_name.get(name)?;
        let close_len = name.len() + 3;
        let i = ends.partition_point(|&end| end < from + close_len);
        ends.get(i).copied()
    }
}

/// Where `attribute \s*=\s* (['"]) value \1` starts, case-insensitively.
fn attribute_starts(text: &str, attribute: &str, value: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    for (at, _) in text.char_indices() {
        let Some(len) = starts_with_folded(&text[at..], attribute) else {
            continue;
        };
        let rest = &text[at + len..];
        let rest = rest.trim_start_matches(is_space);
        let Some(rest) = rest.strip_prefix('=') else {
            continue;
        };
        let rest = rest.trim_start_matches(is_space);
        let Some(quote) = rest.chars().next().filter(|&q| q == '"' || q == '\'') else {
            continue;
        };
        let rest = &rest[1..];
        if let Some(len) = starts_with_folded(rest, value) {
            if rest[len..].starts_with(quote) {
                starts.push(at);
            }
        }
    }
    starts
}

/// The spans typogrify leaves alone, in order.
fn ignored_sections(text: &str, rules: &[IgnoreRule]) -> Vec<(usize, usize)> {
    let closings = Closings::index(text);
    let attributes: Vec<Vec<usize>> = rules
        .iter()
        .map(|rule| match rule {
            IgnoreRule::Attribute { attribute, value, .. } => {
                attribute_starts(text, attribute, value)
            }
            IgnoreRule::Plain { .. } => Vec::new(),
        })
        .collect();
    let gts: Vec<usize> = memchr::memchr_iter(b'>', text.as_bytes()).collect();
    let mut sections = Vec::new();
    let mut from = 0;
    while let Some(lt) = memchr::memchr(b'<', &text.as_bytes()[from..]).map(|i| i + from) {
        let found = rules
            .iter()
            .zip(&attributes)
            .find_map(|(rule, starts)| ignored_at(text, lt, rule, starts, &closings, &gts));
        match found {
            Some(end) => {
                sections.push((lt, end));
                from = end;
            }
            None => from = lt + 1,
        }
    }
    sections
}

/// The end of `<name[^>]*>.*?</name>` at `lt` under one rule.
fn ignored_at(
    text: &str,
    lt: usize,
    rule: &IgnoreRule,
    attribute_starts: &[usize],
    closings: &Closings,
    gts: &[usize],
) -> Option<usize> {
    let after_lt = lt + 1;
    let rest = &text[after_lt..];
    // The end of the opening tag: the first `>` after the name (a search, not a scan, so
    // a thousand unclosed `<pre` cost no more than one).
    let first_gt = |name_end: usize| gts.get(gts.partition_point(|&g| g < name_end)).copied();
    match rule {
        IgnoreRule::Plain { name } => {
            let len = starts_with_folded(rest, name)?;
            let gt = first_gt(after_lt + len)?;
            let folded: String = text[after_lt..after_lt + len].chars().map(fold).collect();
            closings.first_after(&folded, gt + 1)
        }
        IgnoreRule::Attribute { name, .. } => {
            // The look-ahead holds from `q` when an attribute match starts in `[q, gt)`.
            let holds_from = |q: usize| -> Option<usize> {
                let gt = first_gt(q)?;
                let i = attribute_starts.partition_point(|&s| s < q);
                attribute_starts.get(i).filter(|&&s| s < gt).map(|_| gt)
            };
            match name {
                Some(name) => {
                    let len = starts_with_folded(rest, name)?;
                    let gt = holds_from(after_lt + len)?;
                    let folded: String = text[after_lt..after_lt + len].chars().map(fold).collect();
                    closings.first_after(&folded, gt + 1)
                }
                None => {
                    // `[^\s.#<>]+` backtracks from its longest run, one character at a time.
                    let run = rest
                        .find(|c: char| is_space(c) || matches!(c, '.' | '#' | '<' | '>'))
                        .unwrap_or(rest.len());
                    let mut ends: Vec<usize> =
                        rest[..run].char_indices().map(|(i, c)| i + c.len_utf8()).collect();
                    ends.reverse();
                    ends.into_iter().find_map(|len| {
                        let gt = holds_from(after_lt + len)?;
                        let folded: String =
                            text[after_lt..after_lt + len].chars().map(fold).collect();
                        closings.first_after(&folded, gt + 1)
                    })
                }
            }
        }
    }
}

// ---- smartypants' tokenizer -----------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Token<'a> {
    Tag(&'a str),
    Text(&'a str),
}

/// smartypants' `_tokenize`: text runs and tags, where a tag runs from `<` to the first
/// `>` (or a comment to its first `--\s*>`), and a comment holding `--` is text.
fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let bytes = text.as_bytes();
    let mut position = 0;
    let mut comments = CommentCloser::default();
    while let Some(lt) = memchr::memchr(b'<', &bytes[position..]).map(|i| i + position) {
        let comment_end =
            if text[lt..].starts_with("<!--") { comments.first_close(text, lt + 4) } else { None };
        let Some(end) =
            comment_end.or_else(|| memchr::memchr(b'>', &bytes[lt..]).map(|i| lt + i + 1))
        else {
            break;
        };
        if lt > position {
            tokens.push(Token::Text(&text[position..lt]));
        }
        let tag = &text[lt..end];
        let is_text = tag.strip_prefix("<!--").is_some_and(|inner| {
            inner
                .trim_end_matches('>')
                .trim_end_matches(is_space)
                .trim_end_matches('-')
                .contains("--")
        });
        tokens.push(if is_text { Token::Text(tag) } else { Token::Tag(tag) });
        position = end;
    }
    if position < text.len() {
        tokens.push(Token::Text(&text[position..]));
    }
    tokens
}

/// Finds `--\s*>` ends, remembering the last answer so scans never repeat.
#[derive(Default)]
struct CommentCloser {
    /// The last search's start and its answer.
    last: Option<(usize, Option<usize>)>,
}

impl CommentCloser {
    fn first_close(&mut self, text: &str, from: usize) -> Option<usize> {
        if let Some((start, answer)) = self.last {
            match answer {
                None if from >= start => return None,
                Some(end) if from >= start && from + 3 <= end => {
                    // No close began in [start, its dashes), so none begins in [from, …).
                    return Some(end);
                }
                _ => {}
            }
        }
        let answer = scan_comment_close(text, from);
        self.last = Some((from, answer));
        answer
    }
}

fn scan_comment_close(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at = from;
    while let Some(dashes) = memchr::memmem::find(&bytes[at..], b"--").map(|i| i + at) {
        let after = &text[dashes + 2..];
        let spaces = after.len() - after.trim_start_matches(is_space).len();
        let gt = dashes + 2 + spaces;
        if bytes.get(gt) == Some(&b'>') {
            return Some(gt + 1);
        }
        at = dashes + 1;
    }
    None
}

// ---- amp ------------------------------------------------------------------------------

fn amp_finder() -> Option<&'static Regex> {
    static AMP: OnceLock<Option<Regex>> = OnceLock::new();
    compiled(&AMP, r"([\s\x1C-\x1F]|&nbsp;)(&|&amp;|&#38;)([\s\x1C-\x1F]|&nbsp;)")
}

/// What `amp`'s tag pattern (from haacked.com) matches at each `<`:
///
/// `</?\w+((\s+\w+(\s*=\s*(?:".*?"|'.*?'|[^'">\s]+))?)+\s*|\s*)/?>`
///
/// Every run in it is maximal in any match (a shorter one is always followed by a
/// character nothing after it accepts), so the only choice a backtracking engine makes
/// is which later quote closes a quoted value (`.*?` lazily tries each on the line). Where
/// the tag goes on from a place depends on that place alone, so it is computed once per
/// place, right to left: linear, where the pattern itself backtracks without bound.
struct AmpTags {
    chars: Vec<char>,
    offsets: Vec<usize>,
    /// `after_attribute[i]`: where the tag ends if the attribute list goes on from `i`.
    after_attribute: Vec<Option<usize>>,
}

impl AmpTags {
    fn index(text: &str) -> AmpTags {
        let (offsets, chars): (Vec<usize>, Vec<char>) = text.char_indices().unzip();
        let mut offsets = offsets;
        offsets.push(text.len());
        let m = chars.len();
        let run_end = |class: fn(char) -> bool| {
            let mut ends = vec![m; m + 1];
            for i in (0..m).rev() {
                ends[i] = if class(chars[i]) { ends[i + 1] } else { i };
            }
            ends
        };
        let space_end = run_end(is_space);
        let word_end = run_end(is_word);
        let value_end = run_end(|c| !matches!(c, '\'' | '"' | '>') && !is_space(c));
        let at = |i: usize| chars.get(i).copied();
        let mut next_same_quote = vec![None; m + 1];
        let (mut next_double, mut next_single) = (None, None);
        for i in (0..m).rev() {
            match chars[i] {
                '"' => {
                    next_same_quote[i] = next_double;
                    next_double = Some(i);
                }
                '\'' => {
                    next_same_quote[i] = next_single;
                    next_single = Some(i);
                }
                '\n' => (next_double, next_single) = (None, None),
                _ => {}
            }
        }
        let mut after_attribute: Vec<Option<usize>> = vec![None; m + 1];
        // `closed_from[c]`: the tag's end when the value's closing quote is `c` or a later
        // one on the line.
        let mut closed_from: Vec<Option<usize>> = vec![None; m + 1];
        for i in (0..=m).rev() {
            let e = space_end[i];
            after_attribute[i] = if e > i && at(e).is_some_and(is_word) {
                let w = word_end[e];
                let f = space_end[w];
                if at(f) == Some('=') {
                    let g = space_end[f + 1];
                    match at(g) {
                        Some('"' | '\'') => next_same_quote[g].and_then(|c| closed_from[c]),
                        Some(_) if value_end[g] > g => after_attribute[value_end[g]],
                        _ => None,
                    }
                } else {
                    after_attribute[w]
                }
            } else {
                match (at(e), at(e + 1)) {
                    (Some('/'), Some('>')) => Some(e + 2),
                    (Some('>'), _) => Some(e + 1),
                    _ => None,
                }
            };
            if matches!(at(i), Some('"' | '\'')) {
                closed_from[i] = after_attribute[i + 1]
                    .or_else(|| next_same_quote[i].and_then(|c| closed_from[c]));
            }
        }
        AmpTags { chars, offsets, after_attribute }
    }

    /// The end of the tag starting at char `lt`, if it is one.
    fn tag_end(&self, lt: usize) -> Option<usize> {
        if self.chars.get(lt) != Some(&'<') {
            return None;
        }
        let mut i = lt + 1;
        if self.chars.get(i) == Some(&'/') {
            i += 1;
        }
        if !self.chars.get(i).copied().is_some_and(is_word) {
            return None;
        }
        while self.chars.get(i).copied().is_some_and(is_word) {
            i += 1;
        }
        self.after_attribute[i]
    }
}

/// typogrify's `amp`: ` & ` between spaces becomes `<span class="amp">&amp;</span>`,
/// outside what its tag pattern calls a tag.
fn amp(text: &str) -> String {
    let Some(finder) = amp_finder() else {
        return text.to_owned();
    };
    let tags = AmpTags::index(text);
    let m = tags.chars.len();
    let next_lt = |from: usize| (from..m).find(|&i| tags.chars[i] == '<').unwrap_or(m);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    // `(tag)?([^<]*)(tag)?` substituted everywhere: Python's `re.sub` steps over a `<`
    // that starts no tag, copying it.
    while at < m {
        let prefix_end = tags.tag_end(at).unwrap_or(at);
        let text_end = next_lt(prefix_end);
        let suffix_end = tags.tag_end(text_end).unwrap_or(text_end);
        if suffix_end == at {
            out.push('<');
            at += 1;
            continue;
        }
        let byte = |i: usize| tags.offsets[i];
        out.push_str(&text[byte(at)..byte(prefix_end)]);
        let between = &text[byte(prefix_end)..byte(text_end)];
        if between.contains('&') {
            out.push_str(&finder.replace_all(between, r#"${1}<span class="amp">&amp;</span>${3}"#));
        } else {
            out.push_str(between);
        }
        out.push_str(&text[byte(text_end)..byte(suffix_end)]);
        at = suffix_end;
    }
    out
}

// ---- smartypants ----------------------------------------------------------------------

/// Elements whose text smartypants leaves alone.
const SMARTYPANTS_SKIPPED: [&str; 8] =
    ["pre", "samp", "code", "tt", "kbd", "script", "style", "math"];

/// `<(/)?(NAME)[^>]*>` at the start of a tag token: whether it closes, and the name as
/// written.
fn skipped_tag<'a>(tag: &'a str, names: &[&str]) -> Option<(bool, &'a str)> {
    let rest = tag.strip_prefix('<')?;
    let (closing, rest) = match rest.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, rest),
    };
    names.iter().find_map(|name| {
        let len = starts_with_folded(rest, name)?;
        rest[len..].contains('>').then(|| (closing, &rest[..len]))
    })
}

fn smartypants(text: &str, dashes: Dashes) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut skipped: Vec<String> = Vec::new();
    let mut in_pre = false;
    let mut previous_last: Option<char> = None;
    for token in tokenize(text) {
        match token {
            Token::Tag(tag) => {
                out.push_str(tag);
                if let Some((closing, name)) = skipped_tag(tag, &SMARTYPANTS_SKIPPED) {
                    let name = name.to_lowercase();
                    if !closing {
                        skipped.push(name);
                        in_pre = true;
                    } else {
                        if skipped.last() == Some(&name) {
                            skipped.pop();
                        }
                        if skipped.is_empty() {
                            in_pre = false;
                        }
                    }
                }
            }
            Token::Text(t) => {
                let last = t.chars().next_back();
                if in_pre {
                    out.push_str(t);
                } else {
                    out.push_str(&educate(t, dashes, previous_last));
                }
                previous_last = last;
            }
        }
    }
    out
}

/// smartypants on one text token, Pelican's attributes: escapes, `&quot;`, dashes,
/// ellipses, double backticks, quotes.
fn educate(token: &str, dashes: Dashes, previous_last: Option<char>) -> String {
    let mut t = token
        .replace("\\\\", "&#92;")
        .replace("\\\"", "&#34;")
        .replace("\\'", "&#39;")
        .replace("\\.", "&#46;")
        .replace("\\-", "&#45;")
        .replace("\\`", "&#96;")
        .replace("&quot;", "\"");
    t = match dashes {
        Dashes::Default => t.replace("--", "&#8212;"),
        Dashes::Oldschool => t.replace("---", "&#8212;").replace("--", "&#8211;"),
        Dashes::OldschoolInverted => t.replace("---", "&#8211;").replace("--", "&#8212;"),
    };
    t = t
        .replace("...", "&#8230;")
        .replace(". . .", "&#8230;")
        .replace("``", "&#8220;")
        .replace("''", "&#8221;");
    let after_text = previous_last.is_some_and(|c| !is_space(c));
    match t.as_str() {
        "'" if after_text => "&#8217;".to_owned(),
        "'" => "&#8216;".to_owned(),
        "\"" if after_text => "&#8221;".to_owned(),
        "\"" => "&#8220;".to_owned(),
        _ => convert_quotes(&t),
    }
}

/// smartypants' `punct_class`: ASCII punctuation but `&`.
fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation() && c != '&'
}

/// smartypants' `close_class`: anything but space, tab, CR, LF, `[`, `{`, `(` and `-`.
fn is_close(c: char) -> bool {
    !matches!(c, ' ' | '\t' | '\r' | '\n' | '[' | '{' | '(' | '-')
}

/// The lengths of what smartypants accepts before an opening quote at the start of `s`,
/// in its order: a space, `&nbsp;`, `--`, a named dash, or `&&#x2013;`/`&&#x2014;` (its
/// decimal-entity line starts a comment at its `#` in a verbose pattern, so only its `&`
/// is left and it joins the next line's hexadecimal dash).
fn opener_lens(s: &str) -> impl Iterator<Item = usize> + '_ {
    let space = s.chars().next().filter(|&c| is_space(c)).map(char::len_utf8);
    let entities = ["&nbsp;", "--", "&mdash;", "&ndash;", "&&#x2013;", "&&#x2014;"]
        .into_iter()
        .filter(|p| s.starts_with(p))
        .map(str::len);
    space.into_iter().chain(entities)
}

fn next_char(s: &str, at: usize) -> Option<char> {
    s.get(at..).and_then(|r| r.chars().next())
}

/// Rewrites `s` left to right: at each place `rule` either consumes bytes, pushing its
/// replacement, or declines and the character is copied.
fn rewrite(s: &str, mut rule: impl FnMut(&str, usize, &mut String) -> Option<usize>) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    let mut at = 0;
    while let Some(c) = next_char(s, at) {
        match rule(s, at, &mut out) {
            Some(len) => at += len,
            None => {
                out.push(c);
                at += c.len_utf8();
            }
        }
    }
    out
}

/// `(OPENER)Q(?=\w)` → `\1ENTITY`.
fn open_after_space(s: &str, quote: char, entity: &str) -> String {
    rewrite(s, |s, at, out| {
        let len = opener_lens(&s[at..]).find(|&len| {
            next_char(s, at + len) == Some(quote) && next_char(s, at + len + 1).is_some_and(is_word)
        })?;
        out.push_str(&s[at..at + len]);
        out.push_str(entity);
        Some(len + 1)
    })
}

/// `(CLOSE)Q` when `tail` accepts what follows; `tail` says how many bytes it keeps.
fn close_after(s: &str, quote: char, entity: &str, tail: impl Fn(&str) -> Option<usize>) -> String {
    rewrite(s, |s, at, out| {
        let c = next_char(s, at).filter(|&c| is_close(c))?;
        let q = at + c.len_utf8();
        if next_char(s, q) != Some(quote) {
            return None;
        }
        let kept = tail(&s[q + 1..])?;
        out.push(c);
        out.push_str(entity);
        out.push_str(&s[q + 1..q + 1 + kept]);
        Some(c.len_utf8() + 1 + kept)
    })
}

/// What follows is `s\b`.
fn is_s_word(rest: &str) -> bool {
    rest.starts_with('s') && !next_char(rest, 1).is_some_and(is_word)
}

/// smartypants' `convert_quotes`, rule by rule.
fn convert_quotes(text: &str) -> String {
    let mut t = text.to_owned();
    for (quote, entity) in [('\'', "&#8217;"), ('"', "&#8221;")] {
        let mut chars = t.chars();
        if chars.next() == Some(quote)
            && chars.next().is_some_and(is_punct)
            && chars.as_str().starts_with("\\B")
        {
            t.replace_range(..1, entity);
        }
    }
    for (pair, entities) in [("\"'", "&#8220;&#8216;"), ("'\"", "&#8216;&#8220;")] {
        t = rewrite(&t, |s, at, out| {
            if !s[at..].starts_with(pair) || !next_char(s, at + 2).is_some_and(is_word) {
                return None;
            }
            out.push_str(entities);
            Some(2)
        });
    }
    t = rewrite(&t, |s, at, out| {
        let is_boundary = s[..at].chars().next_back().is_some_and(is_word);
        let rest = &s[at..];
        let mut after = rest.chars();
        if is_boundary
            && after.next() == Some('\'')
            && after.next().is_some_and(is_digit)
            && after.next().is_some_and(is_digit)
            && after.next() == Some('s')
        {
            out.push_str("&#8217;");
            return Some(1);
        }
        None
    });
    t = open_after_space(&t, '\'', "&#8216;");
    t = close_after(&t, '\'', "&#8217;", |rest| {
        let next = rest.chars().next();
        let refused = next.is_some_and(|c| is_space(c) || is_digit(c)) || is_s_word(rest);
        (!refused).then_some(0)
    });
    t = close_after(&t, '\'', "&#8217;", |rest| {
        let next = rest.chars().next()?;
        (is_space(next) || is_s_word(rest)).then_some(next.len_utf8())
    });
    t = t.replace('\'', "&#8216;");
    t = open_after_space(&t, '"', "&#8220;");
    t = rewrite(&t, |s, at, out| {
        if s[at..].starts_with('"') && next_char(s, at + 1).is_some_and(is_space) {
            out.push_str("&#8221;");
            return Some(1);
        }
        None
    });
    if t.starts_with('"') && next_char(&t, 1).is_some_and(is_punct) {
        t.replace_range(..1, "&#8221;");
    }
    t = close_after(&t, '"', "&#8221;", |_| Some(0));
    t.replace('"', "&#8220;")
}

// ---- caps -----------------------------------------------------------------------------

fn cap_finder() -> Option<&'static Regex> {
    static CAPS: OnceLock<Option<Regex>> = OnceLock::new();
    compiled(
        &CAPS,
        r"(\b[A-Z\d]*[A-Z]\d*[A-Z][A-Z\d']*\b)|(\b[A-Z]+\.[\s\x1C-\x1F]?(?:[A-Z]+\.[\s\x1C-\x1F]?)+)(?:[\s\x1C-\x1F]|\b|\z)",
    )
}

/// typogrify's `caps`: runs of capitals in `<span class="caps">`, outside tags and the
/// text right after `<kbd>` or `<script>`.
fn caps(text: &str) -> String {
    let Some(finder) = cap_finder() else {
        return text.to_owned();
    };
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut in_skipped = false;
    for token in tokenize(text) {
        match token {
            Token::Tag(tag) => {
                out.push_str(tag);
                in_skipped = matches!(skipped_tag(tag, &["kbd", "script"]), Some((false, _)));
            }
            // Without a capital nothing matches; the test spares a regex call per token.
            Token::Text(t) if in_skipped || !t.bytes().any(|b| b.is_ascii_uppercase()) => {
                out.push_str(t)
            }
            Token::Text(t) => {
                out.push_str(&finder.replace_all(t, |caps: &Captures<'_>| {
                    if let Some(word) = caps.get(1) {
                        return format!(r#"<span class="caps">{}</span>"#, word.as_str());
                    }
                    let dotted = caps.get(2).map_or("", |m| m.as_str());
                    match dotted.strip_suffix(' ') {
                        Some(dotted) => format!(r#"<span class="caps">{dotted}</span> "#),
                        None => format!(r#"<span class="caps">{dotted}</span>"#),
                    }
                }));
            }
        }
    }
    out
}

// ---- initial_quotes and widont --------------------------------------------------------

fn quote_finder() -> Option<&'static Regex> {
    static QUOTES: OnceLock<Option<Regex>> = OnceLock::new();
    compiled(
        &QUOTES,
        r#"((<(?:p|h[1-6]|li|dt|dd)[^>]*>|^)[\s\x1C-\x1F]*(?:<(?:a|em|span|strong|i|b)[^>]*>[\s\x1C-\x1F]*)*)(?:("|&ldquo;|&#8220;)|('|&lsquo;|&#8216;))"#,
    )
}

/// typogrify's `initial_quotes`: a quote opening a block gets a `dquo` or `quo` span.
fn initial_quotes(text: &str) -> String {
    let Some(finder) = quote_finder() else {
        return text.to_owned();
    };
    finder
        .replace_all(text, |caps: &Captures<'_>| {
            let before = caps.get(1).map_or("", |m| m.as_str());
            match (caps.get(3), caps.get(4)) {
                (Some(q), _) => format!(r#"{before}<span class="dquo">{}</span>"#, q.as_str()),
                (None, Some(q)) => format!(r#"{before}<span class="quo">{}</span>"#, q.as_str()),
                (None, None) => before.to_owned(),
            }
        })
        .into_owned()
}

fn widont_finder() -> Option<&'static Regex> {
    static WIDONT: OnceLock<Option<Regex>> = OnceLock::new();
    compiled(
        &WIDONT,
        r"((?:</?(?:a|em|span|strong|i|b)[^>]*>)|[^<>\s\x1C-\x1F])[\s\x1C-\x1F]+([^<>\s\x1C-\x1F]+[\s\x1C-\x1F]*(?:</(?:a|em|span|strong|i|b)>[\s\x1C-\x1F]*)*(?:</(?:p|h[1-6]|li|dt|dd)>|\z))",
    )
}

/// typogrify's `widont`: the space before a block's last word becomes `&nbsp;`.
fn widont(text: &str) -> String {
    let Some(finder) = widont_finder() else {
        return text.to_owned();
    };
    finder.replace_all(text, "${1}&nbsp;${2}").into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignore_entries_typogrify_would_paste_as_a_regex_are_refused() {
        for entry in ["", "h[1-6]", "div.a.b", "a#b.c", ".", "span.x y"] {
            let options = TypogrifyOptions {
                ignore_tags: vec![entry.to_owned()],
                ..TypogrifyOptions::default()
            };
            assert!(
                matches!(Typogrify::new(&options), Err(TypogrifyError::UnsupportedIgnoreTag(_))),
                "{entry:?} should be refused"
            );
        }
        for entry in ["h1", " sup ", "span.no-hyph", "#keep", ".math", "div#x_y"] {
            let options = TypogrifyOptions {
                ignore_tags: vec![entry.to_owned()],
                ..TypogrifyOptions::default()
            };
            assert!(Typogrify::new(&options).is_ok(), "{entry:?} should be taken");
        }
    }

    #[test]
    fn omitted_filters_are_named_as_pelican_names_them() {
        let filters = TypogrifyOptions::filters_omitting(&["widont", "caps"]);
        assert_eq!(filters, Ok(Filters { caps: false, widont: false, ..Filters::default() }));
        assert_eq!(
            TypogrifyOptions::filters_omitting(&["smarty"]),
            Err(TypogrifyError::UnknownFilter("smarty".to_owned()))
        );
    }

    #[test]
    fn an_omitted_filter_is_not_run() {
        let options = TypogrifyOptions {
            filters: Filters { widont: false, amp: false, ..Filters::default() },
            ..TypogrifyOptions::default()
        };
        let Ok(typogrify) = Typogrify::new(&options) else {
            panic!("default options are valid");
        };
        assert_eq!(
            typogrify.apply("<p>\"A\" & B and NASA end</p>"),
            "<p><span class=\"dquo\">&#8220;</span>A&#8221; & B and <span class=\"caps\">NASA</span> end</p>"
        );
    }

    #[test]
    fn settings_turn_typogrify_on_with_their_companions() {
        let settings = |json: serde_json::Value| json.as_object().cloned().unwrap_or_default();
        let off =
            settings(serde_json::json!({"TYPOGRIFY": false, "TYPOGRIFY_DASHES": "oldschool"}));
        assert_eq!(TypogrifyOptions::from_settings(&off), Ok(None));
        assert_eq!(TypogrifyOptions::from_settings(&settings(serde_json::json!({}))), Ok(None));
        let on = settings(serde_json::json!({
            "TYPOGRIFY": true,
            "TYPOGRIFY_IGNORE_TAGS": ["h1", "span.math"],
            "TYPOGRIFY_DASHES": "oldschool_inverted",
            "TYPOGRIFY_OMIT_FILTERS": ["widont"],
        }));
        let expected = TypogrifyOptions {
            ignore_tags: vec!["h1".to_owned(), "span.math".to_owned()],
            dashes: Dashes::OldschoolInverted,
            filters: Filters { widont: false, ..Filters::default() },
        };
        assert_eq!(TypogrifyOptions::from_settings(&on), Ok(Some(expected)));
    }

    /// A pattern that did not compile would leave its filter out silently.
    #[test]
    fn every_constant_pattern_compiles() {
        assert!(amp_finder().is_some());
        assert!(cap_finder().is_some());
        assert!(quote_finder().is_some());
        assert!(widont_finder().is_some());
        assert!(is_digit('\u{663}') && is_digit('7') && !is_digit('x') && !is_digit('\u{b2}'));
    }

    #[test]
    fn unknown_dashes_settings_mean_the_default() {
        assert_eq!(Dashes::from_setting("oldschool"), Dashes::Oldschool);
        assert_eq!(Dashes::from_setting("oldschool_inverted"), Dashes::OldschoolInverted);
        assert_eq!(Dashes::from_setting("OLDSCHOOL"), Dashes::Default);
    }

    /// Inputs where a backtracking reading (typogrify's own `amp` tag regex, a comment
    /// search restarted at each `<!--`, a closing search per opening) goes quadratic; at
    /// 20,000 repetitions a quadratic step would take minutes (the regex took 14 s on one).
    #[test]
    fn inputs_that_make_typogrify_backtrack_finish_quickly() {
        let options = TypogrifyOptions {
            ignore_tags: vec![".math".to_owned(), "h1".to_owned()],
            ..TypogrifyOptions::default()
        };
        let Ok(typogrify) = Typogrify::new(&options) else {
            panic!("the options are valid");
        };
        let start = std::time::Instant::now();
        for atom in ["<a x=\"", "<a class='math' ", "<!--", "<pre>", "<a x=<", "'", " x"] {
            let html = atom.repeat(20_000);
            let out = typogrify.apply(&html);
            assert!(out.len() >= html.len());
        }
        let elapsed = start.elapsed();
        assert!(elapsed.as_secs() < 30, "took {elapsed:?}");
    }
}
