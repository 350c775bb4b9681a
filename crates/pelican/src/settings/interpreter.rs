//! Which Python is the blog's: the one the writer builds the blog with.

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::SettingsError;

/// Virtualenv folder names looked for in the blog folder, then in its parent.
const VENV_NAMES: [&str; 4] = [".venv", "venv", "env", ".env"];

/// Interpreter names tried on `PATH` for one that has Pelican, after `python3`.
const PYTHON_NAMES: [&str; 9] = [
    "python3.14",
    "python3.13",
    "python3.12",
    "python3.11",
    "python3.10",
    "python3.9",
    "python3.8",
    "python",
    "pypy3",
];

/// A Python interpreter and how it was found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Interpreter {
    /// The interpreter's path.
    pub path: PathBuf,
    /// How it was found.
    pub origin: InterpreterOrigin,
}

/// How the interpreter was found, in the order Folio looks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum InterpreterOrigin {
    /// The caller named it.
    Explicit,
    /// A virtualenv in the blog folder or beside it.
    Virtualenv,
    /// The interpreter in the shebang of `pelican` on `PATH`.
    PelicanOnPath,
    /// The interpreter in the shebang of `~/.local/bin/pelican` (where `pip install --user`
    /// and pipx put it, a folder a desktop session's `PATH` often lacks).
    UserPelican,
    /// The virtualenv pipx made for Pelican (`pipx install pelican`).
    Pipx,
    /// A Python on `PATH` that can import Pelican (`python3` first).
    PythonWithPelican,
    /// `python3` on `PATH`, which cannot import Pelican (no other Python found could).
    Python3OnPath,
}

/// Where Folio looks for the writer's Python besides the blog folder: the environment's
/// `PATH`, home folder and `PIPX_HOME`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchPlaces {
    /// `PATH`.
    pub path: OsString,
    /// The home folder (`HOME`, or `USERPROFILE` on Windows).
    pub home: Option<PathBuf>,
    /// `PIPX_HOME`, where pipx keeps its virtualenvs when set.
    pub pipx_home: Option<PathBuf>,
}

impl SearchPlaces {
    /// The places this process's environment names.
    pub fn from_env() -> SearchPlaces {
        let home = if cfg!(windows) { "USERPROFILE" } else { "HOME" };
        SearchPlaces {
            path: std::env::var_os("PATH").unwrap_or_default(),
            home: std::env::var_os(home).filter(|h| !h.is_empty()).map(PathBuf::from),
            pipx_home: std::env::var_os("PIPX_HOME").filter(|h| !h.is_empty()).map(PathBuf::from),
        }
    }

    /// The folders pipx keeps Pelican's virtualenv in, newest layout first.
    fn pipx_venvs(&self) -> Vec<PathBuf> {
        let mut venvs: Vec<PathBuf> = self.pipx_home.iter().map(|h| h.join("venvs")).collect();
        if let Some(home) = &self.home {
            venvs.push(home.join(".local/share/pipx/venvs"));
            venvs.push(home.join(".local/pipx/venvs"));
        }
        venvs.into_iter().map(|v| v.join("pelican")).collect()
    }
}

/// Finds the blog's interpreter: `explicit` when given, else a virtualenv in or beside
/// `blog_dir` (`.venv`, `venv`, `env`, `.env`, then the same in the parent folder), else
/// the interpreter behind `pelican` on `PATH` (its shebang), else the one behind
/// `~/.local/bin/pelican`, else pipx's virtualenv for Pelican, else the first Python on
/// `PATH` that can import Pelican (`python3`, `python3.N`, `python`), else `python3`.
pub fn find_interpreter(
    blog_dir: &Path,
    explicit: Option<&Path>,
) -> Result<Interpreter, SettingsError> {
    find_interpreter_in(blog_dir, explicit, &SearchPlaces::from_env())
}

