//! The rule engine: a grammar is a set of named states, each an ordered list of rules
//! (pattern, what to emit, where to go next), run the way Pygments runs a `RegexLexer`:
//! at each position the first rule of the top state that matches wins; with none, one
//! character becomes an `Error` token (a newline instead resets to `root`).
//!
//! Each state's patterns are compiled into one multi-pattern regex searched anchored at
//! the position, so a step costs one linear-time automaton run whatever the number of
//! rules. Patterns are `regex` syntax with multi-line `^`/`$`; a rule may end in one
//! lookahead group `(?=…)` or `(?!…)`, which the engine checks as a second anchored
//! match at the end of the first (the `regex` engines have no lookaround).

use std::ops::Range;
use std::sync::OnceLock;

use regex_automata::meta::{self, Regex};
use regex_automata::util::syntax;
use regex_automata::{Anchored, Input, MatchKind, PatternID};

use crate::token_type::TokenType;
use crate::Language;

/// What a rule turns its match into.
#[derive(Clone, Copy)]
pub(crate) enum Action {
    /// The whole match is one token.
    Tok(TokenType),
    /// Capture group `k + 1` gets part `k`; text outside the groups becomes `Text`.
    By(&'static [Part]),
    /// The whole match is lexed by another language from its root state.
    Using(Language),
    /// The rules of another state of the same grammar, spliced in here.
    Include(&'static str),
    /// A here-document: the match's first group is the terminator word; the token runs
    /// on to its next occurrence (at least one character later), or the rule fails.
    Heredoc(TokenType),
    /// The whole match is one token, typed by whether it is in a word set.
    Listed(&'static WordSet),
}

/// Types for the words of some sets and another for the rest: Pygments' lexers that
/// retype a name found in a set afterwards (Swift's Cocoa names, PHP's functions, Lisp's
/// builtins).
pub(crate) struct WordSet {
    /// Word lists, each sorted (`str` order) for a binary search, with their types; the
    /// first list holding the word decides, as in Pygments' chains of `if value in …`.
    pub(crate) sets: &'static [(&'static [&'static str], TokenType)],
    pub(crate) other: TokenType,
}

impl WordSet {
    fn type_of(&self, word: &str) -> TokenType {
        self.sets
            .iter()
            .find(|(words, _)| words.binary_search(&word).is_ok())
            .map_or(self.other, |s| s.1)
    }

    /// Whether every list is sorted, as the binary search needs.
    #[cfg(test)]
    pub(crate) fn is_sorted(&self) -> bool {
        self.sets.iter().all(|(words, _)| words.windows(2).all(|w| w[0] < w[1]))
    }
}

/// One capture group's share of a `By` action.
#[derive(Clone, Copy)]
pub(crate) enum Part {
    /// The group is one token.
    T(TokenType),
    /// The group is one token, typed by whether it is in a word set.
    L(&'static WordSet),
    /// The group is lexed by another language.
    U(Language),
    /// The group is lexed by this grammar with the named state pushed on `root`
    /// (Pygments' `using(this, state=…)`).
    S(&'static str),
}

/// One rule: `next` is `""` (stay), state names to push separated by spaces, `#pop`,
/// `#pop:N` or `#push`, in any sequence (`"#pop string"`).
#[derive(Clone, Copy)]
pub(crate) struct Rule {
    pub(crate) pattern: &'static str,
    pub(crate) action: Action,
    pub(crate) next: &'static str,
}

/// Shorthand for table entries.
pub(crate) const fn r(pattern: &'static str, action: Action, next: &'static str) -> Rule {
    Rule { pattern, action, next }
}

/// A language's rules: its states by name; lexing starts in `root`.
pub(crate) type Grammar = &'static [(&'static str, &'static [Rule])];

/// A lexed token: its type and byte range in the lexed text.
pub(crate) type Tok = (TokenType, Range<usize>);

/// The deepest the state stack grows; pushes beyond it are dropped. Pygments has no
/// limit; a grammar pushing on every token (`#push` in nested brackets) of a large
/// machine-written file would otherwise grow the stack with the input.
const MAX_STACK: usize = 64;

/// How many matches in a row may leave the position unchanged (state changes only)
/// before the engine treats the character as unmatched. Bounds a grammar whose empty
/// rules go round in a cycle of states.
const MAX_EMPTY_STEPS: usize = 16;

#[derive(Clone, Copy)]
enum Op {
    Push(usize),
    Pop(usize),
    PushTop,
}

struct CompiledRule {
    /// A leading one-character lookbehind: (the character's pattern, must match).
    behind: Option<(Regex, bool)>,
    action: Action,
    ops: Vec<Op>,
    /// The pattern alone, for capture groups and for trying the rules after one whose
    /// lookahead failed.
    /// Built on first use: most rules never need it, and building is most of the cost
    /// of compiling a grammar.
    alone: OnceLock<Option<Regex>>,
    pattern: String,
    /// The trailing lookahead, if any.
    ahead: Option<Ahead>,
}

/// How a rule's trailing lookahead is checked.
enum Ahead {
    /// `X(?=Y)` runs as `(?:X)(Y)`, so the choice inside `X` is the one that lets `Y`
    /// follow, as with backtracking; the match ends where this capture group starts.
    Group(usize),
    /// `X(?!Y)`: `Y` must not match where `X` ends.
    Not(Regex),
}

impl CompiledRule {
    fn alone(&self) -> Option<&Regex> {
        self.alone.get_or_init(|| build(&[&self.pattern]).ok()).as_ref()
    }
}

struct State {
    /// All the rules' patterns as one regex, built when the state is first entered.
    all: OnceLock<Option<Regex>>,
    patterns: Vec<String>,
    rules: Vec<CompiledRule>,
}

/// A grammar made ready to run.
pub(crate) struct Compiled {
    states: Vec<State>,
    /// The states' names, for `Part::S`.
    names: Vec<&'static str>,
}

/// Why a grammar did not compile: a mistake in Folio's tables, found by a test.
#[derive(Debug)]
pub(crate) struct GrammarError(pub(crate) String);

impl std::fmt::Display for GrammarError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "a grammar does not compile: {}", self.0)
    }
}

/// The most memory one state's lazy DFA may use (`regex-automata`'s default is 2 MiB).
/// A state whose rules hold many Unicode classes (Scala's identifiers) needs more than
/// the default just to start; without it every search runs on the much slower NFA
/// simulation. Memory is taken as states are built, not up front.
const HYBRID_CACHE: usize = 16 << 20;

fn syntax_config() -> syntax::Config {
    syntax::Config::new().multi_line(true)
}

fn build<P: AsRef<str> + std::fmt::Debug>(patterns: &[P]) -> Result<Regex, GrammarError> {
    Regex::builder()
        .configure(
            meta::Config::new()
                .match_kind(MatchKind::LeftmostFirst)
                .hybrid_cache_capacity(HYBRID_CACHE),
        )
        .syntax(syntax_config())
        .build_many(patterns)
        .map_err(|e| GrammarError(format!("{patterns:?}: {e}")))
}

/// Splits a leading `(?<=…)`/`(?<!…)` group off a pattern; it must match one character.
fn split_lookbehind(pattern: &str) -> (Option<(&str, bool)>, &str) {
    let positive = pattern.starts_with("(?<=");
    if !positive && !pattern.starts_with("(?<!") {
        return (None, pattern);
    }
    let b = pattern.as_bytes();
    let mut depth = 0;
    let mut i = 0;
    let mut in_class = false;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 1,
            b'[' if !in_class => in_class = true,
            b']' if in_class => in_class = false,
            b'(' if !in_class => depth += 1,
            b')' if !in_class => {
                depth -= 1;
                if depth == 0 {
                    return (Some((&pattern[4..i], positive)), &pattern[i + 1..]);
                }
            }
            _ => {}
        }
        i += 1;
    }
    (None, pattern)
}

/// Splits a trailing `(?=…)`/`(?!…)` group off a pattern.
fn split_lookahead(pattern: &str) -> (&str, Option<(&str, bool)>) {
    if !pattern.ends_with(')') {
        return (pattern, None);
    }
    // Find the group that closes at the end, skipping escaped characters and classes.
    let b = pattern.as_bytes();
    let mut opens: Vec<usize> = Vec::new();
    let mut last_open = None;
    let mut i = 0;
    let mut in_class = false;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 1,
            b'[' if !in_class => in_class = true,
            b']' if in_class => in_class = false,
            b'(' if !in_class => opens.push(i),
            b')' if !in_class => last_open = opens.pop(),
            _ => {}
        }
        i += 1;
    }
    match last_open {
        Some(start)
            if pattern[start..].starts_with("(?=") || pattern[start..].starts_with("(?!") =>
        {
            let positive = b[start + 2] == b'=';
            (&pattern[..start], Some((&pattern[start + 3..pattern.len() - 1], positive)))
        }
        _ => (pattern, None),
    }
}

