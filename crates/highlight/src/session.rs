//! Console sessions: prompts and output around code lexed by the session's language.
//! `pycon` (Python's `>>>`/`...` prompts, tracebacks) and `console` (a shell's `$`/`#`
//! prompts, `> ` continuations), as Pygments' session lexers do: the code of consecutive
//! prompts is lexed as one text, then the prompts are put back in between.

use std::ops::Range;
use std::sync::OnceLock;

use regex_automata::meta::Regex;
use regex_automata::{Anchored, Input};

use crate::engine::Action::{By, Tok};
use crate::engine::Part::T as P;
use crate::engine::{self, r, Compiled, Grammar, Rule};
use crate::token_type::TokenType as T;
use crate::Language;

/// Marks a Python console's code in the first pass (Pygments' `Other.Code`).
pub(crate) const CODE: T = T::Escape;
/// Marks a traceback in the first pass (Pygments' `Other.Traceback`).
const TRACEBACK: T = T::Token;

const PYCON: Grammar =
    &[("root", PYCON_ROOT), ("continuations", PYCON_MORE), ("traceback", PYCON_TB)];

const PYCON_ROOT: &[Rule] = &[
    r(r"(>>> )(.*\n)", By(&[P(T::GenericPrompt), P(CODE)]), "continuations"),
    r(r"(>>>)(\n)", By(&[P(T::GenericPrompt), P(T::TextWhitespace)]), ""),
    r(r"(?:\^C)?Traceback \(most recent call last\):\n", Tok(TRACEBACK), "traceback"),
    r(r#"  File "[^"]+", line \d+"#, Tok(TRACEBACK), "traceback"),
    r(r".*\n", Tok(T::GenericOutput), ""),
];

const PYCON_MORE: &[Rule] = &[
    r(r"(\.\.\. )(.*\n)", By(&[P(T::GenericPrompt), P(CODE)]), ""),
    r(r"(\.\.\.)(\n)", By(&[P(T::GenericPrompt), P(T::TextWhitespace)]), ""),
    r("", Tok(T::Text), "#pop"),
];

const PYCON_TB: &[Rule] = &[
    r(r"(?=>>>(?: |$))", Tok(T::Text), "#pop"),
    r(r"(KeyboardInterrupt)(\n)", By(&[P(T::NameClass), P(T::TextWhitespace)]), ""),
    r(r".*\n", Tok(TRACEBACK), ""),
];

fn pycon() -> Option<&'static Compiled> {
    static C: OnceLock<Option<Compiled>> = OnceLock::new();
    C.get_or_init(|| engine::compile(PYCON).ok()).as_ref()
}

/// A Python console session.
pub(crate) fn python_console(
    text: &str,
    range: Range<usize>,
    depth: usize,
    out: &mut Vec<engine::Tok>,
) {
    let Some(outer) = pycon() else {
        out.push((T::Text, range));
        return;
    };
    let mut first = Vec::new();
    outer.lex(text, range, depth, &mut first);
    let mut second = Vec::new();
    delegate(text, &first, TRACEBACK, Language::PythonTraceback, depth, &mut second);
    delegate(text, &second, CODE, Language::Python, depth, out);
}

/// Replaces the tokens of type `needle` by the tokens of their concatenated text lexed
/// as `lang` (cut where the pieces join), keeping the others in place.
pub(crate) fn delegate(
    text: &str,
    toks: &[engine::Tok],
    needle: T,
    lang: Language,
    depth: usize,
    out: &mut Vec<engine::Tok>,
) {
    let pieces: Vec<Range<usize>> =
        toks.iter().filter(|t| t.0 == needle).map(|t| t.1.clone()).collect();
    let buffer: String = pieces.iter().map(|p| &text[p.clone()]).collect();
    let mut inner = Vec::new();
    crate::lex_into(lang, &buffer, 0..buffer.len(), depth + 1, &mut inner);
    // Where each piece starts in the buffer.
    let mut starts = Vec::with_capacity(pieces.len());
    let mut at = 0;
    for p in &pieces {
        starts.push(at);
        at += p.len();
    }
    let mut inner = inner.into_iter().peekable();
    let mut piece = 0;
    for (t, range) in toks {
        if *t != needle {
            out.push((*t, range.clone()));
            continue;
        }
        let (b_start, b_end) = (starts[piece], starts[piece] + range.len());
        piece += 1;
        while let Some((it, ir)) = inner.peek().cloned() {
            if ir.start >= b_end {
                break;
            }
            let s = ir.start.max(b_start);
            let e = ir.end.min(b_end);
            if s < e {
                out.push((it, range.start + s - b_start..range.start + e - b_start));
            }
            if ir.end <= b_end {
                inner.next();
            } else {
                break;
            }
        }
    }
}

