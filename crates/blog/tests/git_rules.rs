//! The repository's own rules, kept by Folio's publish: signed commits (`commit.gpgsign`
//! with a real gpg key and a real ssh key, checked with `git verify-commit` on the origin),
//! `pre-commit` and `commit-msg` hooks run as git runs them, and a stale `index.lock`.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use folio_blog::git::{read_index_lock, remove_stale_index_lock};
use folio_blog::Error;
use support::{TestRepo, DRAFT};

const POST: &str = "content/a-draft.rst";

/// Runs `git` in `dir`; returns (success, stdout + stderr).
fn git(dir: &Path, args: &[&str]) -> (bool, String) {
    let out = Command::new("git").args(args).current_dir(dir).output().expect("git runs");
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&out.stderr));
    (out.status.success(), text)
}

fn config(t: &TestRepo, key: &str, value: &str) {
    let (ok, out) = git(&t.root, &["config", key, value]);
    assert!(ok, "{out}");
}

/// Nothing moved: the local branch, the origin and the draft on disk are as before.
fn assert_nothing_committed(t: &TestRepo, head_before: git2::Oid) {
    assert_eq!(t.local_head(), head_before, "no local commit was made");
    assert_eq!(t.remote_head(), head_before, "nothing reached the origin");
    assert_eq!(t.read(POST), DRAFT, "the draft on disk still says draft");
}

/// A gpg home in the sandbox with one signing key without passphrase; its fingerprint.
/// Once per test binary, since gpg's agent serves the whole home.
fn gpg_key() -> &'static str {
    static KEY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    KEY.get_or_init(|| {
        let gnupg = support::sandbox().join("gnupg");
        std::fs::create_dir_all(&gnupg).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&gnupg, std::fs::Permissions::from_mode(0o700)).unwrap();
        }
        std::env::set_var("GNUPGHOME", &gnupg);
        let out = Command::new("gpg")
            .args(["--batch", "--passphrase", "", "--quick-gen-key"])
            .args([&format!("{} <{}>", support::NAME, support::EMAIL), "ed25519", "sign", "never"])
            .output()
            .expect("gpg is installed (scripts/install-deps.sh)");
        assert!(out.status.success(), "gpg: {}", String::from_utf8_lossy(&out.stderr));
        let listed = Command::new("gpg")
            .args(["--batch", "--with-colons", "--list-secret-keys"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&listed.stdout)
            .lines()
            .find_map(|l| l.strip_prefix("fpr:").map(|f| f.trim_matches(':').to_string()))
            .expect("the new key's fingerprint")
    })
}

/// Stops the gpg agent the key's use started, so no process outlives the test.
fn stop_gpg_agent() {
    let _ = Command::new("gpgconf").args(["--kill", "gpg-agent"]).status();
}

#[test]
fn with_commit_gpgsign_the_publish_commit_is_signed_with_the_gpg_key_and_git_verifies_it() {
    let _one = support::exclusive("gpg signing");
    let key = gpg_key();
    let t = TestRepo::new().with_draft();
    config(&t, "commit.gpgsign", "true");
    config(&t, "user.signingkey", key);

    let report = t.publish(&[POST]);
    stop_gpg_agent();
    let report = report.unwrap();

    let (ok, out) = git(&t.origin, &["verify-commit", "--raw", &report.commit]);
    assert!(ok, "git verify-commit on the origin accepts the commit: {out}");
    assert!(out.contains(&format!("VALIDSIG {key}")), "signed with our key: {out}");
    let (_, shown) = git(&t.origin, &["log", "-1", "--format=%G? %GF", &report.commit]);
    assert_eq!(shown.trim(), format!("G {key}"), "git log shows a good signature");
}

/// Makes an ssh key for `t`, configures ssh signing with it; returns the
/// `gpg.ssh.allowedSignersFile=...` setting `git verify-commit` needs.
fn ssh_signing(t: &TestRepo) -> String {
    let keys = t.root.parent().unwrap().join("keys");
    std::fs::create_dir_all(&keys).unwrap();
    let key = keys.join("id_ed25519");
    let made = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C", "writer", "-f"])
        .arg(&key)
        .status()
        .expect("ssh-keygen is installed");
    assert!(made.success());
    let public = std::fs::read_to_string(keys.join("id_ed25519.pub")).unwrap();
    let allowed = keys.join("allowed_signers");
    std::fs::write(&allowed, format!("{} {public}", support::EMAIL)).unwrap();
    config(t, "commit.gpgsign", "true");
    config(t, "gpg.format", "ssh");
    config(t, "user.signingkey", key.to_str().unwrap());
    format!("gpg.ssh.allowedSignersFile={}", allowed.display())
}

