//! Folio's window: Tauri glue only. Commands call `folio_blog`; no business logic here.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod api;
mod asset_protocol;
mod commands;
mod drops;
mod prompts;
mod remote_watch;
mod state;
mod webkit_env;

use tauri::Manager;

fn main() {
    configure_webkit();
    // Before any thread: it sets the environment for a moment (see its docs).
    folio_blog::git::start_without_ca_bundle();
    let app = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            let data_dir = match std::env::var_os("FOLIO_DATA_DIR") {
                Some(dir) => dir.into(),
                None => app.path().app_data_dir()?,
            };
            app.manage(state::AppState::new(data_dir, launch_file()));
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
            commands::trust_blog,
            commands::settle_settings,
            commands::list_posts,
            commands::search_posts,
            commands::watch_blog,
            commands::read_post,
            commands::save_post,
            commands::journal_record,
            commands::journal_record_preview,
            commands::journal_discard,
            commands::preview_open,
            commands::preview_page,
            commands::set_preview_body_only,
            commands::preview_edit,
            commands::preview_answers,
            commands::repo_status,
            commands::post_history,
            commands::post_version,
            commands::version_preview,
            commands::remove_index_lock,
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
            commands::spell_check,
            commands::spell_suggest,
            commands::spell_ignore,
            commands::spell_add_word,
            commands::clipboard_text,
            commands::completions,
            commands::word_goal,
            commands::set_word_goal,
            commands::formatting_toolbar_hidden,
            commands::set_formatting_toolbar_hidden,
            commands::table_readings,
            commands::section_styles,
            remote_watch::watch_remote,
            remote_watch::update_from_remote,
        ])
        .run(tauri::generate_context!());
    if let Err(e) = app {
        eprintln!("Folio could not start: {e}");
        std::process::exit(1);
    }
}

/// The file named on the command line (`folio-app FILE`, as the desktop entry's `%f` passes
/// it), if any: the first argument that is not an option.
fn launch_file() -> Option<std::path::PathBuf> {
    std::env::args_os().skip(1).find(|arg| !arg.to_string_lossy().starts_with('-')).map(Into::into)
}

/// Gives WebKitGTK and GTK Folio's settings ([`webkit_env::WEBKIT_ENV`], with the reasons).
/// Must run before GTK starts; a value the user set is kept.
fn configure_webkit() {
    for (var, value) in webkit_env::WEBKIT_ENV {
        if cfg!(target_os = "linux") && std::env::var_os(var).is_none() {
            std::env::set_var(var, value);
        }
    }
}
