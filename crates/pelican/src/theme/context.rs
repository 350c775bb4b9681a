//! The context Pelican's writer gives a template: every uppercase setting, the site's
//! contents grouped as its generators group them, and the entry being written.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, OnceLock};

use minijinja::value::Value;
use serde_json::Map;

use super::links::{rewrite, Target};
use super::summary::{strip_toc, truncate_html_words};
use super::url_format::{expand, Field};
use super::values::{moment, ContentValue, DateValue, Moment, NamedValue, WrapperKind};
use super::ThemeError;
use crate::date::PelicanDate;
use crate::strftime::strftime;

/// Pelican's two kinds of content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    /// From `ARTICLE_PATHS`: `article.html`.
    Article,
    /// From `PAGE_PATHS`: `page.html`.
    Page,
}

/// A category, tag or author as written, with the slug Pelican's `slugify` gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    /// As written.
    pub name: String,
    /// Its slug.
    pub slug: String,
}

/// A metadata field's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldValue {
    /// Text (formatted fields such as `summary` as HTML).
    Text(String),
    /// A list field.
    List(Vec<String>),
}

/// One article or page as Pelican's reader and `Content` class leave it.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Article or page.
    pub kind: EntryKind,
    /// Relative to the content folder (`PATH`), `/`-separated.
    pub source_path: String,
    /// The title, as HTML.
    pub title: String,
    /// The body HTML (empty for entries whose body is not needed).
    pub content: String,
    /// The slug.
    pub slug: String,
    /// The `lang` field, when set (else `DEFAULT_LANG`).
    pub lang: Option<String>,
    /// `published`, `hidden` or `draft`.
    pub status: String,
    /// The date, naive unless the text gave an offset.
    pub date: Option<PelicanDate>,
    /// The `modified` date.
    pub modified: Option<PelicanDate>,
    /// The category (the field, the folder, or `DEFAULT_CATEGORY`); pages have none.
    pub category: Option<Named>,
    /// The tags.
    pub tags: Vec<Named>,
    /// The authors (the field, else `AUTHOR`).
    pub authors: Vec<Named>,
    /// Every metadata field as the reader returned it, names lowercased.
    pub fields: Vec<(String, FieldValue)>,
}

/// The settings and every entry of a site.
pub struct Site {
    settings: Arc<Map<String, serde_json::Value>>,
    entries: Vec<Entry>,
    static_files: BTreeSet<String>,
}

/// What an entry's template value holds: the entry and what Pelican computes from it.
#[derive(Debug, Clone)]
pub(crate) struct EntryData {
    pub(crate) source_path: String,
    entry: Entry,
    settings: Arc<Map<String, serde_json::Value>>,
    url: String,
    save_as: String,
    lang: String,
    date_format: String,
    date: Option<Value>,
    modified: Option<Value>,
    locale_date: Option<String>,
    locale_modified: Option<String>,
    category: Option<Value>,
    tags: Vec<Value>,
    authors: Vec<Value>,
    metadata: Value,
    /// The other entries of its translation group (their own `translations` are empty).
    translations: Vec<Value>,
}

fn setting_str<'a>(
    settings: &'a Map<String, serde_json::Value>,
    key: &str,
    default: &'a str,
) -> &'a str {
    settings.get(key).and_then(serde_json::Value::as_str).unwrap_or(default)
}

fn setting_bool(settings: &Map<String, serde_json::Value>, key: &str, default: bool) -> bool {
    match settings.get(key) {
        Some(serde_json::Value::Bool(b)) => *b,
        Some(serde_json::Value::Null) => false,
        Some(serde_json::Value::Number(n)) => n.as_f64() != Some(0.0),
        Some(serde_json::Value::String(s)) => !s.is_empty(),
        Some(serde_json::Value::Array(a)) => !a.is_empty(),
        Some(serde_json::Value::Object(o)) => !o.is_empty(),
        None => default,
    }
}

