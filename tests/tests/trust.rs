//! A blog from elsewhere is untrusted: the window reads its pelicanconf.py as literals,
//! asks once whether to run it, remembers the answer, and once trusted previews posts with
//! the settings the blog's own Python computes. Also: a folder whose blog is one level
//! down offers that folder.

use std::time::Duration;

use folio_e2e::{wait_for, App, Session};
use folio_test_support::oracle_venv;

/// TYPOGRIFY and PATH are computed: only running the file gives them.
const CONFIG: &str = "\
import os
HERE = os.path.dirname(os.path.abspath(__file__))
PATH = os.path.join(HERE, 'content')
SITENAME = 'Computed ' + 'settings'
TYPOGRIFY = not False
";

const POST: &str = "\
Quotes
######

:date: 2024-05-06

She said \"hello\" -- and left.
";

/// A blog with a computed config and the oracle's Python as its virtualenv.
fn computed_blog() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("pelicanconf.py"), CONFIG).unwrap();
    std::fs::create_dir(dir.path().join("content")).unwrap();
    std::fs::write(dir.path().join("content/quotes.rst"), POST).unwrap();
    std::os::unix::fs::symlink(oracle_venv(), dir.path().join(".venv")).unwrap();
    dir
}

fn js_string(s: &Session, script: &str) -> Option<String> {
    s.execute(script, vec![]).ok()?.as_str().map(str::to_string)
}

/// The question's text while it shows, else `None`.
fn prompt_text(s: &Session) -> Option<String> {
    js_string(
        s,
        "const p = document.querySelector('[data-testid=trust-prompt]'); \
         return p && !p.hidden ? p.querySelector('.notice-text').textContent : null;",
    )
}

fn prompt_hidden(s: &Session) -> bool {
    let script = "return document.querySelector('[data-testid=trust-prompt]').hidden;";
    s.execute(script, vec![]).ok().and_then(|v| v.as_bool()).unwrap_or(false)
}

fn settings_status(s: &Session) -> String {
    js_string(s, "return document.querySelector('[data-testid=settings-source]').textContent;")
        .unwrap_or_default()
}

/// The post's paragraph in the preview once it has one (a trusted blog's preview is its
/// theme's page, which has paragraphs of its own).
fn preview_paragraph(s: &Session) -> Option<String> {
    js_string(
        s,
        "const d = document.querySelector('[data-testid=preview]').contentDocument; \
         const p = d && [...d.querySelectorAll('p')].find(p => p.textContent.includes('hello')); \
         return p ? p.textContent : null;",
    )
}

fn click_prompt_button(s: &Session, label: &str) {
    let buttons = s.find_all("[data-testid=trust-prompt] .notice-actions button").unwrap();
    let button = buttons
        .into_iter()
        .find(|b| s.text(b).is_ok_and(|t| t == label))
        .unwrap_or_else(|| panic!("the question has a {label:?} button"));
    s.click(&button).unwrap();
}

fn open_post(s: &Session) {
    // Find and click in one step, again if the list redrew the row in between (it does
    // when the blog's settings arrive or a restart reopens the last post).
    wait_for(Duration::from_secs(20), || {
        let item = s.find("[data-path='content/quotes.rst']").ok()?;
        s.click(&item).ok()
    })
    .expect("the post is listed and opens");
}

#[test]
fn trusting_a_blog_runs_its_config_so_the_preview_is_typogrified_and_a_restart_does_not_ask_again()
{
    let blog = computed_blog();
    let app = App::start_on(blog.path()).unwrap_or_else(|e| panic!("{e}"));
    let s = &app.session;
    let question = wait_for(Duration::from_secs(30), || prompt_text(s)).expect("the question");
    let python = oracle_venv().join("bin/python");
    assert!(
        question.starts_with("This blog's pelicanconf.py is Python code. Run it with ")
            && question.contains(&*blog.path().join(".venv/bin/python").to_string_lossy()),
        "the question names the interpreter ({}): {question}",
        python.display()
    );
    let literal = settings_status(s);
    assert!(
        literal.starts_with("Literal reader: pelicanconf.py was not run")
            && literal.contains("TYPOGRIFY"),
        "until the answer, the literal reader says what it could not read: {literal}"
    );
    // The list is there already: nothing waited for the answer.
    open_post(s);
    let plain =
        wait_for(Duration::from_secs(10), || preview_paragraph(s).filter(|p| p.contains("hello")))
            .expect("the preview shows the post");
    assert!(plain.contains("\"hello\""), "literal settings: no typogrify yet: {plain}");
    let shot = app.screenshot("trust-prompt").unwrap();
    eprintln!("screenshot: {}", shot.display());

    click_prompt_button(s, "Trust and run");
    let curly = wait_for(Duration::from_secs(60), || {
        preview_paragraph(s).filter(|p| p.contains("\u{201c}hello\u{201d}"))
    });
    assert!(
        curly.is_some(),
        "typogrify's curly quotes once trusted; preview: {:?}",
        preview_paragraph(s)
    );
    let status = settings_status(s);
    assert!(
        status.starts_with("Settings read by Python 3.") && status.contains("/ Pelican 4.12"),
        "the status bar says Python read the settings: {status}"
    );
    app.screenshot("trust-trusted").unwrap();

    let data = app.kill().unwrap();
    let app = App::start_in(data).unwrap_or_else(|e| panic!("{e}"));
    let s = &app.session;
    let status = wait_for(Duration::from_secs(60), || {
        Some(settings_status(s)).filter(|t| t.starts_with("Settings read by Python"))
    });
    assert!(
        status.is_some(),
        "after a restart the trusted blog's Python reads it: {}",
        settings_status(s)
    );
    assert!(prompt_hidden(s), "the answer was remembered: no question");
    open_post(s);
    wait_for(Duration::from_secs(10), || {
        preview_paragraph(s).filter(|p| p.contains("\u{201c}hello\u{201d}"))
    })
    .expect("the preview is typogrified at once after a restart");
}

