//! Credentials and host keys, the way `git` itself finds them: ssh-agent, key files in
//! `~/.ssh` (passphrase asked through [`Prompter`]), `known_hosts`, `credential.helper`,
//! then a username/token prompt.
//!
//! libgit2 calls the credential callback again after every refusal and never gives up on
//! its own; [`Session`] tries each source once and then fails, remembering why, so a
//! wrong password ends in [`Error::AuthFailed`] instead of an endless loop.

use std::cell::RefCell;
use std::io::Write;
use std::path::{Path, PathBuf};

use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD};
use base64::Engine;
use git2::{CertificateCheckStatus, Cred, CredentialType, RemoteCallbacks};

use super::known_hosts::{lookup, Known};
use super::{Progress, Stage};
use crate::Error;

/// Where credentials and host keys come from.
#[derive(Clone, Debug)]
pub struct AuthOptions {
    /// The folder holding `id_ed25519`, `id_ecdsa`, `id_rsa` and `known_hosts`.
    pub ssh_dir: PathBuf,
    /// Whether to ask the ssh-agent at `SSH_AUTH_SOCK` first.
    pub use_agent: bool,
}

impl AuthOptions {
    /// The user's own setup: `$HOME/.ssh` and the agent.
    pub fn from_env() -> AuthOptions {
        let home = std::env::var_os("HOME").map(PathBuf::from).unwrap_or_default();
        AuthOptions { ssh_dir: home.join(".ssh"), use_agent: true }
    }

    fn known_hosts(&self) -> PathBuf {
        self.ssh_dir.join("known_hosts")
    }
}

/// An SSH host key offered by a server that is not in known_hosts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostKey {
    /// `host`, or `[host]:port` for a port other than 22, as known_hosts writes it.
    pub host: String,
    /// The key type, e.g. `ssh-ed25519`.
    pub key_type: String,
    /// `SHA256:...`, as `ssh` prints it.
    pub fingerprint: String,
}

/// Questions only the user can answer. Every answer may be "no" (`None`/`false`).
pub trait Prompter {
    /// The passphrase of the SSH key at `key`. Not stored anywhere by Folio.
    fn passphrase(&mut self, _key: &Path) -> Option<String> {
        None
    }
    /// A username and password (or token) for `url`.
    fn username_password(
        &mut self,
        _url: &str,
        _username: Option<&str>,
    ) -> Option<(String, String)> {
        None
    }
    /// Whether to trust, and remember in known_hosts, a host seen for the first time.
    fn trust_host(&mut self, _key: &HostKey) -> bool {
        false
    }
}

/// A [`Prompter`] that answers no to everything (scripts, tests of refusals).
#[derive(Clone, Copy, Debug, Default)]
pub struct NoPrompts;

impl Prompter for NoPrompts {}

#[derive(Default)]
struct Attempts {
    agent: bool,
    next_key: usize,
    helper: bool,
    prompted: bool,
    /// What the callbacks refused, reported instead of libgit2's generic message.
    failure: Option<Error>,
    tried: Vec<String>,
}

/// One network operation's credential and host-key state.
pub(crate) struct Session<'a> {
    options: &'a AuthOptions,
    prompter: RefCell<&'a mut dyn Prompter>,
    config: Option<git2::Config>,
    /// "origin (url)", for messages.
    remote: String,
    url: String,
    attempts: RefCell<Attempts>,
    /// Answers given during this operation, reused by its later connections (fetch, push
    /// and verify each connect) so the user is asked once. Kept in memory only.
    answers: RefCell<Answers>,
}

#[derive(Default)]
struct Answers {
    passphrases: Vec<(PathBuf, String)>,
    password: Option<(String, String)>,
}

const KEY_FILES: [&str; 3] = ["id_ed25519", "id_ecdsa", "id_rsa"];

