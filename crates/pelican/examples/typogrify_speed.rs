//! Times typogrify over an HTML file, and writes its output to OUT when given:
//! `cargo run --release -p folio-pelican --example typogrify_speed -- FILE [OUT]`
//! (compare with `$ORACLE_PYTHON crates/pelican/tests/typogrify/speed.py FILE`).

use std::time::Instant;

use folio_pelican::typogrify::{Typogrify, TypogrifyOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: typogrify_speed FILE [OUT]")?;
    let html = std::fs::read_to_string(&path)?;
    let typogrify = Typogrify::new(&TypogrifyOptions::default())?;
    let runs = 20;
    let start = Instant::now();
    let mut len = 0;
    for _ in 0..runs {
        len = typogrify.apply(&html).len();
    }
    let each = start.elapsed().as_secs_f64() / f64::from(runs);
    println!("rust: {} bytes -> {len} bytes, {:.2} ms per run", html.len(), each * 1e3);
    if let Some(out) = std::env::args().nth(2) {
        std::fs::write(out, typogrify.apply(&html))?;
    }
    Ok(())
}
