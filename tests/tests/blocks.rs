//! Block formatting and tables in the real window: Ctrl+1 makes a section heading in the
//! post's own underline style (and again takes it off), the toolbar's list button makes
//! bullet items of the selected lines, and Tab after typing in a grid table's cell aligns
//! the table.

use std::time::Duration;

use folio_e2e::{wait_for, App, Session};

const CTRL: &str = "\u{E009}";
const SHIFT: &str = "\u{E008}";
const HOME: &str = "\u{E011}";
const TAB: &str = "\u{E004}";
const UP: &str = "\u{E013}";
const RIGHT: &str = "\u{E014}";

/// A blog with one post, `content/blocks.rst`, holding `text`.
fn blog(text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("content")).unwrap();
    std::fs::write(dir.path().join("pelicanconf.py"), "PATH = 'content'\n").unwrap();
    std::fs::write(dir.path().join("content/blocks.rst"), text).unwrap();
    dir
}

/// The editor's lines as the page shows them.
fn lines(s: &Session) -> Vec<String> {
    let script = "return Array.from(document.querySelectorAll('[data-testid=editor] .cm-line')).map(l => l.textContent);";
    let value = s.execute(script, vec![]).ok();
    let all = value.as_ref().and_then(|v| v.as_array()).cloned().unwrap_or_default();
    all.iter().filter_map(|v| v.as_str().map(str::to_string)).collect()
}

/// Opens the post and waits until the editor shows the line `first`.
fn open(s: &Session, first: &str) {
    let item =
        wait_for(Duration::from_secs(30), || s.find("[data-path='content/blocks.rst']").ok())
            .expect("the post is listed");
    s.click(&item).unwrap();
    wait_for(Duration::from_secs(10), || lines(s).iter().any(|l| l == first).then_some(()))
        .unwrap_or_else(|| panic!("the post opens: {:?}", lines(s)));
}

/// Clicks the editor line whose text is `text` (the cursor lands at its end).
fn click_line(s: &Session, text: &str) {
    let index =
        lines(s).iter().position(|l| l == text).unwrap_or_else(|| panic!("no line {text:?}"));
    let line = s.find(&format!("[data-testid=editor] .cm-line:nth-child({})", index + 1)).unwrap();
    s.click(&line).unwrap();
}

/// Waits until the editor's lines hold `expected` one after the other.
fn wait_lines(s: &Session, expected: &[&str], what: &str) {
    wait_for(Duration::from_secs(10), || {
        lines(s)
            .windows(expected.len())
            .any(|w| w.iter().zip(expected).all(|(a, b)| a == b))
            .then_some(())
    })
    .unwrap_or_else(|| panic!("{what}: {:?}", lines(s)));
}

/// The text of every `selector` element in the preview's body.
fn preview_texts(s: &Session, selector: &str) -> Vec<String> {
    let script = "const f = document.querySelector('[data-testid=preview]'); \
        return Array.from(f?.contentDocument?.querySelectorAll(arguments[0]) ?? []).map(e => e.textContent.trim());";
    let value = s.execute(script, vec![selector.into()]).ok();
    let all = value.as_ref().and_then(|v| v.as_array()).cloned().unwrap_or_default();
    all.iter().filter_map(|v| v.as_str().map(str::to_string)).collect()
}

fn wait_preview(s: &Session, selector: &str, expected: &[&str], what: &str) {
    wait_for(Duration::from_secs(15), || (preview_texts(s, selector) == expected).then_some(()))
        .unwrap_or_else(|| panic!("{what}: {:?}", preview_texts(s, selector)));
}

