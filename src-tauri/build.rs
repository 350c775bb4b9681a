fn main() {
    // Only Folio's own commands exist for the window, each behind an `allow-*` permission
    // that capabilities/main.json grants; nothing of Tauri's core API is exposed.
    let manifest = tauri_build::AppManifest::new().commands(&[
        "start",
        "open_blog",
        "trust_blog",
        "list_posts",
        "search_posts",
        "watch_blog",
        "read_post",
        "save_post",
        "journal_record",
        "journal_record_preview",
        "journal_discard",
        "preview_open",
        "preview_page",
        "set_preview_body_only",
        "preview_edit",
        "preview_answers",
        "repo_status",
        "plan_publish",
        "publish",
        "resolve_conflicts",
        "answer_prompt",
        "set_identity",
        "new_post",
        "choose_folder",
        "clone_blog",
        "watch_drops",
        "import_dropped_image",
        "import_pasted_image",
        "post_images",
        "delete_image",
        "restore_image",
        "spell_check",
        "spell_suggest",
        "spell_ignore",
        "spell_add_word",
        "clipboard_text",
    ]);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("tauri.conf.json, the icons and ui/dist (make ui) must be in place");
}