/// Zones whose offset is always zero: the ones Folio can attach without a zone database.
const UTC_ZONES: [&str; 6] = ["UTC", "Etc/UTC", "GMT", "Etc/GMT", "Universal", "Zulu"];

/// The date as Pelican's `set_date_tzinfo` leaves it: a naive date takes `TIMEZONE` (or the
/// entry's `timezone` field).
fn date_value(date: PelicanDate, zone: &str) -> DateValue {
    match date.utc_offset {
        Some(_) => DateValue { date, zone: None },
        None if UTC_ZONES.contains(&zone) => DateValue {
            date: PelicanDate { utc_offset: Some(0), ..date },
            zone: Some(Arc::from(zone)),
        },
        None => match zone_offset(&date, zone) {
            Some((offset, abbreviation)) => DateValue {
                date: PelicanDate { utc_offset: Some(offset), ..date },
                zone: Some(Arc::from(abbreviation)),
            },
            // A zone the system's database does not know: left naive.
            None => DateValue { date, zone: None },
        },
    }
}

/// The offset (seconds east of UTC) and abbreviation (`CET`) that Python's `zoneinfo`
/// gives the wall time `date` in `zone`: in a repeated hour the earlier offset, in a
/// skipped hour the one before the change (`fold=0`).
fn zone_offset(date: &PelicanDate, zone: &str) -> Option<(i32, String)> {
    use jiff::tz::AmbiguousOffset;
    let tz = jiff::tz::TimeZone::get(zone).ok()?;
    let wall = jiff::civil::DateTime::new(
        i16::try_from(date.year).ok()?,
        i8::try_from(date.month).ok()?,
        i8::try_from(date.day).ok()?,
        i8::try_from(date.hour).ok()?,
        i8::try_from(date.minute).ok()?,
        i8::try_from(date.second).ok()?,
        0,
    )
    .ok()?;
    let offset = match tz.to_ambiguous_timestamp(wall).offset() {
        AmbiguousOffset::Unambiguous { offset } => offset,
        AmbiguousOffset::Gap { before, .. } | AmbiguousOffset::Fold { before, .. } => before,
    };
    let instant = offset.to_timestamp(wall).ok()?;
    let abbreviation = tz.to_offset_info(instant).abbreviation().to_string();
    Some((offset.seconds(), abbreviation))
}

fn wrapper(
    settings: &Map<String, serde_json::Value>,
    kind: WrapperKind,
    named: &Named,
) -> Result<NamedValue, ThemeError> {
    let (url_key, save_key, url_default, save_default) = match kind {
        WrapperKind::Category => {
            ("CATEGORY_URL", "CATEGORY_SAVE_AS", "category/{slug}.html", "category/{slug}.html")
        }
        WrapperKind::Tag => ("TAG_URL", "TAG_SAVE_AS", "tag/{slug}.html", "tag/{slug}.html"),
        WrapperKind::Author => {
            ("AUTHOR_URL", "AUTHOR_SAVE_AS", "author/{slug}.html", "author/{slug}.html")
        }
    };
    let look = |key: &str| match key {
        "slug" => Some(Field::Text(named.slug.as_str())),
        "name" => Some(Field::Text(named.name.as_str())),
        _ => None,
    };
    Ok(NamedValue {
        kind,
        name: named.name.clone(),
        slug: named.slug.clone(),
        url: expand(setting_str(settings, url_key, url_default), look)?,
        save_as: expand(setting_str(settings, save_key, save_default), look)?,
    })
}

