//! Signing Folio's commits as `git commit -S` signs them, when the repository says to
//! (`commit.gpgsign`): libgit2 does not, so we run the user's own `gpg` (or `gpgsm`) or
//! `ssh-keygen -Y sign` on the commit's bytes, with the same arguments git passes, and store
//! the signature in the commit's `gpgsig` header.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use git2::Config;

use crate::error::{Error, Result};

/// How a commit is to be signed, read from the repository's config.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Signer {
    format: Format,
    /// The program to run (`gpg.program`, `gpg.ssh.program`, ...).
    program: String,
    /// `user.signingkey`, if set.
    key: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    OpenPgp,
    X509,
    Ssh,
}

impl Format {
    fn name(self) -> &'static str {
        match self {
            Format::OpenPgp => "openpgp",
            Format::X509 => "x509",
            Format::Ssh => "ssh",
        }
    }
}

impl Signer {
    /// The signer `config` asks for, `None` when `commit.gpgsign` is not true. A signing
    /// set-up that cannot work (an unknown `gpg.format`, SSH signing without a key) is an
    /// error now, before anything is committed.
    pub(crate) fn from_config(config: &Config, repo_root: &Path) -> Result<Option<Signer>> {
        if !config.get_bool("commit.gpgsign").unwrap_or(false) {
            return Ok(None);
        }
        let string = |name: &str| config.get_string(name).ok().filter(|s| !s.trim().is_empty());
        let format = match string("gpg.format").as_deref() {
            None | Some("openpgp") => Format::OpenPgp,
            Some("x509") => Format::X509,
            Some("ssh") => Format::Ssh,
            Some(other) => {
                return Err(Error::SigningFailed {
                    path: repo_root.to_path_buf(),
                    format: other.to_string(),
                    message: "git knows the formats openpgp, x509 and ssh; set gpg.format to \
                              one of them"
                        .into(),
                })
            }
        };
        let program = match format {
            Format::OpenPgp => string("gpg.openpgp.program")
                .or_else(|| string("gpg.program"))
                .unwrap_or_else(|| "gpg".into()),
            Format::X509 => string("gpg.x509.program").unwrap_or_else(|| "gpgsm".into()),
            Format::Ssh => string("gpg.ssh.program").unwrap_or_else(|| "ssh-keygen".into()),
        };
        let key = string("user.signingkey");
        let signer = Signer { format, program, key };
        if format == Format::Ssh && signer.key.is_none() {
            return Err(signer.failed(
                repo_root,
                "commit.gpgsign is on with gpg.format ssh, but user.signingkey does not name a \
                 key: set it to your key file (for example ~/.ssh/id_ed25519.pub)",
            ));
        }
        Ok(Some(signer))
    }

    fn failed(&self, repo_root: &Path, message: impl Into<String>) -> Error {
        Error::SigningFailed {
            path: repo_root.to_path_buf(),
            format: self.format.name().into(),
            message: message.into(),
        }
    }

    /// Signs the commit `buffer`; `committer` is `Name <email>`, the key gpg uses when
    /// `user.signingkey` is not set. `scratch` is a folder for the files ssh-keygen needs
    /// (the repository's git folder, as git uses).
    pub(crate) fn sign(
        &self,
        buffer: &[u8],
        committer: &str,
        scratch: &Path,
        repo_root: &Path,
    ) -> Result<String> {
        match self.format {
            Format::OpenPgp | Format::X509 => self.sign_gpg(buffer, committer, repo_root),
            Format::Ssh => self.sign_ssh(buffer, scratch, repo_root),
        }
    }

    /// `gpg --status-fd=2 -bsau KEY`, the buffer on stdin, the armored signature on stdout;
    /// git accepts it only when gpg's status lines say `SIG_CREATED`.
    fn sign_gpg(&self, buffer: &[u8], committer: &str, repo_root: &Path) -> Result<String> {
        let key = self.key.as_deref().unwrap_or(committer);
        let mut command = Command::new(&self.program);
        command.args(["--status-fd=2", "-bsau", key]);
        let out = run(&mut command, Some(buffer)).map_err(|e| self.not_run(repo_root, e))?;
        let status = String::from_utf8_lossy(&out.stderr);
        if !out.status.success() || !status.contains("\n[GNUPG:] SIG_CREATED ") {
            return Err(self.failed(
                repo_root,
                format!("{} could not sign with key {key}: {}", self.program, tail(&status)),
            ));
        }
        String::from_utf8(out.stdout).map_err(|_| {
            self.failed(repo_root, format!("{} wrote a signature that is not text", self.program))
        })
    }

