//! The window's speed and weight, measured in the real app (release build) under Xvfb:
//! keystroke to painted preview on a 100 KB post (with the body alone and with the theme's
//! page around it, the blog's Pelican from the oracle venv), a 10,000-post blog to a listed post
//! list, idle memory with a 1,000-post blog open and with the demo's seed post open,
//! beside an empty WebKitGTK window with the same WebKit settings (what the platform
//! costs before Folio adds anything), and launch to the list and to the last-opened
//! post's preview painted.
//! Run with `make bench`.
//!
//! `FOLIO_BENCH=keystroke` (or `list`, `memory`, `startup`) runs one part; `FOLIO_BENCH_SMAPS=DIR`
//! copies each measured process's `/proc/PID/smaps` into DIR, to see where memory goes.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use folio_e2e::{page_origin, processes_with_env, wait_for, xdotool, App, Session};

/// The WebKit settings the app gives itself, for the empty window the memory is compared with.
#[path = "../../src-tauri/src/webkit_env.rs"]
mod webkit_env;

fn write_blog(root: &Path, posts: usize, body_bytes: usize) {
    std::fs::create_dir_all(root.join("content")).unwrap();
    std::fs::write(root.join("pelicanconf.py"), "SITENAME = 'Bench'\nPATH = 'content'\n").unwrap();
    let paragraph = "Some words of an ordinary post, with *emphasis*, ``code`` and a `link <https://example.com>`__.\n\n";
    let body = paragraph.repeat(body_bytes / paragraph.len() + 1);
    for i in 0..posts {
        let title = format!("Post {i}");
        let text = format!(
            "{title}\n{}\n\n:date: 2020-01-01 10:00\n:tags: a, b\n\n{body}",
            "#".repeat(title.len())
        );
        std::fs::write(root.join(format!("content/post-{i:05}.rst")), text).unwrap();
    }
}

