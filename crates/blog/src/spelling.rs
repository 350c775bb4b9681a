//! Spell checking a post as the window and `folio check --spelling` do: the post's
//! language, the system's Hunspell dictionaries, and the blog's own words in
//! `.folio/words.txt` (kept in the blog, so they travel with git).

use std::collections::{BTreeSet, HashMap};
use std::ops::Range;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use serde::Serialize;
use ts_rs::TS;

use folio_rst::{parse_with, prose, LineIndex, Stage};
use folio_spelling::{Checker, Dictionary};

use crate::atomic_write::write_atomic;
use crate::error::{io, Error, Result};
use crate::post::rst_head;
use crate::Blog;

/// Where the blog's own words are, relative to its root.
pub const BLOG_WORDS: &str = ".folio/words.txt";

/// Header fields whose text is prose; the others (slug, tags, date, ...) are names.
const PROSE_FIELDS: [&str; 3] = ["title", "summary", "description"];

/// The language when neither the post, the blog nor the system names one.
const FALLBACK_LANGUAGE: &str = "en_US";

/// One misspelt word.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SpellingFinding {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
    /// Where the word starts and ends in the line, in UTF-16 units (what the editor counts).
    pub from_utf16: u32,
    /// See `from_utf16`.
    pub to_utf16: u32,
    /// The word as written.
    pub word: String,
    /// The languages it was checked in (`en_US`, or `en_US+de_DE`).
    pub language: String,
    /// Corrections, best first (empty when not asked for).
    pub suggestions: Vec<String>,
}

/// The Hunspell dictionaries installed on this computer, each read once and then shared.
pub struct Dictionaries {
    folders: Vec<PathBuf>,
    loaded: Mutex<HashMap<String, Arc<Dictionary>>>,
}

impl Dictionaries {
    /// The dictionaries in `FOLIO_HUNSPELL_DIR` (folders separated by `:`) when set, else
    /// in the system's folders (`/usr/share/hunspell`, `/usr/share/myspell`).
    pub fn system() -> Dictionaries {
        let folders = match std::env::var_os("FOLIO_HUNSPELL_DIR") {
            Some(dirs) => std::env::split_paths(&dirs).collect(),
            None => ["/usr/share/hunspell", "/usr/share/myspell", "/usr/share/myspell/dicts"]
                .into_iter()
                .map(PathBuf::from)
                .collect(),
        };
        Dictionaries::in_folders(folders)
    }

    /// The dictionaries in these folders.
    pub fn in_folders(folders: Vec<PathBuf>) -> Dictionaries {
        Dictionaries { folders, loaded: Mutex::new(HashMap::new()) }
    }

    /// The dictionary for `language` (`de`, `de-DE`, `de_DE`, `pt_BR`), read on first use.
    /// A bare language takes its main country's (`de` → `de_DE`, `en` → `en_US`), else the
    /// first installed.
    pub fn load(&self, language: &str) -> Result<Arc<Dictionary>> {
        let (dic, aff, name) = self.find(language)?;
        if let Some(found) = self.cached(&name) {
            return Ok(found);
        }
        let aff_bytes = std::fs::read(&aff).map_err(io("read", &aff))?;
        let dic_bytes = std::fs::read(&dic).map_err(io("read", &dic))?;
        let dictionary = Dictionary::from_hunspell(&name, &aff_bytes, &dic_bytes)
            .map_err(|source| Error::Dictionary { path: dic.clone(), source })?;
        let dictionary = Arc::new(dictionary);
        if let Ok(mut loaded) = self.loaded.lock() {
            loaded.insert(name, dictionary.clone());
        }
        Ok(dictionary)
    }

    fn cached(&self, name: &str) -> Option<Arc<Dictionary>> {
        self.loaded.lock().ok()?.get(name).cloned()
    }

