//! Opening a blog: where its settings come from (the blog's own Python, or the literal
//! reader, and why), and for a folder that is not a blog, the blog folders just below it.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use folio_pelican::path_metadata::MetadataRules;
use folio_pelican::settings::{PythonSettings, SettingsError, CONFIG_FILE};
pub use folio_pelican::settings::{ReadOptions, SettingsReader};
use serde::Serialize;

use crate::error::{io, NotABlogFolder};
use crate::pelican_conf::{python_only_settings, unread_settings, PelicanConf};
use crate::preview::PostSettings;
use crate::{Blog, Error, Result};

/// How deep below a folder that is not a blog Folio looks for one (`src/pelicanconf.py`,
/// `site/blog/pelicanconf.py`).
const CANDIDATE_DEPTH: usize = 2;

/// The most folders looked at for candidates, so pointing Folio at a home folder stays
/// quick.
const MAX_CANDIDATE_FOLDERS: usize = 2000;

/// Folders never searched for a blog below: tools' and builds' folders.
const SKIPPED_FOLDERS: [&str; 6] =
    ["node_modules", "target", "output", "venv", "env", "__pycache__"];

/// How to open a blog.
#[derive(Clone, Debug, Default)]
pub struct OpenOptions {
    /// Whether Folio may run the blog's `pelicanconf.py`.
    pub python: PythonPolicy,
}

/// Whether the settings come from running `pelicanconf.py`.
#[derive(Clone, Debug, Default)]
pub enum PythonPolicy {
    /// Read only plain literals from the file; never run it.
    #[default]
    Literal,
    /// Run it with the blog's Python through this reader (and its cache), falling back to
    /// the literal reader when that fails.
    Run(SettingsReader),
    /// Take what this reader's cache holds for the blog as it is now, never starting
    /// Python, else the literal reader ([`LiteralReason::Pending`]): how a window opens a
    /// blog at once, then reads it again with [`PythonPolicy::Run`] in the background
    /// ([`Blog::reopen_with`]).
    Cached(SettingsReader),
}

impl OpenOptions {
    /// Options that run the config with `reader`.
    pub fn run_python(reader: SettingsReader) -> OpenOptions {
        OpenOptions { python: PythonPolicy::Run(reader) }
    }

    /// Options that take the settings from `reader`'s cache only.
    pub fn cached_python(reader: SettingsReader) -> OpenOptions {
        OpenOptions { python: PythonPolicy::Cached(reader) }
    }
}

/// Where the open blog's settings came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "source", rename_all = "kebab-case")]
pub enum SettingsSource {
    /// The blog's Python ran `pelicanconf.py`.
    Python {
        /// The interpreter.
        interpreter: PathBuf,
        /// Its version.
        python_version: String,
        /// The Pelican that merged its defaults; `None` when the file ran without Pelican.
        pelican_version: Option<String>,
        /// Settings Folio uses that had values it cannot use, with why (kept at defaults).
        unusable: Vec<String>,
    },
    /// The literal reader read `pelicanconf.py` without running it.
    Literal {
        /// Why Python did not give the settings.
        reason: LiteralReason,
        /// Names the file assigns that the literal reader could not read.
        unread: Vec<String>,
    },
}

/// Why the settings were read as literals.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "message", rename_all = "kebab-case")]
pub enum LiteralReason {
    /// The caller did not allow running the config (`--no-python`, the window).
    NotAllowed,
    /// The blog has no `pelicanconf.py`: Pelican's defaults.
    NoConfig,
    /// No Python interpreter was found or could be started.
    NoPython(String),
    /// The config raised an error (Python's message, with file and line).
    ConfigError(String),
    /// The config ran past the timeout.
    Timeout(String),
    /// The interpreter's answer was not the settings.
    Failed(String),
    /// The blog's Python has not read the config yet (it is being read in the background).
    Pending,
}

