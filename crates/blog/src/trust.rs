//! Whether the window may run a blog's `pelicanconf.py`. Evaluating it runs the blog's
//! code, so the window asks the writer once per blog (like an editor's workspace trust)
//! and remembers the answer in Folio's settings, keyed by the blog's canonical root. The
//! demo blog Folio wrote itself is trusted without asking.

use std::path::{Path, PathBuf};

use folio_pelican::settings::CONFIG_FILE;
use serde::Serialize;
use ts_rs::TS;

use crate::open::{OpenOptions, ReadOptions, SettingsReader};
use crate::settings::Settings;
use crate::{Blog, Result};

/// Where the window keeps what the blogs' Pythons answered, between runs.
const PYTHON_CACHE_FILE: &str = "python-settings.json";

/// The folder of the demo blog in the app data folder.
pub(crate) const DEMO_FOLDER: &str = "demo-blog";

/// Whether the window runs a blog's `pelicanconf.py`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum Trust {
    /// The writer said yes (or it is Folio's own demo blog): its Python reads the settings.
    Trusted,
    /// The writer said keep literal: the file is never run.
    Declined,
    /// The blog has a `pelicanconf.py` and the writer was not asked yet: read as literals
    /// until they answer.
    NotAsked,
    /// The blog has no `pelicanconf.py`: nothing to run, nothing to ask.
    NothingToRun,
}

/// The trust of the blog at `root` (canonical), as remembered in `data_dir`.
pub fn trust_of(data_dir: &Path, root: &Path) -> Trust {
    if !root.join(CONFIG_FILE).is_file() {
        return Trust::NothingToRun;
    }
    if is_demo(data_dir, root) {
        return Trust::Trusted;
    }
    // Unreadable settings are the same as never asked: the window asks again.
    match Settings::load(data_dir).unwrap_or_default().python_trust(root) {
        Some(true) => Trust::Trusted,
        Some(false) => Trust::Declined,
        None => Trust::NotAsked,
    }
}

/// Remembers the writer's answer for the blog at `root` and opens it again as the answer
/// says: with its Python when `trusted` (the writer waits for it), else with the literal
/// reader.
pub fn answer_trust(data_dir: &Path, root: &Path, trusted: bool) -> Result<Blog> {
    Settings::update(data_dir, |settings| {
        settings.set_python_trust(root, trusted);
        true
    })?;
    let options = match trusted {
        true => OpenOptions::run_python(window_reader(data_dir)),
        false => OpenOptions::default(),
    };
    Blog::open_with(root, &options)
}

/// How the window opens the blog in `dir` at once: when it is trusted, with the settings
/// its Python gave last time (cached in the data folder) while nothing they depend on
/// changed, else (and when it is not trusted) reading it as literals. Nothing is run:
/// [`settle_settings`] does that, off the way of the first paint.
pub fn window_open_options(data_dir: &Path, dir: &Path) -> OpenOptions {
    let root = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    match trust_of(data_dir, &root) {
        Trust::Trusted => OpenOptions::cached_python(window_reader(data_dir)),
        Trust::Declined | Trust::NotAsked | Trust::NothingToRun => OpenOptions::default(),
    }
}

/// What the window does after showing `blog` as [`window_open_options`] opened it: finds
/// its interpreter (starting Pythons only when what the last search looked at changed)
/// and, when it is trusted, reads its settings with it (running `pelicanconf.py` only
/// when the cache does not hold them). The blog read again when what the window shows
/// changed (the settings, or the interpreter the trust question names); `None` when it
/// stands. Slow (it may start Python): run it in the background.
pub fn settle_settings(data_dir: &Path, blog: &Blog) -> Result<Option<Blog>> {
    let reader = window_reader(data_dir);
    match trust_of(data_dir, blog.root()) {
        Trust::Trusted => {
            let settled = blog.reopen_with(&OpenOptions::run_python(reader))?;
            Ok((!settled.same_settings(blog)).then_some(settled))
        }
        Trust::NotAsked => {
            let known = reader.known_interpreter(blog.root());
            let found = reader.interpreter(blog.root()).ok();
            Ok((known != found).then(|| blog.clone()))
        }
        Trust::Declined | Trust::NothingToRun => Ok(None),
    }
}

/// The window's settings reader: its cache lives in the data folder.
fn window_reader(data_dir: &Path) -> SettingsReader {
    SettingsReader::new(ReadOptions {
        cache_file: Some(python_cache_file(data_dir)),
        ..ReadOptions::default()
    })
}

/// The file that keeps the settings the blogs' Pythons gave, keyed by their mtimes.
pub fn python_cache_file(data_dir: &Path) -> PathBuf {
    data_dir.join(PYTHON_CACHE_FILE)
}

fn is_demo(data_dir: &Path, root: &Path) -> bool {
    data_dir.join(DEMO_FOLDER).canonicalize().is_ok_and(|demo| demo == root)
}

/// The interpreter that would run the config of the blog at `root`, to name in the
/// question, when it is known without searching (the last search's answer still holds);
/// `None` when it is not known yet or none was found. [`settle_settings`] searches.
pub fn blog_interpreter(data_dir: &Path, root: &Path) -> Option<PathBuf> {
    window_reader(data_dir).known_interpreter(root).map(|i| i.path)
}
