//! Pasting in the real window: HTML on the system clipboard (as a browser puts it there)
//! comes into the post as reST and renders as the page had it; Ctrl+Shift+V pastes the
//! clipboard's plain text as it is.

use std::io::Write;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use folio_e2e::{wait_for, App, Session};

const POST: &str = ":title: Pasting\n:date: 2024-01-01\n\nFirst paragraph.\n";
const CTRL: &str = "\u{E009}";
const SHIFT: &str = "\u{E008}";
const END: &str = "\u{E010}";
const ENTER: &str = "\u{E007}";

/// A web page's selection: a heading, a paragraph with emphasis, strong, a literal and a
/// link, and a list.
const HTML: &str = "<meta charset='utf-8'><h2>From the web</h2>\
    <p>Some <em>soft</em> and <strong>loud</strong> words, <code>a_b()</code> and \
    <a href=\"https://example.org/x\">a link</a>.</p><ul><li>one</li><li>two</li></ul>";

const RST: &str = "From the web\n============\n\n\
    Some *soft* and **loud** words, ``a_b()`` and `a link <https://example.org/x>`__.\n\n\
    - one\n- two\n";

/// Owns the X clipboard with `text` as `target` until dropped (xclip serves it).
struct Clipboard(Child);

impl Clipboard {
    fn hold(target: &str, text: &str) -> Clipboard {
        let mut child = Command::new("xclip")
            .args(["-quiet", "-selection", "clipboard", "-t", target, "-i"])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("xclip runs (scripts/install-deps.sh installs it)");
        child.stdin.take().expect("xclip's stdin").write_all(text.as_bytes()).unwrap();
        let clipboard = Clipboard(child);
        // xclip owns the selection once it has read its input: wait until it answers.
        wait_for(Duration::from_secs(10), || {
            let out = Command::new("xclip")
                .args(["-o", "-selection", "clipboard", "-t", target])
                .output()
                .ok()?;
            (out.status.success() && out.stdout == text.as_bytes()).then_some(())
        })
        .expect("xclip holds the clipboard");
        clipboard
    }
}

impl Drop for Clipboard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn blog() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("content")).unwrap();
    std::fs::write(dir.path().join("pelicanconf.py"), "PATH = 'content'\n").unwrap();
    std::fs::write(dir.path().join("content/pasting.rst"), POST).unwrap();
    dir
}

/// The editor's text, line by line (CodeMirror's lines have no newline in the page).
fn editor_lines(s: &Session) -> String {
    let script = "return Array.from(document.querySelectorAll('[data-testid=editor] .cm-line'))\
        .map(l => l.textContent).join('\\n');";
    s.execute(script, vec![]).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

/// Opens the post and puts the cursor on a new line after its text.
fn open_at_end(s: &Session) {
    let item =
        wait_for(Duration::from_secs(30), || s.find("[data-path='content/pasting.rst']").ok())
            .expect("the post is listed");
    s.click(&item).unwrap();
    wait_for(Duration::from_secs(10), || {
        editor_lines(s).contains("First paragraph.").then_some(())
    })
    .expect("the post opens");
    let content = s.find("[data-testid=editor] .cm-content").unwrap();
    s.click(&content).unwrap();
    s.send_keys(&content, &format!("{CTRL}{END}")).unwrap();
    s.send_keys(&content, ENTER).unwrap();
    wait_for(Duration::from_secs(10), || {
        editor_lines(s).ends_with("First paragraph.\n\n").then_some(())
    })
    .unwrap_or_else(|| panic!("a new line after the text: {:?}", editor_lines(s)));
}

/// The preview's element `selector`'s text, when it is there.
fn preview_text(s: &Session, selector: &str) -> Option<String> {
    let script = "const f = document.querySelector('[data-testid=preview]'); \
        return f?.contentDocument?.querySelector(arguments[0])?.textContent ?? null;";
    s.execute(script, vec![selector.into()]).ok()?.as_str().map(str::to_string)
}

#[test]
fn html_from_the_clipboard_comes_in_as_rest_and_renders_as_the_page_had_it() {
    let dir = blog();
    let app = App::start_on(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    let s = &app.session;
    open_at_end(s);
    let _clipboard = Clipboard::hold("text/html", HTML);
    let content = s.find("[data-testid=editor] .cm-content").unwrap();
    s.send_keys(&content, &format!("{CTRL}v")).unwrap();
    wait_for(Duration::from_secs(10), || editor_lines(s).ends_with(RST).then_some(()))
        .unwrap_or_else(|| panic!("the HTML is pasted as reST: {:?}", editor_lines(s)));
    for (selector, text) in [
        ("h2", "From the web"),
        ("em", "soft"),
        ("strong", "loud"),
        ("a[href='https://example.org/x']", "a link"),
        ("ul li:last-child", "two"),
    ] {
        wait_for(Duration::from_secs(10), || (preview_text(s, selector)? == text).then_some(()))
            .unwrap_or_else(|| {
                panic!("the preview shows {selector} {text:?}: {:?}", preview_text(s, selector))
            });
    }
    app.screenshot("html-paste").unwrap();
    let saved = wait_for(Duration::from_secs(10), || {
        let text = std::fs::read_to_string(dir.path().join("content/pasting.rst")).ok()?;
        text.ends_with(RST).then_some(text)
    });
    assert!(saved.is_some(), "the pasted reST is saved like typing");
}

#[test]
fn ctrl_shift_v_pastes_the_clipboards_plain_text_as_it_is() {
    let dir = blog();
    let app = App::start_on(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    let s = &app.session;
    open_at_end(s);
    let plain = "Plain *as* typed";
    let _clipboard = Clipboard::hold("UTF8_STRING", plain);
    let content = s.find("[data-testid=editor] .cm-content").unwrap();
    s.send_keys(&content, &format!("{CTRL}{SHIFT}v")).unwrap();
    wait_for(Duration::from_secs(10), || editor_lines(s).ends_with(plain).then_some(()))
        .unwrap_or_else(|| panic!("Ctrl+Shift+V pastes the plain text: {:?}", editor_lines(s)));
    wait_for(Duration::from_secs(10), || {
        (preview_text(s, "p:last-of-type em")? == "as").then_some(())
    })
    .expect("the plain text is reST like any typed text");
}
