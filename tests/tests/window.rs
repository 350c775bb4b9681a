//! A person's first minutes with Folio, in the real window.

use std::time::Duration;

use folio_e2e::{wait_for, App};

/// The text of the preview frame's document. WebKitWebDriver's page source ignores frames,
/// so read the frame's DOM with a script from the top document.
const PREVIEW_TEXT: &str =
    "const f = document.querySelector('[data-testid=preview]'); \
     return f && f.contentDocument && f.contentDocument.body ? f.contentDocument.body.innerText : '';";

/// The last characters of the editor's text, for failure messages.
const EDITOR_TAIL: &str =
    "const t = document.querySelector('[data-testid=editor] .cm-content').innerText; return t.slice(-120);";

#[test]
fn first_run_opens_the_demo_blog_and_typing_updates_the_preview() {
    let app = App::start().unwrap_or_else(|e| panic!("{e}"));
    let s = &app.session;
    assert_eq!(s.title().unwrap(), "Folio");

    // The demo blog is created on first run and its posts are listed by their titles.
    let seed = wait_for(Duration::from_secs(30), || {
        let items = s.find_all("[data-testid=post-item]").ok()?;
        items.into_iter().find(|e| {
            s.property(e, "textContent").is_ok_and(|t| t.contains("A Farewell to Anaconda"))
        })
    })
    .unwrap_or_else(|| {
        let shot = app.screenshot("failed-post-list");
        let page = s.execute("return document.body.innerText;", vec![]);
        panic!(
            "the seed post is not listed by its title; page text: {page:?}; screenshot: {shot:?}"
        )
    });
    assert!(s.find("[data-testid=post-list]").is_ok());
    assert!(s.find("[data-testid=publish]").is_ok());

    s.click(&seed).unwrap();
    let shown = wait_for(Duration::from_secs(10), || {
        let text = s.execute(PREVIEW_TEXT, vec![]).ok()?;
        text.as_str().filter(|t| t.contains("In the spring of 2015")).map(str::to_string)
    });
    assert!(shown.is_some(), "the preview shows the seed post's body");
    app.screenshot("open-post").unwrap();

    // Type a new paragraph at the end of the post, in its last section: only the changed
    // block is replaced, inside that section, which stays the same element.
    let mark = "const d = document.querySelector('[data-testid=preview]').contentDocument; \
                const all = d.querySelectorAll('.section'); const last = all[all.length - 1]; \
                last.__folioKept = true; last.querySelector('p').__folioKept = true; \
                return all.length;";
    assert!(s.execute(mark, vec![]).unwrap().as_u64() > Some(1), "the seed post has sections");
    let content = s.find("[data-testid=editor] .cm-content").unwrap();
    s.click(&content).unwrap();
    // Ctrl+End, then the text: two calls, since each releases its modifier keys at its end.
    s.send_keys(&content, "\u{E009}\u{E010}").unwrap();
    s.send_keys(&content, "\u{E007}\u{E007}Zanzibarish words.").unwrap();
    let updated = wait_for(Duration::from_secs(10), || {
        let text = s.execute(PREVIEW_TEXT, vec![]).ok()?;
        text.as_str().filter(|t| t.contains("Zanzibarish words.")).map(str::to_string)
    });
    if updated.is_none() {
        let shot = app.screenshot("failed-typing");
        let editor = s.execute(EDITOR_TAIL, vec![]);
        panic!("the preview does not show the typed paragraph; editor ends: {editor:?}; {shot:?}");
    }

    let kept = "const d = document.querySelector('[data-testid=preview]').contentDocument; \
                const p = [...d.querySelectorAll('p')].find((p) => p.textContent.includes('Zanzibarish')); \
                const section = p && p.closest('.section'); \
                return [!!section && section.__folioKept === true, \
                        !!section && section.querySelector('p').__folioKept === true];";
    let kept = s.execute(kept, vec![]).unwrap();
    assert_eq!(kept, serde_json::json!([true, true]), "the section and its first paragraph stay");

    // Autosave writes it to the post file on disk.
    let post = app.data_dir.path().join("demo-blog/content/farewell-to-anaconda.rst");
    let saved = wait_for(Duration::from_secs(10), || {
        std::fs::read_to_string(&post).ok().filter(|t| t.contains("Zanzibarish words."))
    });
    assert!(saved.is_some(), "the edit reaches {} by autosave", post.display());
    // The file lands before the window hears that the save finished: wait for the label.
    let status = wait_for(Duration::from_secs(10), || {
        let status = s.property(&s.find("[data-testid=status-bar]").ok()?, "textContent").ok()?;
        status.contains("Saved").then_some(status)
    });
    assert!(status.is_some(), "the status bar says Saved once the post is written");

    let shot = app.screenshot("edit-and-preview").unwrap();
    assert!(std::fs::metadata(&shot).unwrap().len() > 10_000, "a real picture of the window");
}

