//! Which files Pelican reads as articles and pages: the walk of `ARTICLE_PATHS` and
//! `PAGE_PATHS` that `Generator.get_files` does, pruning the folders `ARTICLE_EXCLUDES`
//! and `PAGE_EXCLUDES` name (each also holds the other kind's paths) and every folder and
//! file whose name matches an `IGNORE_FILES` pattern (`fnmatch`, case-sensitive, as on
//! Linux and macOS).
//!
//! Pelican's default `IGNORE_FILES`, `['**/.*']`, is matched against bare names, which
//! have no `/`: it ignores nothing, so Pelican reads hidden files and folders too.
//!
//! Pure: the caller walks the folders and asks.

use serde_json::{Map, Value};

/// Article or page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContentKind {
    /// Read from `ARTICLE_PATHS`.
    Article,
    /// Read from `PAGE_PATHS`.
    Page,
}

/// The settings this module reads.
pub const SETTINGS: [&str; 5] =
    ["ARTICLE_PATHS", "ARTICLE_EXCLUDES", "PAGE_PATHS", "PAGE_EXCLUDES", "IGNORE_FILES"];

/// The walk's rules, paths relative to the content folder, `/`-separated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentFiles {
    /// `ARTICLE_PATHS` (`""` is the content folder itself).
    pub article_paths: Vec<String>,
    /// `ARTICLE_EXCLUDES`, with `PAGE_PATHS` added.
    pub article_excludes: Vec<String>,
    /// `PAGE_PATHS`.
    pub page_paths: Vec<String>,
    /// `PAGE_EXCLUDES`, with `ARTICLE_PATHS` added.
    pub page_excludes: Vec<String>,
    /// `IGNORE_FILES`.
    pub ignore_files: Vec<String>,
}

impl Default for ContentFiles {
    /// Pelican's defaults.
    fn default() -> Self {
        ContentFiles::new(
            vec![String::new()],
            vec![],
            vec!["pages".into()],
            vec![],
            vec!["**/.*".into()],
        )
    }
}

impl ContentFiles {
    /// The rules from the settings' lists, each kind's paths added to the other's
    /// excludes as Pelican's `configure_settings` adds them.
    pub fn new(
        article_paths: Vec<String>,
        mut article_excludes: Vec<String>,
        page_paths: Vec<String>,
        mut page_excludes: Vec<String>,
        ignore_files: Vec<String>,
    ) -> ContentFiles {
        for path in &page_paths {
            if !article_excludes.contains(path) {
                article_excludes.push(path.clone());
            }
        }
        for path in &article_paths {
            if !page_excludes.contains(path) {
                page_excludes.push(path.clone());
            }
        }
        ContentFiles { article_paths, article_excludes, page_paths, page_excludes, ignore_files }
    }

    /// The rules from the settings as the blog's Python evaluated them; a missing setting,
    /// or one that is not a list of strings, keeps Pelican's default (as Pelican falls back
    /// for a string). Returns the names of those it could not use.
    pub fn from_settings(values: &Map<String, Value>) -> (ContentFiles, Vec<&'static str>) {
        let defaults = ContentFiles::default();
        let mut unusable = Vec::new();
        let mut list = |name: &'static str, default: Vec<String>| match values.get(name) {
            None => default,
            Some(Value::Array(items)) => {
                match items.iter().map(|i| i.as_str().map(str::to_string)).collect() {
                    Some(list) => list,
                    None => {
                        unusable.push(name);
                        default
                    }
                }
            }
            Some(_) => {
                unusable.push(name);
                default
            }
        };
        let files = ContentFiles::new(
            list("ARTICLE_PATHS", defaults.article_paths),
            list("ARTICLE_EXCLUDES", vec![]),
            list("PAGE_PATHS", defaults.page_paths),
            list("PAGE_EXCLUDES", vec![]),
            list("IGNORE_FILES", defaults.ignore_files),
        );
        (files, unusable)
    }

    /// The paths a kind is read from.
    pub fn paths(&self, kind: ContentKind) -> &[String] {
        match kind {
            ContentKind::Article => &self.article_paths,
            ContentKind::Page => &self.page_paths,
        }
    }

    /// Whether the walk for `kind` leaves out the folder `dir` (relative to the content
    /// folder) and all below it: an exclude names it, or an ignore pattern its name.
    pub fn prunes(&self, kind: ContentKind, dir: &str) -> bool {
        let excludes = match kind {
            ContentKind::Article => &self.article_excludes,
            ContentKind::Page => &self.page_excludes,
        };
        let name = dir.rsplit('/').next().unwrap_or(dir);
        excludes.iter().any(|e| normalize(e) == dir) || self.ignores(name)
    }

    /// Whether a file or folder called `name` matches an `IGNORE_FILES` pattern.
    pub fn ignores(&self, name: &str) -> bool {
        self.ignore_files.iter().any(|pattern| fnmatch(name, pattern))
    }
}

