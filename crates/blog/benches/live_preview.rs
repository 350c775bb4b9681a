//! The backend's part of a keystroke in the live preview: applying one typed character to
//! a 100 KB post and answering with what changed, beside parsing alone and the answer's
//! JSON. Run with `make bench`.

use std::time::{Duration, Instant};

use folio_blog::live_preview::{LivePreview, TextChange};

const KEYS: usize = 400;

#[path = "../../../tests/fixtures/long_post.rs"]
mod long_post;

fn percentile(times: &mut [Duration], p: f64) -> Duration {
    times.sort();
    times[((times.len() - 1) as f64 * p).round() as usize]
}

fn main() {
    let text = long_post::text();
    let mut preview = LivePreview::default();
    let mut seq = preview.open(text.clone(), None).seq;
    let start_len = text.encode_utf16().count() as u32;
    let mut edit = Vec::with_capacity(KEYS);
    let mut parse = Vec::with_capacity(KEYS);
    let mut json = Vec::with_capacity(KEYS);
    let mut bytes = 0;
    for (key, len) in (0..KEYS).zip(start_len..) {
        let at = len - 2; // typing into the last paragraph
        let insert = if key % 6 == 5 { " " } else { "w" }.to_string();
        let started = Instant::now();
        let patch = preview
            .edit(seq, &[TextChange { from: at, to: at, insert }], len + 1, None)
            .expect("in step");
        edit.push(started.elapsed());
        let started = Instant::now();
        bytes += serde_json::to_string(&patch).unwrap().len();
        json.push(started.elapsed());
        let started = Instant::now();
        std::hint::black_box(folio_rst::parse(preview.text()));
        parse.push(started.elapsed());
        seq = patch.seq;
    }
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("live preview, one key typed at the end of a 100 KB post ({KEYS} keys):");
    for (name, times) in [
        ("edit (parse, HTML, diff)", &mut edit),
        ("of which parse alone", &mut parse),
        ("answer to JSON", &mut json),
    ] {
        println!(
            "  {name}: p50 {:.2} ms, p95 {:.2} ms",
            ms(percentile(times, 0.5)),
            ms(percentile(times, 0.95))
        );
    }
    println!("  answer size: {} bytes on average", bytes / KEYS);
}
