//! The interpreter search's answer kept between runs: while nothing it looked at changed,
//! no Python is started to find it again; a change to any of them searches again.
#![cfg(unix)]

use std::ffi::OsString;
use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;

use folio_pelican::settings::{
    CacheOutcome, InterpreterOrigin, ReadOptions, SearchPlaces, SettingsReader,
};
use folio_test_support::oracle_python;

/// A folder with a blog, a `bin/` for `PATH` and a log outside it (a file written into
/// `bin/` would change the folder, which the cache watches).
struct Machine {
    dir: tempfile::TempDir,
}

impl Machine {
    fn new() -> Machine {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("blog/content")).unwrap();
        std::fs::write(dir.path().join("blog/pelicanconf.py"), "SITENAME = 'Cached'\n").unwrap();
        std::fs::create_dir_all(dir.path().join("bin")).unwrap();
        Machine { dir }
    }

    fn blog(&self) -> PathBuf {
        self.dir.path().join("blog")
    }

    fn bin(&self) -> PathBuf {
        self.dir.path().join("bin")
    }

    /// Writes `bin/NAME`, a Python that records each start in the log and then runs
    /// `then` (a shell line).
    fn python(&self, name: &str, then: &str) -> PathBuf {
        let path = self.bin().join(name);
        let log = self.dir.path().join("runs.log");
        let script = format!("#!/bin/sh\necho {name} >> '{}'\n{then}\n", log.display());
        std::fs::write(&path, script).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        path
    }

    /// A Python that cannot import Pelican (it says no to every question).
    fn python_without_pelican(&self, name: &str) -> PathBuf {
        self.python(name, "exit 1")
    }

    /// The interpreters started so far, in order.
    fn runs(&self) -> Vec<String> {
        let log = std::fs::read_to_string(self.dir.path().join("runs.log")).unwrap_or_default();
        log.lines().map(str::to_string).collect()
    }

    fn places(&self) -> SearchPlaces {
        SearchPlaces { path: self.bin().into_os_string(), home: None, pipx_home: None }
    }

    /// A reader as a new run of the app makes one: from the cache file alone.
    fn reader(&self, places: SearchPlaces) -> SettingsReader {
        SettingsReader::new(ReadOptions {
            cache_file: Some(self.dir.path().join("cache.json")),
            timeout: std::time::Duration::from_secs(60),
            ..ReadOptions::default()
        })
        .with_places(places)
    }
}

#[test]
fn a_later_run_finds_the_interpreter_without_starting_any_python() {
    let machine = Machine::new();
    let python3 = machine.python_without_pelican("python3");
    let first = machine.reader(machine.places());
    assert_eq!(first.known_interpreter(&machine.blog()), None, "only asking python3 tells");
    assert!(machine.runs().is_empty(), "and it was not asked");
    let found = first.interpreter(&machine.blog()).unwrap();
    assert_eq!((found.path, found.origin), (python3.clone(), InterpreterOrigin::Python3OnPath));
    assert_eq!(machine.runs(), ["python3"], "the first search asks python3 for Pelican");

    let later = machine.reader(machine.places());
    let known = later.known_interpreter(&machine.blog()).map(|i| i.path);
    assert_eq!(known, Some(python3.clone()), "the answer is known before any search");
    assert_eq!(later.interpreter(&machine.blog()).unwrap().path, python3);
    assert_eq!(machine.runs(), ["python3"], "nothing it looked at changed: no Python ran");
}

#[test]
fn a_changed_interpreter_a_new_one_on_path_or_another_path_searches_again() {
    let machine = Machine::new();
    machine.python_without_pelican("python3");
    machine.reader(machine.places()).interpreter(&machine.blog()).unwrap();
    assert_eq!(machine.runs().len(), 1);

    // The interpreter's file changed (an upgrade, `pyenv rehash`): it is asked again.
    machine.python("python3", "# upgraded\nexit 1");
    machine.reader(machine.places()).interpreter(&machine.blog()).unwrap();
    assert_eq!(machine.runs().len(), 2, "{:?}", machine.runs());

    // A Python that was not there is now on PATH: both are asked, and it has Pelican.
    let newer = machine.python("python3.12", "exit 0");
    let found = machine.reader(machine.places()).interpreter(&machine.blog()).unwrap();
    assert_eq!((found.path, found.origin), (newer, InterpreterOrigin::PythonWithPelican));
    assert_eq!(machine.runs().len(), 4, "{:?}", machine.runs());

    // Another PATH: the answer was for the old one.
    let other = machine.dir.path().join("other-bin");
    std::fs::create_dir_all(&other).unwrap();
    let path: OsString = std::env::join_paths([other, machine.bin()]).unwrap();
    let places = SearchPlaces { path, ..machine.places() };
    let reader = machine.reader(places);
    assert!(reader.known_interpreter(&machine.blog()).is_none(), "another PATH is not known");
    reader.interpreter(&machine.blog()).unwrap();
    assert_eq!(machine.runs().len(), 6, "{:?}", machine.runs());
}

