//! `pelicanconf.py` run by a real interpreter: the oracle venv's Pelican, and the same
//! Python without its site-packages (so without Pelican).
#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use folio_pelican::settings::{
    find_interpreter_in, read_settings, CacheOutcome, InterpreterOrigin, Plugins, ReadOptions,
    SearchPlaces, SettingsError, SettingsReader,
};
use folio_test_support::oracle_python;

/// A shell script that runs the oracle's base interpreter with `-S`: no site-packages, so
/// Pelican cannot be imported whatever is installed.
fn python_without_pelican(dir: &Path) -> PathBuf {
    let out = std::process::Command::new(oracle_python())
        .args(["-c", "import sys; print(sys._base_executable)"])
        .output()
        .unwrap();
    let base = String::from_utf8(out.stdout).unwrap().trim().to_string();
    let script = dir.join("python-without-site");
    std::fs::write(&script, format!("#!/bin/sh\nexec '{base}' -S \"$@\"\n")).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    script
}

/// A blog folder with `files` (path, text) written into it and a `content/` folder, since
/// Pelican refuses a `PATH` that does not exist.
fn blog(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("content")).unwrap();
    for (path, text) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

/// The tests share two cores with other builds: a generous timeout keeps a slow import of
/// Pelican from reading as a config that never finishes.
const PATIENT: Duration = Duration::from_secs(60);

fn options(python: PathBuf) -> ReadOptions {
    ReadOptions { python: Some(python), timeout: PATIENT, cache_file: None }
}

const COMPUTING_CONFIG: &str = "\
import os
from blogparts import BLOG_FOLDER
MYDIR = os.path.dirname(os.path.abspath(__file__))
PATH = os.path.join(MYDIR, 'content')
with open(os.path.join(MYDIR, 'name.txt')) as f:
    SITENAME = f.read().strip()
ARTICLE_PATHS = [BLOG_FOLDER]
print('the config may print; the answer still parses')
";

fn computing_blog() -> tempfile::TempDir {
    blog(&[
        ("pelicanconf.py", COMPUTING_CONFIG),
        ("blogparts.py", "BLOG_FOLDER = 'posts/' + 'en'\n"),
        ("name.txt", "Jim's notes\n"),
    ])
}

#[test]
fn pelican_evaluates_computed_paths_a_sibling_module_and_a_read_file_and_merges_its_defaults() {
    let dir = computing_blog();
    let root = dir.path().canonicalize().unwrap();
    let settings = read_settings(&root, &options(oracle_python())).unwrap();
    let value = |name: &str| settings.values.get(name).cloned().unwrap_or_default();
    assert_eq!(value("PATH"), root.join("content").to_str().unwrap(), "os.path.join ran");
    assert_eq!(value("SITENAME"), "Jim's notes", "the file was read");
    assert_eq!(value("ARTICLE_PATHS"), serde_json::json!(["posts/en"]), "the import ran");
    assert_eq!(
        value("PAGE_PATHS"),
        serde_json::json!(["pages"]),
        "a name the config never set comes from Pelican's defaults"
    );
    assert_eq!(value("MYDIR"), root.to_str().unwrap(), "a helper name is a setting too");
    assert_eq!(settings.pelican_version.as_deref(), Some("4.12.0"), "the oracle's Pelican");
    assert_eq!(settings.imported, [root.join("blogparts.py")]);
    assert_eq!(settings.read, [root.join("name.txt")]);
    assert!(!root.join("__pycache__").exists(), "no bytecode is written into the blog");
}

#[test]
fn without_pelican_the_config_runs_as_a_module_with_its_folder_on_sys_path() {
    let dir = computing_blog();
    let root = dir.path().canonicalize().unwrap();
    let tools = tempfile::tempdir().unwrap();
    let settings = read_settings(&root, &options(python_without_pelican(tools.path()))).unwrap();
    assert_eq!(settings.pelican_version, None);
    let missing = settings.pelican_missing.unwrap_or_default();
    assert!(missing.contains("pelican"), "the reason names Pelican: {missing}");
    assert_eq!(settings.values["ARTICLE_PATHS"], serde_json::json!(["posts/en"]));
    assert_eq!(settings.values["SITENAME"], "Jim's notes");
    assert!(!settings.values.contains_key("PAGE_PATHS"), "no defaults without Pelican");
    assert_eq!(settings.imported, [root.join("blogparts.py")]);
}