/// A path as `os.path.join(PATH, e)` and `os.path.split` leave it to compare with a
/// folder: no `./`, no trailing `/`.
fn normalize(path: &str) -> &str {
    let path = path.strip_prefix("./").unwrap_or(path);
    path.trim_end_matches('/')
}

/// Python's `fnmatch.fnmatchcase`: `*` any run (`/` included), `?` one character,
/// `[…]` a set (`[!…]` its complement, ranges), the whole name matched. Linear in the
/// product of the lengths: the last `*` is the only backtracking point.
pub fn fnmatch(name: &str, pattern: &str) -> bool {
    let name: Vec<char> = name.chars().collect();
    let pattern: Vec<char> = pattern.chars().collect();
    let (mut n, mut p) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while n < name.len() {
        if p < pattern.len() && pattern[p] == '*' {
            star = Some((p, n));
            p += 1;
            continue;
        }
        if p < pattern.len() {
            if let Some((matched, next)) = one(&pattern, p, name[n]) {
                if matched {
                    n += 1;
                    p = next;
                    continue;
                }
            }
        }
        match star {
            Some((sp, sn)) => {
                star = Some((sp, sn + 1));
                p = sp + 1;
                n = sn + 1;
            }
            None => return false,
        }
    }
    pattern[p..].iter().all(|&c| c == '*')
}

/// Whether the pattern item at `p` matches `c`, and where the next item starts.
fn one(pattern: &[char], p: usize, c: char) -> Option<(bool, usize)> {
    match pattern[p] {
        '?' => Some((true, p + 1)),
        '[' => match set(pattern, p + 1) {
            Some(set) => {
                let inside = set.ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi);
                Some((inside != set.negated, set.next))
            }
            // An unclosed `[` is a literal.
            None => Some((c == '[', p + 1)),
        },
        literal => Some((c == literal, p + 1)),
    }
}

/// A `[…]` set of a pattern.
struct CharSet {
    /// `[!…]`.
    negated: bool,
    /// Inclusive ranges (a single character is a range of one).
    ranges: Vec<(char, char)>,
    /// The index after its `]`.
    next: usize,
}

/// The set starting just after a `[`, or `None` when no `]` closes it.
fn set(pattern: &[char], start: usize) -> Option<CharSet> {
    let mut i = start;
    let negated = pattern.get(i) == Some(&'!');
    if negated {
        i += 1;
    }
    let mut items = Vec::new();
    let first = i;
    loop {
        let c = *pattern.get(i)?;
        if c == ']' && i > first {
            return Some(CharSet { negated, ranges: items, next: i + 1 });
        }
        if pattern.get(i + 1) == Some(&'-') && pattern.get(i + 2).is_some_and(|&e| e != ']') {
            items.push((c, pattern[i + 2]));
            i += 3;
        } else {
            items.push((c, c));
            i += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnmatch_matches_whole_names_as_python_does() {
        assert!(fnmatch(".#draft.rst", ".#*"));
        assert!(fnmatch("notes.txt", "*.txt"));
        assert!(!fnmatch("notes.txt.bak", "*.txt"));
        assert!(fnmatch("a1.md", "a[0-9].md"));
        assert!(!fnmatch("ab.md", "a[!a-z].md"));
        assert!(fnmatch("x]", "x]"));
        assert!(fnmatch("[x", "[x"), "an unclosed bracket is a literal");
        assert!(!fnmatch(".hidden", "**/.*"), "a bare name has no slash");
        assert!(fnmatch("a/.b", "**/.*"));
        assert!(fnmatch("aaaaaaaaaaaaaaaaaaaaaaaaaaaaab", "*a*a*a*a*a*a*a*b"));
    }

    #[test]
    fn each_kinds_paths_are_excluded_from_the_other_walk() {
        let files = ContentFiles::new(
            vec!["posts".into()],
            vec!["posts/old".into()],
            vec!["pages".into()],
            vec![],
            vec!["_*".into()],
        );
        assert!(files.prunes(ContentKind::Article, "posts/old"));
        assert!(files.prunes(ContentKind::Article, "pages"));
        assert!(files.prunes(ContentKind::Page, "posts"));
        assert!(files.prunes(ContentKind::Page, "pages/_drafts"), "ignored by name");
        assert!(!files.prunes(ContentKind::Article, "posts/new"));
        assert!(ContentFiles::default().paths(ContentKind::Article) == [String::new()]);
    }
}
