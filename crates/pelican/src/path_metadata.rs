//! The metadata a post gets from its path and from the settings, before its own fields:
//! what Pelican's `Readers.read_file` gathers from `default_metadata` (`DEFAULT_METADATA`,
//! `DEFAULT_CATEGORY`, a fixed `DEFAULT_DATE`), `path_metadata` (`DEFAULT_DATE = 'fs'`,
//! `EXTRA_PATH_METADATA`) and `parse_path_metadata` (`FILENAME_METADATA`,
//! `PATH_METADATA`, `USE_FOLDER_AS_CATEGORY`), in that order, each overriding the one
//! before; the post's own fields then override them all. The slug rules
//! (`SLUGIFY_SOURCE`, `SLUG_REGEX_SUBSTITUTIONS`) and `FORMATTED_FIELDS` come with them.
//!
//! Pure: the caller walks the disk and reads the file's time for `DEFAULT_DATE = 'fs'`.

use std::collections::BTreeMap;

use regex::Regex;
use serde_json::{Map, Value};

use crate::python_regex::{self, Anchor};
use crate::slug::{SlugRules, DEFAULT_SUBSTITUTIONS};

/// Pelican's default `FILENAME_METADATA`.
pub const DEFAULT_FILENAME_METADATA: &str = r"(?P<date>\d{4}-\d{2}-\d{2}).*";

/// The settings this module reads, for saying which ones a blog's Folio honours.
pub const SETTINGS: [&str; 15] = [
    "FILENAME_METADATA",
    "PATH_METADATA",
    "EXTRA_PATH_METADATA",
    "USE_FOLDER_AS_CATEGORY",
    "DEFAULT_CATEGORY",
    "DEFAULT_DATE",
    "DEFAULT_METADATA",
    "SLUGIFY_SOURCE",
    "SLUG_REGEX_SUBSTITUTIONS",
    "SLUG_SUBSTITUTIONS",
    "SLUGIFY_PRESERVE_CASE",
    "SLUGIFY_USE_UNICODE",
    "FORMATTED_FIELDS",
    "CATEGORY_SAVE_AS",
    "WITH_FUTURE_DATES",
];

/// `DEFAULT_DATE`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DefaultDate {
    /// Not set (or false): an article without a date is skipped.
    None,
    /// `'fs'`: the file's modification time.
    FileTime,
    /// A date for every post without one, as `get_date` reads it (a tuple is written out
    /// as ISO 8601).
    Fixed(String),
}

/// What a post's title or file name its slug is made from (`SLUGIFY_SOURCE`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlugSource {
    /// `'title'` (the default).
    Title,
    /// `'basename'`: the file name without its extension.
    Basename,
}

/// A setting Folio could not use, with why; Pelican's default stands in for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingProblem {
    /// The setting's name.
    pub setting: &'static str,
    /// Why, in plain words.
    pub message: String,
}

/// The blog's rules for the metadata a post's path and the settings give it.
#[derive(Debug, Clone)]
pub struct MetadataRules {
    filename: Option<Regex>,
    path: Option<Regex>,
    /// `EXTRA_PATH_METADATA`, sorted by path so the most specific path is applied last.
    extra: Vec<(String, Vec<(String, String)>)>,
    folder_as_category: bool,
    default_category: Option<String>,
    default_date: DefaultDate,
    default_metadata: Vec<(String, String)>,
    slug_source: SlugSource,
    slugs: SlugRules,
    formatted: Vec<String>,
    with_future_dates: bool,
}

impl Default for MetadataRules {
    /// Pelican's defaults.
    fn default() -> Self {
        MetadataRules {
            filename: python_regex::compile(DEFAULT_FILENAME_METADATA, Anchor::Start, false).ok(),
            path: None,
            extra: Vec::new(),
            folder_as_category: true,
            default_category: Some("misc".to_string()),
            default_date: DefaultDate::None,
            default_metadata: Vec::new(),
            slug_source: SlugSource::Title,
            slugs: SlugRules::default(),
            formatted: vec!["summary".to_string()],
            with_future_dates: true,
        }
    }
}

impl MetadataRules {
    /// The rules from every setting as the blog's Python evaluated it (`values`, uppercase
    /// names), Pelican's defaults standing in for missing ones. Also returns the settings
    /// it could not use (a pattern the `regex` crate cannot run, a value of the wrong
    /// type), each left at its default.
    pub fn from_settings(values: &Map<String, Value>) -> (MetadataRules, Vec<SettingProblem>) {
        let mut rules = MetadataRules::default();
        let mut problems = Vec::new();
        let mut problem = |setting: &'static str, message: String| {
            problems.push(SettingProblem { setting, message });
        };

