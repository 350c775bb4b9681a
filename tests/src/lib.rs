//! Drives the real Folio window: starts WebKitWebDriver, which starts the built app, and
//! talks the W3C WebDriver protocol to it. Needs a display (the Makefile runs the tests
//! under Xvfb) and the app built beforehand (`make app`).

mod webdriver;

pub use webdriver::{Element, Session, WebDriverError};

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// One window at a time: apps that share an X display take each other's focus, and the
/// tests that type or click would fail. Tests in one binary run on several threads unless
/// told otherwise; each [`App`] holds this while it lives.
static ONE_WINDOW: Mutex<()> = Mutex::new(());

/// The workspace root, where `target/` and the demo fixtures live.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
}

/// The app binary: `FOLIO_APP` if set, else the debug build in the workspace's target dir.
pub fn app_binary() -> PathBuf {
    if let Some(path) = std::env::var_os("FOLIO_APP") {
        return path.into();
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target"));
    target.join("debug").join("folio-app")
}

/// Where tests save screenshots for people to look at.
pub fn screenshot_dir() -> PathBuf {
    workspace_root().join("target").join("e2e")
}

/// A running app under WebKitWebDriver with its own empty data folder.
pub struct App {
    pub session: Session,
    /// The app's data folder (settings, demo blog); removed when the test ends.
    pub data_dir: tempfile::TempDir,
    /// When the driver was asked to launch the app (for start-up times).
    pub launched: std::time::SystemTime,
    driver: Child,
    _turn: MutexGuard<'static, ()>,
}

impl App {
    /// Starts WebKitWebDriver and, through it, the app on a fresh data folder, and waits
    /// until the window has loaded its page. Fails with the driver's output if not.
    pub fn start() -> Result<App, String> {
        App::start_in(tempfile::tempdir().map_err(|e| e.to_string())?)
    }

    /// Like [`App::start`], with a fresh data folder whose settings open the blog at `blog`.
    pub fn start_on(blog: &Path) -> Result<App, String> {
        let data = tempfile::tempdir().map_err(|e| e.to_string())?;
        let settings = serde_json::json!({ "lastBlog": blog });
        std::fs::write(data.path().join("settings.json"), settings.to_string())
            .map_err(|e| e.to_string())?;
        App::start_in(data)
    }

    /// Like [`App::start`], started on `file` as the desktop's "Open with Folio" starts it
    /// (`folio-app FILE`).
    pub fn start_on_file(file: &Path) -> Result<App, String> {
        App::launch(tempfile::tempdir().map_err(|e| e.to_string())?, &[file])
    }

    /// Like [`App::start`], on a data folder an earlier app used (to test what a restart
    /// finds there).
    pub fn start_in(data_dir: tempfile::TempDir) -> Result<App, String> {
        App::launch(data_dir, &[])
    }

    /// Like [`App::start_in`], with `path` as the app's `PATH` (the programs a writer's
    /// session finds); the driver itself is still found on the tests' `PATH`.
    pub fn start_in_with_path(
        data_dir: tempfile::TempDir,
        path: &std::ffi::OsStr,
    ) -> Result<App, String> {
        App::launch_with(data_dir, &[], Some(path))
    }

    fn launch(data_dir: tempfile::TempDir, args: &[&Path]) -> Result<App, String> {
        App::launch_with(data_dir, args, None)
    }

    fn launch_with(
        data_dir: tempfile::TempDir,
        args: &[&Path],
        app_path: Option<&std::ffi::OsStr>,
    ) -> Result<App, String> {
        if std::env::var_os("DISPLAY").is_none() {
            return Err("no DISPLAY: run the end-to-end tests under Xvfb (make test does)".into());
        }
        // A test that panicked with a window open poisons the lock; its window is gone.
        let turn = ONE_WINDOW.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let binary = app_binary();
        if !binary.is_file() {
            return Err(format!("{} is missing: build the app first (make app)", binary.display()));
        }
        let port = free_port()?;
        let log = data_dir.path().join("driver.log");
        let log_file = std::fs::File::create(&log).map_err(|e| e.to_string())?;
        let mut driver = Command::new(driver_program());
        if let Some(path) = app_path {
            driver.env("PATH", path);
        }
        let driver = driver
            .arg(format!("--port={port}"))
            .env("TAURI_WEBVIEW_AUTOMATION", "true")
            .env("FOLIO_DATA_DIR", data_dir.path())
            // An empty home: no git identity, SSH keys or config of whoever runs the tests.
            .env("HOME", home_dir(data_dir.path())?)
            .stdout(Stdio::from(log_file.try_clone().map_err(|e| e.to_string())?))
            .stderr(Stdio::from(log_file))
            .spawn()
            .map_err(|e| {
                format!("could not start WebKitWebDriver (apt package webkit2gtk-driver): {e}")
            })?;
        let mut app = App {
            session: Session::detached(port),
            data_dir,
            launched: std::time::SystemTime::now(),
            driver,
            _turn: turn,
        };
        let read_log = || std::fs::read_to_string(&log).unwrap_or_default();
        app.session
            .wait_for_driver(Duration::from_secs(20))
            .map_err(|e| format!("{e}\n{}", read_log()))?;
        app.launched = std::time::SystemTime::now();
        app.session
            .create(&binary, args, Duration::from_secs(60))
            .map_err(|e| format!("the app did not start: {e}\ndriver log:\n{}", read_log()))?;
        Ok(app)
    }

    /// The app's process and its WebKit helpers (found by this app's data folder).
    pub fn process_ids(&self) -> Vec<u32> {
        processes_with_env(&format!("FOLIO_DATA_DIR={}", self.data_dir.path().display()))
    }

    /// Kills the app process with SIGKILL, as a crash or power loss would, and ends the
    /// session. Returns the data folder for a restart with [`App::start_in`].
    pub fn kill(mut self) -> Result<tempfile::TempDir, String> {
        let binary = app_binary().canonicalize().map_err(|e| e.to_string())?;
        let mut killed = 0;
        for pid in self.process_ids() {
            let is_app =
                std::fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|exe| exe == binary);
            if is_app {
                let status = Command::new("kill")
                    .args(["-9", &pid.to_string()])
                    .status()
                    .map_err(|e| e.to_string())?;
                killed += usize::from(status.success());
            }
        }
        if killed != 1 {
            return Err(format!("expected to kill one app process, killed {killed}"));
        }
        self.session.forget();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        // Keep the folder: hand it out instead of dropping it with `self`.
        let data_dir =
            std::mem::replace(&mut self.data_dir, tempfile::tempdir().map_err(|e| e.to_string())?);
        Ok(data_dir)
    }

    /// Saves a screenshot of the window as `target/e2e/NAME.png` and returns its path.
    pub fn screenshot(&self, name: &str) -> Result<PathBuf, String> {
        // WebKit's snapshot can lag the DOM by a frame or two: let the page paint first.
        std::thread::sleep(Duration::from_millis(300));
        // Without GPU compositing (the app turns it off), WebKit's snapshot waits for the
        // next paint, which never comes while the page is idle. A 1-pixel mark in the
        // corner that changes every frame for a moment makes one; then it goes.
        const NUDGE: &str = "const m = document.createElement('div'); \
            m.style.cssText = 'position:fixed;right:0;bottom:0;width:1px;height:1px;pointer-events:none;z-index:2147483647'; \
            document.body.append(m); let n = 0; \
            const tick = () => { m.style.opacity = String(0.01 + (n++ % 2) * 0.01); \
              if (n < 120) requestAnimationFrame(tick); else m.remove(); }; \
            requestAnimationFrame(tick); return true;";
        self.session.execute(NUDGE, vec![]).map_err(|e| e.to_string())?;
        let png = self.session.screenshot().map_err(|e| e.to_string())?;
        let dir = screenshot_dir();
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, png).map_err(|e| e.to_string())?;
        Ok(path)
    }
}