    /// The `.dic` and `.aff` files and the dictionary's own name for `language`.
    fn find(&self, language: &str) -> Result<(PathBuf, PathBuf, String)> {
        let normalized = normalize_language(language);
        let (lang, region) = match normalized.split_once('_') {
            Some((l, r)) => (l.to_string(), Some(r.to_string())),
            None => (normalized.clone(), None),
        };
        let main_region = match lang.as_str() {
            "en" => "US".to_string(),
            "pt" => "PT".to_string(),
            other => other.to_ascii_uppercase(),
        };
        let mut names: Vec<String> = Vec::new();
        if let Some(region) = &region {
            names.push(format!("{lang}_{region}"));
        }
        names.push(lang.clone());
        names.push(format!("{lang}_{main_region}"));
        for name in &names {
            for folder in &self.folders {
                let (dic, aff) =
                    (folder.join(format!("{name}.dic")), folder.join(format!("{name}.aff")));
                if dic.is_file() && aff.is_file() {
                    return Ok((dic, aff, name.clone()));
                }
            }
        }
        // Any country's dictionary for the language, in a stable order.
        for folder in &self.folders {
            let Ok(entries) = std::fs::read_dir(folder) else { continue };
            let mut found: Vec<String> = entries
                .filter_map(|e| e.ok()?.file_name().into_string().ok())
                .filter_map(|n| n.strip_suffix(".dic").map(str::to_string))
                .filter(|n| {
                    n.starts_with(&format!("{lang}_")) && folder.join(format!("{n}.aff")).is_file()
                })
                .collect();
            found.sort();
            if let Some(name) = found.into_iter().next() {
                return Ok((
                    folder.join(format!("{name}.dic")),
                    folder.join(format!("{name}.aff")),
                    name,
                ));
            }
        }
        let package = match &region {
            Some(r) if lang != "fr" => format!("{lang}-{}", r.to_ascii_lowercase()),
            _ if lang == "de" || lang == "en" => {
                format!("{lang}-{}", main_region.to_ascii_lowercase())
            }
            _ => lang.clone(),
        };
        Err(Error::NoDictionary {
            language: language.to_string(),
            searched: self
                .folders
                .iter()
                .map(|f| f.display().to_string())
                .collect::<Vec<_>>()
                .join(", "),
            package,
        })
    }
}

/// `de-de`, `de_DE.UTF-8`, `DE` → `de_DE`, `de_DE`, `de`.
fn normalize_language(language: &str) -> String {
    let bare = language.trim().split(['.', '@']).next().unwrap_or_default().replace('-', "_");
    match bare.split_once('_') {
        Some((l, r)) => format!("{}_{}", l.to_ascii_lowercase(), r.to_ascii_uppercase()),
        None => bare.to_ascii_lowercase(),
    }
}

/// The language of the system, from `LC_ALL`, `LC_MESSAGES` or `LANG` (`C` and `POSIX`
/// name none).
pub fn system_language() -> Option<String> {
    ["LC_ALL", "LC_MESSAGES", "LANG"].into_iter().find_map(|var| {
        let value = std::env::var(var).ok()?;
        let lang = normalize_language(&value);
        (!lang.is_empty() && lang != "c" && lang != "posix").then_some(lang)
    })
}

/// The `:lang:` field of a reST post's header, if it has one.
pub fn post_language(text: &str) -> Option<String> {
    rst_head(text).lines().find_map(|line| {
        let rest = line.trim().strip_prefix(':')?;
        let (name, value) = rest.split_once(':')?;
        let value = value.trim();
        (name.trim().eq_ignore_ascii_case("lang") && !value.is_empty()).then(|| value.to_string())
    })
}

/// The byte ranges of `text` (a reST post) to spell-check: its prose, and of its header
/// only the fields that are prose (the title, the summary).
pub fn prose_ranges(text: &str) -> Vec<Range<usize>> {
    let (doc, _) = parse_with(text, Stage::Parsed);
    let header_end = rst_head(text).len();
    prose::ranges(&doc)
        .into_iter()
        .filter(|p| match p.field_name {
            Some(name) if (p.span.start as usize) < header_end => {
                let name = text.get(name.start as usize..name.end as usize).unwrap_or_default();
                PROSE_FIELDS.iter().any(|f| f.eq_ignore_ascii_case(name.trim()))
            }
            _ => true,
        })
        .map(|p| p.span.start as usize..p.span.end as usize)
        .collect()
}

/// What to check a post with.
#[derive(Clone, Debug, Default)]
pub struct SpellingOptions {
    /// Languages to check in, overriding the post's, the blog's and the system's: a word is
    /// right when any of them accepts it.
    pub languages: Vec<String>,
    /// Whether to look up corrections for each misspelt word (slower: tens of ms a word).
    pub suggestions: bool,
}

impl Blog {
    /// The languages a post is checked in: `options.languages` when given, else the post's
    /// `:lang:`, else the blog's `DEFAULT_LANG`, else the system's, else English.
    pub fn spelling_languages(&self, text: &str, options: &SpellingOptions) -> Vec<String> {
        if !options.languages.is_empty() {
            return options.languages.clone();
        }
        let lang = post_language(text)
            .or_else(|| self.conf.default_lang.clone())
            .or_else(system_language)
            .unwrap_or_else(|| FALLBACK_LANGUAGE.to_string());
        vec![lang]
    }