/// [`find_interpreter`] looking in `places` instead of this process's environment.
pub fn find_interpreter_in(
    blog_dir: &Path,
    explicit: Option<&Path>,
    places: &SearchPlaces,
) -> Result<Interpreter, SettingsError> {
    if let Some(path) = explicit {
        return explicit_interpreter(path);
    }
    let found = search(blog_dir, places, Asking::Allowed)?;
    // A search that may ask always answers.
    found
        .map(|found| found.interpreter)
        .ok_or_else(|| SettingsError::NoPython { blog: blog_dir.to_path_buf() })
}

/// The interpreter the caller named, when it exists.
pub(super) fn explicit_interpreter(path: &Path) -> Result<Interpreter, SettingsError> {
    if !path.is_file() {
        return Err(SettingsError::NoSuchPython(path.to_path_buf()));
    }
    Ok(Interpreter { path: path.to_path_buf(), origin: InterpreterOrigin::Explicit })
}

/// A file or folder the search looked at, as it was then. A folder's modification time
/// changes when a file is added to it or taken out, so the folders of `PATH` stand for
/// the interpreters that were not there.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Seen {
    path: PathBuf,
    /// Size and modification time (nanoseconds since the epoch); `None` when it did not
    /// exist.
    stamp: Option<(u64, u128)>,
}

impl Seen {
    fn now(path: &Path) -> Seen {
        let stamp = std::fs::metadata(path).ok().map(|meta| {
            let modified = meta.modified().ok().and_then(|m| m.duration_since(UNIX_EPOCH).ok());
            (meta.len(), modified.map_or(0, |m| m.as_nanos()))
        });
        Seen { path: path.to_path_buf(), stamp }
    }

    fn unchanged(&self) -> bool {
        Seen::now(&self.path) == *self
    }
}

/// A search's answer and everything it depended on: the places it looked in and the files
/// and folders it looked at, so the answer can be kept between runs and trusted while they
/// are as they were, without starting a single interpreter.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(super) struct Found {
    places: SearchPlaces,
    seen: Vec<Seen>,
    pub(super) interpreter: Interpreter,
}

impl Found {
    /// Whether a search in `places` would find the same interpreter now.
    pub(super) fn holds(&self, places: &SearchPlaces) -> bool {
        self.places == *places && self.seen.iter().all(Seen::unchanged)
    }
}

/// One search, recording what it looked at.
struct Search<'a> {
    places: &'a SearchPlaces,
    seen: Vec<Seen>,
}

impl Search<'_> {
    fn is_file(&mut self, path: &Path) -> bool {
        self.seen.push(Seen::now(path));
        path.is_file()
    }

    /// The first file called `name` in the folders of `PATH`.
    fn on_path(&mut self, name: &str) -> Option<PathBuf> {
        let exe = exe(name);
        for dir in std::env::split_paths(&self.places.path) {
            self.seen.push(Seen::now(&dir));
            let path = dir.join(&exe);
            if self.is_file(&path) {
                return Some(path);
            }
        }
        None
    }

    /// The Python a script's `#!` line names: `#!/path/python`, `#!/usr/bin/env python3`,
    /// or the `'''exec' /path/python` second line pip writes when the path is too long for
    /// `#!`.
    fn shebang_python(&mut self, script: &Path) -> Option<PathBuf> {
        if !self.is_file(script) {
            return None;
        }
        let mut head = [0u8; 1024];
        let len = {
            use std::io::Read;
            std::fs::File::open(script).ok()?.read(&mut head).ok()?
        };
        let text = String::from_utf8_lossy(&head[..len]);
        let mut lines = text.lines();
        let mut line = lines.next()?.strip_prefix("#!")?;
        if let Some(exec) = lines.next().and_then(|l| l.strip_prefix("'''exec' ")) {
            line = exec;
        }
        let mut words = line.split_whitespace();
        let program = Path::new(words.next()?);
        let python = if program.file_name() == Some(OsStr::new("env")) {
            let name = words.find(|w| !w.starts_with('-'))?;
            self.on_path(name)?
        } else {
            program.to_path_buf()
        };
        let name = python.file_name()?.to_string_lossy().to_ascii_lowercase();
        (name.starts_with("python") && self.is_file(&python)).then_some(python)
    }

    fn found(self, path: PathBuf, origin: InterpreterOrigin) -> Found {
        let mut seen = Vec::with_capacity(self.seen.len());
        for one in self.seen {
            if !seen.iter().any(|s: &Seen| s.path == one.path) {
                seen.push(one);
            }
        }
        Found { places: self.places.clone(), seen, interpreter: Interpreter { path, origin } }
    }
}

