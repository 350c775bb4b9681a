//! The preview is the page the blog's theme writes: a trusted blog's post shows inside
//! Pelican's built-in theme, typing updates the body in it, a new tag shows in its tag
//! list, "Post" shows the body alone, and a theme whose template fails says where and
//! falls back to the body alone. Each blog has the oracle venv (Pelican 4.12) as `.venv`.

use std::time::{Duration, Instant};

use folio_e2e::{page_origin, wait_for, xdotool, App, Session};
use folio_test_support::oracle_venv;

const POST: &str = "\
Post A
######

:date: 2024-01-02
:tags: alpha

Body A.
";

/// A blog with one post, `config`, the theme files `theme` and the oracle venv.
fn blog(config: &str, theme: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let write = |rel: &str, text: &str| {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write("pelicanconf.py", config);
    write("content/a.rst", POST);
    for (rel, text) in theme {
        write(&format!("mytheme/{rel}"), text);
    }
    std::os::unix::fs::symlink(oracle_venv(), dir.path().join(".venv")).unwrap();
    dir
}

fn js(s: &Session, script: &str) -> Option<String> {
    s.execute(script, vec![]).ok()?.as_str().map(str::to_string)
}

fn frame_query(s: &Session, css: &str) -> Option<String> {
    let script = format!(
        "const d = document.querySelector('[data-testid=preview]').contentDocument; \
         const e = d && d.querySelector({css:?}); return e ? e.textContent : null;"
    );
    js(s, &script)
}

/// The text of every element `css` matches in the preview, one a line.
fn frame_texts(s: &Session, css: &str) -> String {
    let script = format!(
        "const d = document.querySelector('[data-testid=preview]').contentDocument; \
         return d ? Array.from(d.querySelectorAll({css:?})).map(e => e.textContent).join('\\n') : '';"
    );
    js(s, &script).unwrap_or_default()
}

fn page_status(s: &Session) -> String {
    js(s, "return document.querySelector('[data-testid=page-status]').textContent;")
        .unwrap_or_default()
}

/// Trusts the blog (its theme is known only to its Python) and opens its post.
fn trust_and_open(s: &Session) {
    let buttons = wait_for(Duration::from_secs(30), || {
        let b = s.find_all("[data-testid=trust-prompt] .notice-actions button").ok()?;
        (!b.is_empty()).then_some(b)
    })
    .expect("the trust question");
    let trust = buttons
        .into_iter()
        .find(|b| s.text(b).is_ok_and(|t| t == "Trust and run"))
        .expect("a Trust button");
    s.click(&trust).unwrap();
    wait_for(Duration::from_secs(60), || {
        js(s, "return document.querySelector('[data-testid=settings-source]').textContent;")
            .filter(|t| t.starts_with("Settings read by Python"))
    })
    .expect("the blog's Python read the settings");
    let item = wait_for(Duration::from_secs(20), || s.find("[data-path='content/a.rst']").ok())
        .expect("the post is listed");
    s.click(&item).unwrap();
}

/// Clicks into the editor and sends each of `keys` (a modifier holds for its own call).
fn type_keys(s: &Session, keys: &[&str]) {
    let content = s.find("[data-testid=editor] .cm-content").unwrap();
    s.click(&content).unwrap();
    s.execute(
        "document.querySelector('[data-testid=editor] .cm-content').focus(); return true;",
        vec![],
    )
    .unwrap();
    for k in keys {
        s.send_keys(&content, k).unwrap();
    }
}

/// How long each page took from the window asking to the window showing it, in ms.
fn page_timings(s: &Session) -> String {
    js(
        s,
        "const m = window.__marks || []; const out = []; let asked = null; \
         for (const [n, t] of m) { if (n === 'folio:page-asked') asked = t; \
           if (n === 'folio:page-shown' && asked !== null) { out.push((t - asked).toFixed(1)); asked = null; } } \
         return out.join(', ');",
    )
    .unwrap_or_default()
}

/// The tag list of notmyidea's article page.
const TAGS: &str = "footer.post-info p:last-of-type";

#[test]
fn a_trusted_blogs_post_shows_inside_its_theme_live_and_post_shows_the_body_alone() {
    let tmp = blog("SITENAME = 'Theme Site'\nPATH = 'content'\nTIMEZONE = 'UTC'\n", &[]);
    let app = App::start_on(tmp.path()).unwrap_or_else(|e| panic!("{e}"));
    let s = &app.session;
    s.execute(
        "window.__folioTrace = n => (window.__marks = window.__marks || []).push([n, performance.now()]); return true;",
        vec![],
    )
    .unwrap();
    trust_and_open(s);
    let opened = Instant::now();
    let banner = wait_for(Duration::from_secs(20), || frame_query(s, "#banner h1"))
        .unwrap_or_else(|| panic!("no theme banner; the bar says {:?}", page_status(s)));
    eprintln!("page shown {:?} after the click", opened.elapsed());
    assert!(banner.contains("Theme Site"), "{banner}");
    let body = wait_for(Duration::from_secs(10), || {
        frame_texts(s, "#content .entry-content p").lines().any(|p| p == "Body A.").then_some(())
    });
    assert!(body.is_some(), "the body is inside the theme's entry-content");
    let link = js(
        s,
        "const d = document.querySelector('[data-testid=preview]').contentDocument; \
         const l = d.querySelector('link[rel=stylesheet]'); return l ? l.href : null;",
    )
    .unwrap_or_default();
    assert!(link.starts_with("folio://localhost/.folio-site/theme/css/"), "{link}");
    let css_loaded = wait_for(Duration::from_secs(10), || {
        // notmyidea's main.css: `body { background: #F5F4EF }`.
        let script = "const d = document.querySelector('[data-testid=preview]').contentDocument; \
             return getComputedStyle(d.body).backgroundColor;";
        js(s, script).filter(|v| v == "rgb(245, 244, 239)")
    });
    assert!(css_loaded.is_some(), "the theme's stylesheet loaded through folio:");
    let shot = app.screenshot("page-preview-notmyidea").unwrap();
    eprintln!("screenshot: {}", shot.display());

    // Typing goes into the body inside the theme; the banner stays.
    type_keys(s, &["\u{E009}\u{E010}", "\u{E007}Typed words."]); // Ctrl+End, Enter
    let typed = wait_for(Duration::from_secs(10), || {
        frame_query(s, "#content .entry-content").filter(|t| t.contains("Typed words."))
    });
    assert!(
        typed.is_some(),
        "the typed words show inside the theme: editor {:?}, preview {:?}",
        js(s, "return Array.from(document.querySelectorAll('[data-testid=editor] .cm-line')).map(l => l.textContent).join('\\n');"),
        frame_texts(s, "#content .entry-content")
    );
    assert!(frame_query(s, "#banner h1").is_some_and(|b| b.contains("Theme Site")));

    // A new tag on the :tags: line (line 5) shows in the page's tag list once typing pauses.
    let tags = frame_query(s, TAGS).unwrap_or_default();
    assert!(tags.contains("alpha") && !tags.contains("beta"), "{tags}");
    // Ctrl+Home, four times Down, End.
    type_keys(s, &["\u{E009}\u{E011}", "\u{E015}\u{E015}\u{E015}\u{E015}\u{E010}", ", beta"]);
    let tags =
        wait_for(Duration::from_secs(10), || frame_query(s, TAGS).filter(|t| t.contains("beta")))
            .unwrap_or_else(|| panic!("the tag list did not follow: {:?}", frame_query(s, TAGS)));
    assert!(tags.contains("alpha"), "{tags}");
    eprintln!("page renders (asked to shown, ms): {}", page_timings(s));
    let still = frame_query(s, "#content .entry-content").unwrap_or_default();
    assert!(still.contains("Typed words."), "the body moved into the new page: {still}");
    let shot = app.screenshot("page-preview-new-tag").unwrap();
    eprintln!("screenshot: {}", shot.display());

    // "Post": the body alone, in Folio's shell.
    s.click(&s.find("[data-testid=view-post]").unwrap()).unwrap();
    let shell = wait_for(Duration::from_secs(10), || {
        frame_query(s, "#banner").is_none().then_some(())?;
        frame_query(s, "#content .entry-content").filter(|t| t.contains("Typed words."))
    });
    assert!(shell.is_some(), "Post shows the body without the theme's banner");
    let shot = app.screenshot("page-preview-post-view").unwrap();
    eprintln!("screenshot: {}", shot.display());
    s.click(&s.find("[data-testid=view-page]").unwrap()).unwrap();
    let back = wait_for(Duration::from_secs(20), || frame_query(s, "#banner h1"));
    assert!(back.is_some(), "Page brings the theme back");

    // A click on the body's paragraph puts the cursor on its line; a theme's link goes nowhere.
    // The theme floats its post info over the paragraph's middle: a person clicks its words.
    let at = s
        .execute(
            "const f = document.querySelector('[data-testid=preview]'); \
             const p = [...f.contentDocument.querySelectorAll('.entry-content p')] \
                 .find(p => p.textContent === 'Body A.'); \
             const fr = f.getBoundingClientRect(), r = p.getBoundingClientRect(); \
             return [fr.left + r.left + 10, fr.top + r.top + r.height / 2];",
            vec![],
        )
        .unwrap();
    let (x, y) = page_origin(s);
    let at = |i: usize| at[i].as_f64().unwrap_or_default() as i32;
    xdotool(&["mousemove", &(x + at(0)).to_string(), &(y + at(1)).to_string()]);
    xdotool(&["click", "1"]);
    let active_line = "const l = document.querySelector('[data-testid=editor] .cm-activeLine'); \
         return l ? l.textContent : null;";
    let active = wait_for(Duration::from_secs(5), || js(s, active_line).filter(|l| l == "Body A."));
    assert!(active.is_some(), "the cursor went to the paragraph's line: {:?}", js(s, active_line));
    let href =
        "return document.querySelector('[data-testid=preview]').contentDocument.location.href;";
    let here = js(s, href);
    let frame = s.find("[data-testid=preview]").unwrap();
    s.switch_to_frame(Some(&frame)).unwrap();
    let menu_link = s.find("#banner nav a").unwrap();
    s.click(&menu_link).unwrap();
    s.switch_to_frame(None).unwrap();
    std::thread::sleep(Duration::from_millis(700));
    assert_eq!(js(s, href), here, "the frame did not navigate");
    assert!(frame_query(s, "#banner h1").is_some(), "the page is still there");

    // "Post" is remembered for this blog in Folio's settings, across a restart.
    s.click(&s.find("[data-testid=view-post]").unwrap()).unwrap();
    let settings = app.data_dir.path().join("settings.json");
    wait_for(Duration::from_secs(10), || {
        let text = std::fs::read_to_string(&settings).ok()?;
        let json: serde_json::Value = serde_json::from_str(&text).ok()?;
        (json["previewBodyOnly"].as_array()?.len() == 1).then_some(())
    })
    .expect("the choice is in settings.json");
    let data = app.kill().unwrap();
    let app = App::start_in(data).unwrap_or_else(|e| panic!("{e}"));
    let s = &app.session;
    // The restart reopens the post that was open (no click: the list may redraw as the
    // blog's settings arrive, and a clicked row could be gone by then).
    let pressed =
        "return document.querySelector('[data-testid=view-post]').getAttribute('aria-pressed');";
    let body = wait_for(Duration::from_secs(20), || {
        frame_texts(s, "#content .entry-content p").lines().any(|p| p == "Body A.").then_some(())
    });
    assert!(body.is_some(), "the post shows after the restart");
    assert_eq!(js(s, pressed).as_deref(), Some("true"), "Post is still chosen");
    assert!(frame_query(s, "#banner").is_none(), "and the theme's page is not shown");
}

#[test]
fn a_theme_whose_template_fails_says_where_and_the_preview_shows_the_body_alone() {
    let tmp = blog(
        "SITENAME = 'S'\nPATH = 'content'\nTIMEZONE = 'UTC'\nTHEME = 'mytheme'\n",
        &[
            ("templates/article.html", "{% extends 'base.html' %}"),
            ("templates/base.html", "<html>\n<body>\n{{ article.title | no_such_filter }}\n"),
        ],
    );
    let app = App::start_on(tmp.path()).unwrap_or_else(|e| panic!("{e}"));
    let s = &app.session;
    trust_and_open(s);
    let status = wait_for(Duration::from_secs(20), || {
        Some(page_status(s)).filter(|t| t.contains("cannot be shown"))
    })
    .expect("the bar says the page cannot be shown");
    assert!(status.contains("base.html") && status.contains('3'), "file and line: {status}");
    let body = wait_for(Duration::from_secs(10), || {
        frame_texts(s, "#content .entry-content p").lines().any(|p| p == "Body A.").then_some(())
    });
    assert!(body.is_some(), "the body alone shows");
    let shot = app.screenshot("page-preview-template-error").unwrap();
    eprintln!("screenshot: {}", shot.display());

    // The writer fixes the template: the watcher sees it and the page comes.
    std::fs::write(
        tmp.path().join("mytheme/templates/base.html"),
        "<html>\n<body>\n<h1 id=\"fixed\">{{ article.title }}</h1>{{ article.content }}\n",
    )
    .unwrap();
    let fixed = wait_for(Duration::from_secs(20), || frame_query(s, "#fixed"))
        .unwrap_or_else(|| panic!("the fixed theme's page; the bar says {:?}", page_status(s)));
    assert_eq!(fixed, "Post A");
    assert_eq!(page_status(s), "", "the bar no longer says the page cannot be shown");
    let body = frame_texts(s, "p");
    assert!(body.lines().any(|p| p == "Body A."), "the body is in the fixed page: {body}");
}

#[test]
fn an_untrusted_blogs_preview_shows_the_body_alone_and_says_why() {
    let tmp = blog("SITENAME = 'S'\nPATH = 'content'\n", &[]);
    let app = App::start_on(tmp.path()).unwrap_or_else(|e| panic!("{e}"));
    let s = &app.session;
    let item = wait_for(Duration::from_secs(30), || s.find("[data-path='content/a.rst']").ok())
        .expect("the post is listed");
    s.click(&item).unwrap();
    let status = wait_for(Duration::from_secs(20), || {
        Some(page_status(s)).filter(|t| t.contains("cannot be shown"))
    })
    .expect("the bar says the page cannot be shown");
    assert!(status.contains("trust the blog"), "{status}");
    let body = wait_for(Duration::from_secs(10), || {
        frame_texts(s, "#content .entry-content p").lines().any(|p| p == "Body A.").then_some(())
    });
    assert!(body.is_some(), "the body alone shows");
    assert!(frame_query(s, "#banner").is_none(), "no theme page");
}
