//! The editor and the preview stay together: scrolling either scrolls the other to the same
//! place in the source, and a click in the preview puts the cursor on that block's line.

use std::time::Duration;

use folio_e2e::{page_origin, wait_for, xdotool, App};
use serde_json::Value;

const SECTIONS: usize = 40;

/// A long post: sections of wrapped paragraphs and a list, one paragraph with a link.
fn long_post() -> String {
    let mut text = String::from("Sync Test\n#########\n\n:date: 2020-01-01 10:00\n\nIntro.\n\n");
    for i in 1..=SECTIONS {
        let words = "some words that wrap across the width of the pane ".repeat(6);
        text.push_str(&format!("Section {i}\n{}\n\n", "=".repeat(format!("Section {i}").len())));
        text.push_str(&format!("Paragraph {i}a: {words}\n\nParagraph {i}b: {words}\n\n"));
        if i == 3 {
            text.push_str(
                "Read `the docs <https://example.com/>`__ now, or see `Section 30`_.\n\n",
            );
        }
        if i == 25 {
            text.push_str(".. image:: {static}/images/desk.png\n   :alt: A desk\n\n");
        }
        text.push_str(&format!("- item {i} one\n- item {i} two\n\n"));
    }
    text
}

/// The 1-based line of `text` that starts with `start`.
fn line_of(text: &str, start: &str) -> u64 {
    let index = text.lines().position(|l| l.starts_with(start));
    index.unwrap_or_else(|| panic!("no line starts with {start}")) as u64 + 1
}

fn open_blog_with(post: &str) -> (tempfile::TempDir, App) {
    let blogs = tempfile::tempdir().unwrap();
    let blog = blogs.path().join("blog");
    std::fs::create_dir_all(blog.join("content")).unwrap();
    std::fs::write(blog.join("pelicanconf.py"), "SITENAME = 'Sync'\nPATH = 'content'\n").unwrap();
    std::fs::write(blog.join("content/long.rst"), post).unwrap();
    let demo = folio_e2e::workspace_root().join("crates/blog/demo/content/images");
    std::fs::create_dir_all(blog.join("content/images")).unwrap();
    std::fs::copy(demo.join("welcome/writing-desk.png"), blog.join("content/images/desk.png"))
        .unwrap();
    let app = App::start_on(&blog).unwrap_or_else(|e| panic!("{e}"));
    let s = &app.session;
    let item = wait_for(Duration::from_secs(30), || s.find("[data-path='content/long.rst']").ok())
        .expect("the post is listed");
    s.click(&item).unwrap();
    let last = format!("Paragraph {SECTIONS}b");
    wait_for(Duration::from_secs(10), || {
        let text = s.execute(&format!("{PREVIEW}; return d.body.innerText;"), vec![]).ok()?;
        text.as_str()?.contains(&last).then_some(())
    })
    .expect("the whole post is in the preview");
    (blogs, app)
}

/// Sets `d` (the preview's document) and `w` (its window).
const PREVIEW: &str = "const f = document.querySelector('[data-testid=preview]'); \
     const d = f.contentDocument, w = f.contentWindow";

/// The number of the first editor line visible at the top, from the line-number gutter.
const EDITOR_TOP_LINE: &str = "const sc = document.querySelector('[data-testid=editor] .cm-scroller'); \
     const top = sc.getBoundingClientRect().top; \
     for (const g of document.querySelectorAll('[data-testid=editor] .cm-lineNumbers .cm-gutterElement')) { \
       const r = g.getBoundingClientRect(); \
       if (getComputedStyle(g).visibility !== 'hidden' && r.height > 0 && r.bottom > top + 1) return Number(g.textContent); \
     } return null;";

/// For source line `arguments[0]`: the preview's last block at or before it and first block
/// after it, with their tops relative to the preview's visible top.
const BLOCKS_AROUND: &str = "const L = arguments[0]; let before = null, after = null; \
     for (const el of d.querySelectorAll('[data-line]')) { \
       const n = Number(el.dataset.line), r = el.getBoundingClientRect(); \
       if (r.height === 0) continue; \
       if (n <= L) before = { line: n, top: r.top }; else { after = { line: n, top: r.top }; break; } \
     } return { before, after, scrollY: w.scrollY };";

fn preview_scroll_y(app: &App) -> f64 {
    let v = app.session.execute(&format!("{PREVIEW}; return w.scrollY;"), vec![]).unwrap();
    v.as_f64().unwrap_or(0.0)
}

fn editor_top_line(app: &App) -> Option<u64> {
    app.session.execute(EDITOR_TOP_LINE, vec![]).ok()?.as_u64()
}

