//! Listing a 10,000-post blog: the first listing after opening it (Folio's cache empty),
//! a warm listing (nothing changed), and one after 10 posts changed. Run with `make bench`.
//!
//! "Cold from disk" drops the OS page cache first when that is allowed (root on Linux);
//! otherwise the file contents may already be in memory and it says so.

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use folio_blog::Blog;

const POSTS: usize = 10_000;
const RUNS: usize = 5;

fn generate(root: &Path) {
    fs::write(root.join("pelicanconf.py"), "SITENAME = 'Bench'\nPATH = 'content'\n").unwrap();
    let body = "A paragraph of an ordinary blog post, with *emphasis* and a `link <https://example.com>`__.\n\n".repeat(30);
    for i in 0..POSTS {
        let dir = root.join("content").join(format!("{}", 2000 + i / 500));
        fs::create_dir_all(&dir).unwrap();
        let title = format!("Post number {i} about things");
        let text = format!(
            "{title}\n{}\n\n:date: {}-{:02}-{:02} 10:00\n:category: bench\n:tags: a, b, c\n:slug: post-{i}\n:summary: Post {i}.\n\n{body}",
            "#".repeat(title.len()),
            2000 + i / 500,
            i % 12 + 1,
            i % 28 + 1
        );
        fs::write(dir.join(format!("post-{i}.rst")), text).unwrap();
    }
}

fn drop_os_caches() -> bool {
    // Flush dirty pages first, then ask the kernel to drop clean ones.
    let synced = std::process::Command::new("sync").status().is_ok_and(|s| s.success());
    synced && fs::write("/proc/sys/vm/drop_caches", "3").is_ok()
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path());
    println!("list_posts on a generated blog of {POSTS} posts (median of {RUNS} runs):");

    let mut first = Vec::new();
    let mut warm = Vec::new();
    let mut some_changed = Vec::new();
    let mut from_disk = Vec::new();
    for run in 0..RUNS {
        if drop_os_caches() {
            let blog = Blog::open(dir.path()).unwrap();
            let started = Instant::now();
            assert_eq!(blog.list_posts().unwrap().len(), POSTS);
            from_disk.push(started.elapsed());
        }
        let blog = Blog::open(dir.path()).unwrap();
        let started = Instant::now();
        assert_eq!(blog.list_posts().unwrap().len(), POSTS);
        first.push(started.elapsed());

        let started = Instant::now();
        blog.list_posts().unwrap();
        warm.push(started.elapsed());

        for i in 0..10 {
            let path = dir.path().join(format!(
                "content/{}/post-{}.rst",
                2000 + (i * 997 % POSTS) / 500,
                i * 997 % POSTS
            ));
            let text = fs::read_to_string(&path).unwrap();
            fs::write(&path, format!("{text}\nEdited in run {run}.\n")).unwrap();
        }
        let started = Instant::now();
        blog.list_posts().unwrap();
        some_changed.push(started.elapsed());
    }
    if from_disk.is_empty() {
        println!("  cold from disk:        not measured (cannot drop the OS page cache here)");
    } else {
        println!("  cold from disk:        {}", ms(median(from_disk)));
    }
    println!(
        "  first listing:         {}   (Folio's cache empty, files in the OS cache)",
        ms(median(first.clone()))
    );
    println!("  warm listing:          {}   (nothing changed)", ms(median(warm.clone())));
    println!("  after 10 edits:        {}", ms(median(some_changed)));
    println!(
        "  warm / first ratio:    {:.3}",
        median(warm).as_secs_f64() / median(first).as_secs_f64()
    );
}
