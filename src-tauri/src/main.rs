//! Folio's window: Tauri glue only. Commands call `folio_blog`; no business logic here.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod api;
mod asset_protocol;
mod commands;
mod drops;
mod prompts;
mod state;

use tauri::Manager;

fn main() {
    configure_webkit();
    let app = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            let data_dir = match std::env::var_os("FOLIO_DATA_DIR") {
                Some(dir) => dir.into(),
                None => app.path().app_data_dir()?,
            };
            app.manage(state::AppState::new(data_dir));
            Ok(())
        })
        .on_window_event(|window, event| {
            if let tauri::WindowEvent::DragDrop(drag) = event {
                let scale = window.scale_factor().unwrap_or(1.0);
                window.state::<state::AppState>().drops.forward(drag, scale);
            }
        })
        .register_asynchronous_uri_scheme_protocol(asset_protocol::SCHEME, asset_protocol::handle)
        .invoke_handler(tauri::generate_handler![
            commands::start,
            commands::open_blog,
            commands::list_posts,
            commands::search_posts,
            commands::watch_blog,
            commands::read_post,
            commands::save_post,
            commands::journal_record,
            commands::journal_record_preview,
            commands::journal_discard,
            commands::preview_open,
            commands::preview_edit,
            commands::preview_answers,
            commands::repo_status,
            commands::plan_publish,
            commands::publish,
            commands::resolve_conflicts,
            commands::answer_prompt,
            commands::set_identity,
            commands::new_post,
            commands::choose_folder,
            commands::clone_blog,
            commands::watch_drops,
            commands::import_dropped_image,
            commands::import_pasted_image,
            commands::post_images,
            commands::delete_image,
            commands::restore_image,
        ])
        .run(tauri::generate_context!());
    if let Err(e) = app {
        eprintln!("Folio could not start: {e}");
        std::process::exit(1);
    }
}

/// Settings for WebKitGTK and GTK, made for Folio's two panes on a small laptop. Each was
/// measured in the window bench (1,000-post blog, PSS of the app and its WebKit processes).
///
/// - WebKit composites pages with OpenGL and hands frames to the window as GPU buffers.
///   The editor and preview gain nothing from either, and they cost memory: compositing
///   took the web process from 124 to 216 MiB, the buffer renderer 5 MiB in the app.
/// - Without them the app's own process needs no OpenGL, yet GDK opens GLX to choose its
///   visuals and WebKit opens EGL to find a GPU device for the web process: each loads
///   Mesa, whose LLVM is 20 MiB in every process that maps it. `GDK_GL=disable` and naming
///   no render device keep Mesa out of the app (237 to 221 MiB). The web process still
///   loads it: WebKit needs an EGL display there.
/// - JavaScriptCore's optimizing compilers (DFG, FTL) help long-running scripts; the
///   window's are short handlers, and on two cores the compiler threads competed with
///   the preview's round trip. Without them: 5 MiB less, and keystroke to preview p95
///   12-13 ms instead of 14-16 (typed at 20 keys a second). The baseline JIT stays: with
///   no JIT at all typing got slower (p95 18 ms).
///
/// Must run before GTK starts; a value the user set is kept.
fn configure_webkit() {
    let settings = [
        ("WEBKIT_DISABLE_COMPOSITING_MODE", "1"),
        ("WEBKIT_DISABLE_DMABUF_RENDERER", "1"),
        ("GDK_GL", "disable"),
        // Only the buffer renderer (off above) would open the device: name none (Debian
        // keeps /nonexistent from existing).
        ("WEBKIT_WEB_RENDER_DEVICE_FILE", "/nonexistent"),
        ("JSC_useDFGJIT", "false"),
        ("JSC_useFTLJIT", "false"),
    ];
    for (var, value) in settings {
        if cfg!(target_os = "linux") && std::env::var_os(var).is_none() {
            std::env::set_var(var, value);
        }
    }
}
