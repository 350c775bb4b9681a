//! The blog's settings as its own Python reads them: `pelicanconf.py` run by the blog's
//! interpreter in a child process with a timeout, answered as JSON, cached by the mtimes and
//! sizes of the files the config used.
//!
//! The child runs one script of ours (`read_settings.py`), which runs nothing but the
//! user's config, through `pelican.settings.read_settings` when Pelican is importable (so
//! Pelican's defaults are merged as Pelican merges them), else as a plain module with the
//! blog folder on `sys.path`. The child gets `-B`, so no `__pycache__` lands in the blog.
//!
//! The blog folder is on `sys.path` with Pelican too, as under `python -m pelican` and
//! invoke's `tasks.py`: a config that imports a sibling module reads, where the bare
//! `pelican` script (whose `sys.path` starts at its own `bin/`) needs the config to add its
//! folder itself.

mod interpreter;

use interpreter::Asking;

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::child_time::Stopped;

pub use interpreter::{
    find_interpreter, find_interpreter_in, Interpreter, InterpreterOrigin, SearchPlaces,
};

/// The file Pelican reads its settings from, in the blog folder.
pub const CONFIG_FILE: &str = "pelicanconf.py";

/// Our script, run as `python -B -c SCRIPT pelicanconf.py`.
const SCRIPT: &str = include_str!("read_settings.py");

/// How long a config may run before Folio stops it. Importing Pelican takes a fraction of a
/// second; a config that needs more than this is waiting on something (the network, a loop).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(5);

/// The most of the child's standard error kept for an error message.
const STDERR_TAIL: usize = 2000;

/// The settings as the blog's Python evaluated them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PythonSettings {
    /// The interpreter that ran the config.
    pub interpreter: PathBuf,
    /// Its version (`3.11.7`).
    pub python_version: String,
    /// The Pelican version that merged its defaults, or `None` when Pelican could not be
    /// imported and the file ran as a plain module.
    pub pelican_version: Option<String>,
    /// Why Pelican could not be imported, when it could not.
    pub pelican_missing: Option<String>,
    /// Pelican's `settings.py`, whose change (an upgrade) makes the cache stale.
    pub pelican_module: Option<PathBuf>,
    /// Every uppercase name, as JSON; values JSON cannot hold are their Python `str()`.
    pub values: serde_json::Map<String, serde_json::Value>,
    /// Modules under the blog folder the config imported (absolute paths).
    pub imported: Vec<PathBuf>,
    /// Other files under the blog folder the config opened (absolute paths).
    pub read: Vec<PathBuf>,
    /// What the blog's plugins register with docutils, as Pelican loads them.
    pub plugins: Plugins,
}

/// The directives and roles the blog's plugins register with docutils, found by loading
/// them as Pelican does and comparing docutils' registries before and after.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Plugins {
    /// The plugins could not be loaded (Pelican does not import), so what they provide
    /// cannot be known.
    Unknown {
        /// Why, in plain words.
        reason: String,
    },
    /// The plugins were loaded.
    Loaded(PluginRegistry),
}

/// What loading the plugins added to docutils.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PluginRegistry {
    /// The plugins Pelican registered, by name.
    pub loaded: Vec<String>,
    /// Directive names they added (lowercase, as docutils keys them).
    pub directives: Vec<String>,
    /// Role names they added.
    pub roles: Vec<String>,
    /// Names of directives that existed before and that a plugin replaced.
    pub replaced_directives: Vec<String>,
    /// Names of roles that existed before and that a plugin replaced.
    pub replaced_roles: Vec<String>,
    /// What Pelican logged while loading them (a plugin that cannot be found or fails to
    /// register is logged and skipped, as Pelican skips it).
    pub errors: Vec<String>,
}

/// How to run the config.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadOptions {
    /// The interpreter to use instead of looking for one (see [`find_interpreter`]).
    pub python: Option<PathBuf>,
    /// How much processor time the config may use (the clock allows twelve times that:
    /// a busy machine does not count against it).
    pub timeout: Duration,
    /// A file that keeps the cache between runs; `None` keeps it in memory only.
    pub cache_file: Option<PathBuf>,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions { python: None, timeout: DEFAULT_TIMEOUT, cache_file: None }
    }
}

