//! Publishing over SSH to a real `sshd` on loopback: key files (with and without a
//! passphrase) and known_hosts checks. The agent is in `git_ssh_agent.rs`, its own process,
//! because libssh2 finds it through the process-wide `SSH_AUTH_SOCK`.

mod support;

use std::cell::Cell;
use std::path::{Path, PathBuf};

use folio_blog::git::{self, AuthOptions, HostKey, NoPrompts, Prompter, Selection};
use folio_blog::Error;
use support::servers::{ssh_keygen, Sshd};
use support::TestRepo;

/// A user's `~/.ssh`: a key (optionally with a passphrase) and a known_hosts file.
struct SshDir {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

impl SshDir {
    fn with_key(passphrase: &str) -> SshDir {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".ssh");
        std::fs::create_dir_all(&path).unwrap();
        ssh_keygen(&path.join("id_ed25519"), passphrase);
        SshDir { _dir: dir, path }
    }

    fn key(&self) -> PathBuf {
        self.path.join("id_ed25519")
    }

    fn trust(&self, line: &str) {
        std::fs::write(self.known_hosts(), line).unwrap();
    }

    fn known_hosts(&self) -> PathBuf {
        self.path.join("known_hosts")
    }

    fn auth(&self) -> AuthOptions {
        AuthOptions { ssh_dir: self.path.clone(), use_agent: false }
    }
}

#[derive(Default)]
struct Answers {
    passphrase: Option<String>,
    trust: bool,
    passphrase_asked: Cell<usize>,
    host_asked: Cell<usize>,
}

impl Prompter for &Answers {
    fn passphrase(&mut self, _key: &Path) -> Option<String> {
        self.passphrase_asked.set(self.passphrase_asked.get() + 1);
        self.passphrase.clone()
    }
    fn trust_host(&mut self, key: &HostKey) -> bool {
        assert!(key.fingerprint.starts_with("SHA256:"), "{key:?}");
        self.host_asked.set(self.host_asked.get() + 1);
        self.trust
    }
}

fn publish_draft(
    t: &TestRepo,
    auth: &AuthOptions,
    prompter: &mut dyn Prompter,
) -> folio_blog::Result<git::PublishReport> {
    let selection = Selection::Posts(vec!["content/a-draft.rst".into()]);
    git::publish(&t.blog(), &selection, auth, prompter, |_| {})
}

#[test]
fn publishing_over_ssh_with_a_key_file_and_a_known_host_reaches_the_origin() {
    let _exclusive = support::exclusive(
        "publishing_over_ssh_with_a_key_file_and_a_known_host_reaches_the_origin",
    );
    let t = TestRepo::new().with_draft();
    let ssh = SshDir::with_key("");
    let sshd = Sshd::start(&[&ssh.key()]);
    ssh.trust(&sshd.known_hosts_line);
    t.set_origin_url(&sshd.url(&t.origin));

    let report = publish_draft(&t, &ssh.auth(), &mut NoPrompts).unwrap();
    assert_eq!(t.remote_head().to_string(), report.commit, "the origin's main is our commit");
    assert!(t.remote_file("content/images/a-draft/desk.png").is_some());
}

#[test]
fn a_passphrase_protected_key_is_unlocked_through_the_prompt() {
    let _exclusive =
        support::exclusive("a_passphrase_protected_key_is_unlocked_through_the_prompt");
    let t = TestRepo::new().with_draft();
    let ssh = SshDir::with_key("correct horse");
    let sshd = Sshd::start(&[&ssh.key()]);
    ssh.trust(&sshd.known_hosts_line);
    t.set_origin_url(&sshd.url(&t.origin));
    let answers = Answers { passphrase: Some("correct horse".into()), ..Answers::default() };

    let report = publish_draft(&t, &ssh.auth(), &mut &answers).unwrap();
    assert_eq!(t.remote_head().to_string(), report.commit);
    assert_eq!(answers.passphrase_asked.get(), 1, "asked once, reused for push and verify");
}

#[test]
fn a_refused_passphrase_ends_in_an_auth_error_not_an_endless_retry() {
    let _exclusive =
        support::exclusive("a_refused_passphrase_ends_in_an_auth_error_not_an_endless_retry");
    let t = TestRepo::new().with_draft();
    let ssh = SshDir::with_key("correct horse");
    let sshd = Sshd::start(&[&ssh.key()]);
    ssh.trust(&sshd.known_hosts_line);
    t.set_origin_url(&sshd.url(&t.origin));
    let before = t.remote_head();

    let err = publish_draft(&t, &ssh.auth(), &mut NoPrompts).unwrap_err();
    assert!(matches!(err, Error::AuthFailed { .. }), "{err}");
    assert_eq!(t.remote_head(), before, "nothing reached the origin");
}