/// p50, p95 and the maximum of `sorted` milliseconds.
fn spread(sorted: &[f64]) -> String {
    format!(
        "p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms",
        percentile(sorted, 0.5),
        percentile(sorted, 0.95),
        sorted.last().copied().unwrap_or(0.0)
    )
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

/// Latency from each keystroke to the frame that painted the preview's answer to an edit
/// that included it (the window tells the bench its steps through `window.__folioTrace`).
/// A keystroke counts from the event's own time stamp (when WebKit got the key), so time
/// it waited behind other work before its handlers ran counts too. It is painted when the
/// rendering update after the patch is done: an animation frame callback runs before that
/// frame's style, layout and paint, so the bench takes the first task after it (a
/// `MessageChannel` message), as a user's eye takes the frame. A keystroke that arrives
/// while an earlier one is still not shown is measured from the earlier one, so coalesced
/// updates count against us, not for us. A keystroke that changes nothing in the preview
/// (a space at the end of a paragraph) is done when its answer is. Each sample also keeps
/// when the handlers saw the key, when the edit went to the backend and came back, when the
/// preview was patched and when its frame began, to say where the time went.
const INSTRUMENT: &str = r#"
window.__lat = []; window.__rounds = [];
const t = window.__timing = { pending: null, seen: null, sent: null, updated: null, answered: null, roundStart: null };
// After the frame's layout a resize observer runs (before the paint); after its paint,
// the next task.
const probe = document.createElement('div');
probe.style.cssText = 'position:fixed;left:-10px;top:0;width:1px;height:1px;pointer-events:none';
document.body.append(probe);
const framed = [], laidOut = [];
new ResizeObserver(() => { for (const s of framed.splice(0)) laidOut.push([...s, performance.now()]); }).observe(probe);
const painted = new MessageChannel();
painted.port1.onmessage = () => {
  const now = performance.now();
  for (const s of laidOut.splice(0)) window.__lat.push([...s, now]);
  // No resize seen (it cannot be missed, but never lose a sample): laid out = painted.
  for (const s of framed.splice(0)) window.__lat.push([...s, now, now]);
};
window.__folioTrace = (name) => {
  const now = performance.now();
  if (name === 'folio:edit-sent') {
    t.roundStart = now;
    if (t.pending !== null && t.sent === null) t.sent = now;
  } else if (name === 'folio:editor-updated') {
    if (t.sent !== null && t.updated === null) t.updated = now;
  } else if (name === 'folio:edit-answered') {
    if (t.roundStart !== null) window.__rounds.push(now - t.roundStart);
    if (t.sent !== null && t.answered === null) { t.answered = now; t.updated ??= t.sent; }
  } else if (name === 'folio:preview-shown' && t.answered !== null) {
    const s = [t.pending, t.seen, t.sent, t.updated, t.answered, now];
    t.pending = null; t.seen = null; t.sent = null; t.updated = null; t.answered = null;
    requestAnimationFrame(() => {
      framed.push([...s, performance.now()]);
      probe.style.width = probe.style.width === '2px' ? '1px' : '2px';
      painted.port2.postMessage(0);
    });
  }
};
if (!window.__keydownTimed) {
  window.__keydownTimed = true;
  document.addEventListener('keydown', (e) => {
    if (window.__timing.pending !== null) return;
    const now = performance.now();
    // The event's time stamp, unless WebKit gave one on another clock.
    const stamp = e.timeStamp > 0 && e.timeStamp <= now && e.timeStamp > now - 1000 ? e.timeStamp : now;
    window.__timing.pending = stamp;
    window.__timing.seen = now;
  }, true);
}
return true;"#;

#[path = "../fixtures/long_post.rs"]
mod long_post;

/// A blog with the long post in it.
fn long_post_blog(root: &Path) {
    std::fs::create_dir_all(root.join("content")).unwrap();
    std::fs::write(root.join("pelicanconf.py"), "SITENAME = 'Bench'\nPATH = 'content'\n").unwrap();
    std::fs::write(root.join("content/post-00000.rst"), long_post::text()).unwrap();
}

/// How the bench types.
enum Typing {
    /// Real X key presses (xdotool), this far apart, as a person makes them.
    Person(Duration),
    /// WebDriver's key actions, as fast as it sends them.
    WebDriver,
}

/// Types 240 characters at the end of the post and prints the latencies and where they
/// went.
fn type_and_measure(s: &Session, typing: Typing, label: &str) {
    s.execute(INSTRUMENT, vec![]).unwrap();
    let words: Vec<String> = (0..40).map(|w| format!("word{w} ")).collect();
    match typing {
        Typing::Person(delay) => {
            // Real key presses go to the window under the pointer: put it on the editor.
            let (x, y) = page_origin(s);
            let at = s.execute("const r = document.querySelector('[data-testid=editor] .cm-content').getBoundingClientRect(); return [r.left + 40, r.top + 40];", vec![]).unwrap();
            let at = |i: usize| at[i].as_f64().unwrap_or_default() as i32;
            xdotool(&["mousemove", &(x + at(0)).to_string(), &(y + at(1)).to_string()]);
            xdotool(&["type", "--delay", &delay.as_millis().to_string(), &words.concat()]);
        }
        Typing::WebDriver => {
            let content = s.find("[data-testid=editor] .cm-content").unwrap();
            for word in &words {
                s.send_keys(&content, word).unwrap();
            }
        }
    }
    std::thread::sleep(Duration::from_millis(500));
    let samples = s.execute("return window.__lat;", vec![]).unwrap();
    // [key event, handlers saw it, edit sent, editor updated, answer back, preview patched,
    // frame began, frame laid out, frame painted]
    let samples: Vec<Vec<f64>> = samples
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_array()?.iter().map(|t| t.as_f64()).collect())
        .collect();
    let stage = |from: usize, to: usize| {
        let mut v: Vec<f64> = samples.iter().map(|t| t[to] - t[from]).collect();
        v.sort_by(|a, b| a.total_cmp(b));
        v
    };
    let lat = stage(0, 8);
    println!(
        "keystroke to painted preview, 100 KB post, {label} ({} updates): {} (target p95 < 16 ms)",
        lat.len(),
        spread(&lat)
    );
    let parts: Vec<String> = [
        ("waiting for the handlers", 0, 1),
        ("to the edit sent", 1, 2),
        ("editor's own update", 2, 3),
        ("to the answer", 3, 4),
        ("to the preview shown", 4, 5),
        ("to the frame", 5, 6),
        ("style and layout", 6, 7),
        ("to painted", 7, 8),
    ]
    .iter()
    .map(|&(name, from, to)| {
        let v = stage(from, to);
        format!("{name} {:.0}/{:.0}", percentile(&v, 0.5), percentile(&v, 0.95))
    })
    .collect();
    println!("  where it went, p50/p95 ms: {}", parts.join(", "));
    let rounds = s.execute("return window.__rounds;", vec![]).unwrap();
    let mut rounds: Vec<f64> =
        rounds.as_array().unwrap().iter().filter_map(|v| v.as_f64()).collect();
    rounds.sort_by(|a, b| a.total_cmp(b));
    println!("  each edit sent to its answer back ({}): {}", rounds.len(), spread(&rounds));
}

