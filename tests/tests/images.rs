//! Images: paste one into the editor, drag files from another program onto it, and the
//! image panel (thumbnails, orphans, delete, insert).

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use base64::Engine;
use folio_e2e::{page_origin, wait_for, workspace_root, xdotool, App, Session};
use serde_json::Value;

const POST: &str = "content/welcome-to-folio.rst";

/// The editor's lines as the page shows them (the demo posts fit the viewport).
const EDITOR_TEXT: &str = "return Array.from(document.querySelectorAll('[data-testid=editor] .cm-line')).map(l => l.textContent).join('\\n');";

/// The selected text and the text of the line the cursor (the selection's head) is on.
const SELECTION: &str = "const s = getSelection(); const n = s.focusNode; \
     const el = n && (n.nodeType === 3 ? n.parentElement : n); const line = el && el.closest('.cm-line'); \
     return [s.toString(), line ? line.textContent : null];";

/// The image panel's items: [path, is marked orphan, thumbnail loaded].
const PANEL: &str =
    "return Array.from(document.querySelectorAll('[data-testid=image-item]')).map(i => \
     [i.dataset.path, !!i.querySelector('[data-testid=orphan-badge]'), \
      i.querySelector('img').complete && i.querySelector('img').naturalWidth > 0]);";

fn blog_dir(app: &App) -> PathBuf {
    app.data_dir.path().join("demo-blog")
}

fn demo_png(app: &App) -> Vec<u8> {
    std::fs::read(blog_dir(app).join("content/images/welcome/writing-desk.png")).unwrap()
}

fn editor_text(s: &Session) -> String {
    s.execute(EDITOR_TEXT, vec![]).unwrap().as_str().unwrap_or_default().to_string()
}

fn selection(s: &Session) -> (String, String) {
    let v = s.execute(SELECTION, vec![]).unwrap();
    let part = |i: usize| v[i].as_str().unwrap_or_default().to_string();
    (part(0), part(1))
}

fn panel(s: &Session) -> Vec<(String, bool, bool)> {
    let v = s.execute(PANEL, vec![]).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (i[0].as_str().unwrap().to_string(), i[1].as_bool().unwrap(), i[2].as_bool().unwrap())
        })
        .collect()
}

fn notice(s: &Session) -> String {
    let script = "const n = document.querySelector('[data-testid=notice]'); return n.hidden ? '' : n.textContent;";
    s.execute(script, vec![]).unwrap().as_str().unwrap_or_default().to_string()
}

/// Opens the welcome post and waits until its text is in the editor.
fn open_welcome(app: &App) {
    let s = &app.session;
    let item = wait_for(Duration::from_secs(30), || s.find(&format!("[data-path='{POST}']")).ok())
        .expect("the welcome post is listed");
    s.click(&item).unwrap();
    wait_for(Duration::from_secs(10), || editor_text(s).contains("writing-desk.png").then_some(()))
        .expect("the welcome post opens in the editor");
}

/// Whether the preview frame shows an image whose URL ends with `name`, loaded.
fn preview_shows(s: &Session, name: &str) -> bool {
    let script = "const f = document.querySelector('[data-testid=preview]'); \
         const d = f && f.contentDocument; if (!d) return false; \
         return Array.from(d.querySelectorAll('img')).some(i => \
           i.getAttribute('src').startsWith('folio://localhost/') && i.getAttribute('src').endsWith(arguments[0]) \
           && i.complete && i.naturalWidth > 0);";
    s.execute(script, vec![name.into()]).ok().and_then(|v| v.as_bool()).unwrap_or(false)
}