#[test]
fn values_json_cannot_hold_become_their_python_strings() {
    let dir = blog(&[(
        "pelicanconf.py",
        "import datetime\nWHEN = datetime.date(2020, 3, 20)\nODD = float('nan')\n\
         BY_NUMBER = {1: 'one'}\nPAIR = ('a', 2)\nlower_case = 'not a setting'\n",
    )]);
    let tools = tempfile::tempdir().unwrap();
    let settings =
        read_settings(dir.path(), &options(python_without_pelican(tools.path()))).unwrap().values;
    assert_eq!(settings["WHEN"], "2020-03-20");
    assert_eq!(settings["ODD"], "nan");
    assert_eq!(settings["BY_NUMBER"], serde_json::json!({"1": "one"}));
    assert_eq!(settings["PAIR"], serde_json::json!(["a", 2]));
    assert!(!settings.contains_key("lower_case"), "Pelican reads uppercase names only");
}

#[test]
fn a_config_that_raises_reports_pythons_error_with_the_file_and_line() {
    let dir = blog(&[("pelicanconf.py", "SITENAME = 'x'\nPATH = CONTENT_FOLDER\n")]);
    let err = read_settings(dir.path(), &options(oracle_python())).unwrap_err();
    let SettingsError::Raised(raised) = &err else {
        panic!("expected the config's error, got {err}")
    };
    assert_eq!(raised.summary, "NameError: name 'CONTENT_FOLDER' is not defined");
    assert_eq!(raised.file.as_deref().and_then(Path::file_name), Some("pelicanconf.py".as_ref()));
    assert_eq!(raised.line, Some(2));
    assert!(err.to_string().contains("pelicanconf.py:2"), "{err}");
}

#[test]
fn an_error_in_an_imported_module_points_at_that_module() {
    let dir =
        blog(&[("pelicanconf.py", "from parts import *\n"), ("parts.py", "A = 1\nB = 1 / 0\n")]);
    let tools = tempfile::tempdir().unwrap();
    let err =
        read_settings(dir.path(), &options(python_without_pelican(tools.path()))).unwrap_err();
    let SettingsError::Raised(raised) = &err else { panic!("{err}") };
    assert_eq!(raised.kind, "ZeroDivisionError");
    assert_eq!(raised.file.as_deref().and_then(Path::file_name), Some("parts.py".as_ref()));
    assert_eq!(raised.line, Some(2));
}

#[test]
fn a_config_that_loops_forever_times_out_and_its_process_is_killed() {
    let dir = blog(&[(
        "pelicanconf.py",
        "import os\nopen('pid', 'w').write(str(os.getpid()))\nwhile True:\n    pass\n",
    )]);
    // Without site-packages Python starts in milliseconds, so the config reaches its loop
    // well within the timeout even on a loaded machine.
    let tools = tempfile::tempdir().unwrap();
    let python = python_without_pelican(tools.path());
    let options = ReadOptions { timeout: Duration::from_secs(3), ..options(python) };
    let start = Instant::now();
    let err = read_settings(dir.path(), &options).unwrap_err();
    // Stopped by the processor time it spun (3 s), not by the clock's limit (12 times that,
    // for a config that waits on something forever).
    let SettingsError::Timeout { timeout, .. } = err else { panic!("{err}") };
    assert_eq!(timeout, Duration::from_secs(3), "the processor-time limit stopped it");
    assert!(start.elapsed() < Duration::from_secs(36), "stopped before the clock's limit");
    let pid = std::fs::read_to_string(dir.path().join("pid")).unwrap();
    assert!(!pid.is_empty(), "the config ran before the loop");
    assert!(!Path::new("/proc").join(pid.trim()).exists(), "the child {pid} is gone");
}