impl EntryData {
    fn new(
        entry: Entry,
        settings: &Arc<Map<String, serde_json::Value>>,
    ) -> Result<EntryData, ThemeError> {
        let field = |name: &str| {
            entry.fields.iter().find(|(n, _)| n == name).and_then(|(_, v)| match v {
                FieldValue::Text(t) => Some(t.as_str()),
                FieldValue::List(_) => None,
            })
        };
        let default_lang = setting_str(settings, "DEFAULT_LANG", "en").to_lowercase();
        let lang = entry.lang.clone().unwrap_or_else(|| default_lang.clone());
        let in_default_lang = lang == default_lang;
        let date_format = match field("date_format") {
            Some(f) => f.to_string(),
            None => match settings.get("DATE_FORMATS").and_then(|f| f.get(&lang)) {
                Some(serde_json::Value::String(f)) => f.clone(),
                // `('en_US', '%d %B')`: the locale, then the format.
                Some(serde_json::Value::Array(pair)) => {
                    pair.last().and_then(|f| f.as_str()).unwrap_or_default().to_string()
                }
                _ => setting_str(settings, "DEFAULT_DATE_FORMAT", "%a %d %B %Y").to_string(),
            },
        };
        let zone = field("timezone").unwrap_or_else(|| setting_str(settings, "TIMEZONE", "UTC"));
        let date = entry.date.map(|d| date_value(d, zone));
        let modified = entry.modified.map(|d| date_value(d, zone));
        let locale_date = date.as_ref().map(|d| strftime(&d.date, d.zone.as_deref(), &date_format));
        let locale_modified =
            modified.as_ref().map(|d| strftime(&d.date, d.zone.as_deref(), &date_format));
        let category = entry
            .category
            .as_ref()
            .map(|c| wrapper(settings, WrapperKind::Category, c))
            .transpose()?;
        let authors = entry
            .authors
            .iter()
            .map(|a| wrapper(settings, WrapperKind::Author, a))
            .collect::<Result<Vec<_>, _>>()?;
        let tags = entry
            .tags
            .iter()
            .map(|t| wrapper(settings, WrapperKind::Tag, t))
            .collect::<Result<Vec<_>, _>>()?;
        let class = match (entry.kind, entry.status == "draft") {
            (EntryKind::Article, true) => "DRAFT",
            (EntryKind::Article, false) => "ARTICLE",
            (EntryKind::Page, true) => "DRAFT_PAGE",
            (EntryKind::Page, false) => "PAGE",
        };
        let date_for_url = date.as_ref().map(|d| d.date);
        let expand_key = |key: &str| -> Result<String, ThemeError> {
            if let Some(explicit) = field(key) {
                return Ok(explicit.to_string());
            }
            let setting = if in_default_lang {
                format!("{class}_{}", key.to_uppercase())
            } else {
                format!("{class}_LANG_{}", key.to_uppercase())
            };
            let pattern = setting_str(settings, &setting, "");
            let author = authors.first().map_or("", |a| a.slug.as_str());
            let category_slug = category.as_ref().map_or("", |c| c.slug.as_str());
            let look = |name: &str| match name {
                "path" => Some(Field::Text(entry.source_path.as_str())),
                "slug" => Some(Field::Text(entry.slug.as_str())),
                "lang" => Some(Field::Text(lang.as_str())),
                "date" => date_for_url.as_ref().map(Field::Date),
                "author" => Some(Field::Text(author)),
                "category" => Some(Field::Text(category_slug)),
                other => field(other).map(Field::Text),
            };
            Ok(expand(pattern, look)?)
        };
        let url = expand_key("url")?;
        let save_as = expand_key("save_as")?;
        let metadata: BTreeMap<String, Value> =
            entry.fields.iter().map(|(name, value)| (name.clone(), field_value(value))).collect();
        Ok(EntryData {
            source_path: entry.source_path.clone(),
            url,
            save_as,
            lang,
            date_format,
            date: date.map(Value::from_object),
            modified: modified.map(Value::from_object),
            locale_date,
            locale_modified,
            category: category.map(Value::from_object),
            tags: tags.into_iter().map(Value::from_object).collect(),
            authors: authors.into_iter().map(Value::from_object).collect(),
            metadata: Value::from(metadata),
            translations: Vec::new(),
            settings: Arc::clone(settings),
            entry,
        })
    }