impl From<SettingsError> for LiteralReason {
    fn from(e: SettingsError) -> LiteralReason {
        let message = e.to_string();
        match e {
            SettingsError::NoPython { .. }
            | SettingsError::NoSuchPython(_)
            | SettingsError::Start { .. } => LiteralReason::NoPython(message),
            SettingsError::NoConfig(_) => LiteralReason::NoConfig,
            SettingsError::Raised(_) => LiteralReason::ConfigError(message),
            SettingsError::Timeout { .. } => LiteralReason::Timeout(message),
            SettingsError::BadOutput { .. } => LiteralReason::Failed(message),
        }
    }
}

impl fmt::Display for SettingsSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SettingsSource::Python { interpreter, python_version, pelican_version, unusable } => {
                write!(
                    f,
                    "settings from Python: {} (Python {python_version}",
                    interpreter.display()
                )?;
                match pelican_version {
                    Some(version) => write!(f, ", Pelican {version})")?,
                    None => write!(f, ", without Pelican: its defaults are not merged)")?,
                }
                if !unusable.is_empty() {
                    write!(f, "; not used: {}", unusable.join(", "))?;
                }
                Ok(())
            }
            SettingsSource::Literal { reason, unread } => {
                write!(f, "settings from the literal values of {CONFIG_FILE} ")?;
                match reason {
                    LiteralReason::NotAllowed => write!(f, "(running it was not allowed)")?,
                    LiteralReason::Pending => write!(f, "(until the blog's Python has read it)")?,
                    LiteralReason::NoConfig => {
                        return write!(f, "(there is none: Pelican's defaults)")
                    }
                    LiteralReason::NoPython(m)
                    | LiteralReason::ConfigError(m)
                    | LiteralReason::Timeout(m)
                    | LiteralReason::Failed(m) => write!(f, "(Python did not read it: {m})")?,
                }
                if unread.is_empty() {
                    write!(f, "; every setting was a plain literal")
                } else {
                    write!(f, "; could not read: {}", unread.join(", "))
                }
            }
        }
    }
}

impl SettingsSource {
    /// One line for the window's status bar: "Settings read by Python 3.12 / Pelican 4.12",
    /// or "Literal reader: <reason>; not read: X, Y". The whole story (the interpreter's
    /// path, the config's error text) is the [`Display`](fmt::Display) text.
    pub fn summary(&self) -> String {
        match self {
            SettingsSource::Python { python_version, pelican_version, unusable, .. } => {
                let mut line = format!("Settings read by Python {python_version}");
                match pelican_version {
                    Some(version) => line.push_str(&format!(" / Pelican {version}")),
                    None => line.push_str(" (without Pelican)"),
                }
                if !unusable.is_empty() {
                    line.push_str(&format!("; not used: {}", unusable.join(", ")));
                }
                line
            }
            SettingsSource::Literal { reason, unread } => {
                let why = match reason {
                    LiteralReason::NotAllowed => format!("{CONFIG_FILE} was not run"),
                    LiteralReason::Pending => format!("reading {CONFIG_FILE} with Python…"),
                    LiteralReason::NoConfig => {
                        return format!("No {CONFIG_FILE}: Pelican's defaults");
                    }
                    LiteralReason::NoPython(_) => "no Python found".to_string(),
                    LiteralReason::ConfigError(m) => {
                        let last = m.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or(m);
                        format!("{CONFIG_FILE} failed: {}", last.trim())
                    }
                    LiteralReason::Timeout(_) => format!("{CONFIG_FILE} ran too long"),
                    LiteralReason::Failed(_) => "Python's answer was not the settings".to_string(),
                };
                let mut line = format!("Literal reader: {why}");
                if !unread.is_empty() {
                    line.push_str(&format!("; not read: {}", unread.join(", ")));
                }
                line
            }
        }
    }
}