fn keystroke_to_preview() {
    keystroke_with(Preview::BodyOnly);
    keystroke_with(Preview::ThemePage);
}

/// What the preview shows while the bench types.
#[derive(Clone, Copy, PartialEq)]
enum Preview {
    /// The post's body alone (the blog is not trusted, so its theme is unknown).
    BodyOnly,
    /// The theme's page around the body (the blog is trusted and has Pelican in `.venv`).
    ThemePage,
}

/// The oracle venv (Pelican 4.12), which the theme's page needs Pelican from.
fn oracle_venv() -> std::path::PathBuf {
    let python = std::env::var_os("ORACLE_PYTHON")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| folio_e2e::workspace_root().join("target/oracle-venv/bin/python"));
    assert!(
        python.is_file(),
        "no oracle Python at {}: run make venv (or set ORACLE_PYTHON)",
        python.display()
    );
    python.parent().and_then(Path::parent).map(Path::to_path_buf).unwrap_or_default()
}

/// Answers the trust question with "Trust and run" and waits for the blog's Python.
fn trust(s: &Session) {
    let buttons = wait_for(Duration::from_secs(30), || {
        let b = s.find_all("[data-testid=trust-prompt] .notice-actions button").ok()?;
        (!b.is_empty()).then_some(b)
    })
    .expect("the trust question");
    let button = buttons.into_iter().find(|b| s.text(b).is_ok_and(|t| t == "Trust and run"));
    s.click(&button.expect("a Trust button")).unwrap();
    wait_for(Duration::from_secs(60), || {
        let v = s
            .execute(
                "return document.querySelector('[data-testid=settings-source]').textContent;",
                vec![],
            )
            .ok()?;
        v.as_str()?.starts_with("Settings read by Python").then_some(())
    })
    .expect("the blog's Python read the settings");
}

/// The milliseconds from each `folio:page-asked` to the next `folio:page-shown`.
const PAGE_TIMES: &str = "const m = window.__marks || []; const out = []; let asked = null; \
    for (const [n, t] of m) { if (n === 'folio:page-asked') asked = t; \
      if (n === 'folio:page-shown' && asked !== null) { out.push(t - asked); asked = null; } } \
    return out;";

fn keystroke_with(preview: Preview) {
    let blogs = tempfile::tempdir().unwrap();
    let blog = blogs.path().join("blog");
    long_post_blog(&blog);
    let label = match preview {
        Preview::BodyOnly => "body only",
        Preview::ThemePage => "theme page on",
    };
    if preview == Preview::ThemePage {
        std::os::unix::fs::symlink(oracle_venv(), blog.join(".venv")).unwrap();
    }
    let app = App::start_on(&blog).unwrap_or_else(|e| panic!("{e}"));
    let s = &app.session;
    if preview == Preview::ThemePage {
        trust(s);
    }
    s.execute(
        "window.__marks = []; window.__folioTrace = n => window.__marks.push([n, performance.now()]); return true;",
        vec![],
    )
    .unwrap();
    let item =
        wait_for(Duration::from_secs(30), || s.find("[data-path='content/post-00000.rst']").ok())
            .unwrap();
    let clicked = Instant::now();
    s.click(&item).unwrap();
    wait_for(Duration::from_secs(20), || {
        let v = s.execute("const f=document.querySelector('[data-testid=preview]'); return f.contentDocument.body.innerText.length;", vec![]).ok()?;
        (v.as_u64()? > 50_000).then_some(())
    })
    .expect("the 100 KB post is previewed");
    let previewed = clicked.elapsed();
    if preview == Preview::ThemePage {
        let banner = "const d = document.querySelector('[data-testid=preview]').contentDocument; \
             return !!(d && d.querySelector('#banner h1'));";
        wait_for(Duration::from_secs(20), || {
            s.execute(banner, vec![]).ok()?.as_bool()?.then_some(())
        })
        .expect("the post shows inside notmyidea");
    }
    let shown = clicked.elapsed();
    let pages = s.execute(PAGE_TIMES, vec![]).unwrap();
    let pages: Vec<String> = pages
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_f64())
        .map(|ms| format!("{ms:.1}"))
        .collect();
    println!(
        "open the 100 KB post, {label}: click to body previewed {} ms, to page shown {} ms \
         (theme page asked to shown: {}; through WebDriver, polled)",
        previewed.as_millis(),
        shown.as_millis(),
        if pages.is_empty() { "none".to_string() } else { format!("{} ms", pages.join(", ")) }
    );
    let content = s.find("[data-testid=editor] .cm-content").unwrap();
    s.click(&content).unwrap();
    s.send_keys(&content, "\u{E009}\u{E010}").unwrap();
    s.send_keys(&content, "\u{E007}\u{E007}").unwrap();
    // A quick typist makes about 10 keys a second; 20 is faster than anyone types.
    type_and_measure(
        s,
        Typing::Person(Duration::from_millis(50)),
        &format!("{label}, typed at 20 keys/s"),
    );
    type_and_measure(s, Typing::WebDriver, &format!("{label}, as fast as WebDriver types"));
}