#[test]
fn a_pasted_image_is_imported_and_inserted_with_the_cursor_on_its_alt_text() {
    let app = App::start().unwrap_or_else(|e| panic!("{e}"));
    let s = &app.session;
    open_welcome(&app);
    let content = s.find("[data-testid=editor] .cm-content").unwrap();
    s.click(&content).unwrap();
    s.send_keys(&content, "\u{E009}\u{E010}").unwrap(); // Ctrl+End: paste at the end

    // What a paste of a screenshot delivers: a ClipboardEvent whose DataTransfer holds an
    // image File. The editor's own paste handler takes it from there.
    let png = base64::engine::general_purpose::STANDARD.encode(demo_png(&app));
    let paste = "const bytes = Uint8Array.from(atob(arguments[0]), c => c.charCodeAt(0)); \
         const data = new DataTransfer(); \
         data.items.add(new File([bytes], 'Clipboard shot.png', { type: 'image/png' })); \
         const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }); \
         document.querySelector('[data-testid=editor] .cm-content').dispatchEvent(event); \
         return [event.clipboardData.files.length, event.defaultPrevented];";
    // Copied text that comes with a picture of itself (office programs do that) is text.
    let with_text =
        paste.replace("const event", "data.setData('text/plain', 'Pasted words.'); const event");
    s.execute(&with_text, vec![png.clone().into()]).unwrap();
    wait_for(Duration::from_secs(5), || editor_text(s).contains("Pasted words.").then_some(()))
        .unwrap_or_else(|| panic!("the text is pasted: {:?}", editor_text(s)));
    assert!(
        !blog_dir(&app).join("content/images/welcome-to-folio").exists(),
        "no image is imported for a paste that has text"
    );

    let handled = s.execute(paste, vec![png.into()]).unwrap();
    assert_eq!(handled, serde_json::json!([1, true]), "the editor took the pasted image");

    // The page can import only files the writer dropped, not any path it names.
    let refused = "return window.__TAURI_INTERNALS__.invoke('import_dropped_image', \
         { post: arguments[0], path: '/etc/hostname', \
           onProgress: '__CHANNEL__:' + window.__TAURI_INTERNALS__.transformCallback(() => {}) }).then(() => 'imported', e => e.code);";
    let answer = s.execute(refused, vec![POST.into()]);
    assert_eq!(answer.ok(), Some(Value::from("OutsideBlog")), "an undropped path is refused");

    let stored = blog_dir(&app).join("content/images/welcome-to-folio/clipboard-shot.png");
    let snippet =
        ".. image:: {static}/images/welcome-to-folio/clipboard-shot.png\n   :alt: Clipboard shot";
    wait_for(Duration::from_secs(10), || editor_text(s).contains(snippet).then_some(()))
        .unwrap_or_else(|| {
            let shot = app.screenshot("failed-paste");
            panic!("no snippet in the editor: {:?} {}; {shot:?}", editor_text(s), notice(s))
        });
    assert!(stored.is_file(), "the image is stored in the post's folder");
    assert_eq!(
        selection(s),
        ("Clipboard shot".to_string(), "   :alt: Clipboard shot".to_string()),
        "the alt text is selected, ready to be typed over"
    );

    // Typing replaces the alt text; autosave writes it; the preview shows the image.
    s.send_keys(&content, "A desk by the window").unwrap();
    let file = blog_dir(&app).join(POST);
    wait_for(Duration::from_secs(10), || {
        std::fs::read_to_string(&file)
            .ok()
            .filter(|t| t.contains("clipboard-shot.png\n   :alt: A desk by the window\n"))
    })
    .unwrap_or_else(|| panic!("the typed alt text is not saved: {:?}", editor_text(s)));
    wait_for(Duration::from_secs(10), || preview_shows(s, "clipboard-shot.png").then_some(()))
        .expect("the preview shows the pasted image through folio:");
    // Once the post is saved with the image in it, the panel lists it as used.
    wait_for(Duration::from_secs(10), || {
        panel(s).iter().any(|i| i.0.ends_with("clipboard-shot.png") && !i.1 && i.2).then_some(())
    })
    .unwrap_or_else(|| panic!("the panel lists the pasted image, loaded and used: {:?}", panel(s)));
    app.screenshot("image-pasted").unwrap();
}