#[test]
fn with_gpg_format_ssh_the_commit_is_signed_by_ssh_keygen_and_verified_against_allowed_signers() {
    let t = TestRepo::new().with_draft();
    let allowed = ssh_signing(&t);

    let report = t.publish(&[POST]).unwrap();

    let (ok, out) = git(&t.origin, &["-c", &allowed, "verify-commit", &report.commit]);
    assert!(ok, "git verify-commit accepts the ssh signature: {out}");
    assert!(out.contains(&format!("Good \"git\" signature for {}", support::EMAIL)), "{out}");
}

#[test]
fn a_commit_rebased_onto_the_remotes_changes_is_signed_again() {
    let t = TestRepo::new().with_draft();
    let allowed = ssh_signing(&t);
    t.commit_on_origin(&[(
        "content/elsewhere.rst",
        "Elsewhere\n#########\n\nFrom another laptop.\n",
    )]);

    let report = t.publish(&[POST]).unwrap();

    assert_eq!(report.rebased, 1, "our commit was replayed onto the remote's");
    let (ok, out) = git(&t.origin, &["-c", &allowed, "verify-commit", &report.commit]);
    assert!(ok, "the rebased commit on the origin carries a good signature: {out}");
}

#[test]
fn signing_that_cannot_work_stops_the_publish_before_anything_is_committed() {
    let t = TestRepo::new().with_draft();
    let before = t.local_head();
    config(&t, "commit.gpgsign", "true");
    config(&t, "gpg.program", "/nonexistent/gpg");
    let err = t.publish(&[POST]).unwrap_err();
    assert!(matches!(err, Error::SigningFailed { .. }), "{err}");
    let message = err.to_string();
    assert!(message.contains("/nonexistent/gpg could not be started"), "{message}");
    assert!(message.contains("Nothing was committed"), "{message}");
    assert_nothing_committed(&t, before);

    // SSH signing without a key is refused by name, too.
    config(&t, "gpg.format", "ssh");
    let err = t.publish(&[POST]).unwrap_err();
    assert!(err.to_string().contains("user.signingkey does not name a key"), "{err}");
    assert_nothing_committed(&t, before);

    // And a key gpg does not have: gpg's own reason is shown.
    let _one = support::exclusive("gpg signing");
    gpg_key();
    config(&t, "gpg.format", "openpgp");
    config(&t, "gpg.program", "gpg");
    config(&t, "user.signingkey", "nobody@nowhere.invalid");
    let err = t.publish(&[POST]).unwrap_err();
    stop_gpg_agent();
    assert!(err.to_string().contains("could not sign with key nobody@nowhere.invalid"), "{err}");
    assert_nothing_committed(&t, before);
}

fn install_hook(dir: &Path, name: &str, script: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    std::fs::create_dir_all(dir).unwrap();
    let hook = dir.join(name);
    std::fs::write(&hook, format!("#!/bin/sh\n{script}\n")).unwrap();
    std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
    hook
}

#[test]
fn a_failing_pre_commit_hook_stops_the_publish_and_its_output_is_shown() {
    let t = TestRepo::new().with_draft();
    let before = t.local_head();
    install_hook(
        &t.root.join(".git/hooks"),
        "pre-commit",
        "echo 'spell check: \"teh\" in content/a-draft.rst' >&2\nexit 1",
    );
    let err = t.publish(&[POST]).unwrap_err();
    let Error::HookFailed { hook, output, .. } = &err else { panic!("{err}") };
    assert_eq!(hook, "pre-commit");
    assert!(output.contains("spell check: \"teh\" in content/a-draft.rst"), "{output}");
    assert!(err.to_string().contains("status 1"), "{err}");
    assert_nothing_committed(&t, before);
}