/// Why the settings could not be read by Python.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    /// No interpreter was found for the blog.
    #[error(
        "no Python found for {blog}: no virtualenv in or beside it (.venv, venv, env, .env), \
         no `pelican` on PATH or in ~/.local/bin, no pipx install of Pelican and no python3"
    )]
    NoPython {
        /// The blog folder.
        blog: PathBuf,
    },
    /// The interpreter the caller named does not exist.
    #[error("the Python interpreter {0} does not exist")]
    NoSuchPython(PathBuf),
    /// The blog folder has no `pelicanconf.py`.
    #[error("{0} has no pelicanconf.py")]
    NoConfig(PathBuf),
    /// The interpreter could not be started.
    #[error("could not run {python}: {source}")]
    Start {
        /// The interpreter.
        python: PathBuf,
        /// The system's reason.
        source: std::io::Error,
    },
    /// The config raised an exception.
    #[error("{0}")]
    Raised(Box<RaisedError>),
    /// The config used the timeout's processor time (or ran twelve times as long by the
    /// clock) without finishing; the child was killed.
    #[error("{config} did not finish within {} s, so Folio stopped it", .timeout.as_secs_f32())]
    Timeout {
        /// The config file.
        config: PathBuf,
        /// The timeout.
        timeout: Duration,
    },
    /// The child did not answer with the JSON our script prints.
    #[error("{python} did not answer with the settings ({message}); it printed: {stderr}")]
    BadOutput {
        /// The interpreter.
        python: PathBuf,
        /// What was wrong with the answer.
        message: String,
        /// The end of its standard error.
        stderr: String,
    },
}

/// An exception the config raised, as Python reported it.
#[derive(Debug, thiserror::Error)]
#[error("{config} raised {summary}{}", location(.file.as_deref(), *.line))]
pub struct RaisedError {
    /// The config file.
    pub config: PathBuf,
    /// Python's last line, like `NameError: name 'x' is not defined`.
    pub summary: String,
    /// The exception's type name.
    pub kind: String,
    /// Where it was raised: the innermost frame under the blog folder, else the innermost
    /// frame.
    pub file: Option<PathBuf>,
    /// The line in `file`.
    pub line: Option<u32>,
    /// The whole traceback, as Python prints it.
    pub traceback: String,
}

fn location(file: Option<&Path>, line: Option<u32>) -> String {
    match (file, line) {
        (Some(file), Some(line)) => format!(" at {}:{line}", file.display()),
        (Some(file), None) => format!(" in {}", file.display()),
        _ => String::new(),
    }
}

/// Runs the config of the blog in `blog_dir` once, without the cache.
pub fn read_settings(
    blog_dir: &Path,
    options: &ReadOptions,
) -> Result<PythonSettings, SettingsError> {
    let interpreter = find_interpreter(blog_dir, options.python.as_deref())?;
    run_config(blog_dir, &interpreter.path, options.timeout)
}

/// Whether a read came from the cache.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CacheOutcome {
    /// The config and the local files it used are unchanged: Python did not run.
    Hit,
    /// Python ran.
    Miss,
}

/// One read settled: the settings and whether Python ran for them.
#[derive(Clone, Debug)]
pub struct Reading {
    /// The settings.
    pub settings: Arc<PythonSettings>,
    /// Whether they came from the cache.
    pub cache: CacheOutcome,
}

/// Reads settings through a cache kept in memory (shared by clones) and, when
/// [`ReadOptions::cache_file`] is set, in that file. An entry holds while the config, the
/// local modules it imported and the files it read keep their mtimes and sizes, and the
/// interpreter (the file it points to) and Pelican's settings module are unchanged.
///
/// The cache also keeps which interpreter each blog's search found, with the places it
/// searched (`PATH`, the home folder) and the files and folders it looked at (the blog's
/// virtualenv folders, the folders of `PATH`, each interpreter it asked): while they are
/// unchanged the answer stands and no interpreter is started to find it again.
#[derive(Clone, Debug)]
pub struct SettingsReader {
    options: ReadOptions,
    places: SearchPlaces,
    cache: Arc<Mutex<Caches>>,
}