        for (setting, field) in
            [("FILENAME_METADATA", &mut rules.filename), ("PATH_METADATA", &mut rules.path)]
        {
            match values.get(setting) {
                None => {}
                Some(Value::Null) => *field = None,
                Some(Value::String(p)) if p.is_empty() => *field = None,
                Some(Value::String(p)) => match python_regex::compile(p, Anchor::Start, false) {
                    Ok(re) => *field = Some(re),
                    Err(e) => {
                        *field = None;
                        problem(setting, format!("{e}; Folio reads no metadata from it"));
                    }
                },
                Some(_) => problem(setting, "not a string".into()),
            }
        }

        if let Some(value) = values.get("EXTRA_PATH_METADATA") {
            match value {
                Value::Object(map) => {
                    let mut extra: Vec<_> = map
                        .iter()
                        .filter_map(|(path, meta)| match meta {
                            Value::Object(meta) => Some((
                                path.trim_end_matches('/').to_string(),
                                meta.iter().map(|(k, v)| (k.clone(), python_str(v))).collect(),
                            )),
                            _ => None,
                        })
                        .collect();
                    extra.sort_by(|a: &(String, _), b| a.0.cmp(&b.0));
                    rules.extra = extra;
                }
                Value::Null => {}
                _ => problem("EXTRA_PATH_METADATA", "not a dictionary".into()),
            }
        }

        // Pelican gives the folder and the default category only with category pages on.
        let categories = values.get("CATEGORY_SAVE_AS").is_none_or(truthy);
        rules.folder_as_category =
            categories && values.get("USE_FOLDER_AS_CATEGORY").is_none_or(truthy);
        rules.default_category = match values.get("DEFAULT_CATEGORY") {
            _ if !categories => None,
            None => rules.default_category,
            Some(v) => Some(python_str(v).trim().to_string()).filter(|c| !c.is_empty()),
        };

        rules.default_date = match values.get("DEFAULT_DATE") {
            Some(v) if !truthy(v) => DefaultDate::None,
            None => DefaultDate::None,
            Some(Value::String(s)) if s == "fs" => DefaultDate::FileTime,
            Some(Value::String(s)) => DefaultDate::Fixed(s.clone()),
            Some(Value::Array(parts)) => match tuple_date(parts) {
                Some(date) => DefaultDate::Fixed(date),
                None => {
                    problem("DEFAULT_DATE", "not a date tuple (year, month, day, …)".into());
                    DefaultDate::None
                }
            },
            Some(_) => {
                problem("DEFAULT_DATE", "neither 'fs', a date nor a tuple".into());
                DefaultDate::None
            }
        };

