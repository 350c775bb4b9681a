//! A post's whole page as the blog's theme renders it: the post rendered as Pelican's
//! reader returns it, the other posts from the listing, the settings from the blog's
//! Python, and the theme's templates read from its folder (never outside it).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use folio_pelican::date::{get_date, PelicanDate};
use folio_pelican::theme::{
    Entry, EntryKind, FieldValue, Named, Site, TemplateFiles, Theme, ThemeError,
};

use crate::preview::{render_post_in, today_from_clock, MetaValue, PostSettings};
use crate::slug::slugify;
use crate::{blog_path, Blog, PostKind, PostSummary};

/// Why a post's page cannot be rendered through the theme.
#[derive(Debug, thiserror::Error)]
pub enum PageError {
    /// The settings were not read by the blog's Python, so the theme is unknown.
    #[error("the blog's settings were not read by its Python (run without --no-python), so its theme is unknown")]
    NoSettings,
    /// The blog's Python has no Pelican, which holds the built-in themes.
    #[error(
        "{INSTALL_PELICAN}; the blog's Python ({}) cannot import it ({reason})",
        python.display()
    )]
    NoPelican {
        /// The interpreter that ran the blog's settings.
        python: PathBuf,
        /// Why it could not import Pelican.
        reason: String,
    },
    /// `THEME` names no folder.
    #[error("the theme {theme:?} is not a folder (looked at {})", looked.display())]
    ThemeNotFound {
        /// The `THEME` setting.
        theme: String,
        /// Where Folio looked.
        looked: PathBuf,
    },
    /// The file is not one of the blog's articles or pages.
    #[error("{0} is not an article or page of this blog")]
    NotAPost(String),
    /// Folio renders reST bodies only; Markdown and HTML posts have no page preview.
    #[error("{0} is not reStructuredText: Folio renders the pages of reST posts only")]
    NotReStructuredText(String),
    /// A URL that names no file of the theme's `static/` folder.
    #[error("{0} is not a file of the theme's static folder")]
    NotThemeStatic(String),
    /// The theme's templates failed.
    #[error("the theme's templates failed: {0}")]
    Template(#[from] ThemeError),
    /// Listing the blog's posts failed.
    #[error(transparent)]
    Blog(#[from] crate::Error),
    /// The settings' typogrify options are unusable.
    #[error(transparent)]
    Typogrify(#[from] folio_pelican::typogrify::TypogrifyError),
}

/// What a writer whose Python has no Pelican does to see the theme's page.
pub const INSTALL_PELICAN: &str = "Install Pelican (pip install pelican) to see your theme's page";

impl PageError {
    /// What the writer can do about it, in one short sentence, when Folio knows.
    pub fn advice(&self) -> Option<&'static str> {
        match self {
            PageError::NoPelican { .. } => Some(INSTALL_PELICAN),
            _ => None,
        }
    }
}

/// The folders a theme's templates come from, in Pelican's order: `THEME_TEMPLATES_OVERRIDES`,
/// the theme's `templates/`, then the built-in `simple` theme's (which `!simple/` names;
/// `!theme/` names the theme's own).
#[derive(Debug, Clone)]
pub struct ThemeFolders {
    /// The theme's folder (with `static/` and `templates/`).
    pub theme: PathBuf,
    /// Where templates are looked for, first match wins.
    pub search: Vec<PathBuf>,
    /// The built-in `simple` theme's templates.
    pub simple: PathBuf,
}

/// How the window's page differs from the published one.
#[derive(Debug, Clone, Default)]
pub struct PageOptions {
    /// HTML put where the post's body goes instead of the body (the window's live body
    /// replaces it). The post's summary still comes from its `summary` field, if any.
    pub body_placeholder: Option<String>,
    /// `SITEURL` for the page (with `RELATIVE_URLS` off), so that the theme's static files
    /// load from where the window serves them.
    pub site_url: Option<String>,
}

/// The other posts' entries as their heads gave them, by path, kept while the file's
/// modification time and size stay the same: a page shows every post's title and fields,
/// and reading them all again for each page would cost more than the page.
#[derive(Clone, Debug, Default)]
pub(crate) struct HeadCache(Arc<Mutex<HashMap<String, CachedHead>>>);

/// One post's entry and the file's state it was read from.
#[derive(Clone, Debug)]
struct CachedHead {
    modified: Option<SystemTime>,
    len: u64,
    entry: Entry,
}

/// How many files and folders under `STATIC_PATHS` a page looks at for `{static}` links.
const MAX_STATIC_FILES: usize = 20_000;

/// Template files larger than this are refused: a theme's template is a few kilobytes.
const MAX_TEMPLATE_BYTES: u64 = 4 * 1024 * 1024;

fn read_inside(dir: &Path, name: &str) -> Result<Option<String>, String> {
    let Ok(root) = dir.canonicalize() else { return Ok(None) };
    let path = root.join(name);
    let real = match path.canonicalize() {
        Ok(real) => real,
        Err(_) => return Ok(None),
    };
    if !real.starts_with(&root) {
        return Err(format!(
            "{} leads outside the theme folder {}",
            path.display(),
            root.display()
        ));
    }
    let len = std::fs::metadata(&real).map_err(|e| format!("{}: {e}", path.display()))?.len();
    if len > MAX_TEMPLATE_BYTES {
        return Err(format!("{} is larger than a template can be ({len} bytes)", path.display()));
    }
    std::fs::read_to_string(&real).map(Some).map_err(|e| format!("{}: {e}", path.display()))
}

impl TemplateFiles for ThemeFolders {
    fn read(&self, name: &str) -> Result<Option<String>, String> {
        if let Some(rest) = name.strip_prefix("!simple/") {
            return read_inside(&self.simple, rest);
        }
        if let Some(rest) = name.strip_prefix("!theme/") {
            return read_inside(&self.theme.join("templates"), rest);
        }
        for dir in self.search.iter().chain([&self.simple]) {
            if let Some(text) = read_inside(dir, name)? {
                return Ok(Some(text));
            }
        }
        Ok(None)
    }
}

fn setting_str<'a>(
    settings: &'a serde_json::Map<String, serde_json::Value>,
    key: &str,
) -> Option<&'a str> {
    settings.get(key).and_then(serde_json::Value::as_str)
}

