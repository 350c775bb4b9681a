//! Step 2: inline markup, parsed over the text block's segments of the original lines so
//! every inline span is a real source range.

use crate::block::{BlockParser, Line};
use crate::punctuation::{CLOSERS, CLOSING_DELIMITERS, DELIMITERS, OPENERS, QUOTE_PAIRS};
use crate::tree::{CodeData, NodeId, NodeKind, NoteData, RefTarget};
use crate::uri;
use crate::{Severity, Span};

/// How many inline start-strings may stay open-ended in one text block before the rest is
/// taken as plain text. Motivated by 10k unclosed `*` markers: each would scan to the end of
/// the block for its end-string, which is quadratic.
pub const MAX_UNCLOSED_MARKERS: usize = 64;

/// Joined text of a block plus the map back to source offsets.
struct Text<'a> {
    /// The source itself when the block's lines follow each other there, else a joined copy.
    /// Not owned, so a markup opener can look ahead in it while nodes are added.
    s: &'a str,
    /// (offset in `s`, offset in source) for each segment start.
    map: Vec<(usize, u32)>,
    /// Where `s` starts in the source when it is read in place (then `map` is empty).
    start: u32,
}

impl Text<'_> {
    fn src(&self, at: usize) -> u32 {
        let k = self.map.partition_point(|m| m.0 <= at).saturating_sub(1);
        let (j, s) = self.map.get(k).copied().unwrap_or((0, self.start));
        s + (at - j) as u32
    }
    fn span(&self, a: usize, b: usize) -> Span {
        let s = self.src(a);
        let e = self.src(b).max(s);
        Span { start: s, end: e }
    }
}

fn is_ws(c: char) -> bool {
    c.is_whitespace()
}

fn in_class(table: &[(char, char)], c: char) -> bool {
    let k = table.partition_point(|r| r.1 < c);
    table.get(k).is_some_and(|r| r.0 <= c)
}

/// Characters after which inline markup may start: whitespace, openers and delimiters
/// (docutils' `start_string_prefix`).
fn start_ok_before(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => is_ws(c) || in_class(OPENERS, c) || in_class(DELIMITERS, c),
    }
}

/// Characters before which inline markup may end: whitespace, closing delimiters,
/// delimiters and closers (docutils' `end_string_suffix`).
fn end_ok_after(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => {
            is_ws(c)
                || in_class(CLOSING_DELIMITERS, c)
                || in_class(DELIMITERS, c)
                || in_class(CLOSERS, c)
        }
    }
}

/// Whether `open` and `close` are a pair that quotes a start-string between them (rule 5).
fn quotes(open: char, close: char) -> bool {
    QUOTE_PAIRS.binary_search(&(open, close)).is_ok()
}

struct Inl<'p, 's, 't> {
    p: &'p mut BlockParser<'s>,
    t: Text<'t>,
    /// Unescaped-ness: `esc[i]` is true when byte i is preceded by an escaping backslash.
    esc: Vec<bool>,
    unclosed: usize,
    limit_reported: bool,
    finder: uri::Finder,
    /// Where the simple name (a reference's `word`) last read ends.
    simple_name_end: usize,
    /// The start of the run of text in which docutils stopped looking for URIs.
    uri_dead: Option<usize>,
}

/// Parses inline markup of `segs` (source ranges, one per line) into children of `parent`.
pub(crate) fn parse(p: &mut BlockParser<'_>, segs: &[Line], parent: NodeId) {
    let src = p.src;
    let mut map = Vec::new();
    let mut start = 0;
    // An unindented paragraph is one run of the source (lines joined by their own `\n`):
    // read it in place. Indented blocks skip their indentation, so they are joined.
    let in_place = segs.iter().all(|l| l.start <= l.end)
        && segs.windows(2).all(|w| {
            w[1].start == w[0].end + 1 && src.as_bytes().get(w[0].end as usize) == Some(&b'\n')
        });
    let joined: String;
    let s: &str = match (segs.first(), segs.last()) {
        (Some(first), Some(last)) if in_place => {
            start = first.start;
            src.get(first.start as usize..last.end as usize).unwrap_or("")
        }
        _ => {
            let mut j = String::new();
            for (k, l) in segs.iter().enumerate() {
                if k > 0 {
                    j.push('\n');
                }
                map.push((j.len(), l.start));
                j.push_str(src.get(l.start as usize..l.end as usize).unwrap_or(""));
            }
            joined = j;
            &joined
        }
    };
    // Most paragraphs have no backslash: then nothing is escaped and no table is needed.
    let mut esc = Vec::new();
    if let Some(first) = s.find('\\') {
        esc = vec![false; s.len() + 1];
        let bytes = s.as_bytes();
        let mut k = first;
        while k + 1 < bytes.len() {
            if bytes[k] == b'\\' {
                esc[k + 1] = true;
                k += 2;
            } else {
                k += 1;
            }
        }
    }
    let t = Text { s, map, start };
    let mut inl = Inl {
        p,
        t,
        esc,
        unclosed: 0,
        limit_reported: false,
        finder: uri::Finder::default(),
        simple_name_end: 0,
        uri_dead: None,
    };
    let len = inl.t.s.len();
    inl.run(0, len, parent);
}

