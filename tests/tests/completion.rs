//! Writing aids in the real window: `{filename}/` completes to a real post (found by a word
//! of its title) and the preview shows the link; an image directive's argument completes to
//! the blog's images with their pictures; a word-count goal set in the post details
//! shows in the status bar with the words written this session, and stays out of the post.

use std::time::Duration;

use folio_e2e::{wait_for, workspace_root, App, Session};

const CTRL: &str = "\u{E009}";
const END: &str = "\u{E010}";
const ENTER: &str = "\u{E007}";

/// A blog with the post being written and one to link to, in a folder of its own.
fn blog(post: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("content/2024")).unwrap();
    std::fs::write(dir.path().join("pelicanconf.py"), "PATH = 'content'\n").unwrap();
    std::fs::write(dir.path().join("content/writing.rst"), post).unwrap();
    std::fs::write(
        dir.path().join("content/2024/sea-trip.rst"),
        "Holiday by the Ocean\n####################\n\n:date: 2024-05-01\n\nWaves.\n",
    )
    .unwrap();
    dir
}

fn editor_text(s: &Session) -> String {
    let script = "return document.querySelector('[data-testid=editor] .cm-content').textContent;";
    s.execute(script, vec![]).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

/// Opens content/writing.rst and puts the cursor at its end.
fn open_at_end(s: &Session, marker: &str) {
    let item =
        wait_for(Duration::from_secs(30), || s.find("[data-path='content/writing.rst']").ok())
            .expect("the post is listed");
    s.click(&item).unwrap();
    wait_for(Duration::from_secs(10), || editor_text(s).contains(marker).then_some(()))
        .expect("the post opens");
    let content = s.find("[data-testid=editor] .cm-content").unwrap();
    s.click(&content).unwrap();
    s.send_keys(&content, &format!("{CTRL}{END}")).unwrap();
}

#[test]
fn filename_completion_inserts_a_real_posts_path_found_by_its_title_and_the_preview_links_it() {
    let dir = blog(":title: Writing\n:date: 2024-01-01\n\nFirst words.\n");
    let app = App::start_on(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    let s = &app.session;
    open_at_end(s, "First words.");
    let content = s.find("[data-testid=editor] .cm-content").unwrap();
    // "ocean" is in the post's title only, not in its path.
    s.send_keys(&content, &format!("{ENTER}See `the trip <{{filename}}/ocean")).unwrap();
    let options = "return [...document.querySelectorAll('.cm-tooltip-autocomplete [role=option]')]\
        .map(o => o.textContent);";
    let offered = wait_for(Duration::from_secs(10), || {
        let shown = s.execute(options, vec![]).ok()?;
        let shown: Vec<String> = serde_json::from_value(shown).ok()?;
        (shown.len() == 1).then_some(shown)
    })
    .unwrap_or_else(|| panic!("one post offered; the text is {:?}", editor_text(s)));
    assert_eq!(offered, ["{filename}/2024/sea-trip.rstHoliday by the Ocean"], "path and title");
    let shot = app.screenshot("completion-filename").unwrap();
    eprintln!("screenshot: {}", shot.display());
    s.send_keys(&content, ENTER).unwrap();
    s.send_keys(&content, ">`_ today.").unwrap();
    let link = "See `the trip <{filename}/2024/sea-trip.rst>`_ today.";
    wait_for(Duration::from_secs(10), || editor_text(s).ends_with(link).then_some(()))
        .unwrap_or_else(|| panic!("the path is inserted: {:?}", editor_text(s)));
    let preview_link = "const f = document.querySelector('[data-testid=preview]'); \
        const a = [...(f?.contentDocument?.querySelectorAll('a') ?? [])].find(a => a.textContent === 'the trip'); \
        return a ? a.getAttribute('href') : null;";
    let href = wait_for(Duration::from_secs(10), || {
        s.execute(preview_link, vec![]).ok()?.as_str().map(str::to_string)
    })
    .expect("the preview shows the link");
    assert_eq!(href, "{filename}/2024/sea-trip.rst");
    let diagnostics = s.find("#status-diagnostics").and_then(|e| s.text(&e)).unwrap_or_default();
    assert!(!diagnostics.contains("error"), "the link is no reST error: {diagnostics}");
    let shot = app.screenshot("completion-filename-inserted").unwrap();
    eprintln!("screenshot: {}", shot.display());
}

#[test]
fn a_word_goal_set_in_the_post_details_shows_in_the_status_bar_with_the_sessions_words() {
    // 7 words: "Goal", "====", ":date:", "2024-01-01", "First", "words", "here."
    let post = "Goal\n====\n\n:date: 2024-01-01\n\nFirst words here.\n";
    let dir = blog(post);
    let app = App::start_on(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    let s = &app.session;
    open_at_end(s, "First words here.");
    let details = s.find("[data-testid=meta-form] summary").unwrap();
    s.click(&details).unwrap();
    let goal = s.find("[data-testid=word-goal]").unwrap();
    s.click(&goal).unwrap();
    s.send_keys(&goal, "20").unwrap();
    let status = || s.find("#status-words").and_then(|e| s.text(&e)).unwrap_or_default();
    wait_for(Duration::from_secs(10), || (status() == "0 words this session · 7/20").then_some(()))
        .unwrap_or_else(|| panic!("the goal shows at once: {:?}", status()));
    let content = s.find("[data-testid=editor] .cm-content").unwrap();
    s.click(&content).unwrap();
    s.send_keys(&content, &format!("{CTRL}{END}")).unwrap(); // Ctrl stays down to the call's end
    s.send_keys(&content, "one two three").unwrap();
    wait_for(Duration::from_secs(10), || {
        (status() == "3 words this session · 10/20").then_some(())
    })
    .unwrap_or_else(|| {
        let _ = app.screenshot("word-goal-failed");
        panic!("the status bar follows the typing: {:?} ({:?})", status(), editor_text(s))
    });
    let shot = app.screenshot("word-goal").unwrap();
    eprintln!("screenshot: {}", shot.display());
    // The goal is Folio's, kept in its data folder: the post on disk never gets it.
    let settings = app.data_dir.path().join("settings.json");
    let kept = wait_for(Duration::from_secs(10), || {
        let text = std::fs::read_to_string(&settings).ok()?;
        text.contains("\"content/writing.rst\": 20").then_some(text)
    });
    assert!(kept.is_some(), "the goal is in {}", settings.display());
    let saved = wait_for(Duration::from_secs(10), || {
        let text = std::fs::read_to_string(dir.path().join("content/writing.rst")).ok()?;
        text.ends_with("one two three").then_some(text)
    })
    .expect("the typing is saved");
    assert_eq!(saved, format!("{post}one two three"), "the post has the typing only");
}

#[test]
fn an_image_directive_completes_to_the_blogs_images_with_their_thumbnails() {
    let dir = blog(":title: Writing\n:date: 2024-01-01\n\nFirst words.\n");
    let images = dir.path().join("content/images/harbour");
    std::fs::create_dir_all(&images).unwrap();
    let desk = workspace_root().join("crates/blog/demo/content/images/welcome/writing-desk.png");
    std::fs::copy(desk, images.join("boats.png")).unwrap();
    let app = App::start_on(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    let s = &app.session;
    open_at_end(s, "First words.");
    let content = s.find("[data-testid=editor] .cm-content").unwrap();
    s.send_keys(&content, &format!("{ENTER}.. image:: boa")).unwrap();
    // The option, and its thumbnail loaded from the blog (its picture has a width).
    let option = "const o = document.querySelector('.cm-tooltip-autocomplete [role=option]'); \
        const img = o?.querySelector('img.cm-completion-thumbnail'); \
        return o && img && img.complete && img.naturalWidth > 0 ? o.textContent : null;";
    let offered = wait_for(Duration::from_secs(10), || {
        s.execute(option, vec![]).ok()?.as_str().map(str::to_string)
    })
    .unwrap_or_else(|| panic!("the image is offered with its picture: {:?}", editor_text(s)));
    assert_eq!(offered, "{static}/images/harbour/boats.png");
    let shot = app.screenshot("completion-image").unwrap();
    eprintln!("screenshot: {}", shot.display());
    s.send_keys(&content, ENTER).unwrap();
    let directive = ".. image:: {static}/images/harbour/boats.png";
    wait_for(Duration::from_secs(10), || editor_text(s).ends_with(directive).then_some(()))
        .unwrap_or_else(|| panic!("the path is inserted: {:?}", editor_text(s)));
    let preview_img = "const f = document.querySelector('[data-testid=preview]'); \
        const img = f?.contentDocument?.querySelector('img'); \
        return img && img.complete && img.naturalWidth > 0 ? img.getAttribute('src') : null;";
    let src = wait_for(Duration::from_secs(10), || {
        s.execute(preview_img, vec![]).ok()?.as_str().map(str::to_string)
    })
    .expect("the preview shows the image");
    assert!(src.ends_with("content/images/harbour/boats.png"), "{src}");
}