#[test]
fn a_virtualenv_made_in_the_blog_after_the_search_is_its_interpreter_at_once() {
    let machine = Machine::new();
    machine.python_without_pelican("python3");
    machine.reader(machine.places()).interpreter(&machine.blog()).unwrap();
    let venv_python = machine.blog().join(".venv/bin/python");
    std::fs::create_dir_all(venv_python.parent().unwrap()).unwrap();
    std::fs::write(&venv_python, "").unwrap();
    let known = machine.reader(machine.places()).known_interpreter(&machine.blog());
    assert_eq!(known.map(|i| i.path), Some(venv_python.clone()), "known from the files alone");
    let found = machine.reader(machine.places()).interpreter(&machine.blog()).unwrap();
    assert_eq!((found.path, found.origin), (venv_python.clone(), InterpreterOrigin::Virtualenv));
    assert_eq!(machine.runs().len(), 1, "a virtualenv is found without asking any Python");

    std::fs::remove_file(&venv_python).unwrap();
    let found = machine.reader(machine.places()).interpreter(&machine.blog()).unwrap();
    assert_eq!(found.origin, InterpreterOrigin::Python3OnPath, "the virtualenv went away");
}

#[test]
fn the_settings_a_real_python_read_come_back_next_run_without_starting_it() {
    let machine = Machine::new();
    let python3 =
        machine.python("python3", &format!("exec '{}' \"$@\"", oracle_python().display()));
    let reading = machine.reader(machine.places()).read(&machine.blog()).unwrap();
    assert_eq!(reading.cache, CacheOutcome::Miss);
    assert_eq!(reading.settings.interpreter, python3);
    assert!(reading.settings.pelican_version.is_some(), "the oracle's Python has Pelican");
    let started = machine.runs().len();
    assert_eq!(started, 2, "one question about Pelican, one run of the config");

    let later = machine.reader(machine.places());
    let cached = later.read_cached(&machine.blog()).expect("the cache holds the settings");
    assert_eq!(cached.settings.values.get("SITENAME"), Some(&"Cached".into()));
    assert_eq!(later.read(&machine.blog()).unwrap().cache, CacheOutcome::Hit);
    assert_eq!(machine.runs().len(), started, "no Python ran on the later run");

    std::fs::write(machine.blog().join("pelicanconf.py"), "SITENAME = 'Edited'\n").unwrap();
    let after_edit = machine.reader(machine.places());
    assert!(after_edit.read_cached(&machine.blog()).is_none(), "an edited config is not cached");
    let reading = after_edit.read(&machine.blog()).unwrap();
    assert_eq!(reading.settings.values.get("SITENAME"), Some(&"Edited".into()));
    assert_eq!(machine.runs().len(), started + 1, "only the config ran again, not the search");
}

/// Each interpreter is asked in a thread of its own: the search takes about as long as the
/// slowest one, not the sum.
#[test]
fn the_pythons_on_path_are_asked_at_once() {
    let machine = Machine::new();
    let names = ["python3", "python3.13", "python3.12", "python3.11", "python"];
    for name in names {
        machine.python(name, "sleep 1\nexit 1");
    }
    let started = std::time::Instant::now();
    let found = machine.reader(machine.places()).interpreter(&machine.blog()).unwrap();
    let took = started.elapsed();
    assert_eq!(found.origin, InterpreterOrigin::Python3OnPath);
    assert_eq!(machine.runs().len(), names.len());
    assert!(took < std::time::Duration::from_secs(4), "{names:?} asked one by one: {took:?}");
}