fn flatten(
    grammar: Grammar,
    name: &str,
    out: &mut Vec<Rule>,
    depth: usize,
) -> Result<(), GrammarError> {
    let rules = grammar
        .iter()
        .find(|s| s.0 == name)
        .ok_or_else(|| GrammarError(format!("no state {name:?}")))?
        .1;
    if depth > 8 {
        return Err(GrammarError(format!("includes nest too deep at {name:?}")));
    }
    for rule in rules {
        match rule.action {
            Action::Include(other) => flatten(grammar, other, out, depth + 1)?,
            _ => out.push(*rule),
        }
    }
    Ok(())
}

/// Compiles every state of `grammar`.
pub(crate) fn compile(grammar: Grammar) -> Result<Compiled, GrammarError> {
    if grammar.first().map(|s| s.0) != Some("root") {
        return Err(GrammarError("the first state must be root".into()));
    }
    let index = |name: &str| {
        grammar
            .iter()
            .position(|s| s.0 == name)
            .ok_or_else(|| GrammarError(format!("no state {name:?}")))
    };
    let mut states = Vec::with_capacity(grammar.len());
    for (name, _) in grammar {
        let mut flat = Vec::new();
        flatten(grammar, name, &mut flat, 0)?;
        let mut patterns = Vec::with_capacity(flat.len());
        let mut rules = Vec::with_capacity(flat.len());
        for rule in &flat {
            let (behind, pattern) = split_lookbehind(rule.pattern);
            let behind = match behind {
                Some((x, positive)) => Some((build(&[format!("^(?:{x})$")])?, positive)),
                None => None,
            };
            let (main, ahead) = split_lookahead(pattern);
            let (main, ahead) = match ahead {
                Some((y, true)) => {
                    let groups = build(&[main])?.group_info().group_len(PatternID::ZERO);
                    (format!("(?:{main})({y})"), Some(Ahead::Group(groups)))
                }
                Some((y, false)) => (main.to_string(), Some(Ahead::Not(build(&[y])?))),
                None => (main.to_string(), None),
            };
            let mut ops = Vec::new();
            for word in rule.next.split_whitespace() {
                ops.push(match word {
                    "#pop" => Op::Pop(1),
                    "#push" => Op::PushTop,
                    w if w.starts_with("#pop:") => Op::Pop(
                        w[5..].parse().map_err(|_| GrammarError(format!("bad next {w:?}")))?,
                    ),
                    w => Op::Push(index(w)?),
                });
            }
            rules.push(CompiledRule {
                behind,
                action: rule.action,
                ops,
                alone: OnceLock::new(),
                pattern: main.clone(),
                ahead,
            });
            patterns.push(main);
        }
        states.push(State { all: OnceLock::new(), patterns, rules });
    }
    Ok(Compiled { states, names: grammar.iter().map(|s| s.0).collect() })
}

