//! Formatting commands in the real window: Ctrl+B on a selection (and again to remove it),
//! Ctrl+K with a web address in the clipboard, an address pasted over a selection, and a
//! title whose underline follows as it is edited.

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

#[test]
fn a_title_edited_keeps_its_underline_as_long_as_itself_counting_wide_characters_twice() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("content")).unwrap();
    std::fs::write(dir.path().join("pelicanconf.py"), "PATH = 'content'\n").unwrap();
    std::fs::write(
        dir.path().join("content/formatting.rst"),
        "Post\n####\n\n:date: 2024-01-01\n\nA section\n=========\n\nText.\n",
    )
    .unwrap();
    let app = App::start_on(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    let s = &app.session;
    wait_for(Duration::from_secs(30), || {
        s.click(&s.find("[data-path='content/formatting.rst']").ok()?).ok()
    })
    .expect("the post is listed and opens");
    wait_for(Duration::from_secs(10), || editor_text(s).contains("A section").then_some(()))
        .expect("the post opens");
    // Click at the end of "A section" (line 6) and type a word with wide characters.
    let script = "const lines = document.querySelectorAll('[data-testid=editor] .cm-line'); \
        const line = Array.from(lines).find(l => l.textContent === 'A section'); \
        const r = line.getBoundingClientRect(); return [r.right - 2, r.top + r.height / 2];";
    let at = s.execute(script, vec![]).unwrap();
    let content = s.find("[data-testid=editor] .cm-content").unwrap();
    s.click(&content).unwrap();
    let (x, y) = (at[0].as_f64().unwrap(), at[1].as_f64().unwrap());
    s.execute(
        "const v = document.querySelector('[data-testid=editor] .cm-content'); v.focus(); \
         const sel = document.caretPositionFromPoint ? null : document.caretRangeFromPoint(arguments[0], arguments[1]); \
         if (sel) { const s = getSelection(); s.removeAllRanges(); s.addRange(sel); } return true;",
        vec![x.into(), y.into()],
    )
    .unwrap();
    s.send_keys(&content, &format!("{END} 日本")).unwrap();
    let lines = "return Array.from(document.querySelectorAll('[data-testid=editor] .cm-line')).map(l => l.textContent);";
    let expected = ["A section 日本", "=============="]; // 9 + 1 + 2 × 2 columns
    wait_for(Duration::from_secs(10), || {
        let value = s.execute(lines, vec![]).ok()?;
        let all: Vec<String> =
            value.as_array()?.iter().filter_map(|v| v.as_str().map(str::to_string)).collect();
        all.windows(2).any(|w| w[0] == expected[0] && w[1] == expected[1]).then_some(())
    })
    .unwrap_or_else(|| panic!("the underline follows: {:?}", s.execute(lines, vec![])));
    app.screenshot("heading-underline-follows").unwrap();
}