/// Waits until `read` gives the same value twice in a row 200 ms apart (scrolling settled).
fn settled<T: PartialEq + Clone>(mut read: impl FnMut() -> Option<T>) -> Option<T> {
    let mut last = None;
    wait_for(Duration::from_secs(5), || {
        std::thread::sleep(Duration::from_millis(100));
        let now = read();
        let same = now.is_some() && now == last;
        last = now.clone();
        same.then_some(now).flatten()
    })
}

#[test]
fn scrolling_the_editor_scrolls_the_preview_to_the_same_source_line() {
    let post = long_post();
    let (_blogs, app) = open_blog_with(&post);
    let s = &app.session;
    assert_eq!(preview_scroll_y(&app), 0.0, "the preview starts at the top");

    // The writer scrolls the editor well down, to no particular line.
    let scroll = "const sc = document.querySelector('[data-testid=editor] .cm-scroller'); \
         sc.scrollTop = sc.scrollHeight * 0.63; return sc.scrollTop;";
    s.execute(scroll, vec![]).unwrap();
    let top = settled(|| editor_top_line(&app)).expect("the editor shows a top line");
    assert!(top > line_of(&post, "Section 20"), "the editor scrolled far ({top})");
    settled(|| Some(preview_scroll_y(&app) as i64)).unwrap();

    // The blocks of the preview around that line straddle the preview's top edge.
    let around = s.execute(&format!("{PREVIEW}; {BLOCKS_AROUND}"), vec![top.into()]).unwrap();
    let (before, after) = (&around["before"], &around["after"]);
    assert!(around["scrollY"].as_f64().unwrap() > 2000.0, "the preview scrolled far: {around}");
    assert!(before["top"].as_f64().unwrap() <= 2.0, "line {top}'s block starts above: {around}");
    assert!(after["top"].as_f64().unwrap() >= -2.0, "the next block starts below: {around}");
    app.screenshot("sync-editor-scrolled").unwrap();

    // Jumping to a far section from the outline puts its heading at the preview's top.
    let heading = line_of(&post, "Section 33");
    let item = s.find(&format!("[data-testid=outline] [data-line='{heading}']")).unwrap();
    s.click(&item).unwrap();
    let section_top = format!(
        "{PREVIEW}; const el = d.querySelector('.section[data-line=\"{heading}\"]'); \
         return el ? Math.round(el.getBoundingClientRect().top) : null;"
    );
    let top = settled(|| s.execute(&section_top, vec![]).ok()?.as_i64())
        .expect("section 33 is in the preview");
    // CodeMirror scrolls a line to the top with a 5 px margin: the preview follows that.
    assert!((-3..=8).contains(&top), "section 33 is at the preview's top, not {top} px from it");
    app.screenshot("sync-outline-jump").unwrap();
}

#[test]
fn scrolling_the_preview_scrolls_the_editor_to_the_same_source_line() {
    let post = long_post();
    let (_blogs, app) = open_blog_with(&post);
    let s = &app.session;
    assert_eq!(editor_top_line(&app), Some(1));

    let heading = line_of(&post, "Section 12");
    let scroll = format!(
        "{PREVIEW}; const el = d.querySelector('.section[data-line=\"{heading}\"]'); \
         w.scrollTo(0, el.getBoundingClientRect().top + w.scrollY); return w.scrollY;"
    );
    let y = s.execute(&scroll, vec![]).unwrap();
    assert!(y.as_f64().unwrap() > 1000.0, "the preview scrolled: {y}");
    let top = settled(|| editor_top_line(&app)).unwrap();
    assert!(
        (heading..=heading + 1).contains(&top),
        "the editor's top line is section 12's heading at line {heading}, not {top}"
    );
    // The preview stays where the writer put it: the editor following it does not push back.
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(s.execute(&format!("{PREVIEW}; return w.scrollY;"), vec![]).unwrap(), y);
    app.screenshot("sync-preview-scrolled").unwrap();
}