fn shell_regexes() -> Option<&'static (Regex, Regex)> {
    static R: OnceLock<Option<(Regex, Regex)>> = OnceLock::new();
    R.get_or_init(|| {
        let venv = Regex::new(r"^(\([^)]*\))(\s*)").ok()?;
        let ps1 = Regex::new(
            r"^((?:(?:\[.*?\])|(?:\(\S+\))?(?:| |sh\S*?|\w+\S+[@:]\S+(?:\s+\S+)?|\[\S+[@:][^\n]+\].+))\s*[$#%]\s*)(.*\n?)",
        )
        .ok()?;
        Some((venv, ps1))
    })
    .as_ref()
}

/// A shell session (Pygments' `console`): lines after a prompt are Bash, lines ending
/// in a backslash continue (after an optional `> `), the rest is output.
pub(crate) fn shell_session(
    text: &str,
    range: Range<usize>,
    depth: usize,
    out: &mut Vec<engine::Tok>,
) {
    let Some((venv, ps1)) = shell_regexes() else {
        out.push((T::Text, range));
        return;
    };
    let mut group: Vec<engine::Tok> = Vec::new();
    let mut continuation = false;
    let mut line_start = range.start;
    while line_start < range.end {
        let line_end =
            text[line_start..range.end].find('\n').map_or(range.end, |p| line_start + p + 1);
        let mut at = line_start;
        let line = &text[line_start..line_end];
        let mut prefix = Vec::new();
        if let Some(c) = venv.captures_iter(Input::new(line).anchored(Anchored::Yes)).next() {
            if let (Some(g1), Some(g2)) = (c.get_group(1), c.get_group(2)) {
                prefix.push((T::GenericPromptVirtualEnv, at + g1.start..at + g1.end));
                if !g2.is_empty() {
                    prefix.push((T::Text, at + g2.start..at + g2.end));
                }
                at += g2.end;
            }
        }
        let rest = &text[at..line_end];
        let prompt = ps1.captures_iter(Input::new(rest).anchored(Anchored::Yes)).next();
        if let Some(c) = prompt.as_ref().and_then(|c| Some((c.get_group(1)?, c.get_group(2)?))) {
            group.extend(prefix);
            group.push((T::GenericPrompt, at + c.0.start..at + c.0.end));
            group.push((CODE, at + c.1.start..at + c.1.end));
            continuation = text[..line_end].ends_with("\\\n");
        } else if continuation {
            group.extend(prefix);
            if rest.starts_with("> ") {
                group.push((T::GenericPrompt, at..at + 2));
                at += 2;
            }
            group.push((CODE, at..line_end));
            continuation = text[..line_end].ends_with("\\\n");
        } else {
            delegate(text, &group, CODE, Language::Bash, depth, out);
            group.clear();
            out.extend(prefix);
            out.push((T::GenericOutput, at..line_end));
        }
        line_start = line_end;
    }
    delegate(text, &group, CODE, Language::Bash, depth, out);
}

fn make_regexes() -> Option<&'static (Regex, Regex)> {
    static R: OnceLock<Option<(Regex, Regex)>> = OnceLock::new();
    R.get_or_init(|| {
        let special = Regex::new(
            r"^(?:\.\s*(?:include|undef|error|warning|if|else|elif|endif|for|endfor)|\s*(?:ifeq|ifneq|ifdef|ifndef|else|endif|-?include|define|endef|:|vpath)|\s*(?:if|else|endif))\s",
        )
        .ok()?;
        let comment = Regex::new(r"^\s*@?#").ok()?;
        Some((special, comment))
    })
    .as_ref()
}

/// A makefile (Pygments' `make`): conditional and include lines (with their
/// continuations) are preprocessor comments, comment lines comments, the rest is lexed
/// as one text by the `basemake` grammar.
pub(crate) fn makefile(text: &str, range: Range<usize>, depth: usize, out: &mut Vec<engine::Tok>) {
    let Some((special, comment)) = make_regexes() else {
        out.push((T::Text, range));
        return;
    };
    let mut toks = Vec::new();
    let mut continued = false;
    let mut start = range.start;
    while start < range.end {
        let end = text[start..range.end].find('\n').map_or(range.end, |p| start + p + 1);
        let line = &text[start..end];
        if continued || special.is_match(Input::new(line).anchored(Anchored::Yes)) {
            toks.push((T::CommentPreproc, start..end));
            continued = line.trim_end().ends_with('\\');
        } else if comment.is_match(Input::new(line).anchored(Anchored::Yes)) {
            toks.push((T::Comment, start..end));
        } else {
            toks.push((CODE, start..end));
        }
        start = end;
    }
    delegate(text, &toks, CODE, Language::BaseMake, depth, out);
}