#[test]
fn a_key_the_server_does_not_know_ends_in_an_auth_error() {
    let _exclusive = support::exclusive("a_key_the_server_does_not_know_ends_in_an_auth_error");
    let t = TestRepo::new().with_draft();
    let ssh = SshDir::with_key("");
    let stranger = SshDir::with_key("");
    let sshd = Sshd::start(&[&stranger.key()]);
    ssh.trust(&sshd.known_hosts_line);
    t.set_origin_url(&sshd.url(&t.origin));

    let err = publish_draft(&t, &ssh.auth(), &mut NoPrompts).unwrap_err();
    assert!(matches!(err, Error::AuthFailed { .. }), "{err}");
    assert!(err.to_string().contains("id_ed25519"), "says which key was tried: {err}");
}

#[test]
fn an_unknown_host_is_asked_about_and_remembered_when_trusted() {
    let _exclusive =
        support::exclusive("an_unknown_host_is_asked_about_and_remembered_when_trusted");
    let t = TestRepo::new().with_draft();
    let ssh = SshDir::with_key("");
    let sshd = Sshd::start(&[&ssh.key()]);
    t.set_origin_url(&sshd.url(&t.origin));
    let answers = Answers { trust: true, ..Answers::default() };

    let report = publish_draft(&t, &ssh.auth(), &mut &answers).unwrap();
    assert_eq!(t.remote_head().to_string(), report.commit);
    assert!(answers.host_asked.get() >= 1, "the user was asked");
    let known = std::fs::read_to_string(ssh.known_hosts()).unwrap();
    assert_eq!(known, sshd.known_hosts_line, "the accepted key is remembered as ssh would");
}

#[test]
fn an_unknown_host_that_is_not_trusted_is_not_contacted_further() {
    let _exclusive =
        support::exclusive("an_unknown_host_that_is_not_trusted_is_not_contacted_further");
    let t = TestRepo::new().with_draft();
    let ssh = SshDir::with_key("");
    let sshd = Sshd::start(&[&ssh.key()]);
    t.set_origin_url(&sshd.url(&t.origin));
    let before = t.remote_head();
    let answers = Answers::default();

    let err = publish_draft(&t, &ssh.auth(), &mut &answers).unwrap_err();
    assert!(matches!(err, Error::UnknownHost { .. }), "{err}");
    assert_eq!(answers.host_asked.get(), 1);
    assert_eq!(t.remote_head(), before);
}

#[test]
fn a_changed_host_key_is_refused_without_asking() {
    let _exclusive = support::exclusive("a_changed_host_key_is_refused_without_asking");
    let t = TestRepo::new().with_draft();
    let ssh = SshDir::with_key("");
    let sshd = Sshd::start(&[&ssh.key()]);
    ssh.trust(&sshd.other_key_line());
    t.set_origin_url(&sshd.url(&t.origin));
    let before = t.remote_head();
    let answers = Answers { trust: true, ..Answers::default() };

    let err = publish_draft(&t, &ssh.auth(), &mut &answers).unwrap_err();
    assert!(matches!(err, Error::HostKeyChanged { .. }), "{err}");
    assert!(err.to_string().contains("CHANGED"), "{err}");
    assert_eq!(answers.host_asked.get(), 0, "a changed key is never offered for trust");
    assert_eq!(t.remote_head(), before, "nothing reached the origin");
}

#[test]
fn a_host_in_a_hashed_known_hosts_file_is_recognised_without_asking() {
    let _exclusive =
        support::exclusive("a_host_in_a_hashed_known_hosts_file_is_recognised_without_asking");
    let t = TestRepo::new().with_draft();
    let ssh = SshDir::with_key("");
    let sshd = Sshd::start(&[&ssh.key()]);
    ssh.trust(&sshd.known_hosts_line);
    // Hash it the way Debian's `HashKnownHosts yes` does.
    support::servers::run(
        std::process::Command::new(support::servers::require("ssh-keygen", "openssh-client"))
            .arg("-H")
            .arg("-f")
            .arg(ssh.known_hosts()),
    );
    let hashed = std::fs::read_to_string(ssh.known_hosts()).unwrap();
    assert!(hashed.starts_with("|1|"), "ssh-keygen hashed it: {hashed}");
    t.set_origin_url(&sshd.url(&t.origin));
    let answers = Answers::default();

    let report = publish_draft(&t, &ssh.auth(), &mut &answers).unwrap();
    assert_eq!(t.remote_head().to_string(), report.commit);
    assert_eq!(answers.host_asked.get(), 0, "a known host is not asked about");
}
