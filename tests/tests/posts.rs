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
    let status = s.property(&s.find("[data-testid=status-bar]").unwrap(), "textContent").unwrap();
    assert!(status.contains("No problems"), "{status}");
    app.screenshot("details-form").unwrap();
}
