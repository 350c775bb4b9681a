//! Publishing over HTTP to `git http-backend` behind a basic-auth server on loopback:
//! git's credential helpers, the username/token prompt, and a wrong password.

mod support;

use std::cell::Cell;
use std::sync::atomic::Ordering;

use folio_blog::git::{self, AuthOptions, NoPrompts, Prompter, Selection};
use folio_blog::Error;
use support::servers::HttpGit;
use support::TestRepo;

const USER: &str = "writer";
const TOKEN: &str = "s3cret-token";

struct Login {
    answer: (String, String),
    asked: Cell<usize>,
}

impl Prompter for &Login {
    fn username_password(&mut self, _url: &str, _user: Option<&str>) -> Option<(String, String)> {
        self.asked.set(self.asked.get() + 1);
        Some(self.answer.clone())
    }
}

fn publish_draft(
    t: &TestRepo,
    prompter: &mut dyn Prompter,
) -> folio_blog::Result<git::PublishReport> {
    let auth = AuthOptions { ssh_dir: support::sandbox().join(".ssh"), use_agent: false };
    let selection = Selection::Posts(vec!["content/a-draft.rst".into()]);
    git::publish(&t.blog(), &selection, &auth, prompter, |_| {})
}

#[test]
fn publishing_over_http_takes_the_password_from_the_credential_helper() {
    let t = TestRepo::new().with_draft();
    let server = HttpGit::start(t.origin.parent().unwrap(), USER, TOKEN);
    t.set_origin_url(&server.url(Some(USER), "origin.git"));
    let store = t.origin.parent().unwrap().join("git-credentials");
    std::fs::write(&store, format!("http://{USER}:{TOKEN}@127.0.0.1:{}\n", server.port)).unwrap();
    let mut config = t.repo().config().unwrap();
    config.set_str("credential.helper", &format!("store --file={}", store.display())).unwrap();

    let report = publish_draft(&t, &mut NoPrompts).unwrap();
    assert_eq!(t.remote_head().to_string(), report.commit, "the origin's main is our commit");
    assert!(t.remote_file("content/images/a-draft/desk.png").is_some());
}

#[test]
fn publishing_over_http_asks_once_for_a_username_and_token() {
    let t = TestRepo::new().with_draft();
    let server = HttpGit::start(t.origin.parent().unwrap(), USER, TOKEN);
    t.set_origin_url(&server.url(None, "origin.git"));
    let login = Login { answer: (USER.into(), TOKEN.into()), asked: Cell::new(0) };

    let report = publish_draft(&t, &mut &login).unwrap();
    assert_eq!(t.remote_head().to_string(), report.commit);
    assert_eq!(login.asked.get(), 1, "asked once, reused for push and verify");
}

#[test]
fn a_wrong_password_is_a_clear_auth_error_and_is_not_retried_forever() {
    let t = TestRepo::new().with_draft();
    let server = HttpGit::start(t.origin.parent().unwrap(), USER, TOKEN);
    t.set_origin_url(&server.url(None, "origin.git"));
    let before = t.remote_head();
    let login = Login { answer: (USER.into(), "wrong".into()), asked: Cell::new(0) };

    let err = publish_draft(&t, &mut &login).unwrap_err();
    assert!(matches!(err, Error::AuthFailed { .. }), "{err}");
    assert!(err.to_string().contains("refused the credentials"), "{err}");
    assert_eq!(t.remote_head(), before, "nothing reached the origin");
    assert!(server.refused.load(Ordering::SeqCst) < 10, "libgit2's retry loop was cut short");
    let status = folio_blog::git::read_status(&t.blog()).unwrap();
    assert_eq!(status.ahead, 1, "the commit is kept locally for a retry");
}
