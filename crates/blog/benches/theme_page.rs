//! What the theme page adds to opening a post: the whole page through Pelican's
//! `notmyidea` theme (templates parsed, the other posts' heads read, the context built,
//! the page rendered) beside rendering the body alone, for a 100 KB post in a blog of 100
//! posts. Needs the oracle venv (`ORACLE_PYTHON`, or `make venv`) for the settings and the
//! built-in theme. Run with `make bench`.

use std::time::{Duration, Instant};

use folio_blog::{render_post_in, Blog, OpenOptions};
use folio_pelican::settings::{ReadOptions, SettingsReader};
use folio_test_support::oracle_python;

#[path = "../../../tests/fixtures/long_post.rs"]
mod long_post;

const RUNS: usize = 40;
const OTHER_POSTS: usize = 100;

fn percentile(times: &mut [Duration], p: f64) -> Duration {
    times.sort();
    times[((times.len() - 1) as f64 * p).round() as usize]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let root = tmp.path();
    std::fs::create_dir_all(root.join("content/pages")).expect("content folder");
    std::fs::write(
        root.join("pelicanconf.py"),
        "SITENAME = 'Bench'\nPATH = 'content'\nTIMEZONE = 'UTC'\nTHEME = 'notmyidea'\n\
         DISPLAY_CATEGORIES_ON_MENU = True\n",
    )
    .expect("config");
    for i in 0..OTHER_POSTS {
        let text = format!(
            "Post number {i}\n##############\n\n:date: 2024-01-{:02} 10:00\n:tags: t{}, shared\n\
             :category: c{}\n\nA short body.\n",
            i % 28 + 1,
            i % 10,
            i % 5
        );
        std::fs::write(root.join(format!("content/post-{i}.rst")), text).expect("post");
    }
    // Its own header: `Post 0`, dated, tagged.
    let long = long_post::text();
    std::fs::write(root.join("content/long.rst"), &long).expect("long post");
    std::fs::write(root.join("content/pages/about.rst"), "About\n#####\n\nAbout.\n").expect("page");

    let reader = SettingsReader::new(ReadOptions {
        python: Some(oracle_python()),
        ..ReadOptions::default()
    });
    let blog = Blog::open_with(root, &OpenOptions::run_python(reader)).expect("blog opens");
    let settings = blog.post_settings().expect("settings");
    blog.render_page("content/long.rst", &long).expect("the page renders");

    let mut body = Vec::with_capacity(RUNS);
    let mut page = Vec::with_capacity(RUNS);
    let mut small = Vec::with_capacity(RUNS);
    let short = std::fs::read_to_string(root.join("content/post-7.rst")).expect("post");
    for _ in 0..RUNS {
        let started = Instant::now();
        std::hint::black_box(render_post_in(&long, &settings));
        body.push(started.elapsed());
        let started = Instant::now();
        std::hint::black_box(blog.render_page("content/long.rst", &long).expect("page"));
        page.push(started.elapsed());
        let started = Instant::now();
        std::hint::black_box(blog.render_page("content/post-7.rst", &short).expect("page"));
        small.push(started.elapsed());
    }
    let (body50, page50) = (percentile(&mut body, 0.5), percentile(&mut page, 0.5));
    let (body95, page95) = (percentile(&mut body, 0.95), percentile(&mut page, 0.95));
    println!(
        "theme page, {} KB post in a blog of {} posts (notmyidea), {RUNS} runs:",
        long.len() / 1024,
        OTHER_POSTS + 2
    );
    println!("  body alone     median {:7.2} ms  p95 {:7.2} ms", ms(body50), ms(body95));
    println!("  whole page     median {:7.2} ms  p95 {:7.2} ms", ms(page50), ms(page95));
    println!(
        "  page on top    median {:7.2} ms  (target <= 20 ms)",
        ms(page50.saturating_sub(body50))
    );
    println!(
        "  a short post's page  median {:7.2} ms  p95 {:7.2} ms",
        ms(percentile(&mut small, 0.5)),
        ms(percentile(&mut small, 0.95))
    );
}
