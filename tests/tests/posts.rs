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