    /// An attribute of Pelican's `Content` object, by name.
    pub(crate) fn attribute(&self, key: &str) -> Option<Value> {
        let e = &self.entry;
        Some(match key {
            "title" => Value::from(e.title.as_str()),
            "content" | "_content" => Value::from(e.content.as_str()),
            "slug" => Value::from(e.slug.as_str()),
            "lang" => Value::from(self.lang.as_str()),
            "status" => Value::from(e.status.as_str()),
            "source_path" | "relative_source_path" => Value::from(e.source_path.as_str()),
            "url" => Value::from(self.url.as_str()),
            "save_as" => Value::from(self.save_as.as_str()),
            "date_format" => Value::from(self.date_format.as_str()),
            "in_default_lang" => Value::from(
                self.lang == setting_str(&self.settings, "DEFAULT_LANG", "en").to_lowercase(),
            ),
            "translations" => Value::from(self.translations.clone()),
            "template" => Value::from(self.template_name()),
            "date" => self.date.clone()?,
            "modified" => self.modified.clone()?,
            "locale_date" => Value::from(self.locale_date.clone()?),
            "locale_modified" => Value::from(self.locale_modified.clone()?),
            "category" => self.category.clone()?,
            "tags" if !self.tags.is_empty() => Value::from(self.tags.clone()),
            "author" => self.authors.first()?.clone(),
            "authors" if !self.authors.is_empty() => Value::from(self.authors.clone()),
            "metadata" => self.metadata.clone(),
            other => field_value(&e.fields.iter().find(|(n, _)| n == other)?.1),
        })
    }

    /// The template this entry is written with, without its extension.
    fn template_name(&self) -> String {
        let field = self.entry.fields.iter().find(|(n, _)| n == "template");
        match field {
            Some((_, FieldValue::Text(t))) => t.clone(),
            _ => match self.entry.kind {
                EntryKind::Article => "article".to_string(),
                EntryKind::Page => "page".to_string(),
            },
        }
    }

    /// Pelican's `summary`: the field, else the content cut after `SUMMARY_MAX_LENGTH`
    /// words, without the table of contents.
    pub(crate) fn summary(&self) -> String {
        if let Some((_, FieldValue::Text(summary))) =
            self.entry.fields.iter().find(|(n, _)| n == "summary")
        {
            return summary.clone();
        }
        let mut content = self.entry.content.clone();
        if let Some(count) =
            self.settings.get("SUMMARY_MAX_PARAGRAPHS").and_then(serde_json::Value::as_u64)
        {
            content = first_paragraphs(&content, count as usize);
        }
        let summary = match self.settings.get("SUMMARY_MAX_LENGTH") {
            Some(serde_json::Value::Null) => content,
            value => {
                let words = value.and_then(serde_json::Value::as_u64).unwrap_or(50) as usize;
                let suffix = setting_str(&self.settings, "SUMMARY_END_SUFFIX", "…");
                truncate_html_words(&content, words, suffix)
            }
        };
        strip_toc(&summary)
    }
}

/// Pelican's `truncate_html_paragraphs`: the first `count` `<p>…</p>`.
fn first_paragraphs(html: &str, count: usize) -> String {
    let mut out = String::new();
    let mut rest = html;
    for _ in 0..count {
        let (Some(start), Some(end)) = (rest.find("<p>"), rest.find("</p>")) else { break };
        let end = end + "</p>".len();
        if start < end {
            out.push_str(&rest[start..end]);
        }
        rest = &rest[end..];
    }
    out
}

fn field_value(value: &FieldValue) -> Value {
    match value {
        FieldValue::Text(t) => Value::from(t.as_str()),
        FieldValue::List(items) => Value::from(items.clone()),
    }
}

/// `SITEURL` with `RELATIVE_URLS`: `.` for a file at the top, `..` one folder down….
fn relative_site_url(save_as: &str) -> String {
    let depth = save_as.split('/').filter(|p| !p.is_empty()).count();
    if depth <= 1 {
        ".".to_string()
    } else {
        vec![".."; depth - 1].join("/")
    }
}

