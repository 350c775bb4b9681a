//! reStructuredText, as Pygments' `rst` lexer tokenizes it. Its rules repeat a captured
//! group (a title's overline as its underline, a list item's indentation on its
//! continuation lines, a literal block's indentation), which the automata cannot, so the
//! states run here by hand: each rule's regular part is a regex, the repeated part is
//! compared as text. Inline markup inside list items, directives and definitions is
//! lexed as its own text from the `inline` state, as Pygments' `using(this,
//! state='inline')` does (its first newline falls back to `root`), and a `code` directive's
//! body by the language it names.

use std::ops::Range;
use std::sync::OnceLock;

use regex_automata::meta::Regex;
use regex_automata::util::captures::Captures;
use regex_automata::{Anchored, Input};

use crate::engine::Tok;
use crate::session::{delegate, CODE};
use crate::token_type::TokenType as T;
use crate::Language;

/// A reStructuredText document or fragment.
pub(crate) fn restructuredtext(text: &str, range: Range<usize>, depth: usize, out: &mut Vec<Tok>) {
    match rules() {
        Some(rules) => lex(rules, &text[range.clone()], range.start, false, depth, out),
        None => out.push((T::Text, range)),
    }
}

#[derive(Clone, Copy, PartialEq)]
enum State {
    Root,
    Inline,
    Literal,
}

/// What one part of a match becomes.
#[derive(Clone, Copy)]
enum Part {
    T(T),
    /// Lexed as its own text from the `inline` state.
    Inline,
}

struct Rules {
    overline: Regex,
    heading: Regex,
    /// List items: the marker's pattern, and whether a continuation line is required.
    lists: Vec<(Regex, bool)>,
    line_block: Regex,
    sourcecode: Regex,
    directive: Regex,
    target: Regex,
    footnote: Regex,
    substitution: Regex,
    comment: Regex,
    field: Regex,
    definition: Regex,
    literal_block: Regex,
    literal_text: Regex,
}

fn rules() -> Option<&'static Rules> {
    static R: OnceLock<Option<Rules>> = OnceLock::new();
    R.get_or_init(|| {
        let re = |p: &str| Regex::new(&format!("(?m){p}")).ok();
        let item = |marker: &str| re(&format!(r"^(\s*)({marker})( .+\n)"));
        Some(Rules {
            overline: re(
                r#"^(=+|-+|`+|:+|\.+|'+|"+|~+|\^+|_+|\*+|\++|#+)([ \t]*\n)(.+)(\n)"#,
            )?,
            heading: re(
                r#"^(\S.*)(\n)(={3,}|-{3,}|`{3,}|:{3,}|\.{3,}|'{3,}|"{3,}|~{3,}|\^{3,}|_{3,}|\*{3,}|\+{3,}|#{3,})(\n)"#,
            )?,
            lists: vec![
                (item(r"[-*+]")?, false),
                (item(r"[0-9#ivxlcmIVXLCM]+\.")?, false),
                (item(r"\(?[0-9#ivxlcmIVXLCM]+\)")?, false),
                (item(r"[A-Z]+\.")?, true),
                (item(r"\(?[A-Za-z]+\)")?, true),
            ],
            line_block: re(r"^(\s*)(\|)( .+\n(?:\|  .+\n)*)")?,
            sourcecode: re(
                r"^( *\.\.)(\s*)((?:source)?code(?:-block)?)(::)([ \t]*)([^\n]+)(\n[ \t]*\n)([ \t]+)(.*)(\n)",
            )?,
            directive: re(r"^( *\.\.)(\s*)([\w:-]+?)(::)(?:([ \t]*)(.*))")?,
            target: re(r"^( *\.\.)(\s*)(_(?:[^:\\]|\\.)+:)(.*?)$")?,
            footnote: re(r"^( *\.\.)(\s*)(\[.+\])(.*?)$")?,
            substitution: re(r"^( *\.\.)(\s*)(\|.+\|)(\s*)([\w:-]+?)(::)(?:([ \t]*)(.*))")?,
            comment: re(r"^ *\.\..*(\n( +.*\n|\n)+)?")?,
            // The name's end is where the whitespace group starts (Pygments: `(?=\s)`).
            field: re(r"^( *)(:(?:\\\\|\\:|[^:\n])+:)(\s)")?,
            // Pygments' `\S.*(?<!::)\n`: a first line not ending in `::`.
            definition: re(r"^(\S(?:.*[^:\n]:?)?\n|[^\s:]:\n)((?: +.*\n)+)")?,
            literal_block: re(r"(::)(\n[ \t]*\n)([ \t]+)(.*)(\n)")?,
            literal_text: re(r"[^`]+")?,
        })
    })
    .as_ref()
}