#[test]
fn a_click_in_the_preview_puts_the_cursor_on_the_blocks_source_line() {
    let post = long_post();
    let (_blogs, app) = open_blog_with(&post);
    let s = &app.session;
    let active_line = "const l = document.querySelector('[data-testid=editor] .cm-activeLine'); \
         return l ? l.textContent : null;";
    let editor_focused =
        "return !!document.activeElement && document.activeElement.classList.contains('cm-content');";

    // Scroll the preview to the paragraph, then click it as the writer would.
    let frame = s.find("[data-testid=preview]").unwrap();
    s.execute(
        &format!("{PREVIEW}; const p = [...d.querySelectorAll('p')].find(p => p.textContent.startsWith('Paragraph 17b')); p.scrollIntoView(); return true;"),
        vec![],
    )
    .unwrap();
    s.switch_to_frame(Some(&frame)).unwrap();
    // Found and clicked in one step: elements found before the preview was drawn again
    // (the blog's settings arriving) are stale.
    let clicked = wait_for(Duration::from_secs(5), || {
        let paragraphs = s.find_all("p").ok()?;
        let target = paragraphs
            .into_iter()
            .find(|p| s.text(p).is_ok_and(|t| t.starts_with("Paragraph 17b")))?;
        s.click(&target).ok()
    });
    assert!(clicked.is_some(), "the paragraph in the preview was clicked");
    s.switch_to_frame(None).unwrap();

    let line = line_of(&post, "Paragraph 17b");
    let expected = post.lines().nth(line as usize - 1).unwrap().to_string();
    let active = wait_for(Duration::from_secs(5), || {
        let text = s.execute(active_line, vec![]).ok()?;
        text.as_str().filter(|t| t.starts_with("Paragraph 17b")).map(str::to_string)
    });
    assert_eq!(active.as_deref(), Some(expected.as_str()), "the cursor is on line {line}");
    assert_eq!(s.execute(editor_focused, vec![]).unwrap(), Value::Bool(true));
    app.screenshot("sync-click-paragraph").unwrap();

    // A link in the preview goes nowhere: the frame keeps the post, the cursor stays.
    let here = s
        .execute(
            &format!("{PREVIEW}; d.querySelector('a.reference.external').scrollIntoView(); return d.location.href;"),
            vec![],
        )
        .unwrap();
    s.switch_to_frame(Some(&frame)).unwrap();
    let link = s.find("a.reference.external").unwrap();
    s.click(&link).unwrap();
    s.switch_to_frame(None).unwrap();
    std::thread::sleep(Duration::from_millis(700));
    let still = s
        .execute(
            &format!("{PREVIEW}; return d.location.href + ' ' + !!d.querySelector('.content p');"),
            vec![],
        )
        .unwrap();
    let expected_still = format!("{} true", here.as_str().unwrap());
    assert_eq!(still.as_str(), Some(expected_still.as_str()), "the frame did not navigate");
    let active = s.execute(active_line, vec![]).unwrap();
    assert_eq!(active.as_str(), Some(expected.as_str()), "a link click does not move the cursor");

    // A link to a section of the post scrolls the preview there, in the same document.
    s.switch_to_frame(Some(&frame)).unwrap();
    let internal = s.find("a.reference.internal[href='#section-30']").unwrap();
    s.click(&internal).unwrap();
    s.switch_to_frame(None).unwrap();
    let section_top = format!(
        "{PREVIEW}; const el = d.getElementById('section-30'); \
         const same = d.location.href.split('#')[0] === {here} && !!d.querySelector('.content p'); \
         return same ? Math.round(el.getBoundingClientRect().top) : null;",
        here = here
    );
    let top = settled(|| s.execute(&section_top, vec![]).ok()?.as_i64());
    assert!(top.is_some_and(|t| t.abs() <= 3), "section 30 is at the preview's top: {top:?}");

    // An image takes no caret; a click on it (a person's, through X, the button held down
    // for a moment) still moves the cursor to its directive.
    let at = s
        .execute(
            &format!(
                "{PREVIEW}; const img = d.querySelector('img'); img.scrollIntoView(); \
                 const fr = f.getBoundingClientRect(), r = img.getBoundingClientRect(); \
                 return [fr.left + r.left + r.width / 2, fr.top + r.top + r.height / 2];"
            ),
            vec![],
        )
        .unwrap();
    let (x, y) = page_origin(s);
    let at = |i: usize| at[i].as_f64().unwrap_or_default() as i32;
    xdotool(&["mousemove", &(x + at(0)).to_string(), &(y + at(1)).to_string()]);
    xdotool(&["mousedown", "1"]);
    std::thread::sleep(Duration::from_millis(120));
    xdotool(&["mouseup", "1"]);
    let directive = wait_for(Duration::from_secs(5), || {
        let text = s.execute(active_line, vec![]).ok()?;
        text.as_str().filter(|t| t.starts_with(".. image::")).map(str::to_string)
    });
    assert_eq!(
        directive.as_deref(),
        Some(".. image:: {static}/images/desk.png"),
        "the cursor is on the image's line"
    );
    app.screenshot("sync-click-image").unwrap();
}