/// Sorts contents by an `*_ORDER_BY` setting: an attribute, optionally `reversed-`.
fn order_content(list: &mut [Arc<ContentValue>], order_by: &str) {
    let (reversed, key) = match order_by.strip_prefix("reversed-") {
        Some(key) => (true, key),
        None => (false, order_by),
    };
    let sort_key = |c: &Arc<ContentValue>| -> (Option<Moment>, String) {
        let e = &c.data.entry;
        match key {
            "date" => (e.date.as_ref().map(moment), String::new()),
            "basename" => (None, e.source_path.rsplit('/').next().unwrap_or_default().to_string()),
            "title" => (None, e.title.clone()),
            _ => (None, c.data.attribute(key).map(|v| v.to_string()).unwrap_or_default()),
        }
    };
    list.sort_by(|a, b| {
        let order = sort_key(a).cmp(&sort_key(b));
        if reversed {
            order.reverse()
        } else {
            order
        }
    });
}

/// Pelican's `process_translations`: entries of one kind and status whose
/// `ARTICLE_TRANSLATION_ID` / `PAGE_TRANSLATION_ID` attribute (the slug unless set) is the
/// same are translations of one another. The originals are those in `DEFAULT_LANG` among
/// the ones without a true `translation` field, else all without it, else all of them.
/// Sets each entry's `translations` to the others of its group and answers, per entry,
/// whether it is an original (the lists show originals only). A falsy id turns this off.
fn process_translations(
    data: &mut [EntryData],
    settings: &Map<String, serde_json::Value>,
) -> Vec<bool> {
    let mut original = vec![true; data.len()];
    let mut groups: BTreeMap<(bool, String, String), Vec<usize>> = BTreeMap::new();
    for (i, d) in data.iter().enumerate() {
        let key = match d.entry.kind {
            EntryKind::Article => "ARTICLE_TRANSLATION_ID",
            EntryKind::Page => "PAGE_TRANSLATION_ID",
        };
        let id = match settings.get(key) {
            None => "slug",
            Some(serde_json::Value::String(id)) if !id.is_empty() => id.as_str(),
            // Off (`None`, `False`, ''), or several attributes, which Folio does not group by.
            Some(_) => continue,
        };
        let value = d.attribute(id).map(|v| v.to_string()).unwrap_or_default();
        let page = d.entry.kind == EntryKind::Page;
        groups.entry((page, d.entry.status.clone(), value)).or_default().push(i);
    }
    let default_lang = setting_str(settings, "DEFAULT_LANG", "en").to_lowercase();
    let mut others: Vec<Vec<usize>> = vec![Vec::new(); data.len()];
    for members in groups.values().filter(|m| m.len() > 1) {
        let marked = |i: &usize| {
            data[*i].entry.fields.iter().any(|(name, value)| {
                name == "translation"
                    && matches!(value, FieldValue::Text(t) if !t.eq_ignore_ascii_case("false"))
            })
        };
        let mut candidates: Vec<usize> = members.iter().copied().filter(|i| !marked(i)).collect();
        if candidates.is_empty() {
            candidates.clone_from(members);
        }
        let in_default: Vec<usize> =
            candidates.iter().copied().filter(|&i| data[i].lang == default_lang).collect();
        let originals = if in_default.is_empty() { candidates } else { in_default };
        for &i in members {
            original[i] = originals.contains(&i);
            others[i] = members.iter().copied().filter(|&j| j != i).collect();
        }
    }
    let translations: Vec<Vec<Value>> = others
        .iter()
        .map(|list| {
            list.iter()
                .map(|&j| {
                    let copy = ContentValue { data: data[j].clone(), summary: OnceLock::new() };
                    Value::from_dyn_object(Arc::new(copy))
                })
                .collect()
        })
        .collect();
    for (d, list) in data.iter_mut().zip(translations) {
        d.translations = list;
    }
    original
}

