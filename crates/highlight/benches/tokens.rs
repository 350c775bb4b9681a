//! Time to lex about 100 KB of each measured language (its corpus texts repeated), best
//! of several runs, after a first run that compiles the grammar. `make fidelity` runs it.

#[path = "../tests/corpus/mod.rs"]
#[allow(dead_code)] // the bench reads the corpus but measures no agreement
mod corpus;

use std::time::{Duration, Instant};

const SIZE: usize = 100 * 1024;
const RUNS: usize = 20;

fn main() {
    let examples = corpus::examplefiles();
    println!("{:<12} {:>8} {:>10} {:>9}", "language", "bytes", "best", "MB/s");
    for &(alias, folder) in corpus::LANGUAGES {
        let texts: Vec<String> =
            corpus::samples(alias, folder, &examples).iter().map(|s| s.text()).collect();
        let mut input = String::new();
        while input.len() < SIZE && texts.iter().any(|t| !t.is_empty()) {
            for t in &texts {
                input.push_str(t);
            }
        }
        let mut best = Duration::MAX;
        let mut count = folio_highlight::tokens(alias, &input).len();
        for _ in 0..RUNS {
            let start = Instant::now();
            count = count.max(std::hint::black_box(folio_highlight::tokens(alias, &input)).len());
            best = best.min(start.elapsed());
        }
        let mbs = input.len() as f64 / best.as_secs_f64() / 1e6;
        println!(
            "{alias:<12} {:>8} {:>8.2}ms {mbs:>9.1}  ({count} tokens)",
            input.len(),
            best.as_secs_f64() * 1e3
        );
    }
}
