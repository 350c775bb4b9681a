//! The app's managed state: where its data lives and which blog is open.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

use folio_blog::journal::Journal;
use folio_blog::live_preview::{LivePreview, PreviewPatch};
use folio_blog::spelling::{Dictionaries, SpellingSession};
use folio_blog::watcher::BlogWatcher;
use folio_blog::Blog;
use tauri::ipc::Channel;

use crate::api::ApiError;
use crate::drops::Drops;
use crate::prompts::PendingPrompts;
use crate::remote_watch::RemoteWatch;

pub(crate) struct AppState {
    /// The app data folder (settings, demo blog); `FOLIO_DATA_DIR` overrides it for tests.
    pub(crate) data_dir: PathBuf,
    /// Unsaved editor text, kept in `data_dir/journal`.
    pub(crate) journal: Journal,
    /// Git's questions waiting for the writer's answer.
    pub(crate) prompts: PendingPrompts,
    /// Files dropped on the window, and where to tell the page about drags.
    pub(crate) drops: Drops,
    /// Spell checking of the open post (its speller, the system's dictionaries).
    pub(crate) spelling: Arc<SpellingSession>,
    /// The file the app was started on (`folio-app FILE`, the desktop's "Open with"), taken
    /// by the first `start`.
    launch_file: Mutex<Option<PathBuf>>,
    blog: Mutex<Option<Blog>>,
    watcher: Mutex<Option<BlogWatcher>>,
    /// The post being edited and its preview, kept between keystrokes.
    live_preview: Mutex<LivePreview>,
    /// Where the answers to `preview_edit` go.
    preview_answers: Mutex<Option<Channel<Option<PreviewPatch>>>>,
    /// The post and the head (title and fields) the page preview was last rendered from.
    pub(crate) page_head: Mutex<Option<(String, String)>>,
    /// The background check of the remote, and the lock publishes and updates hold.
    pub(crate) remote_watch: RemoteWatch,
}

impl AppState {
    pub(crate) fn new(data_dir: PathBuf, launch_file: Option<PathBuf>) -> AppState {
        let journal = Journal::new(data_dir.join("journal"));
        AppState {
            data_dir,
            journal,
            prompts: PendingPrompts::default(),
            drops: Drops::default(),
            spelling: Arc::new(SpellingSession::new(Dictionaries::system())),
            launch_file: Mutex::new(launch_file),
            blog: Mutex::new(None),
            watcher: Mutex::new(None),
            live_preview: Mutex::default(),
            preview_answers: Mutex::default(),
            page_head: Mutex::default(),
            remote_watch: RemoteWatch::default(),
        }
    }

    /// The file the app was started on, once: a later `start` (a reload) opens the last blog.
    pub(crate) fn take_launch_file(&self) -> Option<PathBuf> {
        self.launch_file.lock().ok().and_then(|mut file| file.take())
    }

    /// The open blog; commands that need one fail clearly before `start`.
    pub(crate) fn blog(&self) -> Result<Blog, ApiError> {
        let guard = self.blog.lock().map_err(|_| ApiError::internal("the app state is damaged"))?;
        guard.clone().ok_or_else(|| ApiError::internal("no blog is open yet"))
    }

    /// Makes `blog` the open one; the previous blog's watcher stops.
    pub(crate) fn set_blog(&self, blog: Blog) {
        // A poisoned lock only means another command panicked; the value is still usable.
        *self.watcher.lock().unwrap_or_else(|p| p.into_inner()) = None;
        *self.blog.lock().unwrap_or_else(|p| p.into_inner()) = Some(blog);
    }

    /// Makes `blog` the open one in place of `was`, `blog` being `was` read again, unless
    /// another blog (or the same one read otherwise, as a trust answer does) opened since.
    /// Whether it did. The watcher goes on.
    pub(crate) fn replace_blog(&self, was: &Blog, blog: Blog) -> bool {
        let mut open = self.blog.lock().unwrap_or_else(|p| p.into_inner());
        let unchanged =
            open.as_ref().is_some_and(|open| open.root() == was.root() && open.same_settings(was));
        if unchanged {
            *open = Some(blog);
        }
        unchanged
    }

    pub(crate) fn live_preview(&self) -> MutexGuard<'_, LivePreview> {
        // A poisoned lock only means a render panicked; the window reopens the preview
        // after any failed answer, so the state it left is never built on.
        self.live_preview.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub(crate) fn set_preview_answers(&self, answers: Channel<Option<PreviewPatch>>) {
        *self.preview_answers.lock().unwrap_or_else(|p| p.into_inner()) = Some(answers);
    }

    /// Sends `answer` to the window, on the channel it gave for them.
    pub(crate) fn answer_preview(&self, answer: Option<PreviewPatch>) -> Result<(), ApiError> {
        let answers = self.preview_answers.lock().unwrap_or_else(|p| p.into_inner());
        let answers = answers.as_ref().ok_or_else(|| ApiError::internal("no preview channel"))?;
        answers.send(answer).map_err(|e| ApiError::internal(format!("the preview's answer: {e}")))
    }

    /// Watches with `watcher` from now on. One it replaces on the same blog (the blog read
    /// again with its settings) retires rather than stops: a change it saw a moment ago,
    /// still settling, is told, not lost; the window sees a change told twice is one.
    pub(crate) fn set_watcher(&self, watcher: BlogWatcher) {
        let root = watcher.root().to_path_buf();
        let old = self.watcher.lock().unwrap_or_else(|p| p.into_inner()).replace(watcher);
        if let Some(old) = old.filter(|old| old.root() == root) {
            old.retire();
        }
    }
}