#[test]
fn the_outline_lists_the_posts_sections_and_jumps_to_them() {
    let app = App::start().unwrap_or_else(|e| panic!("{e}"));
    let s = &app.session;
    let item = wait_for(Duration::from_secs(30), || {
        s.find("[data-path='content/farewell-to-anaconda.rst']").ok()
    })
    .expect("the seed post is listed");
    s.click(&item).unwrap();
    let titles = wait_for(Duration::from_secs(10), || {
        let v = s
            .execute("return Array.from(document.querySelectorAll('.outline-item')).map(e => e.textContent);", vec![])
            .ok()?;
        let titles: Vec<String> = v.as_array()?.iter().filter_map(|t| t.as_str().map(str::to_string)).collect();
        (!titles.is_empty()).then_some(titles)
    })
    .expect("the outline shows the post's sections");
    assert_eq!(titles.first().map(String::as_str), Some("Dask"), "{titles:?}");
    assert!(titles.iter().any(|t| t == "What's Next"), "{titles:?}");

    let last = s.find_all(".outline-item").unwrap().pop().unwrap();
    s.click(&last).unwrap();
    let line = s.property(&last, "dataset").ok();
    let visible = wait_for(Duration::from_secs(5), || {
        let content = s.find("[data-testid=editor] .cm-content").ok()?;
        s.property(&content, "textContent").ok().filter(|t| t.contains("What's Next"))
    });
    assert!(visible.is_some(), "the editor shows the chosen section ({line:?})");
    app.screenshot("outline").unwrap();
}

#[test]
fn f1_lists_the_keyboard_shortcuts() {
    let app = App::start().unwrap_or_else(|e| panic!("{e}"));
    let s = &app.session;
    let item = wait_for(Duration::from_secs(30), || s.find("[data-testid=post-item]").ok())
        .expect("the demo's posts are listed");
    s.click(&item).unwrap();
    wait_for(Duration::from_secs(10), || {
        s.execute(PREVIEW_TEXT, vec![]).ok()?.as_str().filter(|t| !t.is_empty()).map(|_| ())
    })
    .expect("a post is open");
    let search = s.find("[data-testid=post-search]").unwrap();
    let open = "return document.querySelector('[data-testid=shortcuts]').open;";
    assert_eq!(s.execute(open, vec![]).unwrap(), false);
    s.send_keys(&search, "\u{E031}").unwrap(); // F1
    wait_for(Duration::from_secs(5), || s.execute(open, vec![]).ok()?.as_bool()?.then_some(()))
        .expect("F1 opens the list");
    let dialog = s.find("[data-testid=shortcuts]").unwrap();
    let text = s.property(&dialog, "textContent").unwrap();
    assert!(text.contains("Ctrl+Shift+P") && text.contains("Publish the open post"), "{text}");
    app.screenshot("shortcuts").unwrap();
}

#[test]
fn a_restart_reopens_the_post_that_was_open_and_previews_it() {
    const SEED: &str = "content/farewell-to-anaconda.rst";
    let app = App::start().unwrap_or_else(|e| panic!("{e}"));
    let s = &app.session;
    let seed = wait_for(Duration::from_secs(30), || s.find(&format!("[data-path='{SEED}']")).ok())
        .expect("the demo blog lists the seed post");
    s.click(&seed).unwrap();
    let previewed = |s: &folio_e2e::Session| {
        let text = s.execute(PREVIEW_TEXT, vec![]).ok()?;
        text.as_str().filter(|t| t.contains("In the spring of 2015")).map(str::to_string)
    };
    wait_for(Duration::from_secs(10), || previewed(s)).expect("the seed post is previewed");
    let data = app.kill().unwrap();

    let app = App::start_in(data).unwrap_or_else(|e| panic!("{e}"));
    let s = &app.session;
    let open = "return document.getElementById('status-post').textContent;";
    let reopened = wait_for(Duration::from_secs(30), || {
        let path = s.execute(open, vec![]).ok()?;
        (path.as_str() == Some(SEED)).then_some(())?;
        previewed(s)
    });
    if reopened.is_none() {
        let shot = app.screenshot("failed-reopen");
        panic!("the seed post is not open and previewed after the restart; {shot:?}");
    }
    let selected = "return document.querySelector('[data-testid=post-item][aria-selected=true]')?.dataset.path ?? null;";
    let selected = s.execute(selected, vec![]).unwrap();
    assert_eq!(selected.as_str(), Some(SEED), "the list marks the reopened post");
}