        rules.default_metadata = match values.get("DEFAULT_METADATA") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Object(map)) => {
                map.iter().map(|(k, v)| (k.clone(), python_str(v))).collect()
            }
            // `dict(...)` of pairs.
            Some(Value::Array(pairs)) => pairs
                .iter()
                .filter_map(|pair| match pair.as_array().map(Vec::as_slice) {
                    Some([k, v]) => Some((python_str(k), python_str(v))),
                    _ => None,
                })
                .collect(),
            Some(_) => {
                problem("DEFAULT_METADATA", "not a dictionary".into());
                Vec::new()
            }
        };

        rules.slug_source = match values.get("SLUGIFY_SOURCE").and_then(Value::as_str) {
            Some("basename") => SlugSource::Basename,
            _ => SlugSource::Title,
        };
        let preserve_case = values.get("SLUGIFY_PRESERVE_CASE").is_some_and(truthy);
        let use_unicode = values.get("SLUGIFY_USE_UNICODE").is_some_and(truthy);
        let substitutions =
            match (values.get("SLUG_REGEX_SUBSTITUTIONS"), values.get("SLUG_SUBSTITUTIONS")) {
                (Some(subs), _) => pairs(subs),
                // Without Pelican the old setting is still in its old form: convert it as
                // Pelican's settings reader does.
                (None, Some(old)) => old_substitutions(old),
                (None, None) => Some(default_substitutions()),
            };
        let built = substitutions
            .ok_or_else(|| "not a list of (pattern, replacement) pairs".to_string())
            .and_then(|subs| {
                SlugRules::new(&subs, preserve_case, use_unicode).map_err(|e| e.to_string())
            });
        match built {
            Ok(slugs) => rules.slugs = slugs,
            Err(message) => problem("SLUG_REGEX_SUBSTITUTIONS", message),
        }

        rules.with_future_dates = values.get("WITH_FUTURE_DATES").is_none_or(truthy);
        match values.get("FORMATTED_FIELDS") {
            None => {}
            Some(Value::Array(items)) => {
                rules.formatted = items.iter().map(|i| python_str(i).to_lowercase()).collect()
            }
            Some(_) => problem("FORMATTED_FIELDS", "not a list".into()),
        }
        (rules, problems)
    }

    /// `DEFAULT_DATE`.
    pub fn default_date(&self) -> &DefaultDate {
        &self.default_date
    }

    /// `WITH_FUTURE_DATES`: when false, Pelican makes an article dated after now a draft.
    pub fn with_future_dates(&self) -> bool {
        self.with_future_dates
    }

    /// Whether Pelican renders the field `name` as markup (`FORMATTED_FIELDS`).
    pub fn is_formatted(&self, name: &str) -> bool {
        let name = name.to_lowercase();
        self.formatted.contains(&name)
    }

    /// The metadata the post at `source_path` (relative to the content folder,
    /// `/`-separated) gets before its own fields, lowercase names to values as written
    /// (dates as `get_date` reads them). `file_time` is the file's modification time as
    /// ISO 8601, used when `DEFAULT_DATE` is `'fs'`.
    pub fn for_path(&self, source_path: &str, file_time: Option<&str>) -> BTreeMap<String, String> {
        let mut meta = BTreeMap::new();
        // default_metadata
        for (name, value) in &self.default_metadata {
            insert_processed(&mut meta, name, value);
        }
        meta.retain(|_, v| v != DISCARDED);
        if let Some(category) = &self.default_category {
            meta.insert("category".to_string(), category.clone());
        }
        if let DefaultDate::Fixed(date) = &self.default_date {
            meta.insert("date".to_string(), date.clone());
        }
        // path_metadata
        if let (DefaultDate::FileTime, Some(time)) = (&self.default_date, file_time) {
            meta.insert("date".to_string(), time.to_string());
            meta.insert("modified".to_string(), time.to_string());
        }
        for (path, extra) in &self.extra {
            let dir = format!("{path}/");
            if source_path == path || source_path.starts_with(&dir) {
                // Pelican applies these values as they are, without processing them.
                meta.extend(extra.iter().cloned());
            }
        }
        // parse_path_metadata: within it the first pattern to give a name wins.
        let (dir, base) = source_path.rsplit_once('/').unwrap_or(("", source_path));
        let stem = match base.rfind('.') {
            Some(dot) if dot > 0 => &base[..dot],
            _ => base,
        };
        let folder = dir.rsplit('/').next().unwrap_or(dir);
        let mut from_path = BTreeMap::new();
        let checks = [(self.filename.as_ref(), stem), (self.path.as_ref(), source_path)];
        for (re, data) in checks {
            let (Some(re), false) = (re, data.is_empty()) else { continue };
            let Some(caps) = re.captures(data) else { continue };
            for name in re.capture_names().flatten() {
                let key = name.to_lowercase();
                // An empty value that processing discards still takes the name.
                if let (Some(value), false) = (caps.name(name), from_path.contains_key(&key)) {
                    insert_processed(&mut from_path, &key, value.as_str());
                }
            }
        }
        if self.folder_as_category && !folder.is_empty() && !from_path.contains_key("category") {
            insert_processed(&mut from_path, "category", folder);
        }
        from_path.retain(|_, v| v != DISCARDED);
        meta.extend(from_path);
        meta
    }

    /// The slug Pelican makes for a post without a `slug` field: from its title, or its
    /// file name with `SLUGIFY_SOURCE = 'basename'`. `None` when the title is missing.
    pub fn slug(&self, title: Option<&str>, source_path: &str) -> Option<String> {
        match self.slug_source {
            SlugSource::Title => title.map(|t| self.slugs.slugify(t)),
            SlugSource::Basename => {
                let base = source_path.rsplit('/').next().unwrap_or(source_path);
                let stem = match base.rfind('.') {
                    Some(dot) if dot > 0 => &base[..dot],
                    _ => base,
                };
                Some(self.slugs.slugify(stem))
            }
        }
    }
}

/// A value Pelican's processing turned into its discard marker.
const DISCARDED: &str = "\u{0}discarded";

