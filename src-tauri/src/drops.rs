//! Files dropped on the window from other programs. Tauri takes the OS drop (the page never
//! sees the files); `forward` hands each drag event to the channel the window subscribed
//! with `watch_drops`, and remembers the dropped paths: the window may import those files
//! and no other path on disk.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::Serialize;
use tauri::ipc::Channel;
use tauri::DragDropEvent;
use ts_rs::TS;

/// A drag from another program, in the page's CSS pixels from the window's top left.
#[derive(Clone, Debug, Serialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[ts(export)]
pub(crate) enum DropEvent {
    /// Files are dragged over the window.
    Over { x: f64, y: f64 },
    /// The files were dropped at (x, y).
    Drop { paths: Vec<String>, x: f64, y: f64 },
    /// The drag left the window or was cancelled.
    Leave,
}

#[derive(Default)]
pub(crate) struct Drops {
    channel: Mutex<Option<Channel<DropEvent>>>,
    dropped: Mutex<HashSet<PathBuf>>,
}

impl Drops {
    pub(crate) fn subscribe(&self, channel: Channel<DropEvent>) {
        *self.channel.lock().unwrap_or_else(|p| p.into_inner()) = Some(channel);
    }

    /// Whether the writer dropped this file on the window.
    pub(crate) fn was_dropped(&self, path: &Path) -> bool {
        self.dropped.lock().unwrap_or_else(|p| p.into_inner()).contains(path)
    }

    pub(crate) fn forward(&self, event: &DragDropEvent, scale: f64) {
        // Linux reports the webview's own (CSS) coordinates; other platforms physical pixels.
        let scale = if cfg!(target_os = "linux") { 1.0 } else { scale };
        let event = match event {
            DragDropEvent::Enter { position, .. } | DragDropEvent::Over { position } => {
                DropEvent::Over { x: position.x / scale, y: position.y / scale }
            }
            DragDropEvent::Drop { paths, position } => {
                self.dropped.lock().unwrap_or_else(|p| p.into_inner()).extend(paths.clone());
                DropEvent::Drop {
                    paths: paths.iter().map(|p| p.display().to_string()).collect(),
                    x: position.x / scale,
                    y: position.y / scale,
                }
            }
            _ => DropEvent::Leave,
        };
        if let Some(channel) = &*self.channel.lock().unwrap_or_else(|p| p.into_inner()) {
            // A closed channel only means the page reloaded; it subscribes again.
            let _ = channel.send(event);
        }
    }
}