    /// The words the writer added to the blog's dictionary ([`BLOG_WORDS`]); none when the
    /// file does not exist.
    pub fn read_blog_words(&self) -> Result<Vec<String>> {
        let path = self.root.join(BLOG_WORDS);
        match std::fs::read_to_string(&path) {
            Ok(text) => Ok(words_of_file(&text)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
            Err(e) => Err(io("read", &path)(e)),
        }
    }

    /// Adds `word` to the blog's dictionary, one word a line in sorted order, written
    /// atomically (the folder `.folio` is made when missing).
    pub fn add_blog_word(&self, word: &str) -> Result<()> {
        let word = word.trim();
        if word.is_empty() || word.contains(char::is_whitespace) {
            return Err(Error::NotAWord(word.to_string()));
        }
        let mut words: BTreeSet<String> = self.read_blog_words()?.into_iter().collect();
        words.insert(word.to_string());
        let path = self.root.join(BLOG_WORDS);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(io("create folder", dir))?;
        }
        let mut text = String::new();
        for w in words {
            text.push_str(&w);
            text.push('\n');
        }
        write_atomic(&path, text.as_bytes())
    }

    /// A speller for the post `text` of this blog, in [`Blog::spelling_languages`] with the
    /// blog's words.
    pub fn post_speller(&self, text: &str, dictionaries: &Dictionaries) -> Result<PostSpeller> {
        let languages = self.spelling_languages(text, &SpellingOptions::default());
        PostSpeller::new(&languages, self.read_blog_words()?, dictionaries)
    }

    /// The misspellings in `text`, a reST post of this blog, in order: in
    /// [`Blog::spelling_languages`], with the blog's words accepted.
    pub fn check_spelling(
        &self,
        text: &str,
        dictionaries: &Dictionaries,
        options: &SpellingOptions,
    ) -> Result<Vec<SpellingFinding>> {
        let languages = self.spelling_languages(text, options);
        check_text(text, &languages, self.read_blog_words()?, dictionaries, options.suggestions)
    }
}

/// The languages a post outside any blog is checked in: `options.languages`, else its
/// `:lang:`, else the system's, else English.
pub fn languages_without_blog(text: &str, options: &SpellingOptions) -> Vec<String> {
    if !options.languages.is_empty() {
        return options.languages.clone();
    }
    let lang = post_language(text).or_else(system_language);
    vec![lang.unwrap_or_else(|| FALLBACK_LANGUAGE.to_string())]
}

/// The misspellings in the prose of `text` (a reST post) in `languages`, accepting the
/// `accepted` words, in order; with corrections when `suggestions` is set.
pub fn check_text(
    text: &str,
    languages: &[String],
    accepted: Vec<String>,
    dictionaries: &Dictionaries,
    suggestions: bool,
) -> Result<Vec<SpellingFinding>> {
    let mut speller = PostSpeller::new(languages, accepted, dictionaries)?;
    let mut found = speller.check(text, None);
    if suggestions {
        let mut suggested: HashMap<String, Vec<String>> = HashMap::new();
        for f in &mut found {
            f.suggestions =
                suggested.entry(f.word.clone()).or_insert_with(|| speller.suggest(&f.word)).clone();
        }
    }
    Ok(found)
}

/// The spell checker of the post being edited: its languages' dictionaries, the blog's
/// words and what it has already decided, so re-checking changed lines is a few lookups.
pub struct PostSpeller {
    languages: Vec<String>,
    checker: Checker,
}

/// 1-based lines, both included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lines {
    /// The first line.
    pub first: u32,
    /// The last line.
    pub last: u32,
}

impl PostSpeller {
    /// A speller for `languages` (loading their dictionaries), accepting `accepted`.
    pub fn new(
        languages: &[String],
        accepted: Vec<String>,
        dictionaries: &Dictionaries,
    ) -> Result<Self> {
        let loaded = languages.iter().map(|l| dictionaries.load(l)).collect::<Result<Vec<_>>>()?;
        Ok(PostSpeller { languages: languages.to_vec(), checker: Checker::new(loaded, accepted) })
    }

    /// The languages it checks in, as asked for.
    pub fn languages(&self) -> &[String] {
        &self.languages
    }