impl Inl<'_, '_, '_> {
    /// `Ok` with where the first `_`, `@` or `:` is when the word at `i` could be a
    /// reference (`word_`), e-mail address or URI: its token (up to whitespace) holds one.
    /// Otherwise `Err` with the token's end, and whether the token holds a character that
    /// could still open markup in it (`*`, `` ` ``, `|`, `[`) or escape one (`\\`).
    fn markup_token_end(&self, i: usize, to: usize) -> Result<usize, (usize, bool)> {
        let mut opener = false;
        for (k, &c) in self.t.s.as_bytes()[i..to].iter().enumerate() {
            match c {
                b'_' | b'@' | b':' => return Ok(i + k),
                b'*' | b'`' | b'|' | b'[' | b'\\' => opener = true,
                c if c.is_ascii_whitespace() => return Err((i + k, opener)),
                _ => {}
            }
        }
        Err((to, opener))
    }

    /// `from + max` or `to`, whichever is first, on a char boundary.
    fn bounded(&self, from: usize, to: usize, max: usize) -> usize {
        let mut e = (from + max).min(to);
        while !self.t.s.is_char_boundary(e) {
            e -= 1;
        }
        e
    }

    fn ch_before(&self, at: usize) -> Option<char> {
        self.t.s[..at].chars().next_back()
    }
    fn ch_at(&self, at: usize) -> Option<char> {
        self.t.s.get(at..).and_then(|r| r.chars().next())
    }
    fn escaped(&self, at: usize) -> bool {
        self.esc.get(at).copied().unwrap_or(false)
    }

    fn can_start(&self, at: usize, len: usize) -> bool {
        if self.escaped(at) {
            return false;
        }
        let before = self.ch_before(at);
        let after = self.ch_at(at + len);
        if !start_ok_before(before) || after.is_none_or(is_ws) {
            return false;
        }
        if let (Some(b), Some(a)) = (before, after) {
            if quotes(b, a) {
                return false;
            }
        }
        true
    }

    /// Finds `delim` ending inline markup from `from` (not past `limit`). Each failed search
    /// counts against [`MAX_UNCLOSED_MARKERS`]; past it no more searches are made.
    fn find_end(&mut self, from: usize, limit: usize, delim: &str, literal: bool) -> Option<usize> {
        if self.unclosed >= MAX_UNCLOSED_MARKERS {
            if !self.limit_reported {
                self.limit_reported = true;
                let span = self.t.span(from, from);
                self.p.diag(
                    span,
                    Severity::Warning,
                    format!("More than {MAX_UNCLOSED_MARKERS} unclosed inline markers in one paragraph; the rest are read as plain text."),
                );
            }
            return None;
        }
        let found = self.scan_end(from, limit, delim, literal);
        if found.is_none() {
            self.unclosed += 1;
        }
        found
    }

    fn scan_end(&self, from: usize, limit: usize, delim: &str, literal: bool) -> Option<usize> {
        let s = &self.t.s[..limit];
        let mut at = from;
        while let Some(p) = s.get(at..).and_then(|r| r.find(delim)) {
            let e = at + p;
            let ok_escape = literal || !self.escaped(e);
            let before = self.ch_before(e);
            let plain = e + delim.len();
            // What may follow the end-string before the suffix check: a `_`/`__` reference
            // end, for interpreted text also a `:role:`; docutils backs off to the bare
            // end-string when the longer form is not followed by a proper end.
            let ok_at = |a: usize| end_ok_after(self.ch_at(a));
            let end_ok = ok_at(plain)
                || (delim == "`" || delim == "|") && {
                    let rest = &self.t.s[plain..];
                    let role = if delim == "`" { role_suffix(rest) } else { None };
                    let reference = if rest.starts_with("__") {
                        Some(2)
                    } else {
                        rest.starts_with('_').then_some(1)
                    };
                    role.is_some_and(|r| ok_at(plain + r))
                        || reference.is_some_and(|r| ok_at(plain + r))
                };
            // Interpreted text and phrase references may end after an escaped space
            // (docutils' `non_unescaped_whitespace_escape_before`).
            let escaped_space = delim == "`" && before.is_some_and(is_ws) && {
                let k = e - before.map_or(0, char::len_utf8);
                self.escaped(k)
            };
            if e > from
                && ok_escape
                && (before.is_some_and(|c| !is_ws(c)) || escaped_space)
                && end_ok
            {
                if literal && delim == "``" && self.t.s[e + 2..].starts_with('`') {
                    at = e + 1;
                    continue;
                }
                return Some(e);
            }
            at = e + 1;
            while !self.t.s.is_char_boundary(at) {
                at += 1;
            }
        }
        None
    }

    /// A link to `url` showing `label` (standalone URIs, e-mail addresses, PEP/RFC roles).
    fn external_link(&mut self, parent: NodeId, url: String, label: &str, span: Span) {
        let target = RefTarget::External(url.into());
        let kind = NodeKind::Reference { name: "".into(), anonymous: false, target };
        let r = self.p.doc.push(parent, kind, span);
        self.p.doc.push(r, NodeKind::Text(label.into()), span);
    }

    fn text(&mut self, a: usize, b: usize, parent: NodeId) {
        if a >= b {
            return;
        }
        let raw = &self.t.s[a..b];
        if !raw.contains('\\') {
            let span = self.t.span(a, b);
            self.p.doc.push(parent, NodeKind::Text(raw.into()), span);
            return;
        }
        let mut out = String::with_capacity(raw.len());
        let mut it = raw.char_indices().peekable();
        while let Some((k, c)) = it.next() {
            if c == '\\' {
                // docutils strips each line's trailing whitespace first, so a backslash that
                // ends its line escapes the line break: both go.
                let line_rest = raw[k + 1..].split('\n').next().unwrap_or("");
                if raw[k + 1..].contains('\n') && line_rest.trim().is_empty() {
                    for _ in 0..=line_rest.chars().count() {
                        it.next();
                    }
                    continue;
                }
                match it.next() {
                    Some((_, n)) if n.is_whitespace() => {}
                    Some((_, n)) => out.push(n),
                    // A backslash that ends the text escapes nothing and goes (docutils'
                    // `unescape` drops every escape mark).
                    None if b == self.t.s.len() => {}
                    None => out.push('\\'),
                }
            } else {
                out.push(c);
            }
        }
        if out.is_empty() {
            return;
        }
        let span = self.t.span(a, b);
        self.p.doc.push(parent, NodeKind::Text(out.into()), span);
    }

    /// docutils' INFO note about the markup at `a..b`, put after the paragraph.
    fn note(&mut self, a: usize, b: usize, msg: String) {
        let m = self.p.note(self.t.span(a, b), &msg);
        self.p.pending.push(m);
    }

    fn problem(&mut self, a: usize, b: usize, parent: NodeId, severity: Severity, msg: String) {
        let span = self.t.span(a, b);
        let raw = self.t.s[a..b].to_string();
        self.p.doc.push(parent, NodeKind::Problematic(raw.into()), span);
        self.p.problems = true;
        // docutils numbers every message of a text block with the block's first line (the
        // diagnostic's span still says where the markup is).
        let line = self.p.line_no(self.t.span(0, 0).start);
        let level = match severity {
            Severity::Info => 1,
            Severity::Warning => 2,
            Severity::Error => 3,
            Severity::Severe => 4,
        };
        let m = self.p.doc.add(
            NodeKind::SystemMessage { level, line, id: "p".into(), message: msg.as_str().into() },
            span,
        );
        self.p.pending.push(m);
        self.p.diag_on_line(span, line, severity, msg);
    }

    fn run(&mut self, from: usize, to: usize, parent: NodeId) {
        let s = self.t.s;
        let bytes = s.as_bytes();
        let mut text_start = from;
        let mut i = from;
        // Words starting before this offset are in a token (up to whitespace) already found
        // to hold no `_`, `@` or `:`, so none of them can be markup: each token is read once.
        let mut plain_until = from;
        // Where the current token ends when nothing in it can open markup at all: the
        // scan jumps there.
        let mut bare_until = None;
        // Where the next `_`, `@` or `:` of the current token is: starts up to it are worth
        // trying (found once for all of them, so a long token is not scanned per start).
        let mut marker_at = None;
        let mut worth_trying =
            |inl: &Self, i: usize, plain_until: &mut usize, bare: &mut Option<usize>| {
                if marker_at.is_some_and(|m| i <= m) {
                    return true;
                }
                match inl.markup_token_end(i, to) {
                    Ok(m) => {
                        marker_at = Some(m);
                        true
                    }
                    Err((end, opener)) => {
                        *plain_until = end;
                        *bare = (!opener).then_some(end);
                        false
                    }
                }
            };
        while i < to {
            let b = bytes[i];
            // ASCII needs no decoding: most text is plain ASCII words and spaces.
            let c =
                if b.is_ascii() { char::from(b) } else { s[i..to].chars().next().unwrap_or(' ') };
            if c == '\\' {
                i += 1 + s[i + 1..].chars().next().map_or(0, char::len_utf8);
                continue;
            }
            if c.is_alphanumeric() {
                if i >= plain_until
                    && !self.ch_before(i).is_some_and(char::is_alphanumeric)
                    && worth_trying(self, i, &mut plain_until, &mut bare_until)
                {
                    let next = self
                        .try_markup(i, to, parent, text_start)
                        .or_else(|| self.standalone(i, to, parent, text_start));
                    if let Some(next) = next {
                        i = next;
                        text_start = next;
                        continue;
                    }
                }
                if let Some(end) = bare_until.take().filter(|&e| e > i) {
                    i = end;
                    continue;
                }
                // Markup never starts right after an alphanumeric: skip the rest of them.
                i += c.len_utf8();
                while i < to {
                    let b = bytes[i];
                    if b.is_ascii_alphanumeric() {
                        i += 1;
                    } else if b.is_ascii() {
                        break;
                    } else {
                        match s[i..to].chars().next() {
                            Some(n) if n.is_alphanumeric() => i += n.len_utf8(),
                            _ => break,
                        }
                    }
                }
                continue;
            }
            // Only these can open markup; skipping the rest avoids work per character.
            if matches!(c, '*' | '`' | ':' | '|' | '[' | '_') {
                if let Some(next) = self.try_markup(i, to, parent, text_start) {
                    i = next;
                    text_start = next;
                    continue;
                }
            }
            // An e-mail address may start with punctuation (`-me@example.org`).
            if b.is_ascii_punctuation()
                && i >= plain_until
                && worth_trying(self, i, &mut plain_until, &mut bare_until)
            {
                if let Some(next) = self.standalone(i, to, parent, text_start) {
                    i = next;
                    text_start = next;
                    continue;
                }
            }
            if let Some(end) = bare_until.take().filter(|&e| e > i) {
                i = end;
                continue;
            }
            i += c.len_utf8();
        }
        self.text(text_start, to, parent);
    }

    /// Tries every kind of inline markup at `i`; on success flushes text before it, adds the
    /// node(s) and returns where scanning continues.
    fn try_markup(
        &mut self,
        i: usize,
        to: usize,
        parent: NodeId,
        text_start: usize,
    ) -> Option<usize> {
        // Bounded: markup openers only look a little ahead (scanning the whole rest at
        // every marker would be quadratic).
        let s = self.t.s;
        let rest = &s[i..self.bounded(i, to, 256)];
        let c = rest.chars().next()?;
        match c {
            '*' => {
                let strong = rest.starts_with("**");
                let d = if strong { "**" } else { "*" };
                if !self.can_start(i, d.len()) {
                    return None;
                }
                let over = self.unclosed >= MAX_UNCLOSED_MARKERS;
                let end = self.find_end(i + d.len(), to, d, false);
                if end.is_none() && over {
                    return None;
                }
                self.text(text_start, i, parent);
                match end {
                    Some(e) => {
                        let kind = if strong { NodeKind::Strong } else { NodeKind::Emphasis };
                        let n = self.p.doc.push(parent, kind, self.t.span(i, e + d.len()));
                        self.text(i + d.len(), e, n);
                        Some(e + d.len())
                    }
                    None => {
                        let what = if strong { "strong" } else { "emphasis" };
                        self.problem(
                            i,
                            i + d.len(),
                            parent,
                            Severity::Warning,
                            format!("Inline {what} start-string without end-string."),
                        );
                        Some(i + d.len())
                    }
                }
            }
            '`' => {
                if rest.starts_with("``") {
                    if !self.can_start(i, 2) {
                        return None;
                    }
                    let over = self.unclosed >= MAX_UNCLOSED_MARKERS;
                    let end = self.find_end(i + 2, to, "``", true);
                    if end.is_none() && over {
                        return None;
                    }
                    self.text(text_start, i, parent);
                    match end {
                        Some(e) => {
                            let lit = self.t.s[i + 2..e].to_string();
                            self.p.doc.push(
                                parent,
                                NodeKind::Literal(lit.into()),
                                self.t.span(i, e + 2),
                            );
                            Some(e + 2)
                        }
                        None => {
                            self.problem(
                                i,
                                i + 2,
                                parent,
                                Severity::Warning,
                                "Inline literal start-string without end-string.".into(),
                            );
                            Some(i + 2)
                        }
                    }
                } else {
                    if !self.can_start(i, 1) {
                        return None;
                    }
                    self.interpreted(i, i, to, parent, text_start, None)
                }
            }
            ':' => {
                // :role:`text`
                let b = rest.as_bytes();
                let k = role_name_end(rest);
                // The backquote starts nothing when another follows it (``).
                if k > 1
                    && b.get(k) == Some(&b':')
                    && b.get(k + 1) == Some(&b'`')
                    && b.get(k + 2) != Some(&b'`')
                    && start_ok_before(self.ch_before(i))
                    && !self.escaped(i)
                {
                    let role = rest[1..k].to_lowercase();
                    return self.interpreted(i, i + k + 1, to, parent, text_start, Some(role));
                }
                None
            }
            '|' => {
                // docutils' start-string is `\|(?!\|)`: `||` starts nothing.
                if rest.starts_with("||") || !self.can_start(i, 1) {
                    return None;
                }
                let over = self.unclosed >= MAX_UNCLOSED_MARKERS;
                let Some(e) = self.find_end(i + 1, to, "|", false) else {
                    if over {
                        return None;
                    }
                    self.text(text_start, i, parent);
                    let msg = "Inline substitution_reference start-string without end-string.";
                    self.problem(i, i + 1, parent, Severity::Warning, msg.into());
                    return Some(i + 1);
                };
                // Names are compared with their whitespace normalized: a reference may
                // span a line break.
                let name = self.t.s[i + 1..e].split_whitespace().collect::<Vec<_>>().join(" ");
                let mut end = e + 1;
                let mut refd = 0;
                if self.t.s[end..to].starts_with("__") {
                    refd = 2;
                } else if self.t.s[end..to].starts_with('_') {
                    refd = 1;
                }
                if refd > 0 && end_ok_after(self.ch_at(end + refd)) {
                    end += refd;
                }
                self.text(text_start, i, parent);
                let span = self.t.span(i, end);
                let sub =
                    self.p.doc.add(NodeKind::SubstitutionReference(name.as_str().into()), span);
                let raw = &self.t.s[i + 1..e];
                self.p.doc.push(sub, NodeKind::Text(raw.into()), span);
                if end > e + 1 {
                    let r = self.p.doc.push(
                        parent,
                        NodeKind::Reference {
                            name: normalize_name(&name).into(),
                            anonymous: refd == 2,
                            target: RefTarget::Unresolved,
                        },
                        span,
                    );
                    self.p.doc.append(r, sub);
                } else {
                    self.p.doc.append(parent, sub);
                }
                Some(end)
            }
            '[' => {
                if !start_ok_before(self.ch_before(i)) || self.escaped(i) {
                    return None;
                }
                let close = rest.find("]_")?;
                let label = &rest[1..close];
                if label.is_empty() || label.contains(char::is_whitespace) {
                    return None;
                }
                let end = i + close + 2;
                if !end_ok_after(self.ch_at(end)) || self.t.s[end..].starts_with('_') {
                    return None;
                }
                let is_fn = label == "#"
                    || label == "*"
                    || label.starts_with('#')
                    || label.chars().all(|c| c.is_ascii_digit());
                let valid_cit =
                    label.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'));
                if !is_fn && !valid_cit {
                    return None;
                }
                self.text(text_start, i, parent);
                let data = Box::new(NoteData {
                    label: label.into(),
                    shown: "".into(),
                    id: "".into(),
                    links: Vec::new(),
                });
                let kind = if is_fn {
                    NodeKind::FootnoteReference(data)
                } else {
                    NodeKind::CitationReference(data)
                };
                self.p.doc.push(parent, kind, self.t.span(i, end));
                Some(end)
            }
            '_' if rest.starts_with("_`") => {
                if !self.can_start(i, 2) {
                    return None;
                }
                let over = self.unclosed >= MAX_UNCLOSED_MARKERS;
                // A target's end-string takes no reference or role suffix after it.
                let mut from = i + 2;
                let end = loop {
                    match self.find_end(from, to, "`", false) {
                        Some(e) if end_ok_after(self.ch_at(e + 1)) => break Some(e),
                        Some(e) => from = e + 1,
                        None => break None,
                    }
                };
                let Some(e) = end else {
                    if over {
                        return None;
                    }
                    self.text(text_start, i, parent);
                    let msg = "Inline target start-string without end-string.";
                    self.problem(i, i + 2, parent, Severity::Warning, msg.into());
                    return Some(i + 2);
                };
                self.text(text_start, i, parent);
                let name = self.t.s[i + 2..e].to_string();
                let n = self.p.doc.push(
                    parent,
                    NodeKind::InlineTarget(normalize_name(&name).into()),
                    self.t.span(i, e + 1),
                );
                self.text(i + 2, e, n);
                Some(e + 1)
            }
            c if c.is_alphanumeric() => self.word(i, to, parent, text_start),
            _ => None,
        }
    }

    /// `` `text` `` with optional prefix role (`text_at` is where the backquote is) or suffix.
    fn interpreted(
        &mut self,
        start: usize,
        tick: usize,
        to: usize,
        parent: NodeId,
        text_start: usize,
        role: Option<String>,
    ) -> Option<usize> {
        let over = self.unclosed >= MAX_UNCLOSED_MARKERS;
        let e = match self.find_end(tick + 1, to, "`", false) {
            Some(e) => e,
            None => {
                if over {
                    return None;
                }
                // A prefix role stays text: the start-string is the backquote alone.
                self.text(text_start, tick, parent);
                self.problem(
                    tick,
                    tick + 1,
                    parent,
                    Severity::Warning,
                    "Inline interpreted text or phrase reference start-string without end-string."
                        .into(),
                );
                return Some(tick + 1);
            }
        };
        let inner_a = tick + 1;
        let inner_b = e;
        let mut end = e + 1;
        let after = &self.t.s[end..to];
        // Phrase references.
        if role.is_none() {
            let refd = if after.starts_with("__") {
                2
            } else if after.starts_with('_') {
                1
            } else {
                0
            };
            if refd > 0 && end_ok_after(self.ch_at(end + refd)) {
                end += refd;
                self.text(text_start, start, parent);
                self.phrase_ref(start, inner_a, inner_b, end, refd == 2, parent);
                return Some(end);
            }
        }
        // A prefix role with a suffix too: docutils takes neither.
        if role.is_some() {
            let refd =
                if after.starts_with("__") { 2 } else { usize::from(after.starts_with('_')) };
            let suffix = role_suffix(after).or((refd > 0).then_some(refd));
            if let Some(len) = suffix.filter(|&len| end_ok_after(self.ch_at(end + len))) {
                let msg = if after.starts_with(':') {
                    "Multiple roles in interpreted text (both prefix and suffix present; only one allowed)."
                } else {
                    "Mismatch: both interpreted text role prefix and reference suffix."
                };
                self.text(text_start, start, parent);
                self.problem(start, end + len, parent, Severity::Warning, msg.into());
                return Some(end + len);
            }
        }
        // A role suffix followed by a reference suffix: docutils takes neither.
        if role.is_none() {
            if let Some(k) = role_suffix(after) {
                let rest = &after[k..];
                let refd =
                    if rest.starts_with("__") { 2 } else { usize::from(rest.starts_with('_')) };
                if refd > 0 && end_ok_after(self.ch_at(end + k + refd)) {
                    let msg = "Mismatch: both interpreted text role suffix and reference suffix.";
                    self.text(text_start, start, parent);
                    self.problem(start, end + k + refd, parent, Severity::Warning, msg.into());
                    return Some(end + k + refd);
                }
            }
        }
        let mut role = role;
        if role.is_none() && after.starts_with(':') {
            let b = after.as_bytes();
            let k = role_name_end(after);
            if k > 1 && b.get(k) == Some(&b':') && end_ok_after(self.ch_at(end + k + 1)) {
                role = Some(after[1..k].to_lowercase());
                end += k + 1;
            }
        }
        self.text(text_start, start, parent);
        let span = self.t.span(start, end);
        let raw = self.t.s[inner_a..inner_b].to_string();
        let written = role.is_some();
        let role = role.unwrap_or_else(|| {
            self.p.default_role.clone().unwrap_or_else(|| "title-reference".into())
        });
        let custom = self.p.roles.iter().find(|r| r.0 == role).cloned();
        if custom.is_none() && self.p.settings.plugin_roles.contains(&role) {
            // Only the blog's plugin knows what its role makes: its text, marked.
            let n = self.p.doc.push(parent, NodeKind::Inline(PLUGIN_ROLE_CLASS.into()), span);
            self.p.doc.push(n, NodeKind::Literal(unescape(&raw).into()), span);
            return Some(end);
        }
        let (base, class) = match &custom {
            Some((_, base, class)) => (base.clone(), Some(class.clone())),
            // Pelican's `abbr` is registered; other names are looked up in the language.
            None if role == "abbr" => (role.clone(), None),
            None => (self.p.settings.language.role(&role).to_string(), None),
        };
        let kind = match base.as_str() {
            "emphasis" => NodeKind::Emphasis,
            "strong" => NodeKind::Strong,
            "literal" => NodeKind::Literal(unescape(&raw).into()),
            "code" => {
                let (class, language) = match class.as_deref().and_then(|c| c.split_once('|')) {
                    Some((c, l)) => (c.to_string(), l.to_string()),
                    None => (String::new(), String::new()),
                };
                // The code, raw and math roles keep backslashes (docutils restores them).
                let data = CodeData {
                    language,
                    text: raw.clone(),
                    options: vec![("class".into(), class)],
                    docutils: true,
                };
                NodeKind::Code(Box::new(data))
            }
            "math" => NodeKind::Math(raw.as_str().into()),
            "sub" | "subscript" => NodeKind::Subscript,
            "sup" | "superscript" => NodeKind::Superscript,
            "title-reference" | "title" | "t" => NodeKind::TitleReference,
            "abbreviation" => NodeKind::Abbreviation(None),
            "acronym" => NodeKind::Acronym,
            "abbr" => {
                let text = unescape(&raw);
                let (abbr, expl) = match (text.find('('), text.trim_end().ends_with(')')) {
                    (Some(p), true) => {
                        let t = text.trim_end();
                        (text[..p].trim_end().to_string(), Some(t[p + 1..t.len() - 1].to_string()))
                    }
                    _ => (text.clone(), None),
                };
                let n = self.p.doc.push(parent, NodeKind::Abbreviation(expl.map(Into::into)), span);
                self.p.doc.push(n, NodeKind::Text(abbr.into()), span);
                return Some(end);
            }
            // The raw role needs a format, which only a custom role gives it.
            "raw" if custom.is_none() => {
                let msg = format!("No format (Writer name) is associated with this role: \"{role}\".\nThe \"raw\" role cannot be used directly.\nInstead, use the \"role\" directive to create a new role with an associated format.");
                self.problem(start, end, parent, Severity::Error, msg);
                return Some(end);
            }
            "raw" => NodeKind::RawInline(raw.as_str().into()),
            "pep-reference" | "pep" | "rfc-reference" | "rfc" => {
                let text = unescape(&raw);
                // Python's int() of the number: spaces around it, a sign.
                let number = |t: &str| t.trim().parse::<i64>().ok();
                let link = if base.starts_with("pep") {
                    // docutils' pep_base_url and pep_file_url_template (`pep-%04d`).
                    number(&text).filter(|n| (0..=9999).contains(n)).map(|n| {
                        (format!("https://peps.python.org/pep-{n:04}"), format!("PEP {raw}"))
                    })
                } else {
                    // An RFC's `#section` goes after the page.
                    let (num, section) = match text.split_once('#') {
                        Some((n, s)) => (n, Some(s)),
                        None => (text.as_str(), None),
                    };
                    number(num).filter(|&n| n >= 1).map(|n| {
                        let anchor = section.map(|s| format!("#{s}")).unwrap_or_default();
                        (
                            format!("https://tools.ietf.org/html/rfc{n}.html{anchor}"),
                            format!("RFC {n}"),
                        )
                    })
                };
                match link {
                    Some((url, label)) => self.external_link(parent, url, &label, span),
                    None => {
                        let msg = if base.starts_with("pep") {
                            format!(
                                "PEP number must be a number from 0 to 9999; \"{raw}\" is invalid."
                            )
                        } else {
                            format!("RFC number must be a number greater than or equal to 1; \"{raw}\" is invalid.")
                        };
                        self.problem(start, end, parent, Severity::Error, msg);
                    }
                }
                return Some(end);
            }
            "inline" => NodeKind::Inline("".into()),
            _ => {
                // docutils notes first that it tries a name no table knows as canonical.
                let typed = written_role_name(&self.t.s[start..end]);
                if let Some(note) = written
                    .then(|| self.p.settings.language.unknown_name_note("role", typed))
                    .flatten()
                {
                    self.note(start, end, note);
                }
                let msg = if UNIMPLEMENTED_ROLES.contains(&base.as_str()) {
                    format!("Interpreted text role \"{role}\" not implemented.")
                } else {
                    format!("Unknown interpreted text role \"{role}\".")
                };
                self.problem(start, end, parent, Severity::Error, msg);
                return Some(end);
            }
        };
        // A custom role's class goes on the node its base role makes (the code role's
        // class is in its data already).
        let (kind, node_class) = match (class, kind) {
            (Some(c), NodeKind::Inline(_)) if custom.as_ref().is_some_and(|r| r.1 == "inline") => {
                (NodeKind::Inline(c.into()), None)
            }
            (_, k @ NodeKind::Code(_)) => (k, None),
            (c, k) => (k, c.filter(|c| !c.is_empty())),
        };
        let leaf = matches!(
            kind,
            NodeKind::Literal(_) | NodeKind::Code(_) | NodeKind::Math(_) | NodeKind::RawInline(_)
        );
        let n = self.p.doc.push(parent, kind, span);
        if let Some(c) = node_class {
            self.p.doc.classes.insert(n, c);
        }
        if !leaf {
            // A role's text is not parsed again: docutils has no nested inline markup.
            self.text(inner_a, inner_b, n);
        }
        Some(end)
    }

    fn phrase_ref(
        &mut self,
        start: usize,
        a: usize,
        b: usize,
        end: usize,
        anonymous: bool,
        parent: NodeId,
    ) {
        let s = self.t.s;
        let inner = &s[a..b];
        let span = self.t.span(start, end);
        // Embedded URI or alias: `text <uri>`_
        let trimmed = inner.trim_end();
        if trimmed.ends_with('>') && !self.escaped(a + trimmed.len() - 1) {
            if let Some(lt) = trimmed.rfind('<') {
                let before = &trimmed[..lt];
                let uri_raw = &trimmed[lt + 1..trimmed.len() - 1];
                // docutils' embedded link: no whitespace just inside the brackets.
                let tight = !uri_raw.is_empty()
                    && !uri_raw.starts_with(char::is_whitespace)
                    && !uri_raw.ends_with(char::is_whitespace);
                if tight && (lt == 0 || before.ends_with(char::is_whitespace)) {
                    let text = before.trim_end();
                    let text_end = a + text.len();
                    let (name_src, text_a, text_b) = if text.is_empty() {
                        (uri_raw, a + lt + 1, a + trimmed.len() - 1)
                    } else {
                        (text, a, text_end)
                    };
                    let target = if uri_raw.ends_with('_') && !uri_raw.ends_with("\\_") {
                        let alias = normalize_name(&unescape(&uri_raw[..uri_raw.len() - 1]));
                        let r = self.p.doc.push(
                            parent,
                            NodeKind::Reference {
                                name: alias.into(),
                                anonymous: false,
                                target: RefTarget::Unresolved,
                            },
                            span,
                        );
                        if text.is_empty() {
                            // The alias is the reference's text.
                            let alias = normalize_name(&unescape(&uri_raw[..uri_raw.len() - 1]));
                            self.p.doc.push(r, NodeKind::Text(alias.into()), span);
                        } else {
                            self.text(text_a, text_b, r);
                        }
                        return;
                    } else {
                        RefTarget::External(fix_uri(crate::option_value::uri(uri_raw)).into())
                    };
                    let shown_uri = match &target {
                        RefTarget::External(u) => u.to_string(),
                        _ => String::new(),
                    };
                    let name = match () {
                        _ if anonymous => String::new(),
                        _ if text.is_empty() => normalize_name(&shown_uri),
                        _ => normalize_name(&unescape(name_src)),
                    };
                    let r = self.p.doc.push(
                        parent,
                        NodeKind::Reference { name: name.into(), anonymous: false, target },
                        span,
                    );
                    if text.is_empty() {
                        let u = shown_uri;
                        self.p.doc.push(r, NodeKind::Text(u.into()), self.t.span(text_a, text_b));
                    } else {
                        self.text(text_a, text_b, r);
                    }
                    return;
                }
            }
        }
        let name = normalize_name(&unescape(inner));
        let r = self.p.doc.push(
            parent,
            NodeKind::Reference { name: name.into(), anonymous, target: RefTarget::Unresolved },
            span,
        );
        self.text(a, b, r);
    }

    /// Simple references (`word_`), standalone URIs and e-mail addresses.
    /// A reference `word_` or `word__` at `i` (docutils' `refname` whole construct).
    fn word(&mut self, i: usize, to: usize, parent: NodeId, text_start: usize) -> Option<usize> {
        let before = self.ch_before(i);
        if !start_ok_before(before) || self.escaped(i) {
            return None;
        }
        let rest = &self.t.s[i..to];
        // A simple name: alphanumerics joined by single `-`, `.`, `_`, `+` or `:`. Every start
        // inside one such run ends where the run ends, so each run is read once.
        if i >= self.simple_name_end {
            self.simple_name_end = i + simple_name_len(rest);
        }
        let k = self.simple_name_end - i;
        let b = rest.as_bytes();
        if k == 0 || b.get(k) != Some(&b'_') || self.escaped(i + k) {
            return None;
        }
        let anon = b.get(k + 1) == Some(&b'_');
        let e = k + if anon { 2 } else { 1 };
        if !end_ok_after(self.ch_at(i + e)) {
            return None;
        }
        self.text(text_start, i, parent);
        let word = &rest[..k];
        let span = self.t.span(i, i + e);
        let r = self.p.doc.push(
            parent,
            NodeKind::Reference {
                name: normalize_name(word).into(),
                anonymous: anon,
                target: RefTarget::Unresolved,
            },
            span,
        );
        self.p.doc.push(r, NodeKind::Text(word.into()), self.t.span(i, i + k));
        Some(i + e)
    }

    /// A standalone URI or e-mail address at `i` (docutils' implicit markup, tried on the
    /// text between inline markup): a link, or `None`. The first URI docutils finds in a run
    /// of text with a scheme it does not know ends its search in that run (`dead`).
    fn standalone(
        &mut self,
        i: usize,
        to: usize,
        parent: NodeId,
        text_start: usize,
    ) -> Option<usize> {
        if self.uri_dead == Some(text_start) {
            return None;
        }
        let at_run_start = i == text_start;
        if !(at_run_start || start_ok_before(self.ch_before(i)) && !self.escaped(i)) {
            return None;
        }
        let mut finder = std::mem::take(&mut self.finder);
        let found = finder.at(&Escaped { inl: self, to }, i);
        self.finder = finder;
        let found = found?;
        let raw = &self.t.s[i..found.end];
        let url = match found.colon {
            Some(colon) => {
                if !uri::known_scheme(&self.t.s[i..colon]) {
                    self.uri_dead = Some(text_start);
                    return None;
                }
                unescape(raw)
            }
            None => format!("mailto:{}", unescape(raw)),
        };
        let label = unescape(raw);
        self.text(text_start, i, parent);
        let span = self.t.span(i, found.end);
        self.external_link(parent, url, &label, span);
        Some(found.end)
    }
}

