//! Our engine against docutils (Pelican's reader, timed in-process in Python by
//! `docutils_timing.py`) and against the `rst_parser` crate, on the same files: the
//! conformance cases, the seed post, docutils' own documentation (from its sdist, which
//! `make venv` unpacks under `ORACLE_SDISTS`), and generated 100 KB and 1 MB posts. Run
//! with `make bench` (which sets up the Python side); prints times and ratios.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const RUNS: usize = 5;

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
}

/// A post of about `bytes` bytes with what blog posts have: sections, paragraphs with
/// inline markup and links, lists, literal and code blocks, a table.
fn generated_post(bytes: usize) -> String {
    let mut text = String::from("A Generated Post\n################\n\n:date: 2024-01-01 10:00\n:tags: bench, rst\n:summary: Many words.\n\n");
    let mut n = 0;
    while text.len() < bytes {
        n += 1;
        text.push_str(&format!(
            "Part {n}\n{}\n\nSome *emphasis*, **strong** words, ``inline code`` and a `link <https://example.com/{n}>`__.\nA second line of the paragraph with a reference to `Part {n}`_ and a footnote [#]_.\n\n.. [#] The footnote of part {n}.\n\n- a list item\n- another item with *markup*\n\n  - nested\n\n::\n\n    literal block {n}\n    more literal\n\n.. code-block:: python\n\n    def f{n}(x):\n        return x + {n}\n\n=====  =====\nA      B\n=====  =====\n{n:<5}  two\n=====  =====\n\n",
            "=".repeat(format!("Part {n}").len())
        ));
    }
    text
}

/// docutils' documentation as its sdist ships it (`.txt` and `.rst` under `docs/`), read in
/// place so that its includes resolve for docutils; empty when the sdists are not unpacked.
fn docutils_docs() -> Vec<PathBuf> {
    let Some(sdists) = std::env::var_os("ORACLE_SDISTS") else { return Vec::new() };
    let mut found = Vec::new();
    let mut dirs = vec![PathBuf::from(sdists).join("docutils-0.23/docs")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "txt" || e == "rst") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn time_ours(texts: &[String]) -> Duration {
    median(
        (0..RUNS)
            .map(|_| {
                let started = Instant::now();
                for text in texts {
                    let (doc, _) = folio_rst::parse(text);
                    std::hint::black_box(folio_rst::html::render(&doc));
                }
                started.elapsed()
            })
            .collect(),
    )
}

/// rst_parser's time over the files it handles, and how many it handled (it returns
/// errors for some inputs and its renderer panics on others).
fn time_rst_parser(texts: &[String]) -> (Duration, usize) {
    let handled: Vec<&String> = texts
        .iter()
        .filter(|t| {
            catch_unwind(AssertUnwindSafe(|| {
                let doc = rst_parser::parse(t).ok()?;
                rst_renderer::render_html(&doc, Vec::new(), false).ok()
            }))
            .ok()
            .flatten()
            .is_some()
        })
        .collect();
    let time = median(
        (0..RUNS)
            .map(|_| {
                let started = Instant::now();
                for text in &handled {
                    if let Ok(doc) = rst_parser::parse(text) {
                        let mut out = Vec::new();
                        let _ = catch_unwind(AssertUnwindSafe(|| {
                            rst_renderer::render_html(&doc, &mut out, false)
                        }));
                        std::hint::black_box(out);
                    }
                }
                started.elapsed()
            })
            .collect(),
    );
    (time, handled.len())
}

fn time_docutils(sets: &[(&str, Vec<PathBuf>)]) -> Option<serde_json::Value> {
    let python = std::env::var("ORACLE_PYTHON").unwrap_or_else(|_| "python3".into());
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/docutils_timing.py");
    let request: serde_json::Map<String, serde_json::Value> = sets
        .iter()
        .map(|(name, paths)| {
            (name.to_string(), paths.iter().map(|p| p.display().to_string()).collect())
        })
        .collect();
    let mut child = Command::new(&python)
        .arg(&script)
        .arg(RUNS.to_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .ok()?;
    serde_json::to_writer(child.stdin.take()?, &request).ok()?;
    let out = child.wait_with_output().ok()?;
    if !out.status.success() {
        eprintln!(
            "docutils timing failed (is pelican installed for {python}? make bench sets it up)"
        );
        return None;
    }
    serde_json::from_slice(&out.stdout).ok()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    // rst_parser's renderer panics on some inputs; those are counted, not printed.
    std::panic::set_hook(Box::new(|_| {}));
    let tmp = tempfile::tempdir().unwrap();
    let mut cases: Vec<PathBuf> = std::fs::read_dir(shared().join("conformance/cases"))
        .expect("../shared/conformance beside the project")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "rst"))
        .collect();
    cases.sort();
    let write = |name: &str, text: String| {
        let path = tmp.path().join(name);
        std::fs::write(&path, text).unwrap();
        path
    };
    let docs = docutils_docs();
    if docs.is_empty() {
        println!("(docutils' docs left out: ORACLE_SDISTS has no docutils-0.23/docs; make bench sets it)");
    }
    let sets: Vec<(&str, Vec<PathBuf>)> = vec![
        ("conformance cases", cases),
        ("seed post", vec![shared().join("seeds/farewell-to-anaconda.rst")]),
        ("docutils docs", docs),
        ("generated 100 KB", vec![write("g100k.rst", generated_post(100 * 1024))]),
        ("generated 1 MB", vec![write("g1m.rst", generated_post(1024 * 1024))]),
    ];
    let docutils = time_docutils(&sets);
    println!("reST engine, median of {RUNS} runs per set (parse + HTML):");
    println!(
        "{:<20} {:>10} {:>12} {:>22} {:>12} {:>14}",
        "set", "folio", "docutils", "rst_parser (handled)", "docutils/us", "rst_parser/us"
    );
    for (name, paths) in sets.iter().filter(|s| !s.1.is_empty()) {
        let texts: Vec<String> =
            paths.iter().map(|p| std::fs::read_to_string(p).unwrap()).collect();
        let ours = time_ours(&texts);
        let (theirs, handled) = time_rst_parser(&texts);
        let doc = docutils.as_ref().and_then(|d| d[*name].as_f64()).map(|s| s * 1000.0);
        let ratio = |other: f64| {
            if ms(ours) > 0.0 {
                format!("{:.0}x", other / ms(ours))
            } else {
                "-".into()
            }
        };
        println!(
            "{:<20} {:>8.2}ms {:>12} {:>14.2}ms ({}/{}) {:>12} {:>14}",
            name,
            ms(ours),
            doc.map_or("-".into(), |d| format!("{d:.1}ms")),
            ms(theirs),
            handled,
            texts.len(),
            doc.map_or("-".into(), ratio),
            if handled == texts.len() {
                ratio(ms(theirs))
            } else {
                format!("{} (subset)", ratio(ms(theirs)))
            },
        );
    }
}