/// The match of `re` anchored at `pos` in `s`, with its groups.
fn at(re: &Regex, s: &str, pos: usize) -> Option<Captures> {
    let mut caps = re.create_captures();
    re.search_captures(&Input::new(s).range(pos..).anchored(Anchored::Yes), &mut caps);
    caps.is_match().then_some(caps)
}

fn group(c: &Captures, k: usize) -> Range<usize> {
    c.get_group(k).map_or(0..0, |g| g.range())
}

/// Where the lines from `pos` that start with `indent`, or are empty, end (Pygments'
/// `((?:(?:\N.*)?\n)+)`): `None` unless at least one line is taken.
fn indented_lines(s: &str, pos: usize, indent: &str) -> Option<usize> {
    let mut end = pos;
    while let Some(nl) = s[end..].find('\n') {
        let line = &s[end..end + nl];
        if !line.is_empty() && !line.starts_with(indent) {
            break;
        }
        end += nl + 1;
    }
    (end > pos).then_some(end)
}

/// Where Pygments' `(?:\1  .+\n)*` ends from `pos`.
fn continuation_lines(s: &str, mut pos: usize, indent: &str) -> usize {
    loop {
        let rest = &s[pos..];
        let Some(body) = rest.strip_prefix(indent).and_then(|r| r.strip_prefix("  ")) else {
            return pos;
        };
        match body.find('\n') {
            Some(nl) if nl > 0 => pos += rest.len() - body.len() + nl + 1,
            _ => return pos,
        }
    }
}

/// Lexes `s` (whose first byte is at `base` in the output's text) as Pygments lexes one
/// text, from `root` or from `inline` pushed on it.
fn lex(rules: &Rules, s: &str, base: usize, inline: bool, depth: usize, out: &mut Vec<Tok>) {
    let mut stack = vec![State::Root];
    if inline {
        stack.push(State::Inline);
    }
    let mut pos = 0;
    let mut finders = Finders::default();
    while pos < s.len() {
        let state = stack.last().copied().unwrap_or(State::Root);
        if state == State::Root {
            if let Some(end) = root_rule(rules, s, pos, base, depth, out) {
                pos = end;
                continue;
            }
        }
        if state == State::Literal {
            if let Some(c) = at(&rules.literal_text, s, pos) {
                let end = group(&c, 0).end;
                out.push((T::LiteralString, base + pos..base + end));
                pos = end;
                continue;
            }
            // "``" closes before the end or before a character docutils ends markup at.
            let closes = s[pos..].starts_with("``")
                && s[pos + 2..].chars().next().is_none_or(|c| {
                    "-/:.,; \n\0\u{2010}\u{2011}\u{2012}\u{2013}\u{2014}\u{a0}'\")]}>\u{2019}\u{201d}\u{bb}!?"
                        .contains(c)
                });
            let len = if closes { 2 } else { 1 };
            out.push((T::LiteralString, base + pos..base + pos + len));
            if closes {
                stack.pop();
            }
            pos += len;
            continue;
        }
        let matched = inline_rule(s, pos, &mut finders);
        if let Some((parts, push)) = &matched {
            for (t, r) in parts.iter().filter(|p| !p.1.is_empty()) {
                out.push((*t, base + r.start..base + r.end));
            }
            pos = parts.last().map_or(pos, |p| p.1.end);
            if *push {
                stack.push(State::Literal);
            }
            continue;
        }
        {
            // Only a newline is left unmatched: Pygments goes back to `root`.
            let len = s[pos..].chars().next().map_or(1, char::len_utf8);
            let t = if s.as_bytes()[pos] == b'\n' { T::TextWhitespace } else { T::Error };
            out.push((t, base + pos..base + pos + len));
            stack.truncate(1);
            pos += len;
        }
    }
}

