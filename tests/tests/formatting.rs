//! Formatting commands in the real window: Ctrl+B on a selection (and again to remove it),
//! Ctrl+K with a web address in the clipboard, and an address pasted over a selection.

use std::time::Duration;

use folio_e2e::{wait_for, App, Session};

const POST: &str = ":title: Formatting\n:date: 2024-01-01\n\nBold me";
const CTRL: &str = "\u{E009}";
const SHIFT: &str = "\u{E008}";
const HOME: &str = "\u{E011}";
const END: &str = "\u{E010}";

fn blog() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("content")).unwrap();
    std::fs::write(dir.path().join("pelicanconf.py"), "PATH = 'content'\n").unwrap();
    std::fs::write(dir.path().join("content/formatting.rst"), POST).unwrap();
    dir
}

fn editor_text(s: &Session) -> String {
    let script = "return document.querySelector('[data-testid=editor] .cm-content').textContent;";
    s.execute(script, vec![]).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

/// Opens the post and selects its last line, "Bold me".
fn open_and_select_last_line(s: &Session) {
    let item =
        wait_for(Duration::from_secs(30), || s.find("[data-path='content/formatting.rst']").ok())
            .expect("the post is listed");
    s.click(&item).unwrap();
    wait_for(Duration::from_secs(10), || editor_text(s).contains("Bold me").then_some(()))
        .expect("the post opens");
    let content = s.find("[data-testid=editor] .cm-content").unwrap();
    s.click(&content).unwrap();
    s.send_keys(&content, &format!("{CTRL}{END}")).unwrap();
    s.send_keys(&content, &format!("{SHIFT}{HOME}")).unwrap();
}

fn wait_text(s: &Session, expected: &str, what: &str) {
    wait_for(Duration::from_secs(10), || editor_text(s).ends_with(expected).then_some(()))
        .unwrap_or_else(|| panic!("{what}: {:?}", editor_text(s)));
}

#[test]
fn ctrl_b_makes_the_selection_strong_and_again_takes_it_off() {
    let dir = blog();
    let app = App::start_on(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    let s = &app.session;
    open_and_select_last_line(s);
    let content = s.find("[data-testid=editor] .cm-content").unwrap();
    s.send_keys(&content, &format!("{CTRL}b")).unwrap();
    wait_text(s, "**Bold me**", "Ctrl+B wraps the selection in **");
    let strong = "const f = document.querySelector('[data-testid=preview]'); \
        return f?.contentDocument?.querySelector('strong')?.textContent ?? null;";
    wait_for(Duration::from_secs(10), || {
        (s.execute(strong, vec![]).ok()?.as_str()? == "Bold me").then_some(())
    })
    .expect("the preview shows it strong");
    app.screenshot("formatting-ctrl-b").unwrap();
    s.send_keys(&content, &format!("{CTRL}b")).unwrap();
    wait_text(
        s,
        "2024-01-01Bold me",
        "Ctrl+B again takes the markup off (lines have no newline in the page)",
    );
    assert!(!editor_text(s).contains('*'));
}

#[test]
fn ctrl_k_links_the_selection_to_the_address_in_the_clipboard_and_so_does_pasting_one() {
    let dir = blog();
    let app = App::start_on(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    let s = &app.session;
    // Put an address on the real clipboard: type it in the search field and copy it.
    let search =
        wait_for(Duration::from_secs(30), || s.find("[data-testid=post-search]").ok()).unwrap();
    s.send_keys(&search, "https://example.org/clip").unwrap();
    s.send_keys(&search, &format!("{CTRL}a")).unwrap();
    s.send_keys(&search, &format!("{CTRL}c")).unwrap();
    s.execute("const i = document.querySelector('[data-testid=post-search]'); i.value = ''; i.dispatchEvent(new Event('input'));", vec![]).unwrap();

    open_and_select_last_line(s);
    let content = s.find("[data-testid=editor] .cm-content").unwrap();
    s.send_keys(&content, &format!("{CTRL}k")).unwrap();
    wait_text(
        s,
        "`Bold me <https://example.org/clip>`_",
        "Ctrl+K links to the clipboard's address",
    );
    app.screenshot("formatting-ctrl-k").unwrap();

    // Ctrl+K on the whole link takes it back to its text; then paste an address over it.
    s.send_keys(&content, &format!("{CTRL}{END}")).unwrap();
    s.send_keys(&content, &format!("{SHIFT}{HOME}")).unwrap();
    s.send_keys(&content, &format!("{CTRL}k")).unwrap();
    wait_text(s, "2024-01-01Bold me", "Ctrl+K on a link unlinks it");
    s.send_keys(&content, &format!("{CTRL}{END}")).unwrap();
    s.send_keys(&content, &format!("{SHIFT}{HOME}")).unwrap();
    let paste = "const data = new DataTransfer(); data.setData('text/plain', 'https://example.org/pasted'); \
         const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }); \
         document.querySelector('[data-testid=editor] .cm-content').dispatchEvent(event); \
         return event.defaultPrevented;";
    s.execute(paste, vec![]).unwrap();
    wait_text(s, "`Bold me <https://example.org/pasted>`_", "a pasted address links the selection");
}