/// What a reader keeps, by blog folder.
#[derive(Clone, Debug, Default)]
struct Caches {
    /// Settings, by config file.
    settings: HashMap<PathBuf, CacheEntry>,
    /// The interpreter search's answers, by blog folder.
    interpreters: HashMap<PathBuf, interpreter::Found>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
struct CacheEntry {
    files: Vec<FileStamp>,
    settings: Arc<PythonSettings>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct FileStamp {
    path: PathBuf,
    size: u64,
    modified_ns: u128,
}

impl FileStamp {
    fn read(path: &Path) -> Option<FileStamp> {
        let meta = std::fs::metadata(path).ok()?;
        let modified = meta.modified().ok()?;
        let modified_ns = modified.duration_since(UNIX_EPOCH).ok()?.as_nanos();
        Some(FileStamp { path: path.to_path_buf(), size: meta.len(), modified_ns })
    }
}

#[derive(Serialize, Deserialize)]
struct CacheFile {
    entries: Vec<(PathBuf, CacheEntry)>,
    #[serde(default)]
    interpreters: Vec<(PathBuf, interpreter::Found)>,
}

impl SettingsReader {
    /// A reader with `options`; loads [`ReadOptions::cache_file`] when it exists (a file
    /// that cannot be read as our cache is ignored and rewritten).
    pub fn new(options: ReadOptions) -> SettingsReader {
        let caches = options
            .cache_file
            .as_deref()
            .and_then(|file| std::fs::read(file).ok())
            .and_then(|bytes| serde_json::from_slice::<CacheFile>(&bytes).ok())
            .map(|file| Caches {
                settings: file.entries.into_iter().collect(),
                interpreters: file.interpreters.into_iter().collect(),
            })
            .unwrap_or_default();
        SettingsReader {
            options,
            places: SearchPlaces::from_env(),
            cache: Arc::new(Mutex::new(caches)),
        }
    }

    /// This reader looking for interpreters in `places` instead of this process's
    /// environment.
    pub fn with_places(self, places: SearchPlaces) -> SettingsReader {
        SettingsReader { places, ..self }
    }

    /// The options this reader runs with.
    pub fn options(&self) -> &ReadOptions {
        &self.options
    }

    /// The settings of the blog in `blog_dir`, from the cache when nothing it depends on
    /// changed, else by running the config. Errors are not cached.
    pub fn read(&self, blog_dir: &Path) -> Result<Reading, SettingsError> {
        let interpreter = self.interpreter(blog_dir)?;
        let config = blog_dir.join(CONFIG_FILE);
        if let Some(settings) = self.cached(&config, &interpreter.path) {
            return Ok(Reading { settings, cache: CacheOutcome::Hit });
        }
        // The config's stamp is taken before it runs: an edit during the run is a change.
        let config_stamp = FileStamp::read(&config);
        let settings = Arc::new(run_config(blog_dir, &interpreter.path, self.options.timeout)?);
        let later = [&interpreter.path]
            .into_iter()
            .chain(&settings.pelican_module)
            .chain(&settings.imported)
            .chain(&settings.read)
            .map(|path| FileStamp::read(path));
        // A file that cannot be stamped (gone already) could not tell a change: no entry.
        let files: Option<Vec<FileStamp>> = std::iter::once(config_stamp).chain(later).collect();
        if let Some(files) = files {
            let entry = CacheEntry { files, settings: Arc::clone(&settings) };
            self.update(|caches| {
                caches.settings.insert(config, entry);
            });
        }
        Ok(Reading { settings, cache: CacheOutcome::Miss })
    }

    /// The settings of the blog in `blog_dir` when the cache holds them for the blog as it
    /// is now (its interpreter search's answer and the files its config used unchanged);
    /// `None` otherwise. Never starts an interpreter: this is what a window shows at once,
    /// before [`SettingsReader::read`] has had time to run the config.
    pub fn read_cached(&self, blog_dir: &Path) -> Option<Reading> {
        let interpreter = self.known_interpreter(blog_dir)?;
        let settings = self.cached(&blog_dir.join(CONFIG_FILE), &interpreter.path)?;
        Some(Reading { settings, cache: CacheOutcome::Hit })
    }