/// The settings an open blog uses, and where they came from.
pub(crate) struct LoadedSettings {
    pub(crate) conf: PelicanConf,
    pub(crate) rules: Arc<MetadataRules>,
    pub(crate) source: SettingsSource,
    pub(crate) python: Option<Arc<PythonSettings>>,
}

impl Blog {
    /// Opens the Pelican blog in `dir`: a folder with a `pelicanconf.py` or a `content/`.
    /// With [`PythonPolicy::Run`] the settings come from the blog's own Python, else (or
    /// when that fails) from the literal reader; [`Blog::settings_source`] says which.
    /// A folder that is neither fails with [`Error::NotABlog`], naming the folders one or
    /// two levels down that have a `pelicanconf.py`.
    pub fn open_with(dir: &Path, options: &OpenOptions) -> Result<Blog> {
        let root = dir.canonicalize().map_err(io("open", dir))?;
        let loaded = load_settings(&root, options)?;
        Ok(Blog {
            root,
            conf: loaded.conf,
            rules: loaded.rules,
            source: loaded.source,
            python: loaded.python,
            own_writes: Default::default(),
            listing: Default::default(),
            heads: Default::default(),
        })
    }

    /// This blog read again with `options` (its settings may have changed), sharing this
    /// one's record of Folio's own writes, so a watcher started on this blog still tells
    /// them from other programs' changes.
    pub fn reopen_with(&self, options: &OpenOptions) -> Result<Blog> {
        let mut blog = Blog::open_with(&self.root, options)?;
        blog.own_writes = self.own_writes.clone();
        Ok(blog)
    }

    /// Whether `other` has the same settings from the same source.
    pub fn same_settings(&self, other: &Blog) -> bool {
        self.source == other.source && self.python == other.python
    }

    /// Where the settings came from.
    pub fn settings_source(&self) -> &SettingsSource {
        &self.source
    }

    /// Every uppercase setting as the blog's Python evaluated it (Pelican's defaults merged
    /// when Pelican ran it), or `None` when the settings were read as literals.
    pub fn settings(&self) -> Option<&serde_json::Map<String, serde_json::Value>> {
        self.python.as_deref().map(|s| &s.values)
    }

    /// How the post at `rel` (relative to the root) renders in this blog, as `folio render`
    /// renders it: [`Blog::post_settings`] (kept at Pelican's defaults when they cannot be
    /// applied), with `.. include::` reading beside the post and never outside the blog.
    pub fn settings_for_post(&self, rel: &str) -> PostSettings {
        let mut settings = self.post_settings().unwrap_or_default();
        settings.includes = crate::blog_path::resolve(&self.root, rel).ok().and_then(|path| {
            let dir = path.parent()?.to_path_buf();
            Some(crate::IncludeFolder { dir, root: self.root.clone() })
        });
        settings
    }

    /// What the settings change in how a post renders (`TYPOGRIFY` and its companions).
    /// Settings read as literals change nothing: the literal reader does not read them.
    pub fn post_settings(
        &self,
    ) -> std::result::Result<PostSettings, folio_pelican::typogrify::TypogrifyError> {
        let mut post = match self.settings() {
            Some(settings) => PostSettings::from_settings(settings)?,
            None => PostSettings::default(),
        };
        post.reader = self.reader_settings();
        Ok(post)
    }

    /// What the settings and the blog's plugins change in how the engine reads a post
    /// (its language, the directives and roles the plugins register).
    pub fn reader_settings(&self) -> folio_rst::ReaderSettings {
        let Some(python) = self.python.as_deref() else { return Default::default() };
        let mut reader = crate::preview::reader_settings(&python.values);
        if let folio_pelican::settings::Plugins::Loaded(registry) = &python.plugins {
            reader.plugin_directives = registry.directives.clone();
            reader.plugin_roles = registry.roles.clone();
        }
        reader
    }

    /// The language the blog's posts are read in (`DEFAULT_LANG`, `DOCUTILS_SETTINGS`).
    pub fn language(&self) -> folio_rst::Language {
        self.settings().map(|s| crate::preview::reader_settings(s).language).unwrap_or_default()
    }