/// Whether a search may start Pythons to ask them whether they have Pelican.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Asking {
    Allowed,
    /// Only files are looked at: the search answers `None` where it would have to ask.
    Forbidden,
}

/// [`find_interpreter_in`] without an explicit interpreter, with what it looked at; `None`
/// when `asking` is forbidden and only asking the Pythons on `PATH` could tell.
pub(super) fn search(
    blog_dir: &Path,
    places: &SearchPlaces,
    asking: Asking,
) -> Result<Option<Found>, SettingsError> {
    search_files(blog_dir, places, asking)
        .map(|answer| answer.map(|(search, path, origin)| search.found(path, origin)))
}

type Answer<'a> = Option<(Search<'a>, PathBuf, InterpreterOrigin)>;

fn search_files<'a>(
    blog_dir: &Path,
    places: &'a SearchPlaces,
    asking: Asking,
) -> Result<Answer<'a>, SettingsError> {
    let mut search = Search { places, seen: Vec::new() };
    let folders = std::iter::once(blog_dir).chain(blog_dir.parent());
    for folder in folders {
        for name in VENV_NAMES {
            let python = venv_python(&folder.join(name));
            if search.is_file(&python) {
                return Ok(Some((search, python, InterpreterOrigin::Virtualenv)));
            }
        }
    }
    if let Some(pelican) = search.on_path("pelican") {
        if let Some(python) = search.shebang_python(&pelican) {
            return Ok(Some((search, python, InterpreterOrigin::PelicanOnPath)));
        }
    }
    if let Some(home) = &places.home {
        if let Some(python) = search.shebang_python(&home.join(".local/bin").join(exe("pelican"))) {
            return Ok(Some((search, python, InterpreterOrigin::UserPelican)));
        }
    }
    for venv in places.pipx_venvs() {
        let python = venv_python(&venv);
        if search.is_file(&python) {
            return Ok(Some((search, python, InterpreterOrigin::Pipx)));
        }
    }
    let python3 = if cfg!(windows) { "python" } else { "python3" };
    let mut candidates: Vec<PathBuf> = Vec::new();
    for name in std::iter::once(python3).chain(PYTHON_NAMES) {
        if let Some(python) = search.on_path(name) {
            if !candidates.contains(&python) {
                candidates.push(python);
            }
        }
    }
    if asking == Asking::Forbidden && !candidates.is_empty() {
        return Ok(None);
    }
    if let Some(python) = first_with_pelican(&candidates) {
        return Ok(Some((search, python, InterpreterOrigin::PythonWithPelican)));
    }
    match candidates.into_iter().find(|p| p.file_name() == Some(OsStr::new(&exe(python3)))) {
        Some(python) => Ok(Some((search, python, InterpreterOrigin::Python3OnPath))),
        None => Err(SettingsError::NoPython { blog: blog_dir.to_path_buf() }),
    }
}

/// How long one interpreter may take to say whether it has Pelican. Starting Python takes
/// a few tens of milliseconds, a version manager's shim half a second; one that takes
/// longer than this is counted as without Pelican.
const PROBE_TIMEOUT: Duration = Duration::from_secs(5);

/// The first of `candidates` that can import Pelican. They are all asked at once, each in
/// a thread of its own: asking costs a start of the interpreter, and with pyenv's shims
/// each start is slow.
fn first_with_pelican(candidates: &[PathBuf]) -> Option<PathBuf> {
    let answers: Vec<bool> = std::thread::scope(|scope| {
        let asked: Vec<_> =
            candidates.iter().map(|python| scope.spawn(|| has_pelican(python))).collect();
        asked.into_iter().map(|answer| answer.join().unwrap_or(false)).collect()
    });
    candidates.iter().zip(answers).find(|(_, yes)| *yes).map(|(python, _)| python.clone())
}