    /// The blog's interpreter (see [`find_interpreter`]): the one the options name, else
    /// the cached answer of an earlier search while nothing it looked at changed, else a
    /// new search, whose answer is cached.
    pub fn interpreter(&self, blog_dir: &Path) -> Result<Interpreter, SettingsError> {
        if let Some(python) = &self.options.python {
            return interpreter::explicit_interpreter(python);
        }
        if let Some(known) = self.known_interpreter(blog_dir) {
            return Ok(known);
        }
        let found = interpreter::search(blog_dir, &self.places, Asking::Allowed)?;
        let found =
            found.ok_or_else(|| SettingsError::NoPython { blog: blog_dir.to_path_buf() })?;
        Ok(self.keep(blog_dir, found))
    }

    /// The blog's interpreter when it is known without starting any: the one the options
    /// name, a cached answer that still holds, or one found by looking at files alone (a
    /// virtualenv, the shebang of `pelican`); `None` when only asking the Pythons on
    /// `PATH` could tell.
    pub fn known_interpreter(&self, blog_dir: &Path) -> Option<Interpreter> {
        if let Some(python) = &self.options.python {
            return interpreter::explicit_interpreter(python).ok();
        }
        {
            let cache = self.cache.lock().unwrap_or_else(|p| p.into_inner());
            let cached = cache.interpreters.get(blog_dir);
            if let Some(found) = cached.filter(|found| found.holds(&self.places)) {
                return Some(found.interpreter.clone());
            }
        }
        let found = interpreter::search(blog_dir, &self.places, Asking::Forbidden).ok()??;
        Some(self.keep(blog_dir, found))
    }

    /// Caches a search's answer for the blog.
    fn keep(&self, blog_dir: &Path, found: interpreter::Found) -> Interpreter {
        let interpreter = found.interpreter.clone();
        self.update(|caches| {
            caches.interpreters.insert(blog_dir.to_path_buf(), found);
        });
        interpreter
    }

    /// Changes the cache, and writes it to the cache file when there is one.
    fn update(&self, change: impl FnOnce(&mut Caches)) {
        let snapshot = {
            let mut cache = self.cache.lock().unwrap_or_else(|p| p.into_inner());
            change(&mut cache);
            self.options.cache_file.is_some().then(|| cache.clone())
        };
        if let (Some(file), Some(caches)) = (&self.options.cache_file, snapshot) {
            save_cache(file, caches);
        }
    }

