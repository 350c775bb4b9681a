//! Which Python is the blog's: the one the writer builds the blog with.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::SettingsError;

/// Virtualenv folder names looked for in the blog folder, then in its parent.
const VENV_NAMES: [&str; 4] = [".venv", "venv", "env", ".env"];

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
    /// `python3` on `PATH`.
    Python3OnPath,
}

/// Finds the blog's interpreter: `explicit` when given, else a virtualenv in or beside
/// `blog_dir` (`.venv`, `venv`, `env`, `.env`, then the same in the parent folder), else
/// the interpreter behind `pelican` on `PATH` (its shebang), else `python3` on `PATH`.
pub fn find_interpreter(
    blog_dir: &Path,
    explicit: Option<&Path>,
) -> Result<Interpreter, SettingsError> {
    let path_var = std::env::var_os("PATH").unwrap_or_default();
    find_interpreter_on(blog_dir, explicit, &path_var)
}

/// [`find_interpreter`] with `path_var` standing for `PATH`.
pub(super) fn find_interpreter_on(
    blog_dir: &Path,
    explicit: Option<&Path>,
    path_var: &OsStr,
) -> Result<Interpreter, SettingsError> {
    if let Some(path) = explicit {
        if !path.is_file() {
            return Err(SettingsError::NoSuchPython(path.to_path_buf()));
        }
        return Ok(Interpreter { path: path.to_path_buf(), origin: InterpreterOrigin::Explicit });
    }
    let folders = std::iter::once(blog_dir).chain(blog_dir.parent());
    for folder in folders {
        for name in VENV_NAMES {
            let python = venv_python(&folder.join(name));
            if python.is_file() {
                return Ok(Interpreter { path: python, origin: InterpreterOrigin::Virtualenv });
            }
        }
    }
    if let Some(python) = on_path(path_var, "pelican").and_then(|p| shebang_python(&p, path_var)) {
        return Ok(Interpreter { path: python, origin: InterpreterOrigin::PelicanOnPath });
    }
    let python3 = if cfg!(windows) { "python" } else { "python3" };
    if let Some(python) = on_path(path_var, python3) {
        return Ok(Interpreter { path: python, origin: InterpreterOrigin::Python3OnPath });
    }
    Err(SettingsError::NoPython { blog: blog_dir.to_path_buf() })
}

fn venv_python(venv: &Path) -> PathBuf {
    if cfg!(windows) {
        venv.join("Scripts").join("python.exe")
    } else {
        venv.join("bin").join("python")
    }
}

/// The first file called `name` in the folders of `path_var`.
fn on_path(path_var: &OsStr, name: &str) -> Option<PathBuf> {
    let exe = if cfg!(windows) { format!("{name}.exe") } else { name.to_string() };
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
        let found = find_interpreter_on(&blog, None, OsStr::new("")).unwrap();
        assert_eq!(found.path, venv_python(&tmp.path().join(".venv")), "beside the blog");
        fake_python(&venv_python(&blog.join("venv")));
        let found = find_interpreter_on(&blog, None, OsStr::new("")).unwrap();
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
        let found = find_interpreter_on(tmp.path(), None, bin.as_os_str()).unwrap();
        assert_eq!((found.path, found.origin), (python.clone(), InterpreterOrigin::PelicanOnPath));

        std::fs::write(bin.join("pelican"), "#!/usr/bin/env python3\n").unwrap();
        let found = find_interpreter_on(tmp.path(), None, bin.as_os_str()).unwrap();
        assert_eq!(found.path, bin.join("python3"), "env's argument is looked up on PATH");

        let long = format!("#!/bin/sh\n'''exec' {} \"$0\" \"$@\"\n' '''\n", python.display());
        std::fs::write(bin.join("pelican"), long).unwrap();
        let found = find_interpreter_on(tmp.path(), None, bin.as_os_str()).unwrap();
        assert_eq!(found.path, python, "pip's launcher for a long interpreter path");
    }

    #[test]
    fn no_interpreter_anywhere_and_a_missing_explicit_one_are_errors() {
        let tmp = tempfile::tempdir().unwrap();
        let err = find_interpreter_on(tmp.path(), None, OsStr::new("")).unwrap_err();
        assert!(matches!(err, SettingsError::NoPython { .. }), "{err}");
        let missing = tmp.path().join("nope").join("python");
        let err = find_interpreter_on(tmp.path(), Some(&missing), OsStr::new("")).unwrap_err();
        assert!(err.to_string().contains("nope"), "{err}");
    }
}