#[test]
fn the_cache_holds_until_the_config_or_a_module_it_imported_changes() {
    let dir = computing_blog();
    let root = dir.path().canonicalize().unwrap();
    let reader = SettingsReader::new(options(oracle_python()));
    assert_eq!(reader.read(&root).unwrap().cache, CacheOutcome::Miss);
    let again = reader.read(&root).unwrap();
    assert_eq!(again.cache, CacheOutcome::Hit, "nothing changed");
    assert_eq!(again.settings.values["ARTICLE_PATHS"], serde_json::json!(["posts/en"]));

    std::fs::write(root.join("blogparts.py"), "BLOG_FOLDER = 'articles'\n").unwrap();
    let changed = reader.read(&root).unwrap();
    assert_eq!(changed.cache, CacheOutcome::Miss, "an imported module changed");
    assert_eq!(changed.settings.values["ARTICLE_PATHS"], serde_json::json!(["articles"]));

    std::fs::write(root.join("name.txt"), "Another name\n").unwrap();
    let renamed = reader.read(&root).unwrap();
    assert_eq!(renamed.cache, CacheOutcome::Miss, "a file the config read changed");
    assert_eq!(renamed.settings.values["SITENAME"], "Another name");

    std::fs::write(root.join("pelicanconf.py"), format!("{COMPUTING_CONFIG}TIMEZONE = 'UTC'\n"))
        .unwrap();
    let edited = reader.read(&root).unwrap();
    assert_eq!(edited.cache, CacheOutcome::Miss, "pelicanconf.py changed");
    assert_eq!(edited.settings.values["TIMEZONE"], "UTC");
    assert_eq!(reader.read(&root).unwrap().cache, CacheOutcome::Hit);
}

#[test]
fn the_cache_file_carries_the_cache_to_the_next_reader() {
    let dir = computing_blog();
    let root = dir.path().canonicalize().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let options = ReadOptions {
        cache_file: Some(cache.path().join("settings-cache.json")),
        ..options(oracle_python())
    };
    assert_eq!(SettingsReader::new(options.clone()).read(&root).unwrap().cache, CacheOutcome::Miss);
    let next = SettingsReader::new(options.clone()).read(&root).unwrap();
    assert_eq!(next.cache, CacheOutcome::Hit, "a new reader finds the file's entry");
    assert_eq!(next.settings.values["SITENAME"], "Jim's notes");

    std::fs::write(root.join("blogparts.py"), "BLOG_FOLDER = 'elsewhere'\n").unwrap();
    assert_eq!(SettingsReader::new(options).read(&root).unwrap().cache, CacheOutcome::Miss);
}

#[test]
fn an_interpreter_that_answers_with_something_else_is_a_bad_output_error() {
    let dir = blog(&[("pelicanconf.py", "X = 1\n")]);
    let tools = tempfile::tempdir().unwrap();
    let fake = tools.path().join("python");
    std::fs::write(&fake, "#!/bin/sh\necho 'not json'\necho 'oops' >&2\n").unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    let err = read_settings(dir.path(), &options(fake)).unwrap_err();
    assert!(matches!(err, SettingsError::BadOutput { .. }), "{err}");
    assert!(err.to_string().contains("oops"), "the message carries its stderr: {err}");
}

/// A Python whose only Pelican is a small stand-in at `packages/pelican` (version `version`),
/// whose `read_settings` runs the file and adds one default: `(interpreter, settings.py)`.
fn python_with_stand_in_pelican(dir: &Path, version: &str) -> (PathBuf, PathBuf) {
    let packages = dir.join("packages");
    std::fs::create_dir_all(packages.join("pelican")).unwrap();
    std::fs::write(packages.join("pelican/__init__.py"), format!("__version__ = '{version}'\n"))
        .unwrap();
    let settings = packages.join("pelican/settings.py");
    std::fs::write(
        &settings,
        "import runpy\n\
         def read_settings(path):\n\
         \x20   values = {k: v for k, v in runpy.run_path(path).items() if k.isupper()}\n\
         \x20   return dict({'STAND_IN_DEFAULT': 1}, **values)\n",
    )
    .unwrap();
    let base = python_without_pelican(dir);
    let script = dir.join("python-with-stand-in");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nPYTHONPATH='{}' exec '{}' \"$@\"\n",
            packages.display(),
            base.display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    (script, settings)
}

#[test]
fn upgrading_pelican_makes_the_cached_settings_stale() {
    let dir = blog(&[("pelicanconf.py", "SITENAME = 'Stable'\n")]);
    let tools = tempfile::tempdir().unwrap();
    let (python, pelican_settings) = python_with_stand_in_pelican(tools.path(), "9.1");
    let reader = SettingsReader::new(options(python));
    let first = reader.read(dir.path()).unwrap();
    assert_eq!(first.settings.pelican_version.as_deref(), Some("9.1"));
    assert_eq!(first.settings.values["STAND_IN_DEFAULT"], 1, "read through Pelican's reader");
    assert_eq!(reader.read(dir.path()).unwrap().cache, CacheOutcome::Hit);

    let text = std::fs::read_to_string(&pelican_settings).unwrap();
    std::fs::write(
        &pelican_settings,
        text.replace("'STAND_IN_DEFAULT': 1", "'STAND_IN_DEFAULT': 22"),
    )
    .unwrap();
    let upgraded = reader.read(dir.path()).unwrap();
    assert_eq!(upgraded.cache, CacheOutcome::Miss, "Pelican's settings module changed");
    assert_eq!(upgraded.settings.values["STAND_IN_DEFAULT"], 22);
}

