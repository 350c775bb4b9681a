//! The window's commands: each runs its blocking work off the async runtime and calls
//! into `folio_blog`.

use std::path::PathBuf;

use folio_blog::assets::percent_decode;
use folio_blog::completion::Completions;
use folio_blog::git::{
    self, AuthOptions, PostHistory, PublishPlan, PublishReport, RepoStatus, Resolution, Selection,
    VersionComparison,
};
use folio_blog::image_import::{ImportOptions, ImportProgress, ImportedImage};
use folio_blog::live_preview::{ImageUrls, LivePreview, PreviewPatch, TextChange};
use folio_blog::post_images::PostImage;
use folio_blog::section_styles::SectionStyle;
use folio_blog::spelling::{Lines, SpellingFinding};
use folio_blog::theme_page::{PageError, PageOptions};
use folio_blog::watcher::BlogChange;
use folio_blog::{Blog, PostSummary, PostText};
use tauri::ipc::{Channel, InvokeBody, Request};
use tauri::State;

use crate::api::{ApiError, PageView, Workspace};
use crate::asset_protocol;
use crate::drops::DropEvent;
use crate::prompts::{git_session, Answer, GitEvent};
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
    let (data_dir, launch_file) = (state.data_dir.clone(), state.take_launch_file());
    let (blog, launched) = blocking(move || {
        let launched = launch_file.map(|file| folio_blog::open_file_and_remember(&data_dir, &file));
        Ok(match launched {
            Some(Ok((blog, post))) => (blog, Launched::Post(post)),
            Some(Err(e)) => (folio_blog::open_last_or_create_demo(&data_dir)?, Launched::Failed(e)),
            None => (folio_blog::open_last_or_create_demo(&data_dir)?, Launched::Nothing),
        })
    })
    .await?;
    state.set_blog(blog.clone());
    let (journal, data_dir) = (state.journal.clone(), state.data_dir.clone());
    let workspace = blocking(move || Workspace::load(&blog, &journal, &data_dir)).await?;
    Ok(match launched {
        Launched::Post(post) => workspace.opening(post),
        Launched::Failed(e) => workspace.with_launch_error(ApiError::from(e)),
        Launched::Nothing => workspace,
    })
}

/// What became of the file the app was started on.
enum Launched {
    Nothing,
    Post(String),
    Failed(folio_blog::Error),
}

#[tauri::command]
pub(crate) async fn open_blog(
    state: State<'_, AppState>,
    path: PathBuf,
) -> Result<Workspace, ApiError> {
    let data_dir = state.data_dir.clone();
    let blog = blocking(move || Ok(folio_blog::open_and_remember(&data_dir, &path)?)).await?;
    state.set_blog(blog.clone());
    let (journal, data_dir) = (state.journal.clone(), state.data_dir.clone());
    blocking(move || Workspace::load(&blog, &journal, &data_dir)).await
}

/// Remembers whether the open blog may run its `pelicanconf.py` and opens it again as the
/// answer says (with its Python, under a timeout, when trusted).
#[tauri::command]
pub(crate) async fn trust_blog(
    state: State<'_, AppState>,
    trusted: bool,
) -> Result<Workspace, ApiError> {
    let root = state.blog()?.root().to_path_buf();
    let data_dir = state.data_dir.clone();
    let blog =
        blocking(move || Ok(folio_blog::trust::answer_trust(&data_dir, &root, trusted)?)).await?;
    state.set_blog(blog.clone());
    let (journal, data_dir) = (state.journal.clone(), state.data_dir.clone());
    blocking(move || Workspace::load(&blog, &journal, &data_dir)).await
}

/// Reads the open blog's settings with its Python, after the window showed it with what
/// was known at once (the settings cached last time, else the literal reader): the
/// workspace again when that changed what the window shows, else `None`.
#[tauri::command]
pub(crate) async fn settle_settings(
    state: State<'_, AppState>,
) -> Result<Option<Workspace>, ApiError> {
    let was = state.blog()?;
    let (data_dir, before) = (state.data_dir.clone(), was.clone());
    let settled =
        blocking(move || Ok(folio_blog::trust::settle_settings(&data_dir, &before)?)).await?;
    // Another blog opened meanwhile: this answer is about one no longer shown.
    let Some(blog) = settled.filter(|blog| state.replace_blog(&was, blog.clone())) else {
        return Ok(None);
    };
    let (journal, data_dir) = (state.journal.clone(), state.data_dir.clone());
    blocking(move || Workspace::load(&blog, &journal, &data_dir).map(Some)).await
}