impl Drop for App {
    fn drop(&mut self) {
        self.session.delete();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// How many times its `timeout` a wait allows before it gives up. A timeout is when a test
/// declares failure, not how long the window should take: a wait returns as soon as its
/// condition holds, and with both cores busy with another build the window was seen
/// taking more than 10 s to reopen a post it reopens in 3 s on an idle machine.
const DEADLINE_SLACK: u32 = 4;

/// Polls `check` until it returns `Some` or `timeout` (times [`DEADLINE_SLACK`]) passes.
pub fn wait_for<T>(timeout: Duration, mut check: impl FnMut() -> Option<T>) -> Option<T> {
    let deadline = Instant::now() + timeout * DEADLINE_SLACK;
    loop {
        if let Some(value) = check() {
            return Some(value);
        }
        if Instant::now() >= deadline {
            return None;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Runs xdotool (real X input, as a person makes it) and returns what it printed.
pub fn xdotool(args: &[&str]) -> String {
    let out = Command::new("xdotool").args(args).output().expect("xdotool (apt: xdotool)");
    assert!(out.status.success(), "xdotool {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Where the page's (0, 0) is on the screen: the window's position plus what sits above
/// and beside the web view inside it.
pub fn page_origin(s: &Session) -> (i32, i32) {
    let id = xdotool(&["search", "--onlyvisible", "--name", "^Folio$"]);
    let id = id.lines().next().expect("the Folio window is on screen").to_string();
    let geometry = xdotool(&["getwindowgeometry", "--shell", &id]);
    let field = |name: &str| -> i32 {
        geometry
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{name}=")))
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or_else(|| panic!("no {name} in {geometry}"))
    };
    let inner = s.execute("return [window.innerWidth, window.innerHeight];", vec![]).unwrap();
    let inner = |i: usize| inner[i].as_i64().unwrap_or_default() as i32;
    // Anything the window adds around the web view (a title bar without a window manager)
    // is at the top.
    (field("X") + (field("WIDTH") - inner(0)) / 2, field("Y") + field("HEIGHT") - inner(1))
}

/// WebKitWebDriver, found on the tests' `PATH` (the app may be given another).
fn driver_program() -> PathBuf {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .map(|dir| dir.join("WebKitWebDriver"))
        .find(|p| p.is_file())
        .unwrap_or_else(|| PathBuf::from("WebKitWebDriver"))
}

fn home_dir(data_dir: &Path) -> Result<PathBuf, String> {
    let home = data_dir.join("home");
    std::fs::create_dir_all(&home).map_err(|e| e.to_string())?;
    Ok(home)
}

fn free_port() -> Result<u16, String> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    listener.local_addr().map(|a| a.port()).map_err(|e| e.to_string())
}

/// The processes whose environment holds `var_value` (`NAME=value`): a process and the
/// children it started, which inherit it.
pub fn processes_with_env(var_value: &str) -> Vec<u32> {
    let Ok(entries) = std::fs::read_dir("/proc") else { return Vec::new() };
    entries
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| {
            let environ = std::fs::read(format!("/proc/{pid}/environ")).unwrap_or_default();
            environ.split(|b| *b == 0).any(|var| var == var_value.as_bytes())
        })
        .collect()
}