#[test]
fn ctrl_1_makes_the_line_a_section_heading_underlined_as_the_post_does_and_again_takes_it_off() {
    let post = "Blocks\n######\n\n:date: 2024-01-01\n\nIntro\n*****\n\nText.\n\nNew section\n\nMore text.\n";
    let dir = blog(post);
    let app = App::start_on(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    let s = &app.session;
    open(s, "New section");
    click_line(s, "New section");
    let content = s.find("[data-testid=editor] .cm-content").unwrap();
    s.send_keys(&content, &format!("{CTRL}1")).unwrap();
    // The post's first section level under its title is underlined with `*`.
    wait_lines(
        s,
        &["New section", "***********", ""],
        "Ctrl+1 underlines the line with the level's `*`",
    );
    wait_preview(
        s,
        "h2",
        &["Intro", "New section"],
        "the preview shows it as a section beside Intro",
    );
    app.screenshot("blocks-ctrl-1-heading").unwrap();
    s.send_keys(&content, &format!("{CTRL}1")).unwrap();
    wait_lines(s, &["New section", "", "More text."], "Ctrl+1 again takes the underline off");
    assert!(!lines(s).iter().any(|l| l == "***********"), "{:?}", lines(s));
}

#[test]
fn the_toolbar_list_button_makes_bullet_items_of_the_selected_lines_and_again_plain_lines() {
    let post = ":title: Lists\n:date: 2024-01-01\n\nShopping:\n\napples\npears\n";
    let dir = blog(post);
    let app = App::start_on(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    let s = &app.session;
    open(s, "pears");
    click_line(s, "pears");
    let content = s.find("[data-testid=editor] .cm-content").unwrap();
    s.send_keys(&content, &format!("{SHIFT}{UP}")).unwrap();
    let bullets =
        s.find("[data-testid=format-bar] [data-format=bullets]").expect("the toolbar shows");
    s.click(&bullets).unwrap();
    wait_lines(s, &["- apples", "- pears"], "the list button makes both lines items");
    wait_preview(s, "ul > li", &["apples", "pears"], "the preview shows a bullet list");
    app.screenshot("blocks-bullet-list").unwrap();
    s.click(&bullets).unwrap();
    wait_lines(s, &["apples", "pears"], "the button again makes them plain lines");
}

#[test]
fn tab_after_typing_in_a_grid_table_cell_widens_its_column_and_moves_to_the_next_cell() {
    let post = ":title: Tables\n:date: 2024-01-01\n\n\
        +-------+-------+\n\
        | Name  | Size  |\n\
        +=======+=======+\n\
        | apple | 1     |\n\
        +-------+-------+\n";
    let dir = blog(post);
    let app = App::start_on(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    let s = &app.session;
    open(s, "| apple | 1     |");
    click_line(s, "| apple | 1     |");
    let content = s.find("[data-testid=editor] .cm-content").unwrap();
    // After "| apple", type more words: the row's borders go out of line.
    s.send_keys(&content, &format!("{HOME}{}", RIGHT.repeat(7))).unwrap();
    s.send_keys(&content, " pie tart").unwrap();
    wait_lines(s, &["| apple pie tart | 1     |"], "the text is typed into the cell");
    s.send_keys(&content, TAB).unwrap();
    let aligned = [
        "+----------------+-------+",
        "| Name           | Size  |",
        "+================+=======+",
        "| apple pie tart | 1     |",
        "+----------------+-------+",
    ];
    wait_lines(s, &aligned, "Tab aligns the table around the longer cell");
    // The cursor went to the end of the next cell's text: typing goes there, and Tab in
    // the last cell aligns again and adds a row to type in.
    s.send_keys(&content, "0").unwrap();
    wait_lines(s, &["| apple pie tart | 10     |"], "typing after Tab goes into the next cell");
    s.send_keys(&content, TAB).unwrap();
    let grown = [
        "| apple pie tart | 10    |",
        "+----------------+-------+",
        "|                |       |",
        "+----------------+-------+",
    ];
    wait_lines(s, &grown, "Tab in the last cell aligns and adds a row");
    s.send_keys(&content, "pear").unwrap();
    let typed = format!("| pear{}|       |", " ".repeat(15));
    wait_lines(s, &[&typed], "the cursor is in the new row's first cell");
    s.send_keys(&content, TAB).unwrap();
    wait_lines(s, &["| pear           |       |"], "Tab aligns the new row");
    wait_preview(
        s,
        "tbody td",
        &["apple pie tart", "10", "pear", ""],
        "the preview reads the aligned table's cells",
    );
    app.screenshot("blocks-grid-table-aligned").unwrap();
}

/// Whether the formatting toolbar is shown.
fn toolbar_shown(s: &Session) -> Option<bool> {
    let script = "const b = document.querySelector('[data-testid=format-bar]'); \
        return b ? b.getClientRects().length > 0 : null;";
    s.execute(script, vec![]).ok()?.as_bool()
}

#[test]
fn the_formatting_toolbar_hidden_stays_hidden_after_a_restart_and_the_menu_shows_it_again() {
    let dir = blog(":title: Bar\n:date: 2024-01-01\n\nText.\n");
    let app = App::start_on(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    let s = &app.session;
    open(s, "Text.");
    wait_for(Duration::from_secs(10), || toolbar_shown(s)?.then_some(()))
        .expect("the toolbar shows over an open post");
    s.click(&s.find("[data-testid=format-bar-hide]").unwrap()).unwrap();
    wait_for(Duration::from_secs(10), || (!toolbar_shown(s)?).then_some(()))
        .expect("the × hides the toolbar");
    // The setting is written before the window goes: wait for it in the settings file.
    let settings = app.data_dir.path().join("settings.json");
    wait_for(Duration::from_secs(10), || {
        let text = std::fs::read_to_string(&settings).ok()?;
        let value: serde_json::Value = serde_json::from_str(&text).ok()?;
        (value["formattingToolbarHidden"] == true).then_some(())
    })
    .expect("the settings remember it");
    let data = app.kill().unwrap();

    let app = App::start_in(data).unwrap_or_else(|e| panic!("{e}"));
    let s = &app.session;
    // The post open when the window went opens again by itself.
    wait_lines(s, &["Text."], "the post opens again");
    // The toolbar's element exists and stays hidden once the setting has been read.
    wait_for(Duration::from_secs(10), || {
        let hidden = s.execute(
            "return document.querySelector('[data-testid=format-bar]')?.hidden ?? null;",
            vec![],
        );
        hidden.ok()?.as_bool()?.then_some(())
    })
    .expect("the toolbar is still hidden after a restart");
    assert_eq!(toolbar_shown(s), Some(false));
    s.click(&s.find("[data-testid=site-menu]").unwrap()).unwrap();
    let item = wait_for(Duration::from_secs(5), || s.find("[data-testid=format-bar-toggle]").ok())
        .expect("the menu has the toolbar item");
    s.click(&item).unwrap();
    wait_for(Duration::from_secs(10), || toolbar_shown(s)?.then_some(()))
        .expect("the menu shows the toolbar again");
    app.screenshot("blocks-toolbar-shown-again").unwrap();
}
