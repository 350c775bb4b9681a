//! Spell-check timings (`make bench`): a 100 KB post checked in full, and re-checked after
//! a keystroke (only the changed line), against Debian's en_US Hunspell dictionary.
//! Prints the figures; it asserts nothing about time.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use folio_rst::{parse_with, prose, Stage};
use folio_spelling::{Checker, Dictionary};

fn dictionary_folder() -> PathBuf {
    std::env::var_os("FOLIO_HUNSPELL_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/share/hunspell"))
}

/// A post of about `bytes` bytes: sections of paragraphs made of the dictionary's own
/// stems (so the vocabulary is varied, as in real prose), one word in 40 misspelt, with
/// literals, links and code blocks between them.
fn post(stems: &[&str], bytes: usize) -> String {
    let mut text = String::from(":title: A long post\n:lang: en\n\n");
    let mut n = 0usize;
    let mut section = 0;
    while text.len() < bytes {
        section += 1;
        let title = format!("Section number {section}");
        text.push_str(&format!("{title}\n{}\n\n", "=".repeat(title.len())));
        for _ in 0..4 {
            for _ in 0..60 {
                n += 1;
                let stem = stems[(n * 7919) % stems.len()];
                if n % 40 == 0 {
                    text.push_str(&format!("{stem}xq "));
                } else {
                    text.push_str(stem);
                    text.push(' ');
                }
                if n % 13 == 0 {
                    text.push('\n');
                }
            }
            text.push_str("with ``a_literal`` and `a link <https://example.com/x>`_.\n\n");
        }
        text.push_str(".. code-block:: python\n\n   def frobnicate(x): return x\n\n");
    }
    text
}

fn time<T>(mut f: impl FnMut() -> T) -> (Duration, T) {
    let start = Instant::now();
    let out = f();
    (start.elapsed(), out)
}

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn main() {
    let folder = dictionary_folder();
    let (aff, dic) = (folder.join("en_US.aff"), folder.join("en_US.dic"));
    let (Ok(aff), Ok(dic)) = (std::fs::read(&aff), std::fs::read(&dic)) else {
        eprintln!("no en_US dictionary in {}: run scripts/install-deps.sh", folder.display());
        std::process::exit(1);
    };
    let (load, dictionary) = time(|| Dictionary::from_hunspell("en_US", &aff, &dic));
    let dictionary = match dictionary {
        Ok(d) => std::sync::Arc::new(d),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let dic_text = String::from_utf8_lossy(&dic).into_owned();
    let stems: Vec<&str> = dic_text
        .lines()
        .skip(1)
        .filter_map(|l| l.split('/').next())
        .filter(|s| s.len() > 2 && s.chars().all(|c| c.is_ascii_lowercase()))
        .collect();
    let text = post(&stems, 100 * 1024);

    let mut full = Vec::new();
    let mut parse_only = Vec::new();
    let mut found = 0;
    for _ in 0..7 {
        let (parsed, ranges) = time(|| {
            let (doc, _) = parse_with(&text, Stage::Parsed);
            prose::ranges(&doc)
                .into_iter()
                .map(|p| p.span.start as usize..p.span.end as usize)
                .collect::<Vec<_>>()
        });
        // A fresh checker each run: nothing remembered from the previous one.
        let mut checker = Checker::new(vec![dictionary.clone()], Vec::new());
        let (checked, misspelt) = time(|| checker.misspellings(&text, &ranges));
        found = misspelt.len();
        parse_only.push(parsed);
        full.push(parsed + checked);
    }

    // A keystroke: the checker of the open post re-checks the prose of the changed line.
    let (doc, _) = parse_with(&text, Stage::Parsed);
    let ranges: Vec<_> = prose::ranges(&doc)
        .into_iter()
        .map(|p| p.span.start as usize..p.span.end as usize)
        .collect();
    let mut checker = Checker::new(vec![dictionary.clone()], Vec::new());
    checker.misspellings(&text, &ranges);
    let mut keystroke = Vec::new();
    let middle = text.len() / 2;
    let line_start = text[..middle].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[middle..].find('\n').map_or(text.len(), |i| middle + i);
    let mut edited = text.clone();
    for round in 0..50 {
        // Type one more letter at the end of a word on that line, then check that line.
        let at = line_start + (line_end - line_start) / 2;
        let at = (at..line_end).find(|&i| edited.as_bytes()[i] == b' ').unwrap_or(at);
        edited.insert(at, if round % 2 == 0 { 's' } else { 'e' });
        let line =
            line_start..edited[line_start..].find('\n').map_or(edited.len(), |i| line_start + i);
        let (t, _) = time(|| checker.misspellings(&edited, std::slice::from_ref(&line)));
        keystroke.push(t);
    }
    let cold_word_line = {
        let mut fresh = Checker::new(vec![dictionary.clone()], Vec::new());
        let line = line_start..line_end;
        time(|| fresh.misspellings(&text, std::slice::from_ref(&line))).0
    };
    let word = "recieve";
    let (suggest, suggestions) = time(|| checker.suggest(word));

    println!(
        "spelling bench: en_US, post of {} KB, {} misspellings found",
        text.len() / 1024,
        found
    );
    println!("  load the dictionary:                  {:>8.1} ms", ms(load));
    println!(
        "  full check (parse + prose + words):   {:>8.1} ms  (median of 7; parse alone {:.1} ms)",
        ms(median(full)),
        ms(median(parse_only))
    );
    println!(
        "  re-check the changed line, warm:      {:>8.3} ms  (median of 50 keystrokes)",
        ms(median(keystroke))
    );
    println!("  re-check one line, nothing remembered:{:>8.3} ms", ms(cold_word_line));
    println!("  suggestions for {word:?}:            {:>8.1} ms  {suggestions:?}", ms(suggest));
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