/// The month names Python's `calendar.month_name` gives in the C locale.
const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Pelican's `period_archives`: for each of `year`, `month` and `day` whose
/// `*_ARCHIVE_SAVE_AS` is set, one archive per run of `dates` in the same period, with its
/// `dates`, its `articles` (in the order of `articles`), `url`, `save_as` (the settings'
/// patterns with the period's first date), `period` (`(2024, 'March', 1)`) and `period_num`
/// (`(2024, 3, 1)`).
fn period_archives(
    settings: &Map<String, serde_json::Value>,
    dates: &[Arc<ContentValue>],
    articles: &[Arc<ContentValue>],
) -> Result<Value, ThemeError> {
    let mut out: BTreeMap<String, Value> = BTreeMap::new();
    for (granularity, depth) in [("year", 1), ("month", 2), ("day", 3)] {
        let upper = granularity.to_uppercase();
        let save_as_pattern = setting_str(settings, &format!("{upper}_ARCHIVE_SAVE_AS"), "");
        if save_as_pattern.is_empty() {
            continue;
        }
        let url_pattern = setting_str(settings, &format!("{upper}_ARCHIVE_URL"), "");
        let period_of = |c: &Arc<ContentValue>| {
            c.data
                .entry
                .date
                .map(|d| [u32::from(d.year), u32::from(d.month), u32::from(d.day)])
                .map(|p| p[..depth].to_vec())
        };
        let mut archives = Vec::new();
        let mut start = 0;
        while start < dates.len() {
            let period = period_of(&dates[start]);
            let end = (start..dates.len())
                .find(|&i| period_of(&dates[i]) != period)
                .unwrap_or(dates.len());
            let group = &dates[start..end];
            start = end;
            let (Some(period), Some(first)) = (period, group[0].data.entry.date) else {
                continue;
            };
            let look = |key: &str| (key == "date").then_some(Field::Date(&first));
            let in_group: Vec<Arc<ContentValue>> = articles
                .iter()
                .filter(|a| group.iter().any(|g| Arc::ptr_eq(g, a)))
                .cloned()
                .collect();
            let named: Vec<Value> = period
                .iter()
                .enumerate()
                .map(|(i, &n)| match i {
                    1 => Value::from(MONTH_NAMES.get(n as usize - 1).copied().unwrap_or_default()),
                    _ => Value::from(n),
                })
                .collect();
            let archive: BTreeMap<&str, Value> = [
                ("dates", content_values(group)),
                ("articles", content_values(&in_group)),
                ("save_as", Value::from(expand(save_as_pattern, look)?)),
                ("url", Value::from(expand(url_pattern, look)?)),
                ("period", Value::from(named)),
                ("period_num", Value::from(period)),
            ]
            .into_iter()
            .collect();
            archives.push(Value::from(archive));
        }
        out.insert(granularity.to_string(), Value::from(archives));
    }
    Ok(Value::from(out))
}

/// Contents as the template values their lists hold.
fn content_values(list: &[Arc<ContentValue>]) -> Value {
    Value::from(list.iter().map(|c| Value::from_dyn_object(Arc::clone(c))).collect::<Vec<_>>())
}

impl Site {
    /// The site of `entries` under `settings` (the blog's settings JSON, Pelican's
    /// defaults merged).
    pub fn new(settings: Map<String, serde_json::Value>, entries: Vec<Entry>) -> Site {
        Site { settings: Arc::new(settings), entries, static_files: BTreeSet::new() }
    }

    /// The site with the static files `{static}` links may name (paths relative to the
    /// content folder, `/`-separated).
    pub fn with_static_files(mut self, files: BTreeSet<String>) -> Site {
        self.static_files = files;
        self
    }