/// Where a string next occurs on the current line, remembered: the inline rules look
/// ahead along the line from every backtick, star and bracket (Pygments' lazy `.+?`), and
/// without it a long line of unclosed markup would be rescanned from each.
#[derive(Default)]
struct Finder {
    /// The last search: from where, and the occurrence found (`None`: not before the
    /// line's end).
    last: Option<(usize, Option<usize>)>,
}

impl Finder {
    /// The first occurrence of `needle` at or after `from` before the line's end.
    fn find(&mut self, s: &str, from: usize, needle: &str) -> Option<usize> {
        if let Some((last, found)) = self.last {
            match found {
                Some(at) if last <= from && from <= at => return Some(at),
                None if last <= from && !s[last..from.min(s.len())].contains('\n') => return None,
                _ => {}
            }
        }
        let from = from.min(s.len());
        let line_end = memchr_newline(s, from);
        let found = s[from..line_end].find(needle).map(|p| from + p);
        self.last = Some((from, found));
        found
    }
}

fn memchr_newline(s: &str, from: usize) -> usize {
    s[from..].find('\n').map_or(s.len(), |p| from + p)
}

/// One finder per look-ahead of the inline rules, each asked from rising positions.
#[derive(Default)]
struct Finders {
    angle_open: Finder,
    angle_target: Finder,
    anonymous: Finder,
    backtick: Finder,
    role_backtick: Finder,
    strong: Finder,
    emphasis: Finder,
    footnote: Finder,
    angle_close: Finder,
    /// The last run of role-name characters: where it was measured from, and its end.
    role_run: Option<(usize, usize)>,
}

/// Whether a character other than a newline is at `at` (what Pygments' `.` needs).
fn continues(b: &[u8], at: usize) -> bool {
    b.get(at).is_some_and(|&c| c != b'\n')
}

/// The byte after the character at `at`.
fn next_char(s: &str, at: usize) -> usize {
    at + s[at.min(s.len())..].chars().next().map_or(1, char::len_utf8)
}

/// A character of Pygments' role names (`[a-zA-Z0-9:-]`).
fn role_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b':' || b == b'-'
}

/// The shortest role name at `at` (a `:`), as its end.
fn shortest_role(s: &str, at: usize) -> Option<usize> {
    let b = s.as_bytes();
    let mut k = at + 1;
    while k < b.len() && role_char(b[k]) {
        if b[k] == b':' && k >= at + 2 {
            return Some(k + 1);
        }
        k += 1;
    }
    None
}

/// The tokens an inline rule matched (from where it started on), and whether it opened an
/// inline literal (the `literal` state).
type InlineMatch = (Vec<Tok>, bool);