/// Stores `value` under `name` as Pelican's metadata processors leave it for the list:
/// `status`, `slug`, `category` and `author` stripped, and when empty Pelican's discard
/// marker, which still takes the name until the caller drops it.
fn insert_processed(meta: &mut BTreeMap<String, String>, name: &str, value: &str) {
    match name {
        "status" | "slug" | "category" | "author" => {
            let value = value.trim();
            if value.is_empty() {
                meta.insert(name.to_string(), DISCARDED.to_string());
            } else {
                meta.insert(name.to_string(), value.to_string());
            }
        }
        _ => {
            meta.insert(name.to_string(), value.to_string());
        }
    }
}

/// Python's truth of a JSON value.
fn truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64() != Some(0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
    }
}

/// `str(value)` for the JSON Folio gets (strings as they are).
fn python_str(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Null => "None".into(),
        other => other.to_string(),
    }
}

/// `datetime.datetime(*parts)` written as ISO 8601.
fn tuple_date(parts: &[Value]) -> Option<String> {
    let numbers: Vec<u64> = parts.iter().map(Value::as_u64).collect::<Option<_>>()?;
    if !(3..=7).contains(&numbers.len()) {
        return None;
    }
    let at = |i: usize| numbers.get(i).copied().unwrap_or(0);
    let mut date =
        format!("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", at(0), at(1), at(2), at(3), at(4), at(5));
    if at(6) != 0 {
        date.push_str(&format!(".{:06}", at(6)));
    }
    Some(date)
}

fn default_substitutions() -> Vec<(String, String)> {
    DEFAULT_SUBSTITUTIONS.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
}

/// A list of `(pattern, replacement)` pairs.
fn pairs(value: &Value) -> Option<Vec<(String, String)>> {
    value
        .as_array()?
        .iter()
        .map(|pair| match pair.as_array().map(Vec::as_slice) {
            Some([Value::String(a), Value::String(b)]) => Some((a.clone(), b.clone())),
            _ => None,
        })
        .collect()
}