impl<'a> Session<'a> {
    pub(crate) fn new(
        options: &'a AuthOptions,
        prompter: &'a mut dyn Prompter,
        config: Option<git2::Config>,
        name: &str,
        url: &str,
    ) -> Session<'a> {
        Session {
            options,
            prompter: RefCell::new(prompter),
            config,
            remote: format!("{name} ({url})"),
            url: url.to_string(),
            attempts: RefCell::default(),
            answers: RefCell::default(),
        }
    }

    /// Callbacks for one libgit2 call; `on_progress` receives transfer progress.
    pub(crate) fn callbacks<'s, 'p: 's>(
        &'s self,
        stage: Stage,
        on_progress: &'s RefCell<&'p mut dyn FnMut(Progress)>,
    ) -> RemoteCallbacks<'s> {
        // A new connection: every credential source may be tried once again.
        let failure = self.attempts.borrow_mut().failure.take();
        *self.attempts.borrow_mut() = Attempts { failure, ..Attempts::default() };
        let mut cb = RemoteCallbacks::new();
        cb.credentials(move |url, user, allowed| self.credentials(url, user, allowed));
        cb.certificate_check(move |cert, host| self.check_host(cert, host));
        match stage {
            Stage::Push => {
                cb.push_transfer_progress(move |current, total, bytes| {
                    (on_progress.borrow_mut())(Progress { stage, current, total, bytes });
                });
            }
            _ => {
                cb.transfer_progress(move |p| {
                    (on_progress.borrow_mut())(Progress {
                        stage,
                        current: p.received_objects(),
                        total: p.total_objects(),
                        bytes: p.received_bytes(),
                    });
                    true
                });
            }
        }
        cb
    }

    /// Turns a failed network call into the error the user can act on: what our callbacks
    /// refused if they refused something, else auth or "unreachable" by libgit2's class.
    pub(crate) fn network_error(&self, e: git2::Error) -> Error {
        if let Some(failure) = self.attempts.borrow_mut().failure.take() {
            return failure;
        }
        let remote = self.remote.clone();
        let message = e.message().to_string();
        if e.code() == git2::ErrorCode::Auth
            || message.contains("authentication")
            || message.contains("401")
        {
            return Error::AuthFailed { remote, message };
        }
        Error::Unreachable { remote, message }
    }

    fn fail(&self, error: Error) -> git2::Error {
        let message = error.to_string();
        self.attempts.borrow_mut().failure = Some(error);
        git2::Error::from_str(&message)
    }

    fn credentials(
        &self,
        url: &str,
        user_from_url: Option<&str>,
        allowed: CredentialType,
    ) -> Result<Cred, git2::Error> {
        if allowed.contains(CredentialType::USERNAME) {
            return Cred::username(user_from_url.unwrap_or("git"));
        }
        if allowed.contains(CredentialType::SSH_KEY) {
            let user = user_from_url.unwrap_or("git");
            if let Some(cred) = self.next_ssh_key(user)? {
                return Ok(cred);
            }
        } else if allowed.contains(CredentialType::USER_PASS_PLAINTEXT) {
            if let Some(cred) = self.next_password(url, user_from_url) {
                return Ok(cred);
            }
        }
        let tried = self.attempts.borrow().tried.join(", ");
        let message = if tried.is_empty() {
            "Folio had no credentials to offer".to_string()
        } else {
            format!("tried {tried}")
        };
        Err(self.fail(Error::AuthFailed { remote: self.remote.clone(), message }))
    }

    fn next_ssh_key(&self, user: &str) -> Result<Option<Cred>, git2::Error> {
        let mut attempts = self.attempts.borrow_mut();
        if self.options.use_agent && !attempts.agent {
            attempts.agent = true;
            if std::env::var_os("SSH_AUTH_SOCK").is_some() {
                attempts.tried.push("the ssh-agent".into());
                return Cred::ssh_key_from_agent(user).map(Some);
            }
        }
        while attempts.next_key < KEY_FILES.len() {
            let key = self.options.ssh_dir.join(KEY_FILES[attempts.next_key]);
            attempts.next_key += 1;
            let Ok(text) = std::fs::read_to_string(&key) else { continue };
            let passphrase = if key_is_encrypted(&text) {
                // Release the borrow: the prompt may take a while and must not hold state.
                drop(attempts);
                let answer = self.passphrase(&key);
                attempts = self.attempts.borrow_mut();
                match answer {
                    Some(p) => Some(p),
                    None => continue,
                }
            } else {
                None
            };
            attempts.tried.push(format!("the key {}", key.display()));
            let public = key.with_extension("pub");
            let public = public.is_file().then_some(public);
            return Cred::ssh_key(user, public.as_deref(), &key, passphrase.as_deref()).map(Some);
        }
        Ok(None)
    }

    fn next_password(&self, url: &str, user: Option<&str>) -> Option<Cred> {
        let mut attempts = self.attempts.borrow_mut();
        if !attempts.helper {
            attempts.helper = true;
            if let Some(config) = &self.config {
                if let Ok(cred) = Cred::credential_helper(config, url, user) {
                    attempts.tried.push("git's credential.helper".into());
                    return Some(cred);
                }
            }
        }
        if !attempts.prompted {
            attempts.prompted = true;
            drop(attempts);
            let cached = self.answers.borrow().password.clone();
            let answer = cached.or_else(|| self.prompter.borrow_mut().username_password(url, user));
            self.answers.borrow_mut().password.clone_from(&answer);
            if let Some((name, password)) = answer {
                self.attempts.borrow_mut().tried.push(format!("the password for {name}"));
                return Cred::userpass_plaintext(&name, &password).ok();
            }
        }
        None
    }

    fn passphrase(&self, key: &Path) -> Option<String> {
        let cached = self
            .answers
            .borrow()
            .passphrases
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, p)| p.clone());
        if cached.is_some() {
            return cached;
        }
        let answer = self.prompter.borrow_mut().passphrase(key)?;
        self.answers.borrow_mut().passphrases.push((key.to_path_buf(), answer.clone()));
        Some(answer)
    }

    fn check_host(
        &self,
        cert: &git2::cert::Cert<'_>,
        hostname: &str,
    ) -> Result<CertificateCheckStatus, git2::Error> {
        let Some(hostkey) = cert.as_hostkey() else {
            // TLS: let libgit2 and the system's CA store decide.
            return Ok(CertificateCheckStatus::CertificatePassthrough);
        };
        let (Some(raw), Some(kind)) = (hostkey.hostkey(), hostkey.hostkey_type()) else {
            return Err(git2::Error::from_str("the SSH server sent no usable host key"));
        };
        let host = match port_of(&self.url) {
            Some(port) if port != 22 => format!("[{hostname}]:{port}"),
            _ => hostname.to_string(),
        };
        let key = HostKey {
            host: host.clone(),
            key_type: kind.name().to_string(),
            fingerprint: format!("SHA256:{}", STANDARD_NO_PAD.encode(sha256_or_empty(hostkey))),
        };
        let known_hosts = self.options.known_hosts();
        let text = std::fs::read_to_string(&known_hosts).unwrap_or_default();
        match lookup(&text, &host, kind.name(), raw) {
            Known::Match => Ok(CertificateCheckStatus::CertificateOk),
            Known::Changed => Err(self.fail(Error::HostKeyChanged {
                host,
                fingerprint: key.fingerprint,
                known_hosts,
            })),
            Known::Unknown => {
                if self.prompter.borrow_mut().trust_host(&key) {
                    let line = format!("{} {} {}\n", host, kind.name(), STANDARD.encode(raw));
                    // Accepting is fine even if remembering fails; next time we ask again.
                    let _ = append(&known_hosts, &line);
                    Ok(CertificateCheckStatus::CertificateOk)
                } else {
                    Err(self.fail(Error::UnknownHost {
                        host,
                        fingerprint: key.fingerprint,
                        known_hosts,
                    }))
                }
            }
        }
    }
}