/// Remembers whether the open blog's preview shows the post's body alone ("Post").
#[tauri::command]
pub(crate) async fn set_preview_body_only(
    state: State<'_, AppState>,
    body_only: bool,
) -> Result<(), ApiError> {
    let root = state.blog()?.root().to_path_buf();
    let data_dir = state.data_dir.clone();
    blocking(move || {
        Ok(folio_blog::settings::Settings::update(&data_dir, |settings| {
            settings.set_preview_body_only(&root, body_only);
            true
        })?)
    })
    .await
}

/// Whether the writer hid the formatting toolbar.
#[tauri::command(async)]
pub(crate) fn formatting_toolbar_hidden(state: State<'_, AppState>) -> Result<bool, ApiError> {
    Ok(folio_blog::settings::Settings::load(&state.data_dir)?.formatting_toolbar_hidden)
}

/// Remembers whether the formatting toolbar is hidden.
#[tauri::command(async)]
pub(crate) fn set_formatting_toolbar_hidden(
    state: State<'_, AppState>,
    hidden: bool,
) -> Result<(), ApiError> {
    Ok(folio_blog::settings::Settings::update(&state.data_dir, |settings| {
        std::mem::replace(&mut settings.formatting_toolbar_hidden, hidden) != hidden
    })?)
}

/// The style the blog's posts give each section level, for headings written in a post
/// that has no heading of that level yet.
#[tauri::command]
pub(crate) async fn section_styles(
    state: State<'_, AppState>,
) -> Result<Vec<SectionStyle>, ApiError> {
    let blog: Blog = state.blog()?;
    blocking(move || Ok(blog.read_section_styles()?)).await
}

/// How docutils reads the first table in each text (the editor aligns a table only if the
/// reading stays), `None` for a text with no table or one in error.
#[tauri::command(async)]
pub(crate) fn table_readings(texts: Vec<String>) -> Vec<Option<String>> {
    texts.iter().map(|t| folio_blog::table_reading::table_reading(t)).collect()
}

#[tauri::command]
pub(crate) async fn list_posts(state: State<'_, AppState>) -> Result<Vec<PostSummary>, ApiError> {
    let blog: Blog = state.blog()?;
    blocking(move || Ok(blog.list_posts()?)).await
}