#[test]
fn the_image_panel_marks_orphans_inserts_on_double_click_and_deletes_into_the_trash() {
    let app = App::start().unwrap_or_else(|e| panic!("{e}"));
    let s = &app.session;
    // An image in the post's folder that no post uses.
    // The demo blog is complete once its post list shows.
    wait_for(Duration::from_secs(30), || s.find(&format!("[data-path='{POST}']")).ok())
        .expect("the demo blog is created");
    let folder = blog_dir(&app).join("content/images/welcome-to-folio");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("leftover.png"), demo_png(&app)).unwrap();
    open_welcome(&app);

    let expected = vec![
        ("content/images/welcome-to-folio/leftover.png".to_string(), true, true),
        ("content/images/welcome/writing-desk.png".to_string(), false, true),
    ];
    wait_for(Duration::from_secs(10), || (panel(s) == expected).then_some(()))
        .unwrap_or_else(|| panic!("panel: {:?}", panel(s)));
    app.screenshot("image-panel").unwrap();

    // Double-click inserts the image's reST at the cursor; at once it is no orphan, before
    // autosave (1.5 s after the edit) writes the post.
    let content = s.find("[data-testid=editor] .cm-content").unwrap();
    s.click(&content).unwrap();
    s.send_keys(&content, "\u{E009}\u{E010}").unwrap();
    s.execute(
        "document.querySelector('[data-testid=image-item][data-path$=\"leftover.png\"]') \
         .dispatchEvent(new MouseEvent('dblclick', { bubbles: true }));",
        vec![],
    )
    .unwrap();
    wait_for(Duration::from_secs(10), || {
        editor_text(s)
            .contains(".. image:: {static}/images/welcome-to-folio/leftover.png\n   :alt: leftover")
            .then_some(())
    })
    .unwrap_or_else(|| panic!("not inserted: {:?}", editor_text(s)));
    wait_for(Duration::from_secs(10), || panel(s).iter().all(|i| !i.1).then_some(()))
        .unwrap_or_else(|| panic!("after the insert no image is an orphan: {:?}", panel(s)));
    let on_disk = std::fs::read_to_string(blog_dir(&app).join(POST)).unwrap();
    assert!(!on_disk.contains("leftover.png"), "the panel followed the unsaved text, not the save");
    s.send_keys(&content, "\u{E009}z").unwrap(); // undo the insert
    wait_for(Duration::from_secs(10), || (panel(s) == expected).then_some(()))
        .unwrap_or_else(|| panic!("undone, the image is an orphan again: {:?}", panel(s)));

    // Delete: into the trash, with an undo.
    let delete = "[data-testid=image-item][data-path$='leftover.png'] [data-testid=image-delete]";
    // The panel may redraw between finding the button and clicking it: try again then.
    wait_for(Duration::from_secs(10), || s.click(&s.find(delete).ok()?).ok())
        .expect("the delete button can be clicked");
    wait_for(Duration::from_secs(10), || (panel(s).len() == 1).then_some(()))
        .unwrap_or_else(|| panic!("deleted from the panel: {:?}", panel(s)));
    assert!(!folder.join("leftover.png").exists(), "the file left the blog");
    let trash = blog_dir(&app).join(".folio-trash");
    let trashed: Vec<PathBuf> = std::fs::read_dir(&trash)
        .unwrap()
        .flatten()
        .map(|e| e.path().join("content/images/welcome-to-folio/leftover.png"))
        .filter(|p| p.is_file())
        .collect();
    assert_eq!(trashed.len(), 1, "the image waits in the blog's trash");
    assert!(notice(s).contains("Moved leftover.png to the trash."), "{}", notice(s));
    app.screenshot("image-deleted").unwrap();
    let undo = s
        .find_all("[data-testid=notice] button")
        .unwrap()
        .into_iter()
        .find(|b| s.property(b, "textContent").is_ok_and(|t| t == "Undo"))
        .expect("an Undo button");
    s.click(&undo).unwrap();
    wait_for(Duration::from_secs(10), || (panel(s) == expected).then_some(()))
        .unwrap_or_else(|| panic!("undo brings it back: {:?}", panel(s)));
    assert!(folder.join("leftover.png").is_file());
}

/// The small GTK drag source of `tests/fixtures/drag_source.py`; what it prints arrives
/// on `lines`. Killed when dropped.
struct DragSource {
    child: Child,
    lines: std::sync::mpsc::Receiver<String>,
}