/// Compiles `grammar` and every rule's own regex (built lazily when lexing), so a test
/// finds any mistake in the tables.
#[cfg(test)]
pub(crate) fn check(grammar: Grammar) -> Result<(), GrammarError> {
    for state in compile(grammar)?.states {
        build(&state.patterns)?;
        for rule in state.rules {
            build(&[&rule.pattern])?;
        }
    }
    Ok(())
}

impl Compiled {
    /// The first rule of `state` matching at `pos`, with its match end. A match that is
    /// empty and changes no state would loop, so it counts as no match.
    /// Also returns where the match of the pattern itself ends (beyond the rule's match
    /// when it has a lookahead).
    fn step(&self, state: &State, text: &str, pos: usize) -> Option<(usize, usize, usize)> {
        let input = Input::new(text).range(pos..).anchored(Anchored::Yes);
        let m = state.all.get_or_init(|| build(&state.patterns).ok()).as_ref()?.search(&input)?;
        let k = m.pattern().as_usize();
        if let Some(end) = self.accepts(&state.rules[k], text, pos, m.end()) {
            return Some((k, end, m.end()));
        }
        // The lookahead (or emptiness) ruled the winner out: try the later rules alone.
        for (j, rule) in state.rules.iter().enumerate().skip(k + 1) {
            if let Some(m) = rule.alone().and_then(|re| re.search(&input)) {
                if let Some(end) = self.accepts(rule, text, pos, m.end()) {
                    return Some((j, end, m.end()));
                }
            }
        }
        None
    }