/// The `inline` state's rules at `pos`: the tokens (covering from `pos` on) and whether
/// an inline literal opens.
fn inline_rule(s: &str, pos: usize, f: &mut Finders) -> Option<InlineMatch> {
    let b = s.as_bytes();
    let rest = &s[pos..];
    let one = |t: T, end: usize| Some((vec![(t, pos..end)], false));
    // The "`__?" after an occurrence of "`_" at `j`.
    let link_end = |j: usize| if b.get(j + 2) == Some(&b'_') { j + 3 } else { j + 2 };
    match b[pos] {
        b'\\' if continues(b, pos + 1) => one(T::Text, next_char(s, pos + 1)),
        b'`' if rest.starts_with("``") => Some((vec![(T::LiteralString, pos..pos + 2)], true)),
        b'`' if !continues(b, pos + 1) => one(T::Text, pos + 1),
        b'`' => {
            // `(`.+?)(<.+?>)(`__?)`: a reference with its target. Only the first `<` can
            // start the target: any later one's target would serve it too.
            let body = next_char(s, pos);
            if let Some(open) = f.angle_open.find(s, next_char(s, body), "<") {
                let target = continues(b, open + 1)
                    .then(|| f.angle_target.find(s, next_char(s, open + 1), ">`_"))
                    .flatten();
                if let Some(close) = target {
                    let end = link_end(close + 1);
                    return Some((
                        vec![
                            (T::LiteralString, pos..open),
                            (T::LiteralStringInterpol, open..close + 1),
                            (T::LiteralString, close + 1..end),
                        ],
                        false,
                    ));
                }
            }
            // "`.+?`__?": a reference.
            if let Some(j) = f.anonymous.find(s, next_char(s, body), "`_") {
                return one(T::LiteralString, link_end(j));
            }
            // "(`.+?`)(:[a-zA-Z0-9:-]+?:)?": interpreted text, its role after it.
            let Some(close) = f.backtick.find(s, next_char(s, body), "`") else {
                return one(T::Text, pos + 1);
            };
            let mut toks = vec![(T::NameVariable, pos..close + 1)];
            if b.get(close + 1) == Some(&b':') {
                if let Some(end) = shortest_role(s, close + 1) {
                    toks.push((T::NameAttribute, close + 1..end));
                }
            }
            Some((toks, false))
        }
        b':' => {
            // "(:[a-zA-Z0-9:-]+?:)(`.+?`)": a role before its text. Only the name that ends
            // where the run of name characters does can be followed by a backtick.
            let run = match f.role_run {
                Some((start, end)) if start <= pos + 1 && pos < end => end,
                _ => pos + 1 + b[pos + 1..].iter().take_while(|&&c| role_char(c)).count(),
            };
            f.role_run = Some((pos + 1, run));
            let named = run >= pos + 3 && b[run - 1] == b':' && b.get(run) == Some(&b'`');
            if named && continues(b, run + 1) {
                if let Some(close) = f.role_backtick.find(s, next_char(s, run + 1), "`") {
                    return Some((
                        vec![(T::NameAttribute, pos..run), (T::NameVariable, run..close + 1)],
                        false,
                    ));
                }
            }
            one(T::Text, pos + 1)
        }
        b'*' => {
            if rest.starts_with("**") && continues(b, pos + 2) {
                if let Some(j) = f.strong.find(s, next_char(s, pos + 2), "**") {
                    return one(T::GenericStrong, j + 2);
                }
            }
            let emphasis =
                continues(b, pos + 1).then(|| f.emphasis.find(s, next_char(s, pos + 1), "*"));
            match emphasis.flatten() {
                Some(j) => one(T::GenericEmph, j + 1),
                None => one(T::Text, pos + 1),
            }
        }
        b'[' => match f.footnote.find(s, pos + 1, "]_") {
            Some(j) => one(T::LiteralString, j + 2),
            None => one(T::Text, pos + 1),
        },
        b'<' if continues(b, pos + 1) => match f.angle_close.find(s, next_char(s, pos + 1), ">") {
            Some(j) => one(T::NameTag, j + 1),
            None => {
                let end = plain_run(s, pos);
                one(T::Text, end)
            }
        },
        b'\n' => None,
        _ => one(T::Text, plain_run(s, pos)),
    }
}

/// Pygments' `[^\\\n\[*`:]+` from `pos`, or the one character there (`.`).
fn plain_run(s: &str, pos: usize) -> usize {
    let n = s.as_bytes()[pos..]
        .iter()
        .take_while(|&&c| !matches!(c, b'\\' | b'\n' | b'[' | b'*' | b'`' | b':'))
        .count();
    if n == 0 {
        next_char(s, pos)
    } else {
        pos + n
    }
}

/// Emits group `k + 1` as `parts[k]`, text between groups as `Text`, up to the match's end.
fn by_groups(
    rules: &Rules,
    s: &str,
    c: &Captures,
    parts: &[Part],
    base: usize,
    depth: usize,
    out: &mut Vec<Tok>,
) {
    by_groups_to(rules, s, c, parts, group(c, 0).end, base, depth, out);
}

/// [`by_groups`] up to `end` rather than the match's end.
#[allow(clippy::too_many_arguments)]
fn by_groups_to(
    rules: &Rules,
    s: &str,
    c: &Captures,
    parts: &[Part],
    end: usize,
    base: usize,
    depth: usize,
    out: &mut Vec<Tok>,
) {
    let whole = group(c, 0).start..end;
    let mut at = whole.start;
    for (k, part) in parts.iter().enumerate() {
        let Some(g) = c.get_group(k + 1).map(|g| g.range()) else { continue };
        if g.is_empty() || g.start < at {
            continue;
        }
        if g.start > at {
            out.push((T::Text, base + at..base + g.start));
        }
        match part {
            Part::T(t) => out.push((*t, base + g.start..base + g.end)),
            Part::Inline if depth < crate::MAX_NESTING => {
                lex(rules, &s[g.clone()], base + g.start, true, depth + 1, out)
            }
            Part::Inline => out.push((T::Text, base + g.start..base + g.end)),
        }
        at = g.end;
    }
    if at < whole.end {
        out.push((T::Text, base + at..base + whole.end));
    }
}