#[test]
fn the_pre_commit_hook_runs_in_the_work_tree_and_sees_exactly_the_commit_in_its_index() {
    let t = TestRepo::new().with_draft();
    t.write("notes.txt", "not part of the publish\n");
    let seen = t.root.parent().unwrap().join("seen");
    install_hook(
        &t.root.join(".git/hooks"),
        "pre-commit",
        &format!(
            "{{ pwd; echo \"$GIT_EDITOR\"; git diff --cached --name-only; }} > '{}'",
            seen.display()
        ),
    );
    let report = t.publish(&[POST]).unwrap();
    let seen = std::fs::read_to_string(&seen).expect("the hook ran");
    let lines: Vec<&str> = seen.lines().collect();
    assert_eq!(lines[0], t.root.to_str().unwrap(), "hooks run in the work tree's root");
    assert_eq!(lines[1], ":", "no editor, as for `git commit -m`");
    assert_eq!(
        &lines[2..],
        ["content/a-draft.rst", "content/images/a-draft/desk.png"],
        "the hook's index holds the files being committed, not notes.txt"
    );
    assert_eq!(report.files.len(), 2);
    assert!(read_index_lock(&t.blog()).unwrap().is_none(), "no lock is left behind");
}

#[test]
fn a_commit_msg_hook_under_core_hooks_path_edits_the_message_the_origin_gets() {
    let t = TestRepo::new().with_draft();
    config(&t, "core.hooksPath", "githooks");
    install_hook(
        &t.root.join("githooks"),
        "commit-msg",
        "printf '\\nReviewed-by: the hook\\n' >> \"$1\"",
    );
    // A hook file that is not executable is skipped, as git skips it.
    let ignored = t.root.join("githooks/pre-commit");
    std::fs::write(&ignored, "#!/bin/sh\nexit 1\n").unwrap();
    let report = t.publish(&[POST]).unwrap();
    let (_, message) = git(&t.origin, &["log", "-1", "--format=%B", &report.commit]);
    assert_eq!(message.trim_end(), "Publish a-draft.rst\n\nReviewed-by: the hook");
}

#[test]
fn a_failing_commit_msg_hook_stops_the_publish() {
    let t = TestRepo::new().with_draft();
    let before = t.local_head();
    install_hook(&t.root.join(".git/hooks"), "commit-msg", "echo 'needs a ticket number'\nexit 3");
    let err = t.publish(&[POST]).unwrap_err();
    assert!(matches!(&err, Error::HookFailed { hook, .. } if hook == "commit-msg"), "{err}");
    assert!(err.to_string().contains("status 3: needs a ticket number"), "{err}");
    assert_nothing_committed(&t, before);
}

#[test]
fn a_stale_index_lock_is_explained_and_once_removed_the_publish_goes_through() {
    let t = TestRepo::new().with_draft();
    let before = t.local_head();
    std::fs::write(t.root.join(".git/index.lock"), b"").unwrap();
    let err = t.publish(&[POST]).unwrap_err();
    let Error::IndexLocked(lock) = &err else { panic!("{err}") };
    assert!(lock.is_stale(), "no git program runs in this repository: {lock:?}");
    assert!(err.to_string().contains("was left behind"), "{err}");
    assert!(err.to_string().contains("safe to remove it"), "{err}");
    assert_nothing_committed(&t, before);

    remove_stale_index_lock(&t.blog()).unwrap();
    assert!(!t.root.join(".git/index.lock").exists());
    t.publish(&[POST]).unwrap();
    assert_eq!(t.remote_head(), t.local_head());
}

#[test]
fn an_index_lock_held_by_a_running_git_is_not_offered_for_removal() {
    let t = TestRepo::new();
    std::fs::write(t.root.join(".git/index.lock"), b"").unwrap();
    // A real git process working in the repository: it waits for input until we stop it.
    let mut running = Command::new("git")
        .args(["cat-file", "--batch"])
        .current_dir(&t.root)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let blog = t.blog();
    // `git` on PATH may be a wrapper that starts the real one: wait until it runs.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let lock = loop {
        let lock = read_index_lock(&blog).unwrap().expect("the lock is seen");
        if !lock.git_processes.is_empty() || std::time::Instant::now() > deadline {
            break lock;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    let refused = remove_stale_index_lock(&blog);
    running.kill().unwrap();
    running.wait().unwrap();

    assert!(
        lock.git_processes.iter().any(|p| p.command.contains("cat-file --batch")),
        "the running git is named: {lock:?}"
    );
    assert!(!lock.is_stale());
    let err = refused.unwrap_err();
    assert!(err.to_string().contains("git is busy in this repository"), "{err}");
    assert!(t.root.join(".git/index.lock").exists(), "the lock was not removed");
}
