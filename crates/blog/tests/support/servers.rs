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

/// A small HTTP/1.1 server in front of `git http-backend` (CGI) that demands basic auth
/// for `user`/`password`, like a git host behind HTTPS would (plain HTTP on loopback).
pub struct HttpGit {
    pub port: u16,
    /// Requests refused with 401, to check that wrong credentials are not retried forever.
    pub refused: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl Drop for HttpGit {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::SeqCst);
        let _ = TcpStream::connect(("127.0.0.1", self.port)); // Wake the accept loop.
    }
}

impl HttpGit {
    pub fn start(project_root: &Path, user: &str, password: &str) -> HttpGit {
        use base64::Engine;
        use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
        use std::sync::Arc;
        let backend = require("git-http-backend", "git");
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let expected = format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"))
        );
        let refused = Arc::new(AtomicUsize::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let root = project_root.to_path_buf();
        let (refused2, stop2, user) = (refused.clone(), stop.clone(), user.to_string());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stop2.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let (backend, root, expected, user, refused) = (
                    backend.clone(),
                    root.clone(),
                    expected.clone(),
                    user.clone(),
                    refused2.clone(),
                );
                std::thread::spawn(move || {
                    let _ = serve(stream, &backend, &root, &expected, &user, &refused);
                });
            }
        });
        HttpGit { port, refused, stop }
    }

    pub fn url(&self, user: Option<&str>, repo: &str) -> String {
        match user {
            Some(user) => format!("http://{user}@127.0.0.1:{}/{repo}", self.port),
            None => format!("http://127.0.0.1:{}/{repo}", self.port),
        }
    }
}

fn serve(
    stream: TcpStream,
    backend: &Path,
    root: &Path,
    expected_auth: &str,
    user: &str,
    refused: &std::sync::atomic::AtomicUsize,
) -> std::io::Result<()> {
    use std::io::{BufRead, BufReader, Read, Write};
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut writer = stream;
    loop {
        let mut request_line = String::new();
        if reader.read_line(&mut request_line)? == 0 {
            return Ok(());
        }
        let mut parts = request_line.split_whitespace();
        let method = parts.next().unwrap_or("").to_string();
        let target = parts.next().unwrap_or("/").to_string();
        let mut headers = Vec::new();
        loop {
            let mut line = String::new();
            reader.read_line(&mut line)?;
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some((k, v)) = line.split_once(':') {
                headers.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
            }
        }
        let header = |name: &str| headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
        let mut body = Vec::new();
        if header("transfer-encoding").is_some_and(|v| v.contains("chunked")) {
            loop {
                let mut size = String::new();
                reader.read_line(&mut size)?;
                let n = usize::from_str_radix(size.trim().split(';').next().unwrap_or("0"), 16)
                    .unwrap_or(0);
                let mut chunk = vec![0; n + 2];
                reader.read_exact(&mut chunk)?;
                if n == 0 {
                    break;
                }
                body.extend_from_slice(&chunk[..n]);
            }
        } else if let Some(len) = header("content-length").and_then(|v| v.parse().ok()) {
            body.resize(len, 0);
            reader.read_exact(&mut body)?;
        }
        if header("authorization").as_deref() != Some(expected_auth) {
            refused.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            writer.write_all(
                b"HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"folio\"\r\n\
                  Content-Length: 0\r\n\r\n",
            )?;
            continue;
        }
        let (path, query) = target.split_once('?').unwrap_or((&target, ""));
        let mut child = Command::new(backend)
            .env_clear()
            .env("GIT_PROJECT_ROOT", root)
            .env("GIT_HTTP_EXPORT_ALL", "1")
            .env("REQUEST_METHOD", &method)
            .env("PATH_INFO", path)
            .env("QUERY_STRING", query)
            .env("CONTENT_TYPE", header("content-type").unwrap_or_default())
            .env("CONTENT_LENGTH", body.len().to_string())
            .env("REMOTE_USER", user)
            .env("REMOTE_ADDR", "127.0.0.1")
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()?;
        let mut stdin = child.stdin.take().unwrap();
        let feeder = std::thread::spawn(move || stdin.write_all(&body));
        let output = child.wait_with_output()?;
        let _ = feeder.join();
        let out = output.stdout;
        let split = out
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .map(|i| (i, i + 4))
            .or_else(|| out.windows(2).position(|w| w == b"\n\n").map(|i| (i, i + 2)))
            .unwrap_or((out.len(), out.len()));
        let head = String::from_utf8_lossy(&out[..split.0]).to_string();
        let content = &out[split.1..];
        let mut status = "200 OK".to_string();
        let mut response_headers = String::new();
        for line in head.lines() {
            if let Some(s) = line.strip_prefix("Status:") {
                status = s.trim().to_string();
            } else if !line.is_empty() {
                response_headers.push_str(line.trim_end());
                response_headers.push_str("\r\n");
            }
        }
        write!(
            writer,
            "HTTP/1.1 {status}\r\n{response_headers}Content-Length: {}\r\n\r\n",
            content.len()
        )?;
        writer.write_all(content)?;
        writer.flush()?;
    }
}
