//! Staying current with the remote: a background thread per open blog that checks the
//! upstream on opening and every few minutes (never while a publish runs), and the
//! command that brings the remote's commits in.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use folio_blog::git::{self, AuthOptions, RemoteNews, Resolution, UpdateReport};
use tauri::ipc::Channel;
use tauri::State;

use crate::api::ApiError;
use crate::state::AppState;

/// How long one check may wait for the remote before it is "unreachable".
const CHECK_TIMEOUT: Duration = Duration::from_secs(4);

/// How often the open blog's remote is checked (`FOLIO_REMOTE_CHECK_SECONDS` overrides it,
/// for the tests).
const CHECK_EVERY: Duration = Duration::from_secs(5 * 60);

/// Git work on the open blog that must not overlap: a publish or an update holds `busy`
/// while it runs; a background check that finds it held skips its turn.
#[derive(Default)]
pub(crate) struct RemoteWatch {
    /// Which watch is current: a watch whose number is no longer this one ends.
    generation: Arc<AtomicU64>,
    pub(crate) busy: Arc<Mutex<()>>,
}

fn check_every() -> Duration {
    std::env::var("FOLIO_REMOTE_CHECK_SECONDS")
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
        .map_or(CHECK_EVERY, |s| Duration::from_secs(s.max(1)))
}

/// Checks the open blog's remote now and every few minutes; what each check finds arrives
/// on `on_news` (quietly: an unreachable remote is news with `reachable: false`). Ends when
/// another blog opens or the window closes.
#[tauri::command]
pub(crate) async fn watch_remote(
    state: State<'_, AppState>,
    on_news: Channel<RemoteNews>,
) -> Result<(), ApiError> {
    let blog = state.blog()?;
    let watch = &state.remote_watch;
    let generation = watch.generation.fetch_add(1, Ordering::SeqCst) + 1;
    let (current, busy) = (watch.generation.clone(), watch.busy.clone());
    let every = check_every();
    let spawned = std::thread::Builder::new().name("folio-remote-watch".into()).spawn(move || {
        let auth = AuthOptions::from_env();
        while current.load(Ordering::SeqCst) == generation {
            // A publish or an update is running: this turn is skipped, not queued.
            let guard = busy.try_lock();
            if guard.is_ok() {
                // No upstream, not a repository: nothing to say, ever.
                if let Ok(news) = git::check_remote(&blog, &auth, CHECK_TIMEOUT) {
                    if on_news.send(news).is_err() {
                        return; // the window is gone
                    }
                }
            }
            drop(guard);
            let next = Instant::now() + every;
            while Instant::now() < next && current.load(Ordering::SeqCst) == generation {
                std::thread::sleep(Duration::from_millis(250));
            }
        }
    });
    spawned.map(drop).map_err(|e| ApiError::internal(format!("the remote check cannot start: {e}")))
}

/// Brings the remote's commits in (fast-forward, or our commits rebased as a publish does),
/// leaving the posts in `unsaved` and any with uncommitted edits alone unless `resolutions`
/// says what to keep for them (else the error lists them with both texts).
#[tauri::command]
pub(crate) async fn update_from_remote(
    state: State<'_, AppState>,
    unsaved: Vec<String>,
    resolutions: Vec<Resolution>,
) -> Result<UpdateReport, ApiError> {
    let blog = state.blog()?;
    let busy = state.remote_watch.busy.clone();
    tauri::async_runtime::spawn_blocking(move || {
        let _running = busy.lock().unwrap_or_else(|p| p.into_inner());
        Ok(git::update_from_remote(&blog, &unsaved, &resolutions)?)
    })
    .await
    .map_err(|e| ApiError::internal(format!("a background task failed: {e}")))?
}