    /// The entry's content with its intrasite links made URLs, as the page shows it.
    fn linked_content(&self, all: &[EntryData], index: usize, siteurl: &str) -> String {
        let current = &all[index];
        let dir = current.source_path.rsplit_once('/').map_or("", |(dir, _)| dir);
        let relative = setting_bool(&self.settings, "RELATIVE_URLS", false);
        let named_url = |kind: WrapperKind, name: &str| {
            all.iter().find_map(|e| {
                let (names, values): (Vec<&Named>, &[Value]) = match kind {
                    WrapperKind::Category => {
                        (e.entry.category.iter().collect(), e.category.as_slice())
                    }
                    WrapperKind::Tag => (e.entry.tags.iter().collect(), &e.tags),
                    WrapperKind::Author => (e.entry.authors.iter().collect(), &e.authors),
                };
                let at = names.iter().position(|n| n.name == name)?;
                values.get(at)?.get_attr("url").ok().map(|u| u.to_string())
            })
        };
        rewrite(&current.entry.content, dir, siteurl, relative, |target| match target {
            Target::Content(path) => {
                all.iter().find(|e| e.source_path == path).map(|e| e.url.clone())
            }
            Target::Static(path) if self.static_files.contains(path) => {
                let pattern = setting_str(&self.settings, "STATIC_URL", "{path}");
                expand(pattern, |key| (key == "path").then_some(Field::Text(path))).ok()
            }
            Target::Static(_) => None,
            Target::Category(name) => named_url(WrapperKind::Category, name),
            Target::Tag(name) => named_url(WrapperKind::Tag, name),
            Target::Author(name) => named_url(WrapperKind::Author, name),
            Target::Index => {
                Some(setting_str(&self.settings, "INDEX_SAVE_AS", "index.html").to_string())
            }
        })
    }