fn sha256_or_empty<'c>(hostkey: &'c git2::cert::CertHostkey<'_>) -> &'c [u8] {
    hostkey.hash_sha256().map(|h| &h[..]).unwrap_or(&[])
}

fn append(path: &Path, line: &str) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut file = std::fs::OpenOptions::new().create(true).append(true).open(path)?;
    file.write_all(line.as_bytes())
}

/// A private key file that needs a passphrase: PEM with `ENCRYPTED`, or the OpenSSH format
/// with a cipher other than `none`.
fn key_is_encrypted(text: &str) -> bool {
    if text.contains("ENCRYPTED") {
        return true;
    }
    if text.contains("BEGIN OPENSSH PRIVATE KEY") {
        // "openssh-key-v1\0" then the cipher name as a length-prefixed string.
        let body: String = text.lines().filter(|l| !l.starts_with("-----")).collect();
        return !body.starts_with("b3BlbnNzaC1rZXktdjEAAAAABG5vbmU");
    }
    false
}

/// The port of an `ssh://host:port/...` URL.
fn port_of(url: &str) -> Option<u16> {
    let rest = url.split_once("://")?.1;
    let authority = rest.split('/').next()?;
    let host_port = authority.rsplit('@').next()?;
    host_port.rsplit_once(':')?.1.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ports_come_from_ssh_urls_only() {
        assert_eq!(port_of("ssh://me@127.0.0.1:2222/srv/blog.git"), Some(2222));
        assert_eq!(port_of("ssh://me@host/srv/blog.git"), None);
        assert_eq!(port_of("me@host:blog.git"), None);
    }
}