/// The first of the `root` state's own rules (before its inline ones) matching at `pos`;
/// returns where it ends.
fn root_rule(
    rules: &Rules,
    s: &str,
    pos: usize,
    base: usize,
    depth: usize,
    out: &mut Vec<Tok>,
) -> Option<usize> {
    use Part::{Inline as I, T as P};
    let line_start = pos == 0 || s.as_bytes()[pos - 1] == b'\n';
    if line_start {
        if let Some(c) = at(&rules.overline, s, pos) {
            let over = &s[group(&c, 1)];
            let end = group(&c, 0).end;
            if s[end..].strip_prefix(over).is_some_and(|r| r.starts_with('\n')) {
                let parts = [P(T::GenericHeading), P(T::Text), P(T::GenericHeading), P(T::Text)];
                by_groups(rules, s, &c, &parts, base, depth, out);
                out.push((T::GenericHeading, base + end..base + end + over.len()));
                out.push((T::Text, base + end + over.len()..base + end + over.len() + 1));
                return Some(end + over.len() + 1);
            }
        }
        if let Some(c) = at(&rules.heading, s, pos) {
            let parts = [P(T::GenericHeading), P(T::Text), P(T::GenericHeading), P(T::Text)];
            by_groups(rules, s, &c, &parts, base, depth, out);
            return Some(group(&c, 0).end);
        }
        for (re, required) in &rules.lists {
            let Some(c) = at(re, s, pos) else { continue };
            let first_end = group(&c, 0).end;
            let end = continuation_lines(s, first_end, &s[group(&c, 1)]);
            if *required && end == first_end {
                continue;
            }
            let body = group(&c, 3).start..end;
            emit_list_item(rules, s, &c, body, T::LiteralNumber, base, depth, out);
            return Some(end);
        }
        if let Some(c) = at(&rules.line_block, s, pos) {
            let body = group(&c, 3);
            emit_list_item(rules, s, &c, body.clone(), T::Operator, base, depth, out);
            return Some(body.end);
        }
        if let Some(end) = sourcecode(rules, s, pos, base, depth, out) {
            return Some(end);
        }
        let directive = [P(T::Punctuation), P(T::Text), P(T::OperatorWord), P(T::Punctuation)];
        let tried: [(&Regex, &[Part]); 4] = [
            (
                &rules.directive,
                &[directive[0], directive[1], directive[2], directive[3], P(T::Text), I],
            ),
            (&rules.target, &[P(T::Punctuation), P(T::Text), P(T::NameTag), I]),
            (&rules.footnote, &[P(T::Punctuation), P(T::Text), P(T::NameTag), I]),
            (
                &rules.substitution,
                &[
                    P(T::Punctuation),
                    P(T::Text),
                    P(T::NameTag),
                    P(T::Text),
                    P(T::OperatorWord),
                    P(T::Punctuation),
                    P(T::Text),
                    I,
                ],
            ),
        ];
        for (re, parts) in tried {
            if let Some(c) = at(re, s, pos) {
                by_groups(rules, s, &c, parts, base, depth, out);
                return Some(group(&c, 0).end);
            }
        }
        if let Some(c) = at(&rules.comment, s, pos) {
            let g = group(&c, 0);
            out.push((T::Comment, base + g.start..base + g.end));
            return Some(g.end);
        }
        if let Some(c) = at(&rules.field, s, pos) {
            let name = group(&c, 2);
            let space = s[name.end..].len() - s[name.end..].trim_start_matches([' ', '\t']).len();
            let indent = group(&c, 1);
            if !indent.is_empty() {
                out.push((T::Text, base + indent.start..base + indent.end));
            }
            out.push((T::NameClass, base + name.start..base + name.end));
            if space > 0 {
                out.push((T::Text, base + name.end..base + name.end + space));
            }
            return Some(name.end + space);
        }
        if let Some(c) = at(&rules.definition, s, pos) {
            by_groups(rules, s, &c, &[I, I], base, depth, out);
            return Some(group(&c, 0).end);
        }
    }
    if let Some(c) = at(&rules.literal_block, s, pos) {
        let end = indented_lines(s, group(&c, 0).end, &s[group(&c, 3)])?;
        let parts = [
            P(T::LiteralStringEscape),
            P(T::Text),
            P(T::LiteralString),
            P(T::LiteralString),
            P(T::Text),
        ];
        by_groups(rules, s, &c, &parts, base, depth, out);
        out.push((T::LiteralString, base + group(&c, 0).end..base + end));
        return Some(end);
    }
    None
}