/// The posts whose text contains every word of `query`.
#[tauri::command]
pub(crate) async fn search_posts(
    state: State<'_, AppState>,
    query: String,
) -> Result<Vec<String>, ApiError> {
    let blog: Blog = state.blog()?;
    blocking(move || Ok(blog.search_posts(&query)?)).await
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
    let data_dir = state.data_dir.clone();
    blocking(move || {
        let text = blog.read_post(&path)?;
        // Opened again on the next start; not being able to remember it is no reason to
        // refuse the post.
        let _ = folio_blog::remember_post(&data_dir, blog.root(), &path);
        Ok(text)
    })
    .await
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

/// Like `journal_record`, with the text the preview answer numbered `seq` was for, which
/// the backend already holds: typing never sends the whole post. `false` when that text is
/// gone (then the window sends it with `journal_record`).
#[tauri::command]
pub(crate) async fn journal_record_preview(
    state: State<'_, AppState>,
    path: String,
    seq: u32,
    base: Option<String>,
) -> Result<bool, ApiError> {
    let Some(text) = state.live_preview().text_at(seq).map(str::to_string) else {
        return Ok(false);
    };
    let blog: Blog = state.blog()?;
    let journal = state.journal.clone();
    blocking(move || Ok(journal.record(blog.root(), &path, base.as_deref(), &text)?)).await?;
    Ok(true)
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

/// Starts the live preview over the editor's whole `text` (a post opened, or the preview
/// out of step). With the post's `path`, its images load from the blog through `folio:`
/// and it renders with the blog's settings (TYPOGRIFY, includes beside it), as `folio
/// render` does. Rendering is CPU work of a few milliseconds, so it runs on the command's
/// own task; includes are small files read on the way.
#[tauri::command]
pub(crate) async fn preview_open(
    state: State<'_, AppState>,
    text: String,
    path: Option<String>,
) -> Result<PreviewPatch, ApiError> {
    let blog = state.blog().ok();
    let settings =
        path.as_ref().zip(blog.as_ref()).map(|(post, blog)| blog.settings_for_post(post));
    let images = path.zip(blog).map(|(post, blog)| ImageUrls {
        content_dir: blog.content_dir().to_string(),
        post,
        prefix: asset_protocol::URL_PREFIX.to_string(),
    });
    let mut live = state.live_preview();
    live.set_post_settings(settings.unwrap_or_default());
    Ok(live.open(text, images))
}

/// The page the blog's theme renders around the post at `path` with the editor's `text`,
/// the body left out (the live preview fills it in). Without `text`, the live preview's
/// text of that post: the window sends none while typing, as the backend has it already
/// (`Unchanged` if it has not). Unless `force`, a text whose title and fields are as last
/// time answers `Unchanged`: typing in the body never renders it.
/// Rendering reads the other posts' heads and the theme's templates: the blocking pool.
#[tauri::command]
pub(crate) async fn preview_page(
    state: State<'_, AppState>,
    path: String,
    text: Option<String>,
    force: bool,
) -> Result<PageView, ApiError> {
    let text = {
        let live = state.live_preview();
        let Some(text) = text.as_deref().or_else(|| live.text_of(&path)) else {
            return Ok(PageView::Unchanged);
        };
        let head = folio_blog::theme_page::page_head(text);
        let mut last = state.page_head.lock().unwrap_or_else(|p| p.into_inner());
        let same = last.as_ref().is_some_and(|(p, h)| *p == path && h == head);
        if same && !force {
            return Ok(PageView::Unchanged);
        }
        *last = Some((path.clone(), head.to_string()));
        text.to_string()
    };
    let blog = state.blog()?;
    blocking(move || {
        let options = PageOptions {
            body_placeholder: Some(BODY_PLACEHOLDER.to_string()),
            site_url: Some(asset_protocol::site_url()),
        };
        Ok(match blog.render_page_with(&path, &text, &options) {
            Ok(html) => PageView::Page { html },
            // The library's words are for `folio render`; the window's way is trusting.
            Err(PageError::NoSettings) => PageView::Failed {
                reason: "Folio has not run this blog's pelicanconf.py, so its theme is unknown \
                         (trust the blog to see the page)"
                    .into(),
                advice: None,
            },
            Err(e) => {
                PageView::Failed { reason: e.to_string(), advice: e.advice().map(str::to_string) }
            }
        })
    })
    .await
}

/// What the page preview's body is, until the window puts the live body there.
const BODY_PLACEHOLDER: &str = "<folio-body></folio-body>";

/// Where the answers to `preview_edit` go. A channel's message reaches the page in one
/// step, where a command's answer takes several (measured in the window bench).
#[tauri::command]
pub(crate) fn preview_answers(
    state: State<'_, AppState>,
    on_answer: Channel<Option<PreviewPatch>>,
) {
    state.set_preview_answers(on_answer);
}

/// Applies the editor's changes since the answer numbered `base`; what changed in the
/// preview goes to the `preview_answers` channel, `None` when the preview is out of step
/// (then `preview_open`). With `hash`, the resulting text is checked against the editor's.
#[tauri::command]
pub(crate) async fn preview_edit(
    state: State<'_, AppState>,
    base: u32,
    changes: Vec<TextChange>,
    length: u32,
    hash: Option<u32>,
) -> Result<(), ApiError> {
    let answer = state.live_preview().edit(base, &changes, length, hash);
    state.answer_preview(answer)
}

#[tauri::command]
pub(crate) async fn repo_status(state: State<'_, AppState>) -> Result<RepoStatus, ApiError> {
    let blog: Blog = state.blog()?;
    blocking(move || Ok(git::read_status(&blog)?)).await
}

/// The commits that changed the post, newest first, and whether it has uncommitted edits.
#[tauri::command]
pub(crate) async fn post_history(
    state: State<'_, AppState>,
    path: String,
) -> Result<PostHistory, ApiError> {
    let blog: Blog = state.blog()?;
    blocking(move || Ok(git::read_post_history(&blog, &path)?)).await
}

/// The post's text at `commit`, with a word diff to the editor's `current` text.
#[tauri::command]
pub(crate) async fn post_version(
    state: State<'_, AppState>,
    path: String,
    commit: String,
    current: String,
) -> Result<VersionComparison, ApiError> {
    let blog: Blog = state.blog()?;
    blocking(move || Ok(git::compare_post_version(&blog, &path, &commit, &current)?)).await
}

/// An older version's `text` of the post at `path`, rendered as the live preview renders
/// the editor's (the blog's settings, its images), in a preview of its own: the live one
/// keeps the editor's text.
#[tauri::command]
pub(crate) async fn version_preview(
    state: State<'_, AppState>,
    path: String,
    text: String,
) -> Result<PreviewPatch, ApiError> {
    let blog: Blog = state.blog()?;
    blocking(move || {
        let mut preview = LivePreview::default();
        preview.set_post_settings(blog.settings_for_post(&path));
        let images = ImageUrls {
            content_dir: blog.content_dir().to_string(),
            post: path,
            prefix: asset_protocol::URL_PREFIX.to_string(),
        };
        Ok(preview.open(text, Some(images)))
    })
    .await
}

/// Removes a stale `.git/index.lock` (refused while a git program runs in the repository).
#[tauri::command]
pub(crate) async fn remove_index_lock(state: State<'_, AppState>) -> Result<(), ApiError> {
    let blog: Blog = state.blog()?;
    blocking(move || Ok(git::remove_stale_index_lock(&blog)?)).await
}

#[tauri::command]
pub(crate) async fn plan_publish(
    state: State<'_, AppState>,
    paths: Vec<String>,
) -> Result<PublishPlan, ApiError> {
    let blog: Blog = state.blog()?;
    blocking(move || Ok(git::plan_publish(&blog, &Selection::Posts(paths))?)).await
}

/// Publishes the posts; progress and questions arrive on `on_event`. Resolves only once the
/// remote holds the commit.
#[tauri::command]
pub(crate) async fn publish(
    state: State<'_, AppState>,
    paths: Vec<String>,
    on_event: Channel<GitEvent>,
) -> Result<PublishReport, ApiError> {
    let blog: Blog = state.blog()?;
    let pending = state.prompts.clone();
    let busy = state.remote_watch.busy.clone();
    blocking(move || {
        // No check of the remote runs during a publish (it waits for one that does).
        let _publishing = busy.lock().unwrap_or_else(|p| p.into_inner());
        let (mut prompter, on_progress) = git_session(on_event, pending);
        let auth = AuthOptions::from_env();
        Ok(git::publish(&blog, &Selection::Posts(paths), &auth, &mut prompter, on_progress)?)
    })
    .await
}

/// Settles a publish's conflict with the writer's chosen texts (a merge, never a force).
#[tauri::command]
pub(crate) async fn resolve_conflicts(
    state: State<'_, AppState>,
    resolutions: Vec<Resolution>,
) -> Result<(), ApiError> {
    let blog: Blog = state.blog()?;
    blocking(move || Ok(git::resolve_conflicts(&blog, &resolutions)?)).await
}

#[tauri::command]
pub(crate) fn answer_prompt(state: State<'_, AppState>, id: u32, answer: Answer) {
    state.prompts.answer(id, answer);
}

/// Tells git who is publishing, in the blog's own repository (asked once when missing).
#[tauri::command]
pub(crate) async fn set_identity(
    state: State<'_, AppState>,
    name: String,
    email: String,
) -> Result<(), ApiError> {
    let blog: Blog = state.blog()?;
    blocking(move || Ok(git::set_identity(&blog, &name, &email)?)).await
}

/// Creates a draft post; `date` is the writer's local time as the field will show it.
#[tauri::command]
pub(crate) async fn new_post(
    state: State<'_, AppState>,
    title: String,
    date: String,
) -> Result<String, ApiError> {
    let blog: Blog = state.blog()?;
    blocking(move || Ok(blog.new_post(&title, &date)?)).await
}

/// Asks for a folder with the system's picker; `None` when the writer cancels.
#[tauri::command]
pub(crate) async fn choose_folder(app: tauri::AppHandle) -> Result<Option<String>, ApiError> {
    use tauri_plugin_dialog::DialogExt;
    blocking(move || {
        let picked = app.dialog().file().set_title("Open a Pelican blog").blocking_pick_folder();
        Ok(picked.and_then(|p| p.into_path().ok()).map(|p| p.display().to_string()))
    })
    .await
}

/// Clones the blog at `url` into `dir` and opens it; progress and git's questions arrive
/// on `on_event`.
#[tauri::command]
pub(crate) async fn clone_blog(
    state: State<'_, AppState>,
    url: String,
    dir: PathBuf,
    on_event: Channel<GitEvent>,
) -> Result<Workspace, ApiError> {
    let (data_dir, pending) = (state.data_dir.clone(), state.prompts.clone());
    let blog = blocking(move || {
        let (mut prompter, on_progress) = git_session(on_event, pending);
        let auth = AuthOptions::from_env();
        Ok(folio_blog::clone_and_remember(
            &data_dir,
            &url,
            &dir,
            &auth,
            &mut prompter,
            on_progress,
        )?)
    })
    .await?;
    state.set_blog(blog.clone());
    let (journal, data_dir) = (state.journal.clone(), state.data_dir.clone());
    blocking(move || Workspace::load(&blog, &journal, &data_dir)).await
}

/// Sends drags of files from other programs over the window to `on_drop`.
#[tauri::command]
pub(crate) fn watch_drops(state: State<'_, AppState>, on_drop: Channel<DropEvent>) {
    state.drops.subscribe(on_drop);
}

/// Imports a file the writer dropped on the window into the folder of the post at `post`;
/// progress arrives on `on_progress`. Paths that were not dropped are refused.
#[tauri::command]
pub(crate) async fn import_dropped_image(
    state: State<'_, AppState>,
    post: String,
    path: PathBuf,
    on_progress: Channel<ImportProgress>,
) -> Result<ImportedImage, ApiError> {
    if !state.drops.was_dropped(&path) {
        return Err(ApiError::outside(path.display().to_string()));
    }
    let blog: Blog = state.blog()?;
    blocking(move || {
        let slug = blog.post_slug(&post)?;
        let progress = |p| drop(on_progress.send(p));
        Ok(blog.import_image_file(&slug, &path, None, &ImportOptions::default(), progress)?)
    })
    .await
}

/// Imports pasted image bytes (the raw request body) into the folder of the post named by
/// the `x-post` header, under the file name in `x-name` (both percent-encoded).
#[tauri::command]
pub(crate) async fn import_pasted_image(
    state: State<'_, AppState>,
    request: Request<'_>,
) -> Result<ImportedImage, ApiError> {
    let InvokeBody::Raw(bytes) = request.body() else {
        return Err(ApiError::internal("a pasted image must arrive as raw bytes"));
    };
    let header = |name: &str| {
        let value = request.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or_default();
        percent_decode(value).ok_or_else(|| ApiError::internal(format!("bad {name} header")))
    };
    let (post, name, bytes) = (header("x-post")?, header("x-name")?, bytes.clone());
    let blog: Blog = state.blog()?;
    blocking(move || {
        let slug = blog.post_slug(&post)?;
        Ok(blog.import_image_bytes(&slug, &name, &bytes, None, &ImportOptions::default(), drop)?)
    })
    .await
}

/// The images of the post at `post`, orphans marked.
#[tauri::command]
pub(crate) async fn post_images(
    state: State<'_, AppState>,
    post: String,
) -> Result<Vec<PostImage>, ApiError> {
    let blog: Blog = state.blog()?;
    // The writer's text as the preview has it: an image inserted a moment ago is used.
    let text = state.live_preview().text_of(&post).map(str::to_string);
    blocking(move || Ok(blog.list_post_images(&post, text.as_deref())?)).await
}

/// Moves an image into the blog's trash; resolves to where it is now, for `restore_image`.
#[tauri::command]
pub(crate) async fn delete_image(
    state: State<'_, AppState>,
    path: String,
) -> Result<String, ApiError> {
    let blog: Blog = state.blog()?;
    blocking(move || Ok(blog.delete_image(&path)?)).await
}

#[tauri::command]
pub(crate) async fn restore_image(
    state: State<'_, AppState>,
    trash_path: String,
) -> Result<String, ApiError> {
    let blog: Blog = state.blog()?;
    blocking(move || Ok(blog.restore_post(&trash_path)?)).await
}

/// The misspellings of the open post's `text` in lines `first..=last` (1-based; the whole
/// text when not given). The window asks after the preview, debounced.
#[tauri::command]
pub(crate) async fn spell_check(
    state: State<'_, AppState>,
    text: String,
    first: Option<u32>,
    last: Option<u32>,
) -> Result<Vec<SpellingFinding>, ApiError> {
    let (blog, spelling) = (state.blog()?, state.spelling.clone());
    let lines = first.zip(last).map(|(first, last)| Lines { first, last });
    blocking(move || Ok(spelling.check(&blog, &text, lines)?)).await
}

/// Corrections for a misspelt `word`.
#[tauri::command]
pub(crate) async fn spell_suggest(
    state: State<'_, AppState>,
    word: String,
) -> Result<Vec<String>, ApiError> {
    let spelling = state.spelling.clone();
    blocking(move || Ok(spelling.suggest(&word))).await
}

/// Accepts `word` in this session ("Ignore").
#[tauri::command]
pub(crate) async fn spell_ignore(state: State<'_, AppState>, word: String) -> Result<(), ApiError> {
    let spelling = state.spelling.clone();
    blocking(move || {
        spelling.ignore(&word);
        Ok(())
    })
    .await
}

/// Adds `word` to the blog's dictionary (`.folio/words.txt`).
#[tauri::command]
pub(crate) async fn spell_add_word(
    state: State<'_, AppState>,
    word: String,
) -> Result<(), ApiError> {
    let (blog, spelling) = (state.blog()?, state.spelling.clone());
    blocking(move || Ok(spelling.add_to_blog(&blog, &word)?)).await
}

/// The text on the system clipboard, if any (WebKitGTK lets the page read it only through
/// a prompt). Asked of GTK on its own thread without waiting there; the answer comes back
/// through a channel.
#[tauri::command]
pub(crate) async fn clipboard_text(app: tauri::AppHandle) -> Result<Option<String>, ApiError> {
    let (tx, rx) = std::sync::mpsc::channel::<Option<String>>();
    #[cfg(target_os = "linux")]
    app.run_on_main_thread(move || {
        let clipboard = gtk::Clipboard::get(&gtk::gdk::SELECTION_CLIPBOARD);
        clipboard.request_text(move |_, text| {
            // The command may have given up waiting; nothing to tell then.
            let _ = tx.send(text.map(str::to_string));
        });
    })
    .map_err(|e| ApiError::internal(format!("the clipboard cannot be read: {e}")))?;
    #[cfg(not(target_os = "linux"))]
    {
        let _ = (&app, tx);
    }
    blocking(move || Ok(rx.recv_timeout(std::time::Duration::from_secs(2)).ok().flatten())).await
}

/// What the editor completes in the open blog's posts: its images, the directive and role
/// names, the header fields.
#[tauri::command]
pub(crate) async fn completions(state: State<'_, AppState>) -> Result<Completions, ApiError> {
    let blog: Blog = state.blog()?;
    blocking(move || Ok(blog.list_completions()?)).await
}

/// The word-count goal of the open blog's post at `path`, if the writer set one.
#[tauri::command]
pub(crate) async fn word_goal(
    state: State<'_, AppState>,
    path: String,
) -> Result<Option<u32>, ApiError> {
    let (root, data_dir) = (state.blog()?.root().to_path_buf(), state.data_dir.clone());
    blocking(move || Ok(folio_blog::word_goal(&data_dir, &root, &path)?)).await
}

/// Sets or clears (`None`) the word-count goal of the post at `path`; never written in it.
#[tauri::command]
pub(crate) async fn set_word_goal(
    state: State<'_, AppState>,
    path: String,
    goal: Option<u32>,
) -> Result<(), ApiError> {
    let (root, data_dir) = (state.blog()?.root().to_path_buf(), state.data_dir.clone());
    blocking(move || Ok(folio_blog::set_word_goal(&data_dir, &root, &path, goal)?)).await
}
