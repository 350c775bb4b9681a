//! Finding and creating posts in the list.

use std::time::Duration;

use folio_e2e::{wait_for, App, Session};

fn listed_paths(s: &Session) -> Vec<String> {
    let script = "return Array.from(document.querySelectorAll('[data-testid=post-item]')).map(e => e.dataset.path);";
    let value = s.execute(script, vec![]).unwrap();
    value.as_array().unwrap().iter().filter_map(|v| v.as_str().map(str::to_string)).collect()
}

#[test]
fn a_new_post_is_created_as_a_draft_opened_and_found_by_search_and_status() {
    let app = App::start().unwrap_or_else(|e| panic!("{e}"));
    let s = &app.session;
    wait_for(Duration::from_secs(30), || (listed_paths(s).len() == 4).then_some(()))
        .expect("the demo's 4 posts");

    s.click(&s.find("[data-testid=new-post]").unwrap()).unwrap();
    let title = wait_for(Duration::from_secs(5), || s.find("[data-testid=new-post-title]").ok())
        .expect("asked for a title");
    s.send_keys(&title, "A Walk in the Park").unwrap();
    s.click(&s.find("[data-testid=new-post-create]").unwrap()).unwrap();

    let path = "content/a-walk-in-the-park.rst";
    wait_for(Duration::from_secs(10), || listed_paths(s).contains(&path.to_string()).then_some(()))
        .expect("listed");
    let selected = wait_for(Duration::from_secs(10), || {
        let item = s.find(&format!("[data-path='{path}']")).ok()?;
        s.property(&item, "className").ok().filter(|c| c.contains("selected"))
    });
    assert!(selected.is_some(), "the new post is opened");
    let on_disk =
        std::fs::read_to_string(app.data_dir.path().join("demo-blog").join(path)).unwrap();
    assert!(
        on_disk.starts_with("A Walk in the Park\n##################\n")
            && on_disk.contains(":status: draft"),
        "{on_disk}"
    );
    app.screenshot("new-post").unwrap();

    let search = s.find("[data-testid=post-search]").unwrap();
    s.send_keys(&search, "anaconda").unwrap();
    wait_for(Duration::from_secs(5), || {
        (listed_paths(s) == ["content/farewell-to-anaconda.rst"]).then_some(())
    })
    .unwrap_or_else(|| panic!("search narrows the list: {:?}", listed_paths(s)));

    s.execute("const i = document.querySelector('[data-testid=post-search]'); i.value = ''; i.dispatchEvent(new Event('input'));", vec![]).unwrap();
    s.execute("const f = document.querySelector('[data-testid=status-filter]'); f.value = 'draft'; f.dispatchEvent(new Event('change'));", vec![]).unwrap();
    let mut drafts = listed_paths(s);
    drafts.sort();
    assert_eq!(drafts, ["content/a-walk-in-the-park.rst", "content/draft-ideas.rst"]);
}

#[test]
fn the_details_form_shows_the_posts_fields_and_editing_it_edits_the_text() {
    let app = App::start().unwrap_or_else(|e| panic!("{e}"));
    let s = &app.session;
    let path = "content/welcome-to-folio.rst";
    let item = wait_for(Duration::from_secs(30), || s.find(&format!("[data-path='{path}']")).ok())
        .expect("listed");
    s.click(&item).unwrap();
    s.click(&s.find("[data-testid=meta-form] summary").unwrap()).unwrap();
    let category = s.find("[data-field=category]").unwrap();
    wait_for(Duration::from_secs(10), || {
        s.property(&category, "value").ok().filter(|v| v == "folio")
    })
    .expect("the form shows the category from the text");
    let categories = s
        .execute("return Array.from(document.querySelectorAll('#known-categories option')).map(o => o.value);", vec![])
        .unwrap();
    assert_eq!(
        categories,
        serde_json::json!(["folio", "misc", "ramblings", "writing"]),
        "the blog's categories are offered"
    );
    let date = s.property(&s.find("[data-field=date]").unwrap(), "value").unwrap();
    assert_eq!(date, "2026-11-20T09:00", "the date is in the date picker");

    // Select all and type over it, as a person would (an emptied title is put back).
    s.click(&category).unwrap();
    s.send_keys(&category, "\u{E009}a").unwrap();
    s.send_keys(&category, "notes").unwrap();
    let title = s.find("[data-field=title]").unwrap();
    s.click(&title).unwrap();
    s.send_keys(&title, "\u{E009}a").unwrap();
    s.send_keys(&title, "Welcome to Folio, Again").unwrap();

    let file = app.data_dir.path().join("demo-blog").join(path);
    let saved = wait_for(Duration::from_secs(10), || {
        std::fs::read_to_string(&file)
            .ok()
            .filter(|t| t.contains(":category: notes\n") && t.contains("Again\n#"))
    })
    .unwrap_or_else(|| {
        let shot = app.screenshot("failed-details-form");
        panic!(
            "the form's edits are not saved: {:?}; {shot:?}",
            std::fs::read_to_string(&file).map(|t| t.chars().take(300).collect::<String>())
        )
    });
    assert!(
        saved.starts_with("Welcome to Folio, Again\n#######################\n"),
        "the underline follows the title: {saved}"
    );
    // The preview's diagnostics follow the saved text a moment later: wait for the label.
    let status = wait_for(Duration::from_secs(10), || {
        let status = s.property(&s.find("[data-testid=status-bar]").ok()?, "textContent").ok()?;
        status.contains("No problems").then_some(status)
    });
    assert!(status.is_some(), "the status bar says No problems for the edited post");
    app.screenshot("details-form").unwrap();
}

