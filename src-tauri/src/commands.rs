//! The window's commands: each runs its blocking work off the async runtime and calls
//! into `folio_blog`.

use std::path::PathBuf;

use folio_blog::watcher::BlogChange;
use folio_blog::{Blog, PostSummary, PostText, Preview};
use tauri::ipc::Channel;
use tauri::State;

use crate::api::{ApiError, Workspace};
use crate::state::AppState;

/// Runs blocking file work on the blocking pool, never on the UI thread or a runtime worker.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|e| ApiError::internal(format!("a background task failed: {e}")))?
}

#[tauri::command]
pub(crate) async fn start(state: State<'_, AppState>) -> Result<Workspace, ApiError> {
    let data_dir = state.data_dir.clone();
    let blog = blocking(move || Ok(folio_blog::open_last_or_create_demo(&data_dir)?)).await?;
    state.set_blog(blog.clone());
    let journal = state.journal.clone();
    blocking(move || Workspace::load(&blog, &journal)).await
}

#[tauri::command]
pub(crate) async fn open_blog(
    state: State<'_, AppState>,
    path: PathBuf,
) -> Result<Workspace, ApiError> {
    let data_dir = state.data_dir.clone();
    let blog = blocking(move || Ok(folio_blog::open_and_remember(&data_dir, &path)?)).await?;
    state.set_blog(blog.clone());
    let journal = state.journal.clone();
    blocking(move || Workspace::load(&blog, &journal)).await
}

#[tauri::command]
pub(crate) async fn list_posts(state: State<'_, AppState>) -> Result<Vec<PostSummary>, ApiError> {
    let blog: Blog = state.blog()?;
    blocking(move || Ok(blog.list_posts()?)).await
}

/// Watches the open blog; outside changes arrive on `on_change` until another blog opens.
#[tauri::command]
pub(crate) async fn watch_blog(
    state: State<'_, AppState>,
    on_change: Channel<Vec<BlogChange>>,
) -> Result<(), ApiError> {
    let blog: Blog = state.blog()?;
    let watcher = blog.watch(move |changes| {
        // A closed channel only means the window is gone; nothing to tell.
        let _ = on_change.send(changes);
    })?;
    state.set_watcher(watcher);
    Ok(())
}

#[tauri::command]
pub(crate) async fn read_post(
    state: State<'_, AppState>,
    path: String,
) -> Result<PostText, ApiError> {
    let blog: Blog = state.blog()?;
    blocking(move || Ok(blog.read_post(&path)?)).await
}

/// Saves and, once the text is on disk, drops its journal entry. Returns the new revision.
#[tauri::command]
pub(crate) async fn save_post(
    state: State<'_, AppState>,
    path: String,
    text: String,
    base: Option<String>,
) -> Result<String, ApiError> {
    let blog: Blog = state.blog()?;
    let journal = state.journal.clone();
    blocking(move || {
        let revision = blog.save_post(&path, &text, base.as_deref())?;
        journal.discard(blog.root(), &path)?;
        Ok(revision)
    })
    .await
}

/// Keeps unsaved text safe from a crash until it is saved.
#[tauri::command]
pub(crate) async fn journal_record(
    state: State<'_, AppState>,
    path: String,
    text: String,
    base: Option<String>,
) -> Result<(), ApiError> {
    let blog: Blog = state.blog()?;
    let journal = state.journal.clone();
    blocking(move || Ok(journal.record(blog.root(), &path, base.as_deref(), &text)?)).await
}

#[tauri::command]
pub(crate) async fn journal_discard(
    state: State<'_, AppState>,
    path: String,
) -> Result<(), ApiError> {
    let blog: Blog = state.blog()?;
    let journal = state.journal.clone();
    blocking(move || Ok(journal.discard(blog.root(), &path)?)).await
}

/// Rendering is pure CPU work of well under a millisecond for a normal post, so it runs
/// on the command's own async task.
#[tauri::command]
pub(crate) async fn render_preview(text: String) -> Preview {
    folio_blog::render_preview(&text)
}