fn big_blog_to_list() {
    let blogs = tempfile::tempdir().unwrap();
    let blog = blogs.path().join("blog");
    write_blog(&blog, 10_000, 2_000);
    let started = Instant::now();
    let app = App::start_on(&blog).unwrap_or_else(|e| panic!("{e}"));
    let window_up = started.elapsed();
    let s = &app.session;
    // The list renders only the rows in view; it is ready when it holds all 10,000 posts
    // and its first rows are on screen to click.
    let ready = "const list = document.querySelector('[data-testid=post-list]'); \
                 return list.dataset.count === '10000' && list.querySelector('[data-testid=post-item]') !== null;";
    wait_for(Duration::from_secs(60), || s.execute(ready, vec![]).ok()?.as_bool()?.then_some(()))
        .expect("10,000 posts listed");
    let listed = started.elapsed();
    println!(
        "10,000-post blog: window up {:.0} ms, list shown {:.0} ms after launch ({:.0} ms after the window; target < 1 s)",
        window_up.as_secs_f64() * 1000.0,
        listed.as_secs_f64() * 1000.0,
        (listed - window_up).as_secs_f64() * 1000.0
    );
}

/// The demo blog's seed post, which the memory and start-up parts open.
const SEED: &str = "content/farewell-to-anaconda.rst";

/// Clicks the seed post in the demo blog's list and waits until its preview shows.
fn open_seed(s: &Session) {
    let item = wait_for(Duration::from_secs(30), || s.find(&format!("[data-path='{SEED}']")).ok())
        .expect("the demo blog lists the seed post");
    s.click(&item).unwrap();
    wait_for(Duration::from_secs(10), || seed_previewed(s).then_some(()))
        .expect("the seed post is previewed");
}

fn seed_previewed(s: &Session) -> bool {
    let text = "const f = document.querySelector('[data-testid=preview]'); \
                return f && f.contentDocument && f.contentDocument.body ? f.contentDocument.body.innerText : '';";
    s.execute(text, vec![])
        .ok()
        .is_some_and(|t| t.as_str().is_some_and(|t| t.contains("In the spring of 2015")))
}

/// Waits 10 s, measures the app's processes, closes it and waits until they are gone
/// (shared pages split their PSS between processes: each measurement runs alone).
fn settle_and_measure(app: App) -> Footprint {
    std::thread::sleep(Duration::from_secs(10));
    let print = footprint(&app.process_ids());
    let marker = format!("FOLIO_DATA_DIR={}", app.data_dir.path().display());
    drop(app);
    wait_for(Duration::from_secs(20), || processes_with_env(&marker).is_empty().then_some(()))
        .expect("Folio's processes end when its window closes");
    print
}

fn idle_memory() {
    let blogs = tempfile::tempdir().unwrap();
    let blog = blogs.path().join("blog");
    write_blog(&blog, 1_000, 3_000);
    let app = App::start_on(&blog).unwrap_or_else(|e| panic!("{e}"));
    wait_for(Duration::from_secs(30), || {
        app.session.find("[data-path='content/post-00000.rst']").ok()
    })
    .unwrap();
    let idle = settle_and_measure(app);
    println!("idle memory, 1,000-post blog open, 10 s after start: {idle}");

    let app = App::start().unwrap_or_else(|e| panic!("{e}"));
    open_seed(&app.session);
    let open = settle_and_measure(app);
    println!("idle memory, demo blog with the seed post open and previewed, 10 s after: {open}");

    let Some(empty) = empty_webkit_window() else {
        println!("  no baseline: WebKit's MiniBrowser is not installed");
        return;
    };
    println!(
        "  an empty WebKitGTK window with Folio's WebKit settings (MiniBrowser on about:blank, 10 s after start): {empty}"
    );
    let share = |print: &Footprint| mib(print.pss.saturating_sub(empty.pss));
    println!(
        "  Folio's share over it: {:.1} MiB idle with 1,000 posts (target <= 30), {:.1} MiB with the seed post open (target <= 45)",
        share(&idle),
        share(&open)
    );
}

