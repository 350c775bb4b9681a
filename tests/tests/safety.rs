//! Nothing is lost in the real window: not by a crash, not by another program's edit.

use std::time::Duration;

use folio_e2e::{wait_for, App, Element, Session};

const SEED: &str = "content/farewell-to-anaconda.rst";

/// Opens the seed post and waits until the editor shows it.
fn open_seed(s: &Session) -> Element {
    let item = wait_for(Duration::from_secs(30), || s.find(&format!("[data-path='{SEED}']")).ok())
        .expect("the seed post is listed");
    s.click(&item).unwrap();
    let content = s.find("[data-testid=editor] .cm-content").unwrap();
    let shown = wait_for(Duration::from_secs(10), || {
        let text = s.property(&content, "textContent").ok()?;
        text.contains("A Farewell to Anaconda").then_some(())
    });
    assert!(shown.is_some(), "the editor shows the seed post");
    content
}

fn type_at_end(s: &Session, content: &Element, text: &str) {
    s.click(content).unwrap();
    s.send_keys(content, "\u{E009}\u{E010}").unwrap();
    s.send_keys(content, text).unwrap();
}

fn notice_text(s: &Session) -> Option<String> {
    let notice = s.find("[data-testid=notice]").ok()?;
    let hidden =
        s.execute("return document.querySelector('[data-testid=notice]').hidden;", vec![]).ok()?;
    (hidden == serde_json::Value::Bool(false))
        .then(|| s.property(&notice, "textContent").ok())
        .flatten()
}

#[test]
fn unsaved_text_comes_back_after_the_app_is_killed() {
    let app = App::start().unwrap_or_else(|e| panic!("{e}"));
    let content = open_seed(&app.session);
    type_at_end(&app.session, &content, "\u{E007}\u{E007}Words typed just before the crash.");

    // Kill as soon as the journal holds the text, before the autosave (1.5 s) writes it.
    let journal = app.data_dir.path().join("journal");
    let journaled = wait_for(Duration::from_secs(5), || {
        let files = std::fs::read_dir(&journal).ok()?;
        // Only whole entries count: a `.tmp` file is a write that may not have landed.
        files.flatten().filter(|f| f.path().extension().is_some_and(|e| e == "json")).find(|f| {
            std::fs::read_to_string(f.path())
                .is_ok_and(|t| t.contains("Words typed just before the crash."))
        })
    });
    assert!(journaled.is_some(), "the journal holds the typed text within a second");
    let post = app.data_dir.path().join("demo-blog").join(SEED);
    let data_dir = app.kill().unwrap();
    let on_disk = std::fs::read_to_string(&post).unwrap();
    assert!(
        !on_disk.contains("just before the crash"),
        "the autosave had not run yet: the journal is all we have"
    );

    let app = App::start_in(data_dir).unwrap_or_else(|e| panic!("{e}"));
    let s = &app.session;
    let offer =
        wait_for(Duration::from_secs(30), || notice_text(s).filter(|t| t.contains("unsaved text")));
    let offer = offer.unwrap_or_else(|| {
        let shot = app.screenshot("failed-offer");
        let journal: Vec<_> = std::fs::read_dir(app.data_dir.path().join("journal"))
            .map(|d| d.flatten().map(|f| (f.file_name(), std::fs::read_to_string(f.path()).map(|t| t.len()))).collect())
            .unwrap_or_default();
        let post_now = std::fs::read_to_string(&post).unwrap_or_default();
        panic!(
            "no offer of the unsaved text; notice {:?}; journal {journal:?}; post has it: {}; {shot:?}",
            notice_text(s),
            post_now.contains("just before the crash")
        )
    });
    assert!(offer.contains("A Farewell to Anaconda"), "{offer}");
    app.screenshot("recovery-offer").unwrap();

    let restore = s.find("[data-testid=notice] button").unwrap();
    s.click(&restore).unwrap();
    // CodeMirror renders only the lines in view, so the file is the proof: the restored
    // text counts as an edit and is saved like typing.
    let saved = wait_for(Duration::from_secs(10), || {
        std::fs::read_to_string(&post)
            .ok()
            .filter(|t| t.contains("Words typed just before the crash."))
    });
    if saved.is_none() {
        let shot = app.screenshot("failed-restore");
        let status = s.property(&s.find("[data-testid=status-bar]").unwrap(), "textContent");
        panic!(
            "the recovered text is not saved to the post; status {status:?}, notice {:?}, {shot:?}",
            notice_text(s)
        );
    }
    // The file lands before the window hears that the save finished: wait for the label
    // itself, and for the offer to go, rather than read them at the instant the file did.
    let settled = wait_for(Duration::from_secs(10), || {
        let status = s.property(&s.find("[data-testid=status-bar]").ok()?, "textContent").ok()?;
        (status.contains("Saved") && notice_text(s).is_none()).then_some(status)
    });
    assert!(
        settled.is_some(),
        "the status bar says Saved and nothing more is offered: status {:?}, notice {:?}",
        s.find("[data-testid=status-bar]").ok().and_then(|e| s.property(&e, "textContent").ok()),
        notice_text(s)
    );
}

#[test]
fn an_outside_edit_reloads_a_clean_post_and_never_overwrites_an_edited_one() {
    let app = App::start().unwrap_or_else(|e| panic!("{e}"));
    let s = &app.session;
    let content = open_seed(s);
    let post = app.data_dir.path().join("demo-blog").join(SEED);

    // Unedited: the other program's text simply appears.
    let original = std::fs::read_to_string(&post).unwrap();
    std::fs::write(&post, original.replace("In the spring of 2015", "In the spring of 2016"))
        .unwrap();
    let reloaded = wait_for(Duration::from_secs(5), || {
        s.property(&content, "textContent").ok().filter(|t| t.contains("In the spring of 2016"))
    });
    assert!(reloaded.is_some(), "the editor shows the outside edit");

    // Edited: the outside change is a conflict, and the file keeps the other program's text.
    type_at_end(s, &content, "\u{E007}\u{E007}My unsaved paragraph.");
    let theirs = std::fs::read_to_string(&post).unwrap().replace("2016", "2017");
    std::fs::write(&post, &theirs).unwrap();
    let conflict = wait_for(Duration::from_secs(5), || {
        notice_text(s).filter(|t| t.contains("changed by another program"))
    });
    assert!(conflict.is_some(), "the writer is asked what to keep");
    std::thread::sleep(Duration::from_secs(2)); // past the autosave delay
    assert_eq!(
        std::fs::read_to_string(&post).unwrap(),
        theirs,
        "nothing was written over their change"
    );
    app.screenshot("conflict").unwrap();

    // Keeping mine writes mine, knowingly.
    let keep_mine = s.find("[data-testid=notice] button").unwrap();
    s.click(&keep_mine).unwrap();
    let saved = wait_for(Duration::from_secs(5), || {
        std::fs::read_to_string(&post).ok().filter(|t| t.contains("My unsaved paragraph."))
    });
    assert!(saved.is_some(), "after choosing, my version is saved");
}
