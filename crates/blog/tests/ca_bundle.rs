//! libgit2 starts without parsing the system's CA bundle when OpenSSL can read the
//! certificates from the hashed folder instead. Each case runs in a child process of this
//! test binary: what it measures (the process's heap, libgit2's start) is once per process.

use std::process::Command;

use folio_blog::git;

const CHILD: &str = "FOLIO_CA_BUNDLE_CHILD";
const NAME: &str =
    "starting_without_the_ca_bundle_saves_its_memory_and_leaves_the_environment_as_it_was";

/// The process's `field` in `/proc/self/smaps_rollup` (`Pss:`, `Anonymous:`), in KiB.
fn rollup_kib(field: &str) -> u64 {
    let rollup = std::fs::read_to_string("/proc/self/smaps_rollup").unwrap();
    rollup
        .lines()
        .find_map(|line| line.strip_prefix(field))
        .and_then(|rest| rest.split_whitespace().next()?.parse().ok())
        .unwrap()
}

/// Starts libgit2 as `mode` says, does local git work, and prints the heap.
fn child(mode: &str) {
    let dir_before = std::env::var_os("SSL_CERT_DIR");
    if mode == "deferred" {
        git::start_without_ca_bundle();
        assert!(git::ca_bundle_deferred(), "Debian's /etc/ssl/certs is hashed: the bundle waits");
        assert!(std::env::var_os("SSL_CERT_FILE").is_none(), "children see no empty bundle");
        assert_eq!(std::env::var_os("SSL_CERT_DIR"), dir_before, "the environment is as it was");
    }
    // Local git work (a repository, a commit) needs no certificates.
    let work = tempfile::tempdir().unwrap();
    let repo = git2::Repository::init(work.path()).unwrap();
    let tree = repo.treebuilder(None).unwrap().write().unwrap();
    let tree = repo.find_tree(tree).unwrap();
    let me = git2::Signature::now("Writer", "writer@example.com").unwrap();
    repo.commit(Some("HEAD"), &me, &me, "first", &tree, &[]).unwrap();
    println!("pss KiB: {} heap KiB: {}", rollup_kib("Pss:"), rollup_kib("Anonymous:"));
}

/// The PSS and heap (KiB) of a child that starts libgit2 as `mode` says.
fn footprint_of(mode: &str) -> (u64, u64) {
    let output = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", NAME, "--nocapture", "--test-threads=1"])
        .env(CHILD, mode)
        .env_remove("SSL_CERT_FILE")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "the {mode} child failed: {stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let figure = |label: &str| -> Option<u64> {
        let (_, rest) = stdout.split_once(label)?;
        rest.split_whitespace().next()?.parse().ok()
    };
    match (figure("pss KiB: "), figure("heap KiB: ")) {
        (Some(pss), Some(heap)) => (pss, heap),
        _ => panic!("the {mode} child printed no figures: {stdout}"),
    }
}

#[test]
fn starting_without_the_ca_bundle_saves_its_memory_and_leaves_the_environment_as_it_was() {
    if let Ok(mode) = std::env::var(CHILD) {
        child(&mode);
        return;
    }
    let (eager_pss, eager_heap) = footprint_of("eager");
    let (pss, heap) = footprint_of("deferred");
    println!(
        "after local git work: PSS {eager_pss} KiB (heap {eager_heap}) with the CA bundle parsed at start, {pss} KiB (heap {heap}) without"
    );
    assert!(
        eager_heap > heap + 512,
        "the parsed bundle is in the heap: {eager_heap} vs {heap} KiB"
    );
}