/// A plugin in `plugins/` that registers a directive when Pelican calls its `register()`
/// and a role when Pelican sends `initialized`, and a second one that fails to import.
const PLUGIN_BLOG: &[(&str, &str)] = &[
    (
        "pelicanconf.py",
        "SITENAME = 'Plugged'\nPLUGIN_PATHS = ['plugins']\nPLUGINS = ['diagrams', 'broken']\n",
    ),
    (
        "plugins/diagrams/__init__.py",
        "from docutils import nodes\n\
         from docutils.parsers.rst import Directive, directives, roles\n\
         from pelican import signals\n\
         class Ditaa(Directive):\n\
         \x20   has_content = True\n\
         \x20   def run(self):\n\
         \x20       return [nodes.raw('', '<!--ditaa-->', format='html')]\n\
         def kbd(name, rawtext, text, lineno, inliner, options={}, content=[]):\n\
         \x20   return [nodes.literal(rawtext, text)], []\n\
         def on_init(pelican):\n\
         \x20   roles.register_local_role('kbd', kbd)\n\
         def register():\n\
         \x20   directives.register_directive('ditaa', Ditaa)\n\
         \x20   signals.initialized.connect(on_init)\n",
    ),
    ("plugins/broken.py", "import no_such_module_anywhere\n"),
];

#[test]
fn the_blogs_plugins_are_loaded_as_pelican_loads_them_and_their_directives_and_roles_listed() {
    let dir = blog(PLUGIN_BLOG);
    let settings = read_settings(dir.path(), &options(oracle_python())).unwrap();
    let Plugins::Loaded(registry) = &settings.plugins else {
        panic!("the plugins were not loaded: {:?}", settings.plugins)
    };
    assert_eq!(registry.loaded, ["diagrams"], "the broken plugin is skipped, as Pelican skips it");
    assert_eq!(registry.directives, ["ditaa"]);
    assert_eq!(registry.roles, ["kbd"]);
    assert!(registry.replaced_directives.is_empty(), "{registry:?}");
    assert!(
        registry.errors.iter().any(|e| e.contains("broken") && e.contains("no_such_module")),
        "Pelican's own complaint about the broken plugin: {:?}",
        registry.errors
    );
    let plugin = std::fs::canonicalize(dir.path().join("plugins/diagrams/__init__.py")).unwrap();
    assert!(settings.imported.contains(&plugin), "a plugin's change makes the cache stale");
}

#[test]
fn without_pelican_the_plugins_directives_cannot_be_known() {
    let dir = blog(PLUGIN_BLOG);
    let tools = tempfile::tempdir().unwrap();
    let settings =
        read_settings(dir.path(), &options(python_without_pelican(tools.path()))).unwrap();
    match &settings.plugins {
        Plugins::Unknown { reason } => assert!(reason.contains("Pelican"), "{reason}"),
        Plugins::Loaded(registry) => panic!("loaded without Pelican: {registry:?}"),
    }
}

/// The oracle venv's folder (with `bin/python` and `bin/pelican`).
fn oracle_venv() -> PathBuf {
    let python = oracle_python();
    python.parent().and_then(Path::parent).map(Path::to_path_buf).unwrap()
}

/// A folder for `PATH` whose `python3` cannot import Pelican (the real interpreter).
fn path_without_pelican(tools: &Path) -> std::ffi::OsString {
    let bin = tools.join("plain-bin");
    std::fs::create_dir_all(&bin).unwrap();
    std::fs::rename(python_without_pelican(tools), bin.join("python3")).unwrap();
    bin.into_os_string()
}

/// The Pelican version the config sees when `python` runs it.
fn pelican_version_with(python: &Path) -> Option<String> {
    let dir = computing_blog();
    read_settings(dir.path(), &options(python.to_path_buf())).unwrap().pelican_version
}

