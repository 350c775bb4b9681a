//! Which Python is the blog's: the one the writer builds the blog with.

use std::collections::HashMap;
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Mutex, OnceLock};
use std::time::SystemTime;

use serde::Serialize;

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
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Interpreter {
    /// The interpreter's path.
    pub path: PathBuf,
    /// How it was found.
    pub origin: InterpreterOrigin,
}

/// How the interpreter was found, in the order Folio looks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
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
#[derive(Clone, Debug, Default)]
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
        if !path.is_file() {
            return Err(SettingsError::NoSuchPython(path.to_path_buf()));
        }
        return Ok(Interpreter { path: path.to_path_buf(), origin: InterpreterOrigin::Explicit });
    }
    let found = |path, origin| Ok(Interpreter { path, origin });
    let folders = std::iter::once(blog_dir).chain(blog_dir.parent());
    for folder in folders {
        for name in VENV_NAMES {
            let python = venv_python(&folder.join(name));
            if python.is_file() {
                return found(python, InterpreterOrigin::Virtualenv);
            }
        }
    }
    let path_var = places.path.as_os_str();
    if let Some(python) = on_path(path_var, "pelican").and_then(|p| shebang_python(&p, path_var)) {
        return found(python, InterpreterOrigin::PelicanOnPath);
    }
    let user_pelican = places.home.as_ref().map(|h| h.join(".local/bin").join(exe("pelican")));
    if let Some(python) = user_pelican.and_then(|p| shebang_python(&p, path_var)) {
        return found(python, InterpreterOrigin::UserPelican);
    }
    if let Some(python) = places.pipx_venvs().iter().map(|v| venv_python(v)).find(|p| p.is_file()) {
        return found(python, InterpreterOrigin::Pipx);
    }
    let python3 = if cfg!(windows) { "python" } else { "python3" };
    let first = on_path(path_var, python3);
    let names = std::iter::once(python3).chain(PYTHON_NAMES);
    if let Some(python) = names.filter_map(|n| on_path(path_var, n)).find(|p| has_pelican(p)) {
        return found(python, InterpreterOrigin::PythonWithPelican);
    }
    if let Some(python) = first {
        return found(python, InterpreterOrigin::Python3OnPath);
    }
    Err(SettingsError::NoPython { blog: blog_dir.to_path_buf() })
}

/// Whether `python` can import Pelican (it finds the module without importing it). The
/// answer is kept while the file's modification time stays the same: asking costs a start
/// of the interpreter, and a version manager's shim takes half a second.
fn has_pelican(python: &Path) -> bool {
    /// Each interpreter's answer and its file's modification time when it gave it.
    type Answers = Mutex<HashMap<PathBuf, (Option<SystemTime>, bool)>>;
    static ANSWERS: OnceLock<Answers> = OnceLock::new();
    let modified = std::fs::metadata(python).and_then(|m| m.modified()).ok();
    let answers = ANSWERS.get_or_init(Default::default);
    if let Some((when, answer)) =
        answers.lock().unwrap_or_else(|p| p.into_inner()).get(python).copied()
    {
        if when == modified {
            return answer;
        }
    }
    let answer = Command::new(python)
        .args([
            "-c",
            "import importlib.util, sys; sys.exit(importlib.util.find_spec('pelican') is None)",
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    answers
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .insert(python.to_path_buf(), (modified, answer));
    answer
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

/// The first file called `name` in the folders of `path_var`.
fn on_path(path_var: &OsStr, name: &str) -> Option<PathBuf> {
    let exe = exe(name);
    std::env::split_paths(path_var).map(|dir| dir.join(&exe)).find(|path| path.is_file())
}

/// The Python a script's `#!` line names: `#!/path/python`, `#!/usr/bin/env python3`, or
/// the `'''exec' /path/python` second line pip writes when the path is too long for `#!`.
fn shebang_python(script: &Path, path_var: &OsStr) -> Option<PathBuf> {
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
        on_path(path_var, name)?
    } else {
        program.to_path_buf()
    };
    let name = python.file_name()?.to_string_lossy().to_ascii_lowercase();
    (name.starts_with("python") && python.is_file()).then_some(python)
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
