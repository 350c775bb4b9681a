//! The app's managed state: where its data lives and which blog is open.

use std::path::PathBuf;
use std::sync::Mutex;

use folio_blog::Blog;

use crate::api::ApiError;

pub(crate) struct AppState {
    /// The app data folder (settings, demo blog); `FOLIO_DATA_DIR` overrides it for tests.
    pub(crate) data_dir: PathBuf,
    blog: Mutex<Option<Blog>>,
}

impl AppState {
    pub(crate) fn new(data_dir: PathBuf) -> AppState {
        AppState { data_dir, blog: Mutex::new(None) }
    }

    /// The open blog; commands that need one fail clearly before `start`.
    pub(crate) fn blog(&self) -> Result<Blog, ApiError> {
        let guard = self.blog.lock().map_err(|_| ApiError::internal("the app state is damaged"))?;
        guard.clone().ok_or_else(|| ApiError::internal("no blog is open yet"))
    }

    pub(crate) fn set_blog(&self, blog: Blog) {
        // A poisoned lock only means another command panicked; the value is still usable.
        let mut guard = self.blog.lock().unwrap_or_else(|p| p.into_inner());
        *guard = Some(blog);
    }
}