impl DragSource {
    fn start(x: i32, y: i32, files: &[&Path]) -> DragSource {
        use std::io::BufRead;
        let script = workspace_root().join("tests/fixtures/drag_source.py");
        // Debian's own Python has the GTK bindings (python3-gi), whatever else is on PATH.
        let python =
            if Path::new("/usr/bin/python3").exists() { "/usr/bin/python3" } else { "python3" };
        let mut child = Command::new(python)
            .arg(script)
            .arg(x.to_string())
            .arg(y.to_string())
            .args(files)
            .stdout(Stdio::piped())
            .spawn()
            .expect("python3 with GTK (apt: python3-gi gir1.2-gtk-3.0)");
        let stdout = child.stdout.take().expect("piped stdout");
        let (send, lines) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = send.send(line);
            }
        });
        let source = DragSource { child, lines };
        assert_eq!(source.next_line(Duration::from_secs(20)).as_deref(), Some("ready"));
        source
    }

    fn next_line(&self, timeout: Duration) -> Option<String> {
        self.lines.recv_timeout(timeout).ok()
    }
}

impl Drop for DragSource {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A point inside the editor's line that starts with `text`, in page coordinates.
fn line_point(s: &Session, text: &str) -> (i32, i32) {
    let script =
        "const line = Array.from(document.querySelectorAll('[data-testid=editor] .cm-line')) \
         .find(l => l.textContent.startsWith(arguments[0])); if (!line) return null; \
         const r = line.getBoundingClientRect(); return [r.left + 40, r.top + r.height / 2];";
    let v: Value = s.execute(script, vec![text.into()]).unwrap();
    assert!(!v.is_null(), "no editor line starts with {text:?}");
    (v[0].as_f64().unwrap() as i32, v[1].as_f64().unwrap() as i32)
}

/// Presses the left button at `from`, moves to `to` in steps as a hand would, releases.
fn drag(from: (i32, i32), to: (i32, i32)) {
    let (fx, fy) = (from.0.to_string(), from.1.to_string());
    xdotool(&["mousemove", &fx, &fy]);
    std::thread::sleep(Duration::from_millis(200));
    xdotool(&["mousedown", "1"]);
    let steps = 20;
    for i in 1..=steps {
        let x = from.0 + (to.0 - from.0) * i / steps;
        let y = from.1 + (to.1 - from.1) * i / steps;
        xdotool(&["mousemove", &x.to_string(), &y.to_string()]);
        std::thread::sleep(Duration::from_millis(40));
    }
    // Linger over the target so the drop site asks for the data, as a person would pause.
    for dx in [2, 0, 2, 0] {
        xdotool(&["mousemove", &(to.0 + dx).to_string(), &to.1.to_string()]);
        std::thread::sleep(Duration::from_millis(150));
    }
    xdotool(&["mouseup", "1"]);
}

#[test]
fn files_dragged_from_another_program_onto_the_editor_are_imported_at_the_drop_point() {
    let app = App::start().unwrap_or_else(|e| panic!("{e}"));
    let s = &app.session;
    open_welcome(&app);

    // What a file manager would offer: a photo with a space in its name, and a text file.
    let desktop = tempfile::tempdir().unwrap();
    let photo = desktop.path().join("Desk Photo.png");
    std::fs::write(&photo, demo_png(&app)).unwrap();
    let notes = desktop.path().join("notes.txt");
    std::fs::write(&notes, "not a picture").unwrap();

    // Record what the status bar's import indicator shows while the drop is imported.
    s.execute(
        "window.__importShown = []; const status = document.querySelector('[data-testid=import-status]'); \
         new MutationObserver(() => { if (!status.hidden) window.__importShown.push(status.textContent.trim()); }) \
           .observe(status, { attributes: true, childList: true, subtree: true, characterData: true });",
        vec![],
    )
    .unwrap();
    let origin = page_origin(s);
    let target = line_point(s, "reStructuredText files under");
    let target = (origin.0 + target.0, origin.1 + target.1);
    // The source sits over the preview, away from the editor.
    let source = DragSource::start(origin.0 + 1000, origin.1 + 560, &[&photo, &notes]);
    drag((origin.0 + 1080, origin.1 + 620), target);
    // The source sends the drop after it sees the release: let it finish the drag.
    let ended = source.next_line(Duration::from_secs(10));
    assert_eq!(ended.as_deref(), Some("ended"), "the drag source finished its drag");
    drop(source);

    let snippet = ".. image:: {static}/images/welcome-to-folio/desk-photo.png\n   :alt: Desk Photo";
    let text =
        wait_for(Duration::from_secs(15), || Some(editor_text(s)).filter(|t| t.contains(snippet)))
            .unwrap_or_else(|| {
                let shot = app.screenshot("failed-drag");
                panic!(
                    "the dropped file was not inserted: {:?} {:?}; {shot:?}",
                    notice(s),
                    editor_text(s)
                )
            });
    assert!(
        blog_dir(&app).join("content/images/welcome-to-folio/desk-photo.png").is_file(),
        "the file is imported into the post's folder"
    );
    // The drop point was inside the paragraph "reStructuredText files under …": the
    // directive follows that paragraph, with blank lines around it.
    let paragraph_end = text.find("``content/images/``.").expect("the paragraph") + 20;
    assert_eq!(
        &text[paragraph_end..paragraph_end + 2 + snippet.len() + 2],
        format!("\n\n{snippet}\n\n")
    );
    assert_eq!(
        selection(s),
        ("Desk Photo".to_string(), "   :alt: Desk Photo".to_string()),
        "the alt text is selected"
    );
    assert!(
        notice(s).contains("notes.txt is not a PNG, JPEG, GIF, WebP or SVG image"),
        "the text file is refused with a reason: {:?}",
        notice(s)
    );
    assert!(!text.contains("notes"), "nothing is inserted for the text file");
    let shown = s.execute("return window.__importShown;", vec![]).unwrap();
    let shown: Vec<&str> = shown.as_array().unwrap().iter().filter_map(Value::as_str).collect();
    for step in
        ["Importing Desk Photo.png (1 of 2): processing…", "Importing notes.txt (2 of 2): reading…"]
    {
        assert!(shown.contains(&step), "the status bar showed {step:?}: {shown:?}");
    }

    wait_for(Duration::from_secs(10), || preview_shows(s, "desk-photo.png").then_some(()))
        .expect("the preview shows the dropped image");
    app.screenshot("image-dropped").unwrap();
}

#[test]
fn a_thumbnail_dragged_from_the_panel_into_the_text_inserts_its_image_at_the_drop_point() {
    let app = App::start().unwrap_or_else(|e| panic!("{e}"));
    let s = &app.session;
    open_welcome(&app);
    wait_for(Duration::from_secs(10), || (panel(s).len() == 1 && panel(s)[0].2).then_some(()))
        .unwrap_or_else(|| panic!("the post's one image is listed: {:?}", panel(s)));

    let origin = page_origin(s);
    let thumb = s
        .execute(
            "const r = document.querySelector('[data-testid=image-item] img').getBoundingClientRect(); \
             return [r.left + r.width / 2, r.top + r.height / 2];",
            vec![],
        )
        .unwrap();
    let thumb = (
        origin.0 + thumb[0].as_f64().unwrap() as i32,
        origin.1 + thumb[1].as_f64().unwrap() as i32,
    );
    let target = line_point(s, "Pick a post on the left");
    drag(thumb, (origin.0 + target.0, origin.1 + target.1));

    let snippet = ".. image:: {static}/images/welcome/writing-desk.png\n   :alt: writing desk";
    let text =
        wait_for(Duration::from_secs(10), || Some(editor_text(s)).filter(|t| t.contains(snippet)))
            .unwrap_or_else(|| {
                let shot = app.screenshot("failed-thumbnail-drag");
                panic!("the thumbnail's image was not inserted: {:?}; {shot:?}", editor_text(s))
            });
    assert!(
        text.contains("Folio saves your work as you go.\n\n.. image:: {static}/images/welcome/writing-desk.png\n   :alt: writing desk\n\n- *Emphasis*"),
        "inserted after the paragraph it was dropped on: {text}"
    );
    assert_eq!(selection(s), ("writing desk".to_string(), "   :alt: writing desk".to_string()));
    app.screenshot("image-thumbnail-dragged").unwrap();
}
