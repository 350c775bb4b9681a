//! The window's commands: each runs its blocking work off the async runtime and calls
//! into `folio_blog`.

use std::path::PathBuf;

use folio_blog::{Blog, Preview};
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
    blocking(move || Workspace::load(&blog)).await
}

#[tauri::command]
pub(crate) async fn open_blog(
    state: State<'_, AppState>,
    path: PathBuf,
) -> Result<Workspace, ApiError> {
    let data_dir = state.data_dir.clone();
    let blog = blocking(move || Ok(folio_blog::open_and_remember(&data_dir, &path)?)).await?;
    state.set_blog(blog.clone());
    blocking(move || Workspace::load(&blog)).await
}

#[tauri::command]
pub(crate) async fn read_post(
    state: State<'_, AppState>,
    path: String,
) -> Result<String, ApiError> {
    let blog: Blog = state.blog()?;
    blocking(move || Ok(blog.read_post(&path)?)).await
}

#[tauri::command]
pub(crate) async fn save_post(
    state: State<'_, AppState>,
    path: String,
    text: String,
) -> Result<(), ApiError> {
    let blog: Blog = state.blog()?;
    blocking(move || Ok(blog.save_post(&path, &text)?)).await
}

/// Rendering is pure CPU work of well under a millisecond for a normal post, so it runs
/// on the command's own async task.
#[tauri::command]
pub(crate) async fn render_preview(text: String) -> Preview {
    folio_blog::render_preview(&text)
}