    /// Where the match of `rule` from `pos` to `end` really ends, if the rule holds.
    fn accepts(&self, rule: &CompiledRule, text: &str, pos: usize, end: usize) -> Option<usize> {
        if let Some((re, positive)) = &rule.behind {
            let before =
                text[..pos].chars().next_back().map_or("", |c| &text[pos - c.len_utf8()..pos]);
            if re.is_match(before) != *positive {
                return None;
            }
        }
        if end == pos && rule.ops.is_empty() {
            return None;
        }
        let end = match &rule.ahead {
            None => end,
            Some(Ahead::Not(re)) => {
                let input = Input::new(text).range(end..).anchored(Anchored::Yes);
                if re.is_match(input) {
                    return None;
                }
                end
            }
            Some(Ahead::Group(k)) => groups(rule.alone()?, text, pos..end, *k)?[*k].clone()?.start,
        };
        if end == pos && rule.ops.is_empty() {
            return None;
        }
        if let Action::Heredoc(_) = rule.action {
            let word = &text[groups(rule.alone()?, text, pos..end, 1)?[1].clone()?];
            let from = end + text[end..].chars().next()?.len_utf8();
            return text[from..].find(word).map(|p| from + p + word.len());
        }
        Some(end)
    }

    /// Lexes `text[range]` from the root state, appending tokens that cover the range.
    pub(crate) fn lex(&self, text: &str, range: Range<usize>, depth: usize, out: &mut Vec<Tok>) {
        self.lex_from(text, range, None, depth, out);
    }

    /// [`Compiled::lex`] with state `first` (an index) pushed on `root` at the start.
    fn lex_from(
        &self,
        text: &str,
        range: Range<usize>,
        first: Option<usize>,
        depth: usize,
        out: &mut Vec<Tok>,
    ) {
        let mut stack: Vec<usize> = vec![0];
        stack.extend(first);
        let mut pos = range.start;
        let end = range.end;
        let mut empty_steps = 0;
        // Searches run on the range only, so `$` and `\z` see its end.
        let text = &text[..end];
        while pos < end {
            let state = &self.states[stack.last().copied().unwrap_or(0)];
            let found =
                if empty_steps >= MAX_EMPTY_STEPS { None } else { self.step(state, text, pos) };
            let Some((k, stop, full)) = found else {
                empty_steps = 0;
                let len = text[pos..].chars().next().map_or(1, char::len_utf8);
                if text.as_bytes()[pos] == b'\n' {
                    stack.truncate(1);
                    out.push((TokenType::TextWhitespace, pos..pos + 1));
                } else {
                    out.push((TokenType::Error, pos..pos + len));
                }
                pos += len;
                continue;
            };
            let rule = &state.rules[k];
            self.emit(rule, text, pos..stop, full, depth, out);
            for op in &rule.ops {
                match *op {
                    Op::Push(s) if stack.len() < MAX_STACK => stack.push(s),
                    Op::PushTop if stack.len() < MAX_STACK => {
                        let top = stack.last().copied().unwrap_or(0);
                        stack.push(top);
                    }
                    Op::Pop(n) => {
                        // Pygments never pops the last state.
                        let keep = stack.len().saturating_sub(n).max(1);
                        stack.truncate(keep);
                    }
                    _ => {}
                }
            }
            empty_steps = if stop == pos { empty_steps + 1 } else { 0 };
            pos = stop;
        }
    }