    fn cached(&self, config: &Path, interpreter: &Path) -> Option<Arc<PythonSettings>> {
        let cache = self.cache.lock().unwrap_or_else(|p| p.into_inner());
        let entry = cache.settings.get(config)?;
        let fresh = entry.settings.interpreter == interpreter
            && entry.files.iter().all(|stamp| FileStamp::read(&stamp.path).as_ref() == Some(stamp));
        fresh.then(|| Arc::clone(&entry.settings))
    }
}

impl Default for SettingsReader {
    fn default() -> Self {
        SettingsReader::new(ReadOptions::default())
    }
}

/// Writes the cache file through a temporary file beside it. A cache that cannot be
/// written only costs a run of Python next time, so failures are not reported.
fn save_cache(file: &Path, caches: Caches) {
    let contents = CacheFile {
        entries: caches.settings.into_iter().collect(),
        interpreters: caches.interpreters.into_iter().collect(),
    };
    let Ok(bytes) = serde_json::to_vec(&contents) else {
        return;
    };
    if let Some(dir) = file.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let mut temp = file.as_os_str().to_owned();
    temp.push(format!(".{}.tmp", std::process::id()));
    let temp = PathBuf::from(temp);
    if std::fs::write(&temp, bytes).is_ok() && std::fs::rename(&temp, file).is_err() {
        let _ = std::fs::remove_file(&temp);
    }
}

/// What our script prints.
#[derive(Deserialize)]
struct Reply {
    python: String,
    pelican: Option<String>,
    pelican_missing: Option<String>,
    #[serde(default)]
    pelican_module: Option<PathBuf>,
    #[serde(default)]
    settings: Option<serde_json::Map<String, serde_json::Value>>,
    #[serde(default)]
    imported: Vec<PathBuf>,
    #[serde(default)]
    read: Vec<PathBuf>,
    #[serde(default)]
    error: Option<RaisedReply>,
    #[serde(default)]
    plugins: Option<PluginsReply>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum PluginsReply {
    Unknown { unknown: String },
    Loaded(PluginRegistry),
}

#[derive(Deserialize)]
struct RaisedReply {
    #[serde(rename = "type")]
    kind: String,
    summary: String,
    file: Option<PathBuf>,
    line: Option<u32>,
    traceback: String,
}

/// How often a running config is looked at.
const POLL: Duration = Duration::from_millis(10);

/// Runs `pelicanconf.py` in `blog_dir` with `python`, killing it once it used `timeout` of
/// processor time (or twelve times that by the clock, see [`crate::child_time`]).
fn run_config(
    blog_dir: &Path,
    python: &Path,
    timeout: Duration,
) -> Result<PythonSettings, SettingsError> {
    let config = blog_dir.join(CONFIG_FILE);
    if !config.is_file() {
        return Err(SettingsError::NoConfig(blog_dir.to_path_buf()));
    }
    let mut child = Command::new(python)
        .arg("-B")
        .arg("-c")
        .arg(SCRIPT)
        .arg(&config)
        .current_dir(blog_dir)
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|source| SettingsError::Start { python: python.to_path_buf(), source })?;
    // Both pipes are drained on threads so a chatty config cannot fill one and stall.
    let stdout = child.stdout.take().map(drain);
    let stderr = child.stderr.take().map(drain);
    let status = match crate::child_time::wait_within(&mut child, timeout, timeout * 12, POLL) {
        Ok(status) => status,
        Err(Stopped::Lost) => {
            let source = std::io::Error::other("waiting for it failed");
            return Err(SettingsError::Start { python: python.to_path_buf(), source });
        }
        Err(why) => return Err(SettingsError::Timeout { config, timeout: why.limit() }),
    };
    let stdout = stdout.and_then(|h| h.join().ok()).unwrap_or_default();
    let stderr = stderr.and_then(|h| h.join().ok()).unwrap_or_default();
    let bad = |message: String| SettingsError::BadOutput {
        python: python.to_path_buf(),
        message,
        stderr: tail(&stderr),
    };
    if stdout.trim().is_empty() {
        return Err(bad(format!("it printed nothing and exited with {status}")));
    }
    let reply: Reply =
        serde_json::from_str(&stdout).map_err(|e| bad(format!("not our JSON: {e}")))?;
    if let Some(error) = reply.error {
        return Err(SettingsError::Raised(Box::new(RaisedError {
            config,
            summary: error.summary,
            kind: error.kind,
            file: error.file,
            line: error.line,
            traceback: error.traceback,
        })));
    }
    let values = reply.settings.ok_or_else(|| bad("no settings in the answer".to_string()))?;
    let plugins = match reply.plugins {
        Some(PluginsReply::Loaded(registry)) => Plugins::Loaded(registry),
        Some(PluginsReply::Unknown { unknown }) => Plugins::Unknown { reason: unknown },
        None => Plugins::Unknown { reason: "the settings reader did not load them".into() },
    };
    Ok(PythonSettings {
        interpreter: python.to_path_buf(),
        python_version: reply.python,
        pelican_version: reply.pelican,
        pelican_missing: reply.pelican_missing,
        pelican_module: reply.pelican_module,
        values,
        imported: reply.imported,
        read: reply.read,
        plugins,
    })
}

fn drain(mut pipe: impl Read + Send + 'static) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = pipe.read_to_end(&mut bytes);
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

/// The last [`STDERR_TAIL`] bytes of `text`, on a char boundary.
fn tail(text: &str) -> String {
    let text = text.trim();
    let mut start = text.len().saturating_sub(STDERR_TAIL);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    text[start..].to_string()
}
