//! Times parse + render of each FILE (best of 20 runs):
//! `cargo run --release -p folio-rst --example timing FILE...`
use std::time::{Duration, Instant};

fn main() {
    for path in std::env::args().skip(1) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("{path}: not readable as UTF-8");
            continue;
        };
        let mut best = Duration::MAX;
        for _ in 0..20 {
            let t = Instant::now();
            let (doc, _) = folio_rst::parse(&text);
            let html = folio_rst::html::render(&doc);
            std::hint::black_box(html);
            best = best.min(t.elapsed());
        }
        println!("{path}\t{} bytes\t{best:?}", text.len());
    }
}