/// The old `SLUG_SUBSTITUTIONS` (literal `(from, to[, skip])` triples) as the regex pairs
/// Pelican's settings reader turns it into: the literals escaped, then the default rules
/// (only the stripping ones when any triple says to skip the rest).
fn old_substitutions(value: &Value) -> Option<Vec<(String, String)>> {
    let mut subs = Vec::new();
    let mut replace = true;
    for item in value.as_array()? {
        let parts = item.as_array()?;
        let (from, to) = (parts.first()?.as_str()?, parts.get(1)?.as_str()?);
        if parts.get(2).is_some_and(truthy) {
            replace = false;
        }
        subs.push((regex::escape(from), to.replace('\\', r"\\")));
    }
    if replace {
        subs.extend(default_substitutions());
    } else {
        subs.extend(default_substitutions().into_iter().skip(1).take(2));
    }
    Some(subs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn rules(settings: Value) -> MetadataRules {
        let (rules, problems) = MetadataRules::from_settings(settings.as_object().unwrap());
        assert!(problems.is_empty(), "{problems:?}");
        rules
    }

    fn get<'a>(meta: &'a BTreeMap<String, String>, name: &str) -> Option<&'a str> {
        meta.get(name).map(String::as_str)
    }

    #[test]
    fn the_defaults_date_by_file_name_and_categorize_by_folder() {
        let rules = MetadataRules::default();
        let meta = rules.for_path("python/2020-01-02-post.rst", None);
        assert_eq!(get(&meta, "date"), Some("2020-01-02"));
        assert_eq!(get(&meta, "category"), Some("python"));
        let top = rules.for_path("post.rst", None);
        assert_eq!(get(&top, "category"), Some("misc"), "DEFAULT_CATEGORY at the top");
        assert_eq!(get(&top, "date"), None);
    }

    #[test]
    fn the_file_name_pattern_wins_over_the_path_pattern_and_the_folder() {
        let rules = rules(json!({
            "FILENAME_METADATA": r"(?P<date>\d{4}-\d{2}-\d{2})_(?P<slug>.*)",
            "PATH_METADATA": r"(?P<category>[^/]*)/(?P<Author>[^/]*)/.*",
            "DEFAULT_METADATA": {"status": "draft", "slug": "never"},
            "EXTRA_PATH_METADATA": {"notes/joe": {"status": "hidden"}},
        }));
        let meta = rules.for_path("notes/joe/2021-03-04_hello.md", None);
        assert_eq!(get(&meta, "date"), Some("2021-03-04"));
        assert_eq!(get(&meta, "slug"), Some("hello"), "over DEFAULT_METADATA");
        assert_eq!(get(&meta, "category"), Some("notes"), "PATH_METADATA before the folder");
        assert_eq!(get(&meta, "author"), Some("joe"), "names are lowercased");
        assert_eq!(get(&meta, "status"), Some("hidden"), "EXTRA_PATH_METADATA over defaults");
    }

    #[test]
    fn extra_path_metadata_applies_to_a_folder_and_the_longest_path_last() {
        let rules = rules(json!({
            "EXTRA_PATH_METADATA": {
                "blog/old/x.rst": {"category": "Exact"},
                "blog": {"category": "Blog", "lang": "de"},
                "blog/old": {"category": "Old"},
                "blo": {"category": "Prefix only"},
            },
            "USE_FOLDER_AS_CATEGORY": false,
        }));
        assert_eq!(get(&rules.for_path("blog/old/x.rst", None), "category"), Some("Exact"));
        assert_eq!(get(&rules.for_path("blog/old/y.rst", None), "category"), Some("Old"));
        assert_eq!(get(&rules.for_path("blog/z.rst", None), "lang"), Some("de"));
        assert_eq!(get(&rules.for_path("blogger/z.rst", None), "category"), Some("misc"));
    }

    #[test]
    fn default_date_may_be_the_file_time_a_string_or_a_tuple() {
        let fs = rules(json!({"DEFAULT_DATE": "fs"}));
        let meta = fs.for_path("a.rst", Some("2020-05-06T07:08:09"));
        assert_eq!(get(&meta, "date"), Some("2020-05-06T07:08:09"));
        let tuple = rules(json!({"DEFAULT_DATE": [2019, 2, 3, 10, 30]}));
        assert_eq!(get(&tuple.for_path("a.rst", None), "date"), Some("2019-02-03T10:30:00"));
        let named = rules(json!({"DEFAULT_DATE": "2018-01-01"}));
        let meta = named.for_path("2020-01-01-a.rst", None);
        assert_eq!(get(&meta, "date"), Some("2020-01-01"), "the file name's date wins");
        assert_eq!(rules(json!({"DEFAULT_DATE": null})).default_date(), &DefaultDate::None);
    }

    #[test]
    fn no_category_pages_means_no_default_or_folder_category() {
        let rules = rules(json!({"CATEGORY_SAVE_AS": ""}));
        assert_eq!(get(&rules.for_path("python/a.rst", None), "category"), None);
    }

    #[test]
    fn an_empty_group_takes_the_name_without_a_value() {
        let rules = rules(json!({"FILENAME_METADATA": r"(?P<category>[a-z]*)-(?P<slug>.*)"}));
        let meta = rules.for_path("folder/-post.rst", None);
        assert_eq!(get(&meta, "category"), Some("misc"), "not the folder: the name is taken");
        assert_eq!(get(&meta, "slug"), Some("post"));
    }

    #[test]
    fn a_pattern_folio_cannot_run_is_reported_and_left_out() {
        let settings = json!({"FILENAME_METADATA": r"(?P<slug>.*)(?=\.draft)"});
        let (rules, problems) = MetadataRules::from_settings(settings.as_object().unwrap());
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].setting, "FILENAME_METADATA");
        assert!(problems[0].message.contains("lookaround"), "{problems:?}");
        assert_eq!(get(&rules.for_path("2020-01-01-x.rst", None), "date"), None);
    }

    #[test]
    fn slugs_follow_slugify_source_and_the_old_substitutions() {
        let basename = rules(json!({"SLUGIFY_SOURCE": "basename"}));
        assert_eq!(basename.slug(Some("Title"), "a/My File.rst").as_deref(), Some("my-file"));
        let old = rules(json!({"SLUG_SUBSTITUTIONS": [["C++", "cpp"]]}));
        assert_eq!(old.slug(Some("Why C++?"), "x.rst").as_deref(), Some("why-cpp"));
        assert_eq!(MetadataRules::default().slug(None, "x.rst"), None);
    }

    #[test]
    fn formatted_fields_come_from_the_setting() {
        let rules = rules(json!({"FORMATTED_FIELDS": ["summary", "Subtitle"]}));
        assert!(rules.is_formatted("subtitle"));
        assert!(!MetadataRules::default().is_formatted("subtitle"));
    }
}