    /// The template name and the context Pelican's writer renders entry `index` with.
    pub fn page_context(&self, index: usize) -> Result<(String, Value), ThemeError> {
        if index >= self.entries.len() {
            return Err(ThemeError::NoEntry(index));
        }
        let settings = &self.settings;
        let mut data = Vec::with_capacity(self.entries.len());
        for entry in &self.entries {
            data.push(EntryData::new(entry.clone(), settings)?);
        }
        let siteurl = match setting_bool(settings, "RELATIVE_URLS", false) {
            true => relative_site_url(&data[index].save_as),
            false => setting_str(settings, "SITEURL", "").to_string(),
        };
        data[index].entry.content = self.linked_content(&data, index, &siteurl);
        let original = process_translations(&mut data, settings);
        let all: Vec<Arc<ContentValue>> = data
            .into_iter()
            .map(|data| Arc::new(ContentValue { data, summary: OnceLock::new() }))
            .collect();
        let current = Arc::clone(&all[index]);
        let pick = |kind: EntryKind, status: &str| -> Vec<Arc<ContentValue>> {
            all.iter()
                .zip(&original)
                .filter(|(c, original)| {
                    **original && c.data.entry.kind == kind && c.data.entry.status == status
                })
                .map(|(c, _)| Arc::clone(c))
                .collect()
        };
        let article_order = setting_str(settings, "ARTICLE_ORDER_BY", "reversed-date");
        let page_order = setting_str(settings, "PAGE_ORDER_BY", "basename");
        let mut articles = pick(EntryKind::Article, "published");
        let mut drafts = pick(EntryKind::Article, "draft");
        let mut hidden_articles = pick(EntryKind::Article, "hidden");
        for list in [&mut articles, &mut drafts, &mut hidden_articles] {
            order_content(list, article_order);
        }
        let mut pages = pick(EntryKind::Page, "published");
        let mut hidden_pages = pick(EntryKind::Page, "hidden");
        let mut draft_pages = pick(EntryKind::Page, "draft");
        for list in [&mut pages, &mut hidden_pages, &mut draft_pages] {
            order_content(list, page_order);
        }

        // Tags in the order the sorted articles first name them; categories and authors
        // sorted by slug, as Pelican's URL wrappers compare.
        let mut tags: Vec<(Value, String, Vec<Value>)> = Vec::new();
        let mut categories: BTreeMap<String, (Value, Vec<Value>)> = BTreeMap::new();
        let mut authors: BTreeMap<String, (Value, Vec<Value>)> = BTreeMap::new();
        for article in &articles {
            let value = Value::from_dyn_object(Arc::clone(article));
            let data = &article.data;
            if let (Some(named), Some(cat)) = (&data.entry.category, &data.category) {
                categories
                    .entry(named.slug.clone())
                    .or_insert_with(|| (cat.clone(), Vec::new()))
                    .1
                    .push(value.clone());
            }
            for (named, tag) in data.entry.tags.iter().zip(&data.tags) {
                match tags.iter_mut().find(|(_, slug, _)| *slug == named.slug) {
                    Some((_, _, list)) => list.push(value.clone()),
                    None => tags.push((tag.clone(), named.slug.clone(), vec![value.clone()])),
                }
            }
            for (named, author) in data.entry.authors.iter().zip(&data.authors) {
                authors
                    .entry(named.slug.clone())
                    .or_insert_with(|| (author.clone(), Vec::new()))
                    .1
                    .push(value.clone());
            }
        }
        let mut categories: Vec<Value> = categories
            .into_values()
            .map(|(c, list)| Value::from(vec![c, Value::from(list)]))
            .collect();
        if setting_bool(settings, "REVERSE_CATEGORY_ORDER", false) {
            categories.reverse();
        }
        let tags: Vec<Value> =
            tags.into_iter().map(|(t, _, list)| Value::from(vec![t, Value::from(list)])).collect();
        let authors: Vec<Value> = authors
            .into_values()
            .map(|(a, list)| Value::from(vec![a, Value::from(list)]))
            .collect();
        let mut dates = articles.clone();
        order_content(&mut dates, "date");
        if setting_bool(settings, "NEWEST_FIRST_ARCHIVES", true) {
            dates.reverse();
        }
        let values = |list: &[Arc<ContentValue>]| -> Value {
            Value::from(
                list.iter().map(|c| Value::from_dyn_object(Arc::clone(c))).collect::<Vec<_>>(),
            )
        };

        let mut context: BTreeMap<String, Value> =
            settings.iter().map(|(k, v)| (k.clone(), Value::from_serialize(v))).collect();
        let save_as = current.data.save_as.clone();
        if setting_bool(settings, "RELATIVE_URLS", false) {
            let relative = relative_site_url(&save_as);
            context.insert("SITEURL".into(), Value::from(relative.clone()));
            context.insert("localsiteurl".into(), Value::from(relative));
        }
        context.insert("articles".into(), values(&articles));
        context.insert("drafts".into(), values(&drafts));
        context.insert("hidden_articles".into(), values(&hidden_articles));
        context.insert("dates".into(), values(&dates));
        context.insert("pages".into(), values(&pages));
        context.insert("hidden_pages".into(), values(&hidden_pages));
        context.insert("draft_pages".into(), values(&draft_pages));
        context.insert("tags".into(), Value::from(tags));
        context.insert("categories".into(), Value::from(categories));
        context.insert("authors".into(), Value::from(authors));
        context.insert("period_archives".into(), period_archives(settings, &dates, &articles)?);
        context.insert("related_posts".into(), Value::from(Vec::<Value>::new()));
        context.insert("static_content".into(), Value::from(BTreeMap::<String, Value>::new()));
        context.insert("generated_content".into(), Value::from(BTreeMap::<String, Value>::new()));
        context.insert("output_file".into(), Value::from(save_as));
        let this = Value::from_dyn_object(Arc::clone(&current));
        match current.data.entry.kind {
            EntryKind::Article => {
                context.insert("article".into(), this);
                context.insert(
                    "category".into(),
                    current.data.category.clone().unwrap_or(Value::from(())),
                );
                context.insert("blog".into(), Value::from(true));
            }
            EntryKind::Page => {
                context.insert("page".into(), this);
            }
        }
        let extension = settings
            .get("TEMPLATE_EXTENSIONS")
            .and_then(|e| e.get(0))
            .and_then(serde_json::Value::as_str)
            .unwrap_or(".html");
        let template = format!("{}{extension}", current.data.template_name());
        Ok((template, Value::from(context)))
    }
}