    /// What the blog's plugins register, or why that cannot be known (the settings were
    /// read without Pelican).
    pub fn plugins(&self) -> folio_pelican::settings::Plugins {
        match self.python.as_deref() {
            Some(python) => python.plugins.clone(),
            None => folio_pelican::settings::Plugins::Unknown {
                reason: "the settings were not read by the blog's Pelican".into(),
            },
        }
    }
}

fn load_settings(root: &Path, options: &OpenOptions) -> Result<LoadedSettings> {
    let conf_path = root.join(CONFIG_FILE);
    let text = match std::fs::read_to_string(&conf_path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if !root.join("content").is_dir() {
                let candidates = blog_candidates(root);
                return Err(Error::NotABlog(NotABlogFolder {
                    folder: root.to_path_buf(),
                    candidates,
                }));
            }
            let source =
                SettingsSource::Literal { reason: LiteralReason::NoConfig, unread: vec![] };
            return Ok(LoadedSettings {
                conf: PelicanConf::default(),
                rules: Arc::default(),
                source,
                python: None,
            });
        }
        Err(e) => return Err(io("read", &conf_path)(e)),
    };
    let reason = match &options.python {
        PythonPolicy::Literal => LiteralReason::NotAllowed,
        PythonPolicy::Run(reader) => match reader.read(root) {
            Ok(reading) => return Ok(from_python(reading.settings, root)),
            Err(e) => LiteralReason::from(e),
        },
        PythonPolicy::Cached(reader) => match reader.read_cached(root) {
            Some(reading) => return Ok(from_python(reading.settings, root)),
            None => LiteralReason::Pending,
        },
    };
    let mut unread = unread_settings(&text);
    for name in python_only_settings(&text) {
        if !unread.contains(&name) {
            unread.push(name);
        }
    }
    let source = SettingsSource::Literal { reason, unread };
    let conf = PelicanConf::parse(&text);
    Ok(LoadedSettings { conf, rules: Arc::default(), source, python: None })
}

/// The settings the blog's Python gave.
fn from_python(settings: Arc<PythonSettings>, root: &Path) -> LoadedSettings {
    let (conf, mut unusable) = PelicanConf::from_python(&settings.values, root);
    let (rules, problems) = MetadataRules::from_settings(&settings.values);
    unusable.extend(problems.into_iter().map(|p| format!("{} ({})", p.setting, p.message)));
    let source = SettingsSource::Python {
        interpreter: settings.interpreter.clone(),
        python_version: settings.python_version.clone(),
        pelican_version: settings.pelican_version.clone(),
        unusable,
    };
    LoadedSettings { conf, rules: Arc::new(rules), source, python: Some(settings) }
}

/// Folders one or two levels below `root` with a `pelicanconf.py`, relative to it, in name
/// order. Hidden folders and tools' folders are skipped.
fn blog_candidates(root: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut level = vec![PathBuf::new()];
    let mut looked = 0;
    for _ in 0..CANDIDATE_DEPTH {
        let mut next = Vec::new();
        for rel in level {
            let Ok(entries) = std::fs::read_dir(root.join(&rel)) else { continue };
            let mut names: Vec<_> = entries
                .filter_map(|e| e.ok())
                .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
                .map(|e| e.file_name())
                .filter(|name| {
                    let name = name.to_string_lossy();
                    !name.starts_with('.') && !SKIPPED_FOLDERS.contains(&name.as_ref())
                })
                .collect();
            names.sort();
            for name in names {
                looked += 1;
                if looked > MAX_CANDIDATE_FOLDERS {
                    return found;
                }
                let child = rel.join(name);
                if root.join(&child).join(CONFIG_FILE).is_file() {
                    found.push(child.clone());
                }
                next.push(child);
            }
        }
        level = next;
    }
    found.sort();
    found
}
