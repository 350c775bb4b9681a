//! Listing one post's versions in a 10,000-commit repository (built with `git fast-import`:
//! 1,000 posts, each commit editing one of them, the measured post edited every 50
//! commits). Target: under 300 ms. Timed twice: from the trees alone, and after `git
//! commit-graph write --changed-paths` (whose filters the walk reads); `git log --follow`
//! on the same post is timed beside each.
//!
//! `cargo bench -p folio-blog --bench history`

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use folio_blog::git::read_post_history;
use folio_blog::Blog;

const COMMITS: usize = 10_000;
const POSTS: usize = 1_000;
/// Every this many commits, the measured post is the one edited.
const POST_EVERY: usize = 50;
const MEASURED: &str = "content/post-0007.rst";
const RUNS: usize = 7;

fn main() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let home = tmp.path().join("home");
    std::fs::create_dir_all(&home).expect("home");
    std::env::set_var("HOME", &home);
    std::env::set_var("GIT_CONFIG_NOSYSTEM", "1");
    let root = tmp.path().join("blog");
    let started = Instant::now();
    make_repo(&root);
    eprintln!("set-up: {COMMITS} commits over {POSTS} posts in {:?}", started.elapsed());

    let blog = Blog::open(&root).expect("open blog");
    let (git_log, followed) = time_git_log(&root);
    report("trees only (no commit-graph)", &measure(&blog, 3, &followed), git_log);
    let started = Instant::now();
    git(&root, &["commit-graph", "write", "--reachable", "--changed-paths"]);
    eprintln!("git commit-graph write --changed-paths: {:?}", started.elapsed());
    let (git_log, followed) = time_git_log(&root);
    report(
        "with the commit-graph's changed-path filters",
        &measure(&blog, RUNS, &followed),
        git_log,
    );
}

/// One run's wall-clock time and the time this thread spent on a CPU.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Timing {
    wall: Duration,
    cpu: Option<Duration>,
}

/// Nanoseconds this thread has run on a CPU (Linux's schedstat), so a figure taken on a
/// machine shared with other builds says what the walk itself costs.
fn thread_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    Some(Duration::from_nanos(stat.split_whitespace().next()?.parse().ok()?))
}

/// `runs` timings of the history, sorted by wall-clock time; each run must list exactly
/// the commits `git log --follow` lists (`followed`), in its order.
fn measure(blog: &Blog, runs: usize, followed: &[String]) -> Vec<Timing> {
    let mut times = Vec::new();
    for _ in 0..runs {
        let (start, cpu_start) = (Instant::now(), thread_cpu());
        let history = read_post_history(blog, MEASURED).expect("history");
        let cpu = thread_cpu().zip(cpu_start).map(|(end, start)| end.saturating_sub(start));
        times.push(Timing { wall: start.elapsed(), cpu });
        let expected = (COMMITS - 1) / POST_EVERY + 1;
        assert_eq!(history.versions.len(), expected, "every edit of the post and its first commit");
        let ours: Vec<&str> = history.versions.iter().map(|v| v.commit.as_str()).collect();
        assert_eq!(ours, followed, "the commits git log --follow lists");
    }
    times.sort();
    times
}

fn report(how: &str, times: &[Timing], git_log: Duration) {
    let median = times[times.len() / 2];
    let cpu = median.cpu.map_or("unknown".to_string(), |c| format!("{c:?}"));
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "history of one post ({} versions) in a {COMMITS}-commit repository, {how}: \
         median {:?} ({cpu} on a CPU), min {:?}, max {:?} over {} runs \
         (git log --follow: {git_log:?}; load average {})",
        (COMMITS - 1) / POST_EVERY + 1,
        median.wall,
        times[0].wall,
        times[times.len() - 1].wall,
        times.len(),
        load.split_whitespace().next().unwrap_or("unknown")
    );
}

/// One `git fast-import` stream: the first commit adds every post and `pelicanconf.py`,
/// each later commit edits one post.
fn make_repo(root: &Path) {
    git(root.parent().expect("parent"), &["init", "-q", "-b", "main", "blog"]);
    let mut import = Command::new("git")
        .args(["fast-import", "--quiet"])
        .current_dir(root)
        .stdin(Stdio::piped())
        .spawn()
        .expect("git fast-import runs");
    let mut stream = std::io::BufWriter::new(import.stdin.take().expect("stdin"));
    let mut emit = |bytes: &[u8]| stream.write_all(bytes).expect("write to fast-import");
    for i in 0..COMMITS {
        let mut commit = format!(
            "commit refs/heads/main\nmark :{}\ncommitter Bench <bench@folio.invalid> {} +0000\n",
            i + 1,
            1_600_000_000 + i * 60
        );
        let message = format!("Edit {i}\n");
        commit.push_str(&format!("data {}\n{message}", message.len()));
        if i > 0 {
            commit.push_str(&format!("from :{i}\n"));
        }
        let edited: Vec<usize> = if i == 0 {
            (0..POSTS).collect()
        } else if i % POST_EVERY == 0 {
            vec![7]
        } else {
            // Any post but the measured one.
            vec![(i * 7919) % POSTS].into_iter().map(|p| if p == 7 { 8 } else { p }).collect()
        };
        if i == 0 {
            let conf = "SITENAME = 'Bench'\nPATH = 'content'\n";
            commit.push_str(&format!(
                "M 100644 inline pelicanconf.py\ndata {}\n{conf}\n",
                conf.len()
            ));
        }
        for post in edited {
            let text = format!(
                "Post {post}\n#########\n\n:date: 2020-01-01\n\nRevision {i} of post {post}.\n"
            );
            commit.push_str(&format!(
                "M 100644 inline content/post-{post:04}.rst\ndata {}\n{text}\n",
                text.len()
            ));
        }
        emit(commit.as_bytes());
    }
    drop(stream);
    assert!(import.wait().expect("fast-import ends").success(), "fast-import failed");
    git(root, &["checkout", "-q", "main"]);
}

/// How long `git log --follow` takes on the measured post, and the commits it lists.
fn time_git_log(root: &Path) -> (Duration, Vec<String>) {
    let start = Instant::now();
    let out = Command::new("git")
        .args(["log", "--follow", "--format=%H", "--", MEASURED])
        .current_dir(root)
        .output()
        .expect("git runs");
    let elapsed = start.elapsed();
    assert!(out.status.success(), "git log");
    let hashes = String::from_utf8_lossy(&out.stdout).lines().map(str::to_string).collect();
    (elapsed, hashes)
}

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git").args(args).current_dir(dir).status().expect("git runs");
    assert!(status.success(), "git {args:?}");
}