/// A list item or line: the indentation, the marker as `marker`, the body inline.
#[allow(clippy::too_many_arguments)]
fn emit_list_item(
    rules: &Rules,
    s: &str,
    c: &Captures,
    body: Range<usize>,
    marker: T,
    base: usize,
    depth: usize,
    out: &mut Vec<Tok>,
) {
    let (indent, mark) = (group(c, 1), group(c, 2));
    if !indent.is_empty() {
        out.push((T::Text, base + indent.start..base + indent.end));
    }
    out.push((marker, base + mark.start..base + mark.end));
    if depth < crate::MAX_NESTING {
        lex(rules, &s[body.clone()], base + body.start, true, depth + 1, out);
    } else {
        out.push((T::Text, base + body.start..base + body.end));
    }
}

/// A `code`, `code-block` or `sourcecode` directive with a blank line and an indented
/// body: the body, without its indentation, is lexed as the language named (Pygments'
/// `_handle_sourcecode`), or is one string when Pygments knows no such language.
fn sourcecode(
    rules: &Rules,
    s: &str,
    pos: usize,
    base: usize,
    depth: usize,
    out: &mut Vec<Tok>,
) -> Option<usize> {
    let c = at(&rules.sourcecode, s, pos)?;
    let indent = group(&c, 8);
    let end = indented_lines(s, group(&c, 0).end, &s[indent.clone()])?;
    use Part::T as P;
    let head = [
        P(T::Punctuation),
        P(T::Text),
        P(T::OperatorWord),
        P(T::Punctuation),
        P(T::Text),
        P(T::Keyword),
        P(T::Text),
    ];
    by_groups_to(rules, s, &c, &head, group(&c, 7).end, base, depth, out);
    let code = indent.start..end;
    let name = s[group(&c, 6)].trim();
    let lang = match Language::find(name) {
        Some(lang) => lang,
        None if crate::pygments_lexer(name).is_none() => {
            out.push((T::LiteralString, base + code.start..base + code.end));
            return Some(end);
        }
        // A language Pygments has and Folio does not: plain, as Folio shows it elsewhere.
        None => Language::Text,
    };
    // Each line longer than the indentation loses that many characters to a `Text`
    // token; the rest of the lines are lexed as one text.
    let mut pieces = Vec::new();
    let mut line = code.start;
    while line < code.end {
        let next = s[line..code.end].find('\n').map_or(code.end, |p| line + p + 1);
        if next - line > indent.len() {
            pieces.push((T::Text, base + line..base + line + indent.len()));
            pieces.push((CODE, base + line + indent.len()..base + next));
        } else {
            pieces.push((CODE, base + line..base + next));
        }
        line = next;
    }
    delegate_at(s, base, &pieces, lang, depth, out);
    Some(end)
}

/// [`delegate`] for pieces whose ranges are offset by `base` from `s`.
fn delegate_at(
    s: &str,
    base: usize,
    pieces: &[Tok],
    lang: Language,
    depth: usize,
    out: &mut Vec<Tok>,
) {
    let local: Vec<Tok> = pieces.iter().map(|(t, r)| (*t, r.start - base..r.end - base)).collect();
    let mut inner = Vec::new();
    delegate(s, &local, CODE, lang, depth, &mut inner);
    out.extend(inner.into_iter().map(|(t, r)| (t, r.start + base..r.end + base)));
}
