//! The measuring corpus: Pygments' own token dumps (`tests/examplefiles/<lexer>/*.output`
//! in its sdist, found through `ORACLE_SDISTS`) and Folio's samples with dumps made by the
//! real Pygments (`tests/samples/<alias>/*.output`, `tools/generate.py samples`).

use std::path::{Path, PathBuf};

use folio_highlight::TokenType;

/// The languages measured: the alias Folio is asked for and the examplefiles folder.
pub(crate) const LANGUAGES: &[(&str, Option<&str>)] = &[
    ("python", Some("python")),
    ("pycon", Some("pycon")),
    ("console", Some("console")),
    ("bash", Some("bash")),
    ("text", Some("text")),
    ("json", Some("json")),
    ("yaml", Some("yaml")),
    ("toml", Some("toml")),
    ("ini", Some("ini")),
    ("javascript", Some("js")),
    ("typescript", Some("ts")),
    ("html", Some("html")),
    ("css", Some("css")),
    ("xml", Some("xml")),
    ("c", Some("c")),
    ("cpp", Some("cpp")),
    ("java", Some("java")),
    ("go", Some("go")),
    ("diff", None),
    ("sql", None),
    ("docker", Some("docker")),
    ("make", Some("make")),
    ("nginx", Some("nginx")),
    ("latex", None),
    ("erlang", Some("erlang")),
    ("haskell", Some("haskell")),
    ("kotlin", Some("kotlin")),
    ("powershell", Some("powershell")),
    ("swift", Some("swift")),
    ("rust", Some("rust")),
    ("ruby", Some("rb")),
    ("php", Some("php")),
    ("scala", Some("scala")),
    ("elixir", Some("elixir")),
    ("common-lisp", Some("common-lisp")),
    ("elisp", Some("emacs")),
    ("groff", Some("groff")),
    ("rst", Some("rst")),
];

/// One file's expected tokens.
pub(crate) struct Sample {
    pub path: PathBuf,
    pub tokens: Vec<(TokenType, String)>,
}

impl Sample {
    pub(crate) fn text(&self) -> String {
        self.tokens.iter().map(|t| t.1.as_str()).collect()
    }
}

/// Pygments' examplefiles folder; fails with the way to get it when absent.
pub(crate) fn examplefiles() -> PathBuf {
    let examples = folio_test_support::oracle_sdist("pygments-").join("tests/examplefiles");
    assert!(examples.is_dir(), "no tests/examplefiles in {}", examples.display());
    examples
}

/// Every sample of `alias`: its examplefiles dumps, then Folio's own.
pub(crate) fn samples(alias: &str, folder: Option<&str>, examples: &Path) -> Vec<Sample> {
    let mut dirs = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/samples").join(alias)];
    if let Some(f) = folder {
        dirs.insert(0, examples.join(f));
    }
    let mut out = Vec::new();
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "output"))
            .collect();
        paths.sort();
        for path in paths {
            let dump = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            let tokens = parse_dump(&dump).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            out.push(Sample { path, tokens });
        }
    }
    out
}

/// Reads a dump: per token a Python string literal, spaces, the type name, a newline.
pub(crate) fn parse_dump(dump: &str) -> Result<Vec<(TokenType, String)>, String> {
    let mut out = Vec::new();
    let mut rest = dump;
    loop {
        rest = rest.trim_start_matches('\n');
        if rest.is_empty() {
            return Ok(out);
        }
        let (value, after) = parse_repr(rest)?;
        let line_end = after.find('\n').unwrap_or(after.len());
        let name = after[..line_end].trim();
        out.push((TokenType::from_name(name), value));
        rest = &after[line_end..];
    }
}

fn parse_repr(s: &str) -> Result<(String, &str), String> {
    let mut chars = s.char_indices();
    let quote = match chars.next() {
        Some((_, q @ ('\'' | '"'))) => q,
        _ => return Err(format!("expected a string literal at {:?}", &s[..s.len().min(30)])),
    };
    let mut value = String::new();
    while let Some((i, c)) = chars.next() {
        match c {
            c if c == quote => return Ok((value, &s[i + 1..])),
            '\\' => {
                let (_, e) = chars.next().ok_or("unfinished escape")?;
                let hex = |n: usize, chars: &mut std::str::CharIndices| -> Result<char, String> {
                    let digits: String = (0..n).filter_map(|_| chars.next().map(|c| c.1)).collect();
                    u32::from_str_radix(&digits, 16)
                        .ok()
                        .and_then(char::from_u32)
                        .ok_or(format!("bad escape {digits:?}"))
                };
                value.push(match e {
                    'n' => '\n',
                    't' => '\t',
                    'r' => '\r',
                    '\\' => '\\',
                    '\'' => '\'',
                    '"' => '"',
                    'x' => hex(2, &mut chars)?,
                    'u' => hex(4, &mut chars)?,
                    'U' => hex(8, &mut chars)?,
                    other => return Err(format!("unknown escape \\{other}")),
                });
            }
            c => value.push(c),
        }
    }
    Err("unterminated string literal".into())
}

/// Characters of `sample` whose class Folio's `alias` lexer gives as Pygments does, and
/// the total; also checks that Folio's tokens cover the text exactly.
pub(crate) fn agreement(alias: &str, sample: &Sample) -> (usize, usize) {
    let text = sample.text();
    let ours = folio_highlight::tokens(alias, &text);
    let joined: String = ours.iter().map(|t| t.1).collect();
    assert_eq!(joined, text, "{}: Folio's tokens must cover the text", sample.path.display());
    let per_char = |toks: &mut dyn Iterator<Item = (TokenType, &str)>| -> Vec<&'static str> {
        toks.flat_map(|(t, s)| std::iter::repeat_n(t.class(), s.chars().count())).collect()
    };
    let expected = per_char(&mut sample.tokens.iter().map(|(t, s)| (*t, s.as_str())));
    let got = per_char(&mut ours.into_iter());
    let same = expected.iter().zip(&got).filter(|(a, b)| a == b).count();
    if std::env::var_os("FIDELITY_DIFF").is_some() {
        // The first characters classed differently, with some text around them.
        let chars: Vec<char> = text.chars().collect();
        let mut shown = 0;
        let mut k = 0;
        while k < expected.len() && shown < 8 {
            if expected[k] != got[k] {
                let around: String =
                    chars[k.saturating_sub(15)..(k + 15).min(chars.len())].iter().collect();
                println!(
                    "      at {k}: pygments {:?}, folio {:?} in {around:?}",
                    expected[k], got[k]
                );
                shown += 1;
                k += 15;
            }
            k += 1;
        }
    }
    (same, expected.len())
}
