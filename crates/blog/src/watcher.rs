//! Watching the blog folder for changes made by other programs (editors, `git pull`,
//! branch switches), without echoing Folio's own saves.

use std::path::{Path, PathBuf};
use std::time::Duration;

use notify_debouncer_mini::notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_mini::{new_debouncer, DebounceEventResult, Debouncer};
use serde::Serialize;
use ts_rs::TS;

use crate::{blog_path, Blog, Error, Result};

/// How long the watcher waits for a burst of events (a `git checkout`) to settle. Well
/// under the 300 ms in which the window must show an outside change.
const SETTLE: Duration = Duration::from_millis(100);

/// How long a retired watcher goes on ([`BlogWatcher::retire`]): its last changes settle
/// and are told well within it, even on a machine that is slow to schedule its thread.
const RETIRE_AFTER: Duration = Duration::from_secs(2);

/// A change to a file in the blog made by another program.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[ts(export)]
pub enum BlogChange {
    /// The file was created or its content changed.
    Changed {
        /// Relative to the blog root.
        path: String,
    },
    /// The file is gone (deleted, or renamed away).
    Removed {
        /// Relative to the blog root.
        path: String,
    },
}

/// Keeps watching while it lives; dropping it stops the watcher, and a change still
/// settling then is never told (see [`BlogWatcher::retire`]).
pub struct BlogWatcher {
    _debouncer: Debouncer<RecommendedWatcher>,
    root: PathBuf,
}

impl BlogWatcher {
    /// The blog folder it watches.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Stops watching a little later rather than now, so that a change it saw just
    /// before is still told. For a watcher another one on the same blog replaces: the
    /// two may tell one change twice, never lose it.
    pub fn retire(self) {
        std::thread::spawn(move || {
            std::thread::sleep(RETIRE_AFTER);
            drop(self);
        });
    }
}

impl std::fmt::Debug for BlogWatcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("BlogWatcher")
    }
}

impl Blog {
    /// Calls `on_change` (on the watcher's thread) with each settled batch of outside
    /// changes. Changes inside `.git/`, hidden files (Folio's temporary files among them)
    /// and files whose content is what Folio itself last wrote are left out.
    pub fn watch(
        &self,
        on_change: impl Fn(Vec<BlogChange>) + Send + 'static,
    ) -> Result<BlogWatcher> {
        let blog = self.clone();
        let watch_error = |e: notify_debouncer_mini::notify::Error| Error::Watch {
            path: self.root.clone(),
            message: e.to_string(),
        };
        let mut debouncer = new_debouncer(SETTLE, move |events: DebounceEventResult| {
            let Ok(events) = events else { return };
            let mut changes: Vec<BlogChange> =
                events.iter().filter_map(|e| blog.classify(&e.path)).collect();
            changes.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
            changes.dedup();
            if !changes.is_empty() {
                on_change(changes);
            }
        })
        .map_err(watch_error)?;
        debouncer.watcher().watch(&self.root, RecursiveMode::Recursive).map_err(watch_error)?;
        Ok(BlogWatcher { _debouncer: debouncer, root: self.root.clone() })
    }

    fn classify(&self, path: &Path) -> Option<BlogChange> {
        let rel = path.strip_prefix(&self.root).ok()?;
        let hidden = rel.components().any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
        if hidden || rel.as_os_str().is_empty() {
            return None;
        }
        let rel_text = blog_path::relative(&self.root, path);
        match std::fs::read(path) {
            Ok(bytes) if self.own_writes.is_own(path, &bytes) => None,
            Ok(_) => Some(BlogChange::Changed { path: rel_text }),
            // A folder event: its files report themselves.
            Err(_) if path.is_dir() => None,
            Err(_) => Some(BlogChange::Removed { path: rel_text }),
        }
    }
}
