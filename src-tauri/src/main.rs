//! Folio's window: Tauri glue only. Commands call `folio_blog`; no business logic here.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod api;
mod asset_protocol;
mod commands;
mod prompts;
mod state;

use tauri::Manager;

fn main() {
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
        .register_asynchronous_uri_scheme_protocol(asset_protocol::SCHEME, asset_protocol::handle)
        .invoke_handler(tauri::generate_handler![
            commands::start,
            commands::open_blog,
            commands::list_posts,
            commands::watch_blog,
            commands::read_post,
            commands::save_post,
            commands::journal_record,
            commands::journal_record_preview,
            commands::journal_discard,
            commands::preview_open,
            commands::preview_edit,
            commands::repo_status,
            commands::plan_publish,
            commands::publish,
            commands::answer_prompt,
            commands::set_identity,
            commands::new_post,
            commands::choose_folder,
            commands::clone_blog,
        ])
        .run(tauri::generate_context!());
    if let Err(e) = app {
        eprintln!("Folio could not start: {e}");
        std::process::exit(1);
    }
}