    /// `ssh-keygen -Y sign -n git -f KEY FILE` writes `FILE.sig`; a literal `key::` public
    /// key (or a public key file) signs through the agent with `-U`, as git does.
    fn sign_ssh(&self, buffer: &[u8], scratch: &Path, repo_root: &Path) -> Result<String> {
        let key = self.key.as_deref().unwrap_or_default();
        let buffer_file = scratch.join(format!(".folio-sign-{}", std::process::id()));
        let key_file;
        let mut command = Command::new(&self.program);
        command.args(["-Y", "sign", "-n", "git", "-f"]);
        let literal = key.strip_prefix("key::").or_else(|| key.starts_with("ssh-").then_some(key));
        match literal {
            Some(public) => {
                key_file = Some(scratch.join(format!(".folio-sign-key-{}", std::process::id())));
                let path = key_file.as_deref().unwrap_or(scratch);
                write_file(path, format!("{public}\n").as_bytes(), self, repo_root)?;
                command.arg(path).arg("-U");
            }
            None => {
                key_file = None;
                command.arg(expand_home(key));
            }
        }
        write_file(&buffer_file, buffer, self, repo_root)?;
        command.arg(&buffer_file);
        let result = run(&mut command, None);
        let sig_file = PathBuf::from(format!("{}.sig", buffer_file.display()));
        let signature = std::fs::read_to_string(&sig_file);
        for leftover in
            [Some(&buffer_file), Some(&sig_file), key_file.as_ref()].into_iter().flatten()
        {
            let _ = std::fs::remove_file(leftover);
        }
        let out = result.map_err(|e| self.not_run(repo_root, e))?;
        match signature {
            Ok(signature) if out.status.success() => Ok(signature),
            _ => Err(self.failed(
                repo_root,
                format!(
                    "{} could not sign with {key}: {}",
                    self.program,
                    tail(&String::from_utf8_lossy(&out.stderr))
                ),
            )),
        }
    }

    fn not_run(&self, repo_root: &Path, e: std::io::Error) -> Error {
        self.failed(
            repo_root,
            format!(
                "{} could not be started ({e}); install it or point {} at it",
                self.program,
                match self.format {
                    Format::OpenPgp => "gpg.program",
                    Format::X509 => "gpg.x509.program",
                    Format::Ssh => "gpg.ssh.program",
                }
            ),
        )
    }
}

fn write_file(path: &Path, bytes: &[u8], signer: &Signer, repo_root: &Path) -> Result<()> {
    std::fs::write(path, bytes)
        .map_err(|e| signer.failed(repo_root, format!("could not write {}: {e}", path.display())))
}

/// Runs `command` with `stdin` fed in, collecting both outputs.
fn run(command: &mut Command, stdin: Option<&[u8]>) -> std::io::Result<std::process::Output> {
    command
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn()?;
    if let (Some(bytes), Some(mut pipe)) = (stdin, child.stdin.take()) {
        // A program that exits early closes the pipe; its output says why.
        let _ = pipe.write_all(bytes);
    }
    child.wait_with_output()
}

/// `~/` at the start of a path is the home folder, as git reads `user.signingkey`.
fn expand_home(path: &str) -> PathBuf {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(path),
    }
}

/// The last few lines a program printed, without gpg's status lines, for a message.
fn tail(output: &str) -> String {
    let lines: Vec<&str> = output
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("[GNUPG:]"))
        .collect();
    let start = lines.len().saturating_sub(4);
    match lines[start..].join("; ") {
        empty if empty.is_empty() => "it gave no reason".into(),
        text => text,
    }
}