fn choose(s: &Session, testid: &str, value: &str) {
    let script = format!(
        "const f = document.querySelector('[data-testid={testid}]'); f.value = '{value}'; f.dispatchEvent(new Event('change')); return f.value;"
    );
    assert_eq!(s.execute(&script, vec![]).unwrap(), value, "{testid} offers {value}");
}

#[test]
fn the_list_filters_by_category_and_tag_and_search_finds_words_in_the_text() {
    let app = App::start().unwrap_or_else(|e| panic!("{e}"));
    let s = &app.session;
    wait_for(Duration::from_secs(30), || (listed_paths(s).len() == 4).then_some(()))
        .expect("the demo's 4 posts");
    let tags = s
        .execute("return Array.from(document.querySelectorAll('[data-testid=tag-filter] option')).map(o => o.value);", vec![])
        .unwrap();
    assert_eq!(tags, serde_json::json!(["", "notes", "rest", "welcome", "writing"]));

    choose(s, "category-filter", "writing");
    assert_eq!(listed_paths(s), ["content/notes-on-rest.rst"]);
    choose(s, "category-filter", "");
    choose(s, "tag-filter", "writing");
    assert_eq!(listed_paths(s), ["content/welcome-to-folio.rst"]);
    choose(s, "tag-filter", "");

    // "Continuum" is only in the body of the Anaconda post, not in any title.
    let search = s.find("[data-testid=post-search]").unwrap();
    s.send_keys(&search, "continuum analytics").unwrap();
    wait_for(Duration::from_secs(5), || {
        (listed_paths(s) == ["content/farewell-to-anaconda.rst"]).then_some(())
    })
    .unwrap_or_else(|| panic!("the text search finds the post: {:?}", listed_paths(s)));
    app.screenshot("text-search").unwrap();
}

#[test]
fn a_long_list_shows_only_rows_in_view_and_every_post_can_be_reached() {
    let blogs = tempfile::tempdir().unwrap();
    let blog = blogs.path().join("blog");
    std::fs::create_dir_all(blog.join("content")).unwrap();
    std::fs::write(blog.join("pelicanconf.py"), "PATH = 'content'\n").unwrap();
    for i in 0..3_000 {
        // One post a minute from 2020-01-01 00:00: the higher the number, the newer.
        let title = format!("Post number {i}");
        let (day, hour, minute) = (i / 1440, i / 60 % 24, i % 60);
        let underline = "#".repeat(title.len());
        let text = format!(
            "{title}\n{underline}\n\n:date: 2020-01-{:02} {hour:02}:{minute:02}\n\nBody {i}.\n",
            day + 1
        );
        std::fs::write(blog.join(format!("content/post-{i:04}.rst")), text).unwrap();
    }
    let app = App::start_on(&blog).unwrap_or_else(|e| panic!("{e}"));
    let s = &app.session;
    let count = "return document.querySelector('[data-testid=post-list]').dataset.count;";
    wait_for(Duration::from_secs(30), || (s.execute(count, vec![]).ok()? == "3000").then_some(()))
        .expect("3,000 posts listed");
    let rendered = listed_paths(s).len();
    assert!((1..100).contains(&rendered), "only the rows in view are in the page: {rendered}");
    assert_eq!(listed_paths(s)[0], "content/post-2999.rst", "newest first");

    // Scroll to the end: the oldest post's row appears and opens the post.
    s.execute("const l = document.querySelector('[data-testid=post-list]'); l.scrollTop = l.scrollHeight;", vec![]).unwrap();
    let oldest =
        wait_for(Duration::from_secs(5), || s.find("[data-path='content/post-0000.rst']").ok())
            .unwrap_or_else(|| panic!("the last row is rendered: {:?}", listed_paths(s)));
    s.click(&oldest).unwrap();
    wait_for(Duration::from_secs(10), || {
        let text = s
            .execute(
                "return document.querySelector('[data-testid=editor] .cm-content').textContent;",
                vec![],
            )
            .ok()?;
        text.as_str()?.contains("Post number 0").then_some(())
    })
    .expect("the oldest post opens");
    assert!(listed_paths(s).len() < 100, "still only a window of rows");
    app.screenshot("long-list-end").unwrap();
}