    /// The misspellings of `text` in `lines` (all of it when `None`), without suggestions.
    /// The whole text is parsed (prose depends on what comes before), only those lines' words
    /// are checked.
    pub fn check(&mut self, text: &str, lines: Option<Lines>) -> Vec<SpellingFinding> {
        let index = LineIndex::new(text);
        let mut ranges = prose_ranges(text);
        if let Some(lines) = lines {
            let start =
                index.line_start(lines.first.saturating_sub(1)).unwrap_or(u32::MAX) as usize;
            let end = index.line_start(lines.last).map_or(text.len(), |s| s as usize);
            ranges = ranges
                .into_iter()
                .filter_map(|r| {
                    let (s, e) = (r.start.max(start), r.end.min(end));
                    // Cut on a word boundary: at a line's start or end, never inside a word.
                    (s < e).then_some(s..e)
                })
                .collect();
        }
        let language = self.checker.language();
        self.checker
            .misspellings(text, &ranges)
            .into_iter()
            .map(|m| {
                let from = index.line_col(text, m.range.start as u32);
                let to = index.line_col(text, m.range.end as u32);
                SpellingFinding {
                    line: from.line + 1,
                    column: from.col + 1,
                    from_utf16: from.col_utf16,
                    to_utf16: to.col_utf16,
                    word: m.word,
                    language: language.clone(),
                    suggestions: Vec::new(),
                }
            })
            .collect()
    }

    /// Corrections for `word`, best first.
    pub fn suggest(&self, word: &str) -> Vec<String> {
        self.checker.suggest(word)
    }

    /// Accepts `word` from now on (ignored, or added to the blog's dictionary).
    pub fn accept(&mut self, word: &str) {
        self.checker.accept(word);
    }
}

/// The window's spell checking: the installed dictionaries and the speller of the post
/// being edited, made again when the blog or the post's languages change. Shared between
/// the window's commands (each runs off the UI thread).
pub struct SpellingSession {
    dictionaries: Dictionaries,
    current: Mutex<Option<(PathBuf, PostSpeller)>>,
}

impl SpellingSession {
    /// A session over `dictionaries`.
    pub fn new(dictionaries: Dictionaries) -> SpellingSession {
        SpellingSession { dictionaries, current: Mutex::new(None) }
    }

    /// The misspellings of `text`, a post of `blog`, in `lines` (all when `None`).
    pub fn check(
        &self,
        blog: &Blog,
        text: &str,
        lines: Option<Lines>,
    ) -> Result<Vec<SpellingFinding>> {
        let languages = blog.spelling_languages(text, &SpellingOptions::default());
        let mut current = self.current.lock().unwrap_or_else(|p| p.into_inner());
        let fits = current
            .as_ref()
            .is_some_and(|(root, speller)| root == blog.root() && speller.languages() == languages);
        if !fits {
            let speller =
                PostSpeller::new(&languages, blog.read_blog_words()?, &self.dictionaries)?;
            *current = Some((blog.root().to_path_buf(), speller));
        }
        match current.as_mut() {
            Some((_, speller)) => Ok(speller.check(text, lines)),
            None => Ok(Vec::new()),
        }
    }

    /// Corrections for `word` in the current post's languages.
    pub fn suggest(&self, word: &str) -> Vec<String> {
        let current = self.current.lock().unwrap_or_else(|p| p.into_inner());
        current.as_ref().map(|(_, speller)| speller.suggest(word)).unwrap_or_default()
    }

    /// Accepts `word` until the window closes (or the post's languages change).
    pub fn ignore(&self, word: &str) {
        let mut current = self.current.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((_, speller)) = current.as_mut() {
            speller.accept(word);
        }
    }

    /// Adds `word` to `blog`'s dictionary and accepts it from now on.
    pub fn add_to_blog(&self, blog: &Blog, word: &str) -> Result<()> {
        blog.add_blog_word(word)?;
        self.ignore(word);
        Ok(())
    }
}

/// One word a line; blank lines and `#` comments are skipped.
fn words_of_file(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_are_normalized_from_tags_and_locales() {
        assert_eq!(normalize_language("de-de"), "de_DE");
        assert_eq!(normalize_language("pt_BR.UTF-8"), "pt_BR");
        assert_eq!(normalize_language("FR"), "fr");
        assert_eq!(normalize_language("en_GB@euro"), "en_GB");
    }

    #[test]
    fn the_post_language_is_read_from_its_header_only() {
        assert_eq!(post_language(":title: T\n:lang: de\n\nText\n").as_deref(), Some("de"));
        assert_eq!(
            post_language(":title: T\n\nText.\n\n:lang: de\n"),
            None,
            "after the header it is body text"
        );
    }

    #[test]
    fn header_fields_other_than_title_and_summary_are_not_checked() {
        let text = ":title: Teh title\n:slug: teh-slug\n:tags: tagg\n\nBody.\n";
        let checked: Vec<&str> = prose_ranges(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(checked, ["Teh title", "Body."]);
    }
}