/// Milliseconds from `app.launched` to the moment the window recorded as `moment`
/// (`list`, `preview`: the first frame after it), once it has.
fn startup_ms(app: &App, moment: &str) -> Option<f64> {
    let script = if moment == "page" {
        // When the page began to load: what the window and WebKit took before Folio's UI.
        "return performance.timeOrigin;".to_string()
    } else {
        format!("const m = window.__folioStartup; return m && m.{moment} ? m.{moment} : null;")
    };
    let at = app.session.execute(&script, vec![]).ok()?.as_f64()?;
    let launched = app.launched.duration_since(std::time::UNIX_EPOCH).ok()?.as_secs_f64() * 1000.0;
    Some(at - launched)
}

/// Launch to the post list painted and to the last-opened post's preview painted, on
/// the demo blog: a first run (the demo is created and its pelicanconf.py run once),
/// then five restarts with a warm disk cache, which reopen the seed post.
fn startup() {
    let app = App::start().unwrap_or_else(|e| panic!("{e}"));
    let list = wait_for(Duration::from_secs(30), || startup_ms(&app, "list"))
        .expect("the first run paints the list");
    println!("start-up, demo blog, first run (demo created, pelicanconf.py run): list painted {list:.0} ms after launch");
    // The first run reads the settings with Python after the list is painted: the restarts
    // measure a start with them cached.
    let status = "return document.querySelector('[data-testid=settings-source]').textContent;";
    wait_for(Duration::from_secs(60), || {
        let text = app.session.execute(status, vec![]).ok()?;
        text.as_str()?.starts_with("Settings read by Python").then_some(())
    })
    .expect("the first run reads the demo's settings with Python");
    open_seed(&app.session);
    let mut data = app.kill().unwrap_or_else(|e| panic!("{e}"));
    let (mut pages, mut lists, mut previews) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..5 {
        let app = App::start_in(data).unwrap_or_else(|e| panic!("{e}"));
        let preview = wait_for(Duration::from_secs(30), || startup_ms(&app, "preview"))
            .expect("a restart reopens the last-opened post and previews it");
        let open = app
            .session
            .execute("return document.getElementById('status-post').textContent;", vec![]);
        assert_eq!(open.ok().and_then(|v| v.as_str().map(str::to_string)).as_deref(), Some(SEED));
        assert!(seed_previewed(&app.session), "the preview shows the seed post");
        lists.push(startup_ms(&app, "list").expect("the list was painted before the preview"));
        previews.push(preview);
        pages.push(startup_ms(&app, "page").expect("the page has a time origin"));
        data = app.kill().unwrap_or_else(|e| panic!("{e}"));
    }
    pages.sort_by(|a, b| a.total_cmp(b));
    lists.sort_by(|a, b| a.total_cmp(b));
    previews.sort_by(|a, b| a.total_cmp(b));
    let all = |v: &[f64]| v.iter().map(|t| format!("{t:.0}")).collect::<Vec<_>>().join(", ");
    println!(
        "start-up, demo blog, 5 restarts (warm disk cache): list painted median {:.0} ms (target <= 400; {}), last-opened post previewed median {:.0} ms (target <= 700; {})",
        percentile(&lists, 0.5),
        all(&lists),
        percentile(&previews, 0.5),
        all(&previews)
    );
    println!(
        "  of which launch to the page starting to load (the window and WebKit, before Folio's UI): median {:.0} ms ({})",
        percentile(&pages, 0.5),
        all(&pages)
    );
}

fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

/// What a set of processes costs, in KiB.
struct Footprint {
    pss: u64,
    rss: u64,
    /// The PSS of Mesa's GL driver and the LLVM it links.
    mesa: u64,
    /// Each process's name and PSS.
    parts: Vec<(String, u64)>,
}

