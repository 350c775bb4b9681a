//! Real git servers on loopback, started by the tests and stopped on drop. A missing
//! server binary fails the test with the package to install, never a silent skip.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A port nothing listens on right now.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Finds a program or panics saying which Debian package provides it.
pub fn require(program: &str, package: &str) -> PathBuf {
    for dir in ["/usr/sbin", "/usr/bin", "/usr/local/bin", "/usr/lib/git-core", "/bin", "/sbin"] {
        let path = Path::new(dir).join(program);
        if path.is_file() {
            return path;
        }
    }
    panic!("{program} is missing: install the Debian package `{package}` (scripts/install-deps.sh does)");
}

pub fn wait_for_port(port: u16, child: &mut Child) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(10) {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return;
        }
        if let Ok(Some(status)) = child.try_wait() {
            panic!("the server on port {port} exited at start: {status}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("nothing listened on port {port} after 10 s");
}

/// A child process killed when dropped.
pub struct Server {
    pub port: u16,
    child: Child,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `git daemon` serving every repository under `base` read-write on `port`.
pub fn git_daemon(base: &Path, port: u16) -> Server {
    let git = require("git", "git");
    let mut child = Command::new(git)
        .args([
            "daemon",
            "--reuseaddr",
            "--export-all",
            "--enable=receive-pack",
            "--listen=127.0.0.1",
        ])
        .arg(format!("--port={port}"))
        .arg(format!("--base-path={}", base.display()))
        .arg(base)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start git daemon");
    wait_for_port(port, &mut child);
    Server { port, child }
}

/// Runs a setup command (ssh-keygen, ssh-add), panicking with its output on failure.
pub fn run(cmd: &mut Command) {
    let out = cmd.output().unwrap_or_else(|e| panic!("could not run {cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Makes an ed25519 key pair at `path` (and `path.pub`), with `passphrase` ("" for none).
pub fn ssh_keygen(path: &Path, passphrase: &str) {
    let keygen = require("ssh-keygen", "openssh-client");
    run(Command::new(keygen)
        .args(["-q", "-t", "ed25519", "-C", "folio-test", "-N", passphrase, "-f"])
        .arg(path));
}

/// An `sshd` on a free loopback port that accepts `authorized_keys` for the current user,
/// with its own host key. Git commands run as that user, so `ssh://user@127.0.0.1:port/abs/path`
/// reaches any repository on this machine.
pub struct Sshd {
    pub server: Server,
    /// `[127.0.0.1]:port ssh-ed25519 AAAA...`: the line known_hosts should hold.
    pub known_hosts_line: String,
    pub user: String,
    dir: tempfile::TempDir,
}

impl Sshd {
    pub fn start(authorized_keys: &[&Path]) -> Sshd {
        let sshd = require("sshd", "openssh-server");
        let dir = tempfile::tempdir().unwrap();
        let host_key = dir.path().join("host_ed25519");
        ssh_keygen(&host_key, "");
        let mut authorized = String::new();
        for key in authorized_keys {
            authorized.push_str(&std::fs::read_to_string(key.with_extension("pub")).unwrap());
        }
        let authorized_path = dir.path().join("authorized_keys");
        std::fs::write(&authorized_path, authorized).unwrap();
        let port = free_port();
        let config = dir.path().join("sshd_config");
        std::fs::write(
            &config,
            format!(
                "Port {port}\nListenAddress 127.0.0.1\nHostKey {}\nPidFile {}\n\
                 AuthorizedKeysFile {}\nStrictModes no\nUsePAM no\nPasswordAuthentication no\n\
                 KbdInteractiveAuthentication no\nPubkeyAuthentication yes\n\
                 PermitRootLogin prohibit-password\nLogLevel ERROR\n",
                host_key.display(),
                dir.path().join("sshd.pid").display(),
                authorized_path.display(),
            ),
        )
        .unwrap();
        // sshd's privilege separation wants this folder when run as root.
        let _ = std::fs::create_dir_all("/run/sshd");
        let mut child = Command::new(sshd)
            .args(["-D", "-e", "-f"])
            .arg(&config)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start sshd");
        wait_for_port(port, &mut child);
        let public = std::fs::read_to_string(host_key.with_extension("pub")).unwrap();
        let mut fields = public.split_whitespace();
        let known_hosts_line =
            format!("[127.0.0.1]:{port} {} {}\n", fields.next().unwrap(), fields.next().unwrap());
        let user = String::from_utf8(Command::new("id").arg("-un").output().unwrap().stdout)
            .unwrap()
            .trim()
            .to_string();
        Sshd { server: Server { port, child }, known_hosts_line, user, dir }
    }

    pub fn url(&self, repo: &Path) -> String {
        format!("ssh://{}@127.0.0.1:{}{}", self.user, self.server.port, repo.display())
    }

    /// A known_hosts line with a different key for this server: a "changed" host key.
    pub fn other_key_line(&self) -> String {
        let other = self.dir.path().join("other_host_key");
        ssh_keygen(&other, "");
        let public = std::fs::read_to_string(other.with_extension("pub")).unwrap();
        let mut fields = public.split_whitespace();
        format!(
            "[127.0.0.1]:{} {} {}\n",
            self.server.port,
            fields.next().unwrap(),
            fields.next().unwrap()
        )
    }
}

/// An `ssh-agent` on its own socket, holding `key`.
pub struct Agent {
    pub socket: PathBuf,
    _server: Server,
    _dir: tempfile::TempDir,
}

impl Agent {
    pub fn start(key: &Path) -> Agent {
        let agent = require("ssh-agent", "openssh-client");
        let add = require("ssh-add", "openssh-client");
        let dir = tempfile::tempdir().unwrap();
        let socket = dir.path().join("agent.sock");
        let child = Command::new(agent)
            .arg("-D")
            .arg("-a")
            .arg(&socket)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start ssh-agent");
        let start = Instant::now();
        while !socket.exists() && start.elapsed() < Duration::from_secs(10) {
            std::thread::sleep(Duration::from_millis(20));
        }
        run(Command::new(add).arg(key).env("SSH_AUTH_SOCK", &socket));
        Agent { socket, _server: Server { port: 0, child }, _dir: dir }
    }
}
