//! Watching the blog folder for changes made by other programs (editors, `git pull`,
//! branch switches), without echoing Folio's own saves.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};
use serde::Serialize;
use ts_rs::TS;

use crate::{blog_path, Blog, Error, Result};

/// How long the watcher waits for a burst of events (a `git checkout`) to settle. Well
/// under the 300 ms in which the window must show an outside change.
const SETTLE: Duration = Duration::from_millis(100);

/// The longest a batch waits for a stream of events that never settles (a long checkout)
/// before what it holds is told.
const BATCH_AT_MOST: Duration = Duration::from_millis(400);

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
    // Dropping it ends its event thread, which ends the settling thread.
    _watcher: RecommendedWatcher,
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

/// The paths of the next burst of events: from the first, until none came for [`SETTLE`]
/// (or [`BATCH_AT_MOST`] passed). `None` once the watcher is gone and nothing is left.
fn next_batch(paths: &mpsc::Receiver<PathBuf>) -> Option<BTreeSet<PathBuf>> {
    let first = paths.recv().ok()?;
    let started = Instant::now();
    let mut batch = BTreeSet::from([first]);
    loop {
        let wait = SETTLE.min(BATCH_AT_MOST.saturating_sub(started.elapsed()));
        match paths.recv_timeout(wait) {
            Ok(path) => {
                batch.insert(path);
            }
            Err(_) => return Some(batch),
        }
        if started.elapsed() >= BATCH_AT_MOST {
            return Some(batch);
        }
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
        let watch_error =
            |e: notify::Error| Error::Watch { path: self.root.clone(), message: e.to_string() };
        let (paths, settled) = mpsc::channel::<PathBuf>();
        let mut watcher = notify::recommended_watcher(move |event: notify::Result<Event>| {
            // Opening or reading a file changes nothing; the watcher itself reads each
            // file it is told about, so counting reads would tell a change forever.
            // Closing a file written to is a change (its writes were told too).
            let Ok(event) = event else { return };
            if matches!(event.kind, EventKind::Access(a) if a != AccessKind::Close(AccessMode::Write))
            {
                return;
            }
            for path in event.paths {
                let _ = paths.send(path);
            }
        })
        .map_err(watch_error)?;
        watcher.watch(&self.root, RecursiveMode::Recursive).map_err(watch_error)?;
        std::thread::Builder::new()
            .name("folio-watcher".into())
            .spawn(move || {
                while let Some(batch) = next_batch(&settled) {
                    let mut changes: Vec<BlogChange> =
                        batch.iter().filter_map(|p| blog.classify(p)).collect();
                    changes.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
                    changes.dedup();
                    if !changes.is_empty() {
                        on_change(changes);
                    }
                }
            })
            .map_err(|e| Error::Watch { path: self.root.clone(), message: e.to_string() })?;
        Ok(BlogWatcher { _watcher: watcher, root: self.root.clone() })
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