impl std::fmt::Display for Footprint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts: Vec<String> =
            self.parts.iter().map(|(name, pss)| format!("{name} {:.0}", mib(*pss))).collect();
        write!(
            f,
            "PSS {:.0} MiB (RSS {:.0} MiB; {}; Mesa and LLVM {:.0})",
            mib(self.pss),
            mib(self.rss),
            parts.join(", "),
            mib(self.mesa)
        )
    }
}

/// Sums `/proc/PID/smaps` of `pids`, leaving out WebKitWebDriver (which the tests start,
/// not the app). `FOLIO_BENCH_SMAPS=DIR` keeps a copy of each process's smaps there.
fn footprint(pids: &[u32]) -> Footprint {
    let mut print = Footprint { pss: 0, rss: 0, mesa: 0, parts: Vec::new() };
    for pid in pids {
        let smaps = std::fs::read_to_string(format!("/proc/{pid}/smaps")).unwrap_or_default();
        let name = std::fs::read_link(format!("/proc/{pid}/exe"))
            .ok()
            .and_then(|p| Some(p.file_name()?.to_string_lossy().into_owned()))
            .unwrap_or_default();
        let (mut pss, mut rss, mut mesa, mut in_mesa) = (0, 0, 0, false);
        for line in smaps.lines() {
            let mut words = line.split_whitespace();
            let (Some(first), Some(second)) = (words.next(), words.next()) else { continue };
            if first.contains('-') && !first.ends_with(':') {
                // A mapping's header: range, permissions, offset, device, inode, path.
                let path = words.nth(3).unwrap_or("");
                in_mesa = ["/dri/", "libLLVM", "libz3", "libEGL_mesa", "libglapi", "libgallium"]
                    .iter()
                    .any(|part| path.contains(part));
                continue;
            }
            let kib = second.parse::<u64>().unwrap_or(0);
            match first {
                "Pss:" => {
                    pss += kib;
                    mesa += if in_mesa { kib } else { 0 };
                }
                "Rss:" => rss += kib,
                _ => {}
            }
        }
        if rss == 0 || name == "WebKitWebDriver" {
            continue;
        }
        if let Some(dir) = std::env::var_os("FOLIO_BENCH_SMAPS") {
            let _ = std::fs::write(Path::new(&dir).join(format!("smaps-{name}-{pid}")), &smaps);
        }
        print.pss += pss;
        print.rss += rss;
        print.mesa += mesa;
        print.parts.push((name, pss));
    }
    print
}

/// The platform's share of Folio's idle memory: WebKit's MiniBrowser (shipped with the
/// runtime library) on an empty page, the size of Folio's window, with the settings Folio
/// gives WebKit, measured after the same wait. None if MiniBrowser is not installed.
fn empty_webkit_window() -> Option<Footprint> {
    let browser = [
        "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser",
        "/usr/lib/webkit2gtk-4.1/MiniBrowser",
        "/usr/libexec/webkit2gtk-4.1/MiniBrowser",
    ]
    .into_iter()
    .find(|path| Path::new(path).is_file())?;
    // Its processes are found by a variable they inherit.
    let (var, value) = ("FOLIO_BENCH_BASELINE", std::process::id().to_string());
    let marker = format!("{var}={value}");
    let mut command = Command::new(browser);
    command
        .args(["--geometry=1280x800", "about:blank"])
        .env(var, &value)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    for (var, value) in webkit_env::WEBKIT_ENV {
        if std::env::var_os(var).is_none() {
            command.env(var, value);
        }
    }
    let mut browser = command.spawn().ok()?;
    std::thread::sleep(Duration::from_secs(10));
    let print = footprint(&processes_with_env(&marker));
    let _ = browser.kill();
    let _ = browser.wait();
    // Its WebKit processes end with it; make sure before the next measurement.
    for pid in processes_with_env(&marker) {
        let _ = Command::new("kill").arg(pid.to_string()).status();
    }
    Some(print)
}

fn main() {
    println!(
        "Folio's window, release build under Xvfb (app: {}):",
        folio_e2e::app_binary().display()
    );
    let only = std::env::var("FOLIO_BENCH").ok();
    let run = |part: &str| only.as_deref().is_none_or(|o| o == part);
    if run("keystroke") {
        keystroke_to_preview();
    }
    if run("list") {
        big_blog_to_list();
    }
    if run("memory") {
        idle_memory();
    }
    if run("startup") {
        startup();
    }
}