/// The text as docutils' inliner reads it, for [`uri::Finder`]: an escaping backslash is a
/// NUL, and markup may end before one.
struct Escaped<'i, 'p, 's, 't> {
    inl: &'i Inl<'p, 's, 't>,
    to: usize,
}

impl uri::Subject for Escaped<'_, '_, '_, '_> {
    fn byte(&self, k: usize) -> Option<u8> {
        if k >= self.to {
            return None;
        }
        let b = *self.inl.t.s.as_bytes().get(k)?;
        Some(if b == b'\\' && !self.inl.escaped(k) { uri::NUL } else { b })
    }
    fn suffix_ok(&self, k: usize) -> bool {
        k >= self.to || self.byte(k) == Some(uri::NUL) || end_ok_after(self.inl.ch_at(k))
    }
}

/// The name a hyperlink target's text refers to when it is a reference (docutils'
/// `is_reference`: `name_` or `` `a phrase`_ `` after whitespace normalization), escapes
/// removed.
pub(crate) fn reference_name(text: &str) -> Option<String> {
    let norm = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let body = norm.strip_suffix('_')?;
    if !body.is_empty() && simple_name_len(body) == body.len() {
        return Some(body.to_string());
    }
    let phrase = body.strip_prefix('`')?.strip_suffix('`')?;
    if phrase.is_empty() || phrase.starts_with(' ') || phrase.ends_with(char::is_whitespace) {
        return None;
    }
    // The closing backquote is not escaped: an odd run of backslashes before it escapes it.
    let slashes = phrase.len() - phrase.trim_end_matches('\\').len();
    if slashes % 2 == 1 {
        return None;
    }
    Some(unescape(phrase))
}