/// A date as Pelican's reader stored it (Folio keeps them as ISO text).
fn stored_date(text: &str) -> Option<PelicanDate> {
    get_date(text, today_from_clock()).ok()
}

/// The date at the start of a file name, as Pelican's default `FILENAME_METADATA` reads it.
fn file_name_date(path: &str) -> Option<PelicanDate> {
    let name = path.rsplit('/').next()?;
    let head = name.get(..10)?;
    let b = head.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    (digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10)).then_some(())?;
    stored_date(head)
}

impl Blog {
    /// Where the blog's theme is: `THEME` as Pelican resolved it (an absolute folder, a
    /// folder relative to the blog, or the name of a theme shipped with Pelican), else
    /// `notmyidea`; the built-in themes are found in the blog's own Pelican installation.
    pub fn theme_folders(&self) -> Result<ThemeFolders, PageError> {
        let python = self.python.as_deref().ok_or(PageError::NoSettings)?;
        let pelican = python.pelican_module.as_deref().ok_or_else(|| PageError::NoPelican {
            python: python.interpreter.clone(),
            reason: python.pelican_missing.clone().unwrap_or_else(|| "not importable".into()),
        })?;
        let themes = pelican.parent().map(|p| p.join("themes")).unwrap_or_default();
        let settings = &python.values;
        let theme = setting_str(settings, "THEME").unwrap_or("notmyidea");
        let candidates =
            [Path::new(theme).to_path_buf(), self.root.join(theme), themes.join(theme)];
        let dir =
            candidates.iter().find(|dir| dir.join("templates").is_dir()).cloned().ok_or_else(
                || PageError::ThemeNotFound {
                    theme: theme.to_string(),
                    looked: themes.join(theme),
                },
            )?;
        let mut search: Vec<PathBuf> = settings
            .get("THEME_TEMPLATES_OVERRIDES")
            .and_then(serde_json::Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(serde_json::Value::as_str)
            .map(|p| self.root.join(p))
            .collect();
        search.push(dir.join("templates"));
        Ok(ThemeFolders { theme: dir, search, simple: themes.join("simple").join("templates") })
    }

    /// The whole page the theme writes for the post at `rel` (relative to the blog root)
    /// with the text `text`: `article.html` for an article, `page.html` for a page. The
    /// other posts come from the listing (their titles, dates, categories and tags).
    pub fn render_page(&self, rel: &str, text: &str) -> Result<String, PageError> {
        self.render_page_with(rel, text, &PageOptions::default())
    }

    /// [`Blog::render_page`] as `options` change it: the window's page has a placeholder
    /// where the body goes (it patches the live body in there) and its own `SITEURL`.
    pub fn render_page_with(
        &self,
        rel: &str,
        text: &str,
        options: &PageOptions,
    ) -> Result<String, PageError> {
        let folders = self.theme_folders()?;
        let mut settings = self.settings().ok_or(PageError::NoSettings)?.clone();
        if let Some(url) = &options.site_url {
            settings.insert("SITEURL".into(), serde_json::Value::from(url.as_str()));
            settings.insert("RELATIVE_URLS".into(), serde_json::Value::Bool(false));
        }
        let posts = self.list_posts()?;
        let index = posts
            .iter()
            .position(|p| p.path == rel)
            .ok_or_else(|| PageError::NotAPost(rel.to_string()))?;
        if !posts[index].editable {
            return Err(PageError::NotReStructuredText(rel.to_string()));
        }
        let mut post_settings = self.post_settings()?;
        let dir = blog_path::resolve(&self.root, rel)?
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        post_settings.includes = Some(crate::IncludeFolder { dir, root: self.root.clone() });
        let entries: Vec<Entry> = posts
            .iter()
            .enumerate()
            .map(|(i, post)| match i == index {
                true => {
                    let mut entry = self.entry_of_text(post, text, &post_settings, &settings);
                    if let Some(placeholder) = &options.body_placeholder {
                        entry.content.clone_from(placeholder);
                    }
                    entry
                }
                false => self.entry_of_listing(post, &post_settings, &settings),
            })
            .collect();
        let plugins = settings
            .get("PLUGINS")
            .and_then(serde_json::Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|p| p.as_str().map(str::to_string))
            .collect();
        let theme = Theme::new(folders, plugins);
        let site = Site::new(settings, entries).with_static_files(self.static_files());
        Ok(theme.render_entry(&site, index)?)
    }

    /// The files under `STATIC_PATHS`, relative to the content folder: what `{static}`
    /// links may name. At most [`MAX_STATIC_FILES`] are looked at.
    fn static_files(&self) -> std::collections::BTreeSet<String> {
        let mut found = std::collections::BTreeSet::new();
        let Ok(content) = blog_path::resolve(&self.root, &self.conf.content_path) else {
            return found;
        };
        let mut stack: Vec<PathBuf> = self
            .conf
            .static_paths
            .iter()
            .filter_map(|p| blog_path::resolve(&content, p).ok())
            .collect();
        let mut looked = 0;
        while let Some(path) = stack.pop() {
            looked += 1;
            if looked > MAX_STATIC_FILES {
                break;
            }
            match std::fs::metadata(&path) {
                Ok(meta) if meta.is_dir() => {
                    stack.extend(
                        std::fs::read_dir(&path).into_iter().flatten().flatten().map(|e| e.path()),
                    );
                }
                Ok(_) => {
                    found.insert(blog_path::relative(&content, &path));
                }
                Err(_) => {}
            }
        }
        found
    }

    /// The post's path relative to the content folder, as Pelican's `source_path` is.
    fn content_relative(&self, rel: &str) -> String {
        let content = self.conf.content_path.trim_matches('/');
        match rel.strip_prefix(content).and_then(|r| r.strip_prefix('/')) {
            Some(inner) if !content.is_empty() && content != "." => inner.to_string(),
            _ => rel.to_string(),
        }
    }

    fn base_entry(
        &self,
        post: &PostSummary,
        settings: &serde_json::Map<String, serde_json::Value>,
    ) -> Entry {
        let source_path = self.content_relative(&post.path);
        let category = post.category.clone().or_else(|| default_category(&source_path, settings));
        Entry {
            kind: match post.kind {
                PostKind::Article => EntryKind::Article,
                PostKind::Page => EntryKind::Page,
            },
            title: post.title.clone(),
            content: String::new(),
            slug: slug_for(None, &post.title, &source_path, settings),
            lang: None,
            status: post.status.clone().unwrap_or_else(|| "published".into()),
            date: post
                .date
                .as_deref()
                .and_then(stored_date)
                .or_else(|| file_name_date(&source_path)),
            modified: None,
            category: category.map(named),
            tags: post.tags.iter().map(|t| named(t.clone())).collect(),
            authors: setting_str(settings, "AUTHOR")
                .map(|a| vec![named(a.to_string())])
                .unwrap_or_default(),
            fields: Vec::new(),
            source_path,
        }
    }

    /// Another post of the site: a reST post's title and fields from its head (the title
    /// and field list, rendered as the post itself is), without its body; other formats
    /// from the listing.
    fn entry_of_listing(
        &self,
        post: &PostSummary,
        post_settings: &PostSettings,
        settings: &serde_json::Map<String, serde_json::Value>,
    ) -> Entry {
        if !post.editable {
            return self.base_entry(post, settings);
        }
        let stamp = blog_path::resolve(&self.root, &post.path)
            .and_then(|path| std::fs::metadata(&path).map_err(crate::error::io("read", &path)))
            .map(|meta| (meta.modified().ok(), meta.len()));
        if let Ok((modified, len)) = stamp {
            let cache = self.heads.0.lock().unwrap_or_else(|p| p.into_inner());
            if let Some(cached) = cache.get(&post.path) {
                if cached.modified == modified && cached.len == len {
                    return cached.entry.clone();
                }
            }
        }
        let Ok(text) = self.read_post(&post.path) else { return self.base_entry(post, settings) };
        let head = crate::post::rst_head(&text.text);
        let head_settings = PostSettings { includes: None, ..post_settings.clone() };
        let mut entry = self.entry_of_text(post, head, &head_settings, settings);
        entry.content = String::new();
        if let Ok((modified, len)) = stamp {
            let mut cache = self.heads.0.lock().unwrap_or_else(|p| p.into_inner());
            cache.insert(post.path.clone(), CachedHead { modified, len, entry: entry.clone() });
        }
        entry
    }

    fn entry_of_text(
        &self,
        post: &PostSummary,
        text: &str,
        post_settings: &PostSettings,
        settings: &serde_json::Map<String, serde_json::Value>,
    ) -> Entry {
        let rendered = render_post_in(text, post_settings);
        let mut entry = self.base_entry(post, settings);
        entry.title = rendered.preview.title.clone().unwrap_or_default();
        entry.content = rendered.preview.html;
        let mut explicit_slug = None;
        let (mut category, mut tags, mut authors, mut date) = (None, Vec::new(), None, None);
        for (name, value) in &rendered.pelican_metadata {
            match (name.as_str(), value) {
                ("slug", MetaValue::Text(s)) => explicit_slug = Some(s.clone()),
                ("lang", MetaValue::Text(l)) => entry.lang = Some(l.clone()),
                ("status", MetaValue::Text(s)) => entry.status = s.to_lowercase(),
                ("date", MetaValue::Text(d)) => date = stored_date(d),
                ("modified", MetaValue::Text(d)) => entry.modified = stored_date(d),
                ("category", MetaValue::Text(c)) => category = Some(c.clone()),
                ("tags", MetaValue::List(items)) => tags = items.clone(),
                ("authors", MetaValue::List(items)) => authors = Some(items.clone()),
                ("author", MetaValue::Text(a)) if authors.is_none() => {
                    authors = Some(vec![a.clone()])
                }
                _ => {}
            }
            let field = match value {
                MetaValue::Text(t) => FieldValue::Text(t.clone()),
                MetaValue::List(items) => FieldValue::List(items.clone()),
            };
            entry.fields.push((name.clone(), field));
        }
        entry.slug = slug_for(explicit_slug, &entry.title, &entry.source_path, settings);
        entry.date = date.or_else(|| file_name_date(&entry.source_path));
        entry.category =
            category.or_else(|| default_category(&entry.source_path, settings)).map(named);
        entry.tags = tags.into_iter().map(named).collect();
        if let Some(authors) = authors {
            entry.authors = authors.into_iter().map(named).collect();
        }
        entry
    }
}

fn named(name: String) -> Named {
    Named { slug: slugify(&name), name }
}

/// The slug Pelican gives a post: its `slug` field, else (`SLUGIFY_SOURCE`) its title or
/// its file name made a slug.
fn slug_for(
    explicit: Option<String>,
    title: &str,
    source_path: &str,
    settings: &serde_json::Map<String, serde_json::Value>,
) -> String {
    if let Some(slug) = explicit {
        return slug;
    }
    match setting_str(settings, "SLUGIFY_SOURCE") {
        Some("basename") => {
            let name = source_path.rsplit('/').next().unwrap_or_default();
            slugify(name.rsplit_once('.').map_or(name, |(stem, _)| stem))
        }
        _ => slugify(&title_text(title)),
    }
}

/// A title's text without its markup, as Pelican slugifies it.
fn title_text(title: &str) -> String {
    let mut out = String::with_capacity(title.len());
    let mut in_tag = false;
    for c in title.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// The category a post without a `category` field gets: its folder's name
/// (`USE_FOLDER_AS_CATEGORY`), else `DEFAULT_CATEGORY`, when `CATEGORY_SAVE_AS` is set.
fn default_category(
    source_path: &str,
    settings: &serde_json::Map<String, serde_json::Value>,
) -> Option<String> {
    let save_as = setting_str(settings, "CATEGORY_SAVE_AS").unwrap_or("category/{slug}.html");
    if save_as.is_empty() {
        return None;
    }
    let use_folder =
        settings.get("USE_FOLDER_AS_CATEGORY").and_then(serde_json::Value::as_bool).unwrap_or(true);
    let folder = source_path.rsplit_once('/').map(|(dir, _)| dir.rsplit('/').next().unwrap_or(dir));
    match folder {
        Some(folder) if use_folder && !folder.is_empty() => Some(folder.to_string()),
        _ => setting_str(settings, "DEFAULT_CATEGORY").map(str::to_string),
    }
}

/// The part of a post's text the page around its body depends on (its title and fields):
/// while it stays the same, the page around the body does too.
pub fn page_head(text: &str) -> &str {
    crate::post::rst_head(text)
}

/// Theme files larger than this are not served (a theme's font or image is far smaller).
const MAX_THEME_FILE_BYTES: u64 = 16 * 1024 * 1024;

impl Blog {
    /// The theme's static file at `url_path` (percent-encoded, below `SITEURL`): the theme
    /// links them as `THEME_STATIC_DIR/…`, which Pelican copies from the theme's `static/`.
    /// Anything else, or anything leading outside `static/`, is refused.
    pub fn read_theme_static(&self, url_path: &str) -> Result<crate::assets::Asset, PageError> {
        let refused = || PageError::NotThemeStatic(url_path.to_string());
        let folders = self.theme_folders()?;
        let static_dir = self
            .settings()
            .and_then(|s| setting_str(s, "THEME_STATIC_DIR"))
            .unwrap_or("theme")
            .trim_matches('/')
            .to_string();
        let decoded =
            crate::assets::percent_decode(url_path.trim_start_matches('/')).ok_or_else(refused)?;
        let rest = match static_dir.is_empty() {
            true => decoded.as_str(),
            false => decoded
                .strip_prefix(static_dir.as_str())
                .and_then(|r| r.strip_prefix('/'))
                .ok_or_else(refused)?,
        };
        if rest.split('/').any(|part| part == ".." || part.is_empty()) {
            return Err(refused());
        }
        let root = folders.theme.join("static").canonicalize().map_err(|_| refused())?;
        let real = root.join(rest).canonicalize().map_err(|_| refused())?;
        let meta = std::fs::metadata(&real).map_err(|_| refused())?;
        if !real.starts_with(&root) || !meta.is_file() || meta.len() > MAX_THEME_FILE_BYTES {
            return Err(refused());
        }
        let bytes = std::fs::read(&real).map_err(|_| refused())?;
        Ok(crate::assets::Asset { bytes, mime: crate::assets::mime_for(rest) })
    }
}