#[test]
fn pelican_installed_with_pipx_is_found_when_python3_has_none() {
    let tools = tempfile::tempdir().unwrap();
    let home = tools.path().join("home");
    for venvs in [".local/share/pipx/venvs", ".local/pipx/venvs"] {
        let blog = blog(&[]);
        let home = home.join(venvs.replace('/', "_"));
        std::fs::create_dir_all(home.join(venvs)).unwrap();
        std::os::unix::fs::symlink(oracle_venv(), home.join(venvs).join("pelican")).unwrap();
        let places = SearchPlaces {
            path: path_without_pelican(&tools.path().join(venvs.replace('/', "_"))),
            home: Some(home.clone()),
            pipx_home: None,
        };
        let found = find_interpreter_in(blog.path(), None, &places).unwrap();
        assert_eq!(found.origin, InterpreterOrigin::Pipx, "{venvs}: {found:?}");
        assert_eq!(found.path, home.join(venvs).join("pelican/bin/python"));
        assert_eq!(pelican_version_with(&found.path).as_deref(), Some("4.12.0"), "{venvs}");
    }
    // PIPX_HOME moves pipx's folder.
    let pipx_home = tools.path().join("pipx-elsewhere");
    std::fs::create_dir_all(pipx_home.join("venvs")).unwrap();
    std::os::unix::fs::symlink(oracle_venv(), pipx_home.join("venvs/pelican")).unwrap();
    let places = SearchPlaces {
        path: std::ffi::OsString::new(),
        home: Some(tools.path().join("empty-home")),
        pipx_home: Some(pipx_home.clone()),
    };
    let found = find_interpreter_in(&tools.path().join("blog"), None, &places).unwrap();
    assert_eq!(found.path, pipx_home.join("venvs/pelican/bin/python"));
}

#[test]
fn the_python_behind_pelican_in_the_users_local_bin_is_found_off_path() {
    let tools = tempfile::tempdir().unwrap();
    let home = tools.path().join("home");
    let local_bin = home.join(".local/bin");
    std::fs::create_dir_all(&local_bin).unwrap();
    // The script pip wrote, whose first line names the venv's interpreter.
    std::fs::copy(oracle_venv().join("bin/pelican"), local_bin.join("pelican")).unwrap();
    let places = SearchPlaces {
        path: path_without_pelican(tools.path()),
        home: Some(home.clone()),
        pipx_home: None,
    };
    let found = find_interpreter_in(&tools.path().join("blog"), None, &places).unwrap();
    assert_eq!(found.origin, InterpreterOrigin::UserPelican, "{found:?}");
    let script = std::fs::read_to_string(local_bin.join("pelican")).unwrap();
    let named = script.lines().next().and_then(|l| l.strip_prefix("#!")).unwrap_or_default();
    assert_eq!(found.path, Path::new(named.trim()), "the interpreter its first line names");
    assert_eq!(pelican_version_with(&found.path).as_deref(), Some("4.12.0"));
}

#[test]
fn a_python_on_path_that_imports_pelican_comes_before_a_python3_that_cannot() {
    let tools = tempfile::tempdir().unwrap();
    let plain = path_without_pelican(tools.path());
    let places = SearchPlaces { path: plain.clone(), home: None, pipx_home: None };
    let found = find_interpreter_in(&tools.path().join("blog"), None, &places).unwrap();
    assert_eq!(
        (found.origin, found.path.clone()),
        (InterpreterOrigin::Python3OnPath, Path::new(&plain).join("python3")),
        "with no Python that has Pelican, python3 still reads the settings"
    );
    assert_eq!(pelican_version_with(&found.path), None, "and it has no Pelican");

    let versioned = tools.path().join("versioned-bin");
    std::fs::create_dir_all(&versioned).unwrap();
    let script = versioned.join("python3.11");
    std::fs::write(&script, format!("#!/bin/sh\nexec '{}' \"$@\"\n", oracle_python().display()))
        .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = std::env::join_paths([PathBuf::from(&plain), versioned]).unwrap();
    let places = SearchPlaces { path, home: None, pipx_home: None };
    let found = find_interpreter_in(&tools.path().join("blog"), None, &places).unwrap();
    assert_eq!((found.origin, found.path.clone()), (InterpreterOrigin::PythonWithPelican, script));
    assert_eq!(pelican_version_with(&found.path).as_deref(), Some("4.12.0"));
}