/// The length of the simple name (docutils' `simplename`) at the start of `s`: alphanumerics
/// joined by single `-`, `.`, `_`, `+` or `:`.
fn simple_name_len(s: &str) -> usize {
    let mut len = 0;
    let mut joiner = None;
    for (off, ch) in s.char_indices() {
        if ch.is_alphanumeric() {
            len = off + ch.len_utf8();
            joiner = None;
        } else if joiner.is_none() && len > 0 && matches!(ch, '-' | '.' | '_' | '+' | ':') {
            joiner = Some(off);
        } else {
            break;
        }
    }
    len
}

/// The length of a `:role:` suffix at the start of `s` (docutils' `:simplename:`:
/// alphanumerics joined by single `-`, `_`, `.`, `:` or `+`).
/// The class of the text of a role the blog's plugin registers.
pub(crate) const PLUGIN_ROLE_CLASS: &str = "folio-plugin-role";

fn role_suffix(s: &str) -> Option<usize> {
    let rest = s.strip_prefix(':')?;
    let mut last_alnum = false;
    for (k, c) in rest.char_indices() {
        if c.is_alphanumeric() {
            last_alnum = true;
        } else if c == ':' && last_alnum {
            return Some(k + 2);
        } else if matches!(c, '-' | '_' | '.' | '+') && last_alnum {
            last_alnum = false;
        } else {
            return None;
        }
    }
    None
}