/// Whether `python` can import Pelican (it finds the module without importing it), within
/// [`PROBE_TIMEOUT`] of processor time (four times that by the clock).
fn has_pelican(python: &Path) -> bool {
    let child = Command::new(python)
        .args([
            "-c",
            "import importlib.util, sys; sys.exit(importlib.util.find_spec('pelican') is None)",
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    let Ok(mut child) = child else { return false };
    let wall = PROBE_TIMEOUT * 4;
    crate::child_time::wait_within(&mut child, PROBE_TIMEOUT, wall, Duration::from_millis(5))
        .is_ok_and(|status| status.success())
}

fn venv_python(venv: &Path) -> PathBuf {
    if cfg!(windows) {
        venv.join("Scripts").join("python.exe")
    } else {
        venv.join("bin").join("python")
    }
}

fn exe(name: &str) -> String {
    if cfg!(windows) {
        format!("{name}.exe")
    } else {
        name.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Places with `path_var` as `PATH` and no home folder.
    fn on_path_only(path_var: &OsStr) -> SearchPlaces {
        SearchPlaces { path: path_var.to_os_string(), ..SearchPlaces::default() }
    }

    fn fake_python(path: &Path) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, "").unwrap();
    }

    #[test]
    fn a_virtualenv_in_the_blog_comes_before_one_beside_it_and_before_path() {
        let tmp = tempfile::tempdir().unwrap();
        let blog = tmp.path().join("blog");
        std::fs::create_dir(&blog).unwrap();
        fake_python(&venv_python(&tmp.path().join(".venv")));
        let found = find_interpreter_in(&blog, None, &on_path_only(OsStr::new(""))).unwrap();
        assert_eq!(found.path, venv_python(&tmp.path().join(".venv")), "beside the blog");
        fake_python(&venv_python(&blog.join("venv")));
        let found = find_interpreter_in(&blog, None, &on_path_only(OsStr::new(""))).unwrap();
        assert_eq!(
            found,
            Interpreter {
                path: venv_python(&blog.join("venv")),
                origin: InterpreterOrigin::Virtualenv
            }
        );
    }

    #[test]
    fn the_interpreter_behind_pelican_on_path_comes_before_python3() {
        let tmp = tempfile::tempdir().unwrap();
        let bin = tmp.path().join("bin");
        let python = tmp.path().join("tools").join("python3.12");
        fake_python(&python);
        fake_python(&bin.join("python3"));
        std::fs::write(bin.join("pelican"), format!("#!{}\nimport pelican\n", python.display()))
            .unwrap();
        let found = find_interpreter_in(tmp.path(), None, &on_path_only(bin.as_os_str())).unwrap();
        assert_eq!((found.path, found.origin), (python.clone(), InterpreterOrigin::PelicanOnPath));

        std::fs::write(bin.join("pelican"), "#!/usr/bin/env python3\n").unwrap();
        let found = find_interpreter_in(tmp.path(), None, &on_path_only(bin.as_os_str())).unwrap();
        assert_eq!(found.path, bin.join("python3"), "env's argument is looked up on PATH");

        let long = format!("#!/bin/sh\n'''exec' {} \"$0\" \"$@\"\n' '''\n", python.display());
        std::fs::write(bin.join("pelican"), long).unwrap();
        let found = find_interpreter_in(tmp.path(), None, &on_path_only(bin.as_os_str())).unwrap();
        assert_eq!(found.path, python, "pip's launcher for a long interpreter path");
    }

    #[test]
    fn no_interpreter_anywhere_and_a_missing_explicit_one_are_errors() {
        let tmp = tempfile::tempdir().unwrap();
        let err = find_interpreter_in(tmp.path(), None, &on_path_only(OsStr::new(""))).unwrap_err();
        assert!(matches!(err, SettingsError::NoPython { .. }), "{err}");
        let missing = tmp.path().join("nope").join("python");
        let err = find_interpreter_in(tmp.path(), Some(&missing), &on_path_only(OsStr::new("")))
            .unwrap_err();
        assert!(err.to_string().contains("nope"), "{err}");
    }
}
