//! Publishing over SSH with the key held only by an `ssh-agent`. Its own test binary:
//! libssh2 reads the process-wide `SSH_AUTH_SOCK`.

mod support;

use folio_blog::git::{self, AuthOptions, NoPrompts, Selection};
use support::servers::{ssh_keygen, Agent, Sshd};
use support::TestRepo;

#[test]
fn publishing_over_ssh_uses_the_key_in_the_agent() {
    let t = TestRepo::new().with_draft();
    let keys = tempfile::tempdir().unwrap();
    let key = keys.path().join("agent_key");
    ssh_keygen(&key, "");
    let sshd = Sshd::start(&[&key]);
    let agent = Agent::start(&key);
    std::fs::remove_file(&key).unwrap(); // Only the agent has it now.
    std::env::set_var("SSH_AUTH_SOCK", &agent.socket);
    t.set_origin_url(&sshd.url(&t.origin));
    let ssh_dir = keys.path().join(".ssh");
    std::fs::create_dir_all(&ssh_dir).unwrap();
    std::fs::write(ssh_dir.join("known_hosts"), &sshd.known_hosts_line).unwrap();

    let auth = AuthOptions { ssh_dir, use_agent: true };
    let selection = Selection::Posts(vec!["content/a-draft.rst".into()]);
    let report = git::publish(&t.blog(), &selection, &auth, &mut NoPrompts, |_| {}).unwrap();
    assert_eq!(t.remote_head().to_string(), report.commit, "the origin's main is our commit");
}