#[test]
fn keeping_the_literal_reader_is_remembered_and_the_window_says_so() {
    let blog = computed_blog();
    let app = App::start_on(blog.path()).unwrap_or_else(|e| panic!("{e}"));
    let s = &app.session;
    wait_for(Duration::from_secs(30), || prompt_text(s)).expect("the question");
    click_prompt_button(s, "Not now / Keep literal");
    let trust = "return document.querySelector('[data-testid=settings-source]').dataset.trust;";
    wait_for(Duration::from_secs(10), || js_string(s, trust).filter(|t| t == "declined"))
        .expect("the answer is recorded");
    assert!(prompt_hidden(s), "the question is gone once answered");
    let status = settings_status(s);
    assert!(status.starts_with("Literal reader: pelicanconf.py was not run"), "{status}");

    let data = app.kill().unwrap();
    let app = App::start_in(data).unwrap_or_else(|e| panic!("{e}"));
    let s = &app.session;
    let status = wait_for(Duration::from_secs(30), || {
        Some(settings_status(s)).filter(|t| t.starts_with("Literal reader"))
    });
    assert!(status.is_some(), "after a restart it is still literal: {}", settings_status(s));
    assert!(prompt_hidden(s), "keep literal was remembered: no question");
    s.click(&s.find("[data-testid=site-menu]").unwrap()).unwrap();
    let toggle = s.find("[data-testid=trust-toggle]").unwrap();
    assert_eq!(
        s.text(&toggle).unwrap(),
        "Run pelicanconf.py with Python…",
        "the answer can change"
    );
    s.click(&s.find("[data-testid=site-menu]").unwrap()).unwrap(); // closes the menu
    open_post(s);
    let plain =
        wait_for(Duration::from_secs(10), || preview_paragraph(s).filter(|p| p.contains("hello")))
            .expect("the preview shows the post");
    assert!(plain.contains("\"hello\""), "literal: no typogrify: {plain}");
}

#[test]
fn a_folder_whose_blog_is_in_src_offers_to_open_that_blog() {
    let repo = tempfile::tempdir().unwrap();
    let src = repo.path().join("src");
    std::fs::create_dir_all(src.join("content")).unwrap();
    std::fs::write(src.join("pelicanconf.py"), "SITENAME = 'Below'\nPATH = 'content'\n").unwrap();
    std::fs::write(src.join("content/quotes.rst"), POST).unwrap();
    let data = tempfile::tempdir().unwrap();
    let settings = serde_json::json!({ "recent": [repo.path()] });
    std::fs::write(data.path().join("settings.json"), settings.to_string()).unwrap();
    let app = App::start_in(data).unwrap_or_else(|e| panic!("{e}"));
    let s = &app.session;
    let title = "return document.getElementById('status-blog').title;";
    wait_for(Duration::from_secs(30), || js_string(s, title).filter(|t| t.ends_with("demo-blog")))
        .expect("the demo blog opened first");
    s.click(&s.find("[data-testid=site-menu]").unwrap()).unwrap();
    let recent = s.find("[data-testid=recent-blog]").expect("the repository is in Recent");
    s.click(&recent).unwrap();
    let offer = wait_for(Duration::from_secs(10), || {
        s.find_all("[data-testid=notice] .notice-actions button")
            .ok()?
            .into_iter()
            .find(|b| s.text(b).is_ok_and(|t| t == "Open the blog in src/"))
    })
    .expect("the notice offers the blog in src/");
    app.screenshot("subfolder-offer").unwrap();
    s.click(&offer).unwrap();
    let opened =
        wait_for(Duration::from_secs(10), || js_string(s, title).filter(|t| t.ends_with("/src")));
    assert!(opened.is_some(), "the blog in src/ opened: {:?}", js_string(s, title));
}
