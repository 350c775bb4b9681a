//! Publishing one post and one image from a 5,000-post blog to a bare `origin` on this
//! machine, end to end (commit, fetch, integrate, push, verify). Target: under 300 ms.
//!
//! `cargo bench -p folio-blog --bench publish`

use std::path::Path;
use std::time::{Duration, Instant};

use folio_blog::git::{self, AuthOptions, NoPrompts, Selection};
use folio_blog::Blog;
use git2::{Repository, Signature, Time};

const POSTS: usize = 5_000;
const RUNS: usize = 7;

fn main() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let home = tmp.path().join("home");
    std::fs::create_dir_all(&home).expect("home");
    std::env::set_var("HOME", &home);
    std::env::set_var("GIT_CONFIG_NOSYSTEM", "1");
    let root = tmp.path().join("blog");
    let origin = tmp.path().join("origin.git");
    let started = Instant::now();
    make_blog(&root, &origin);
    eprintln!("set-up: {POSTS} posts committed and pushed in {:?}", started.elapsed());

    let blog = Blog::open(&root).expect("open blog");
    let auth = AuthOptions { ssh_dir: home.join(".ssh"), use_agent: false };
    let mut times = Vec::new();
    for run in 0..RUNS {
        let post = format!("content/bench-{run}.rst");
        write(
            &root,
            &post,
            &format!(
                "Bench {run}\n########\n\n:date: 2025-01-01\n:status: draft\n\n\
             .. image:: {{static}}/images/bench-{run}/photo.png\n   :alt: photo\n\nBody.\n"
            ),
        );
        let image = vec![run as u8; 200 * 1024];
        let image_path = root.join(format!("content/images/bench-{run}/photo.png"));
        std::fs::create_dir_all(image_path.parent().expect("parent")).expect("mkdir");
        std::fs::write(&image_path, image).expect("image");

        let start = Instant::now();
        let report =
            git::publish(&blog, &Selection::Posts(vec![post]), &auth, &mut NoPrompts, |_| {})
                .expect("publish");
        times.push(start.elapsed());
        assert_eq!(report.files.len(), 2, "the post and its image");
    }
    times.sort();
    let median = times[RUNS / 2];
    println!(
        "publish one post + 200 KiB image from a {POSTS}-post blog to a loopback bare origin: \
         median {median:?}, min {:?}, max {:?} over {RUNS} runs",
        times[0],
        times[RUNS - 1]
    );
    if median > Duration::from_millis(300) {
        println!("ABOVE the 300 ms target");
    }
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

fn make_blog(root: &Path, origin: &Path) {
    write(root, "pelicanconf.py", "SITENAME = 'Bench'\nPATH = 'content'\n");
    for i in 0..POSTS {
        write(
            root,
            &format!("content/post-{i:05}.rst"),
            &format!(
                "Post {i}\n##########\n\n:date: 2020-01-01\n:tags: bench\n\n{}\n",
                "Some words of a post body that is long enough to be a paragraph. ".repeat(20)
            ),
        );
    }
    let mut opts = git2::RepositoryInitOptions::new();
    opts.initial_head("main");
    let repo = Repository::init_opts(root, &opts).expect("init");
    let mut config = repo.config().expect("config");
    config.set_str("user.name", "Bench").expect("name");
    config.set_str("user.email", "bench@folio.invalid").expect("email");
    let mut index = repo.index().expect("index");
    index.add_all(["*"], git2::IndexAddOption::DEFAULT, None).expect("add");
    index.write().expect("write index");
    let tree = repo.find_tree(index.write_tree().expect("tree")).expect("tree");
    let sig =
        Signature::new("Bench", "bench@folio.invalid", &Time::new(1_700_000_000, 0)).expect("sig");
    let commit = repo.commit(Some("HEAD"), &sig, &sig, "Start", &tree, &[]).expect("commit");
    Repository::init_bare(origin).expect("bare").set_head("refs/heads/main").expect("head");
    let mut remote = repo.remote("origin", origin.to_str().expect("utf-8")).expect("remote");
    remote.push(&["refs/heads/main:refs/heads/main"], None).expect("push");
    repo.reference("refs/remotes/origin/main", commit, true, "bench").expect("ref");
    let mut branch = repo.find_branch("main", git2::BranchType::Local).expect("branch");
    branch.set_upstream(Some("origin/main")).expect("upstream");
}
