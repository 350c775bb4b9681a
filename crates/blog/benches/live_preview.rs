//! The backend's part of a keystroke in the live preview: applying one typed character to
//! a 100 KB post and answering with what changed, typed into a paragraph (rendered alone)
//! and into a section title (the whole post rendered), beside parsing the whole post and
//! the answer's JSON. Run with `make bench`.

use std::time::{Duration, Instant};

use folio_blog::live_preview::{LivePreview, TextChange};

const KEYS: usize = 400;

#[path = "../../../tests/fixtures/long_post.rs"]
mod long_post;

fn percentile(times: &mut [Duration], p: f64) -> Duration {
    times.sort();
    times[((times.len() - 1) as f64 * p).round() as usize]
}

/// Times typing `KEYS` characters into `text` at the UTF-16 offset `at`, after which the
/// text goes on: the edits, the answers' JSON, how many rendered only a paragraph, and the
/// answers' average size.
fn type_into(text: &str, at: u32) -> (Vec<Duration>, Vec<Duration>, u64, usize) {
    let mut preview = LivePreview::default();
    let mut seq = preview.open(text.to_string(), None).seq;
    let start_len = text.encode_utf16().count() as u32;
    let mut edit = Vec::with_capacity(KEYS);
    let mut json = Vec::with_capacity(KEYS);
    let mut bytes = 0;
    for (key, len) in (0..KEYS).zip(start_len..) {
        let at = at + key as u32;
        let insert = if key % 6 == 5 { " " } else { "w" }.to_string();
        let started = Instant::now();
        let patch = preview
            .edit(seq, &[TextChange { from: at, to: at, insert }], len + 1, None)
            .expect("in step");
        edit.push(started.elapsed());
        let started = Instant::now();
        bytes += serde_json::to_string(&patch).unwrap().len();
        json.push(started.elapsed());
        seq = patch.seq;
    }
    (edit, json, preview.paragraph_answers(), bytes / KEYS)
}

fn main() {
    let text = long_post::text();
    let utf16 = |s: &str| s.encode_utf16().count() as u32;
    // Before the last paragraph's closing full stop, and after the last title's text.
    let in_paragraph = utf16(&text) - 2;
    let title = text.rfind("\nPart ").expect("a last section") + 1;
    let in_title = utf16(&text[..title + text[title..].find('\n').unwrap()]);
    let mut parse = Vec::with_capacity(KEYS);
    for _ in 0..KEYS {
        let started = Instant::now();
        std::hint::black_box(folio_rst::parse(&text));
        parse.push(started.elapsed());
    }
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let times = |name: &str, times: &mut Vec<Duration>| {
        println!(
            "  {name}: p50 {:.2} ms, p95 {:.2} ms",
            ms(percentile(times, 0.5)),
            ms(percentile(times, 0.95))
        );
    };
    println!("live preview, one key typed into a 100 KB post ({KEYS} keys each):");
    for (place, at) in [("a paragraph", in_paragraph), ("a section title", in_title)] {
        let (mut edit, mut json, alone, size) = type_into(&text, at);
        times(&format!("edit in {place} (render, diff)"), &mut edit);
        times("  answer to JSON", &mut json);
        println!("    {alone} of {KEYS} answers rendered the paragraph alone; {size} bytes each");
    }
    times("parsing the whole post, for comparison", &mut parse);
}