/// Where the role name that starts after the `:` at the start of `s` ends (a byte offset;
/// 1 when there is none). Names are words (any script) joined by `-`, `_`, `.` or `+`.
fn role_name_end(s: &str) -> usize {
    let mut end = 1;
    for (k, c) in s.char_indices().skip(1) {
        if !(c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '+')) {
            break;
        }
        end = k + c.len_utf8();
    }
    end
}

fn fix_uri(u: String) -> String {
    if u.contains('@') && !u.contains(':') && !u.contains('/') {
        format!("mailto:{u}")
    } else {
        u
    }
}

/// Removes backslash escapes (an escaped whitespace disappears with its backslash).
pub(crate) fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars();
    while let Some(c) = it.next() {
        if c == '\\' {
            match it.next() {
                Some(n) if n.is_whitespace() => {}
                Some(n) => out.push(n),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// docutils' `fully_normalize_name`: lowercase, whitespace collapsed.
pub(crate) fn normalize_name(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_ascii() {
        out.make_ascii_lowercase();
        out
    } else {
        // `str::to_lowercase` knows a final sigma; lowering char by char would not.
        out.to_lowercase()
    }
}

/// The canonical names of the roles docutils registers and implements.
const IMPLEMENTED_ROLES: &[&str] = &[
    "abbreviation",
    "acronym",
    "code",
    "emphasis",
    "literal",
    "math",
    "pep-reference",
    "raw",
    "rfc-reference",
    "strong",
    "subscript",
    "superscript",
    "title-reference",
];

/// Whether docutils registers the canonical role `name` (implemented or not).
pub(crate) fn is_docutils_role(name: &str) -> bool {
    IMPLEMENTED_ROLES.contains(&name) || UNIMPLEMENTED_ROLES.contains(&name)
}

/// The roles docutils registers without implementing them: using one is an error.
const UNIMPLEMENTED_ROLES: &[&str] = &[
    "index",
    "named-reference",
    "anonymous-reference",
    "uri-reference",
    "footnote-reference",
    "citation-reference",
    "substitution-reference",
    "target",
    "restructuredtext-unimplemented-role",
];

/// The role name as written in interpreted text `raw` (`:name:`text`` or `` `text`:name: ``).
fn written_role_name(raw: &str) -> &str {
    if let Some(rest) = raw.strip_prefix(':') {
        rest.find(":`").map_or("", |k| &rest[..k])
    } else {
        let body = raw.strip_suffix(':').unwrap_or(raw);
        body.rfind("`:").map_or("", |k| &body[k + 2..])
    }
}