    fn emit(
        &self,
        rule: &CompiledRule,
        text: &str,
        m: Range<usize>,
        full: usize,
        depth: usize,
        out: &mut Vec<Tok>,
    ) {
        if m.is_empty() {
            return;
        }
        match rule.action {
            Action::Tok(t) | Action::Heredoc(t) => out.push((t, m)),
            Action::Listed(set) => out.push((set.type_of(&text[m.clone()]), m)),
            Action::Using(lang) => crate::lex_into(lang, text, m, depth + 1, out),
            Action::By(parts) => {
                let Some(found) =
                    rule.alone().and_then(|re| groups(re, text, m.start..full, parts.len()))
                else {
                    out.push((TokenType::Text, m));
                    return;
                };
                let mut at = m.start;
                for (k, part) in parts.iter().enumerate() {
                    let Some(g) = found.get(k + 1).cloned().flatten() else { continue };
                    if g.start < at || g.is_empty() {
                        continue;
                    }
                    if g.start > at {
                        out.push((TokenType::Text, at..g.start));
                    }
                    match *part {
                        Part::T(t) => out.push((t, g.clone())),
                        Part::L(set) => out.push((set.type_of(&text[g.clone()]), g.clone())),
                        Part::U(lang) => crate::lex_into(lang, text, g.clone(), depth + 1, out),
                        Part::S(name) => {
                            let first = self.names.iter().position(|n| *n == name);
                            if first.is_none() || depth >= crate::MAX_NESTING {
                                out.push((TokenType::Text, g.clone()));
                            } else {
                                self.lex_from(text, g.clone(), first, depth + 1, out);
                            }
                        }
                    }
                    at = g.end;
                }
                if at < m.end {
                    out.push((TokenType::Text, at..m.end));
                }
            }
            Action::Include(_) => out.push((TokenType::Text, m)),
        }
    }
}

/// The most capture groups a rule may use (the largest grammar rule has 8).
const MAX_GROUPS: usize = 16;

/// The ranges of capture groups `0..=last` of `re` matched anchored on exactly `range`,
/// found without allocating; `None` if it does not match or has too many groups.
fn groups(
    re: &Regex,
    text: &str,
    range: Range<usize>,
    last: usize,
) -> Option<[Option<Range<usize>>; MAX_GROUPS]> {
    if last >= MAX_GROUPS {
        return None;
    }
    let mut slots = [None; 2 * MAX_GROUPS];
    let input = Input::new(text).range(range).anchored(Anchored::Yes);
    re.search_slots(&input, &mut slots[..2 * (last + 1)])?;
    let mut out: [Option<Range<usize>>; MAX_GROUPS] = Default::default();
    for (k, g) in out.iter_mut().enumerate().take(last + 1) {
        if let (Some(a), Some(b)) = (slots[2 * k], slots[2 * k + 1]) {
            *g = Some(a.get()..b.get());
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::split_lookahead;

    #[test]
    fn a_leading_lookbehind_is_split_off() {
        use super::split_lookbehind;
        assert_eq!(split_lookbehind(r"(?<=\w)[>!?]"), (Some((r"\w", true)), "[>!?]"));
        assert_eq!(split_lookbehind(r"(?<![(])x"), (Some(("[(]", false)), "x"));
        assert_eq!(split_lookbehind(r"(a)b"), (None, "(a)b"));
    }

    #[test]
    fn a_trailing_lookahead_is_split_off_and_a_middle_group_is_not() {
        assert_eq!(split_lookahead(r"def(?=\s)"), ("def", Some((r"\s", true))));
        assert_eq!(split_lookahead(r"a(?!b)"), ("a", Some(("b", false))));
        assert_eq!(split_lookahead(r"(a)(b)"), (r"(a)(b)", None));
        assert_eq!(split_lookahead(r"x[(?=]"), (r"x[(?=]", None));
    }
}
