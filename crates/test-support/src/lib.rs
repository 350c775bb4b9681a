//! What Folio's tests share.
//!
//! Where they find the oracle: the virtualenv `make venv` makes (docutils, Pygments,
//! typogrify and Pelican from PyPI) and the unpacked sdists beside it. `ORACLE_PYTHON` and `ORACLE_SDISTS` name them; without those, they are looked for under
//! the workspace's `target/`. A test that needs them and finds neither fails with the way
//! to get them ("run make venv"): it never passes by skipping.
//!
//! How they judge that work grows linearly with its input ([`assert_linear`]): by the
//! thread's CPU time, so a loaded machine cannot fail them.
//!
//! A dev-only crate: the tests of `folio-rst`, `folio-pelican`, `folio-blog`, `folio-cli`
//! and the E2E harness use it; no shipped crate depends on it.

use std::path::{Path, PathBuf};
use std::time::Duration;

/// The workspace's root folder.
pub fn workspace_root() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    here.parent().and_then(Path::parent).map(Path::to_path_buf).unwrap_or_default()
}

/// The oracle's Python: `ORACLE_PYTHON`, else `target/oracle-venv/bin/python`.
///
/// # Panics
/// When that file does not exist, with the way to make it.
pub fn oracle_python() -> PathBuf {
    let python = std::env::var_os("ORACLE_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target/oracle-venv/bin/python"));
    assert!(
        python.is_file(),
        "no oracle Python at {}: run make venv (or set ORACLE_PYTHON)",
        python.display()
    );
    python
}

/// The oracle's virtualenv: the folder two levels above [`oracle_python`].
///
/// # Panics
/// As [`oracle_python`].
pub fn oracle_venv() -> PathBuf {
    let python = oracle_python();
    python.parent().and_then(Path::parent).map(Path::to_path_buf).unwrap_or(python)
}

/// The folder of unpacked sdists: `ORACLE_SDISTS`, else `target/sdists`.
///
/// # Panics
/// When that folder does not exist, with the way to make it.
pub fn oracle_sdists() -> PathBuf {
    let sdists = std::env::var_os("ORACLE_SDISTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target/sdists"));
    assert!(
        sdists.is_dir(),
        "no unpacked sdists at {}: run make venv (or set ORACLE_SDISTS)",
        sdists.display()
    );
    sdists
}

/// The unpacked sdist whose folder name starts with `prefix` (`"pygments-"`,
/// `"docutils-"`, `"pelican-"`).
///
/// # Panics
/// When [`oracle_sdists`] has none, with the way to get it.
pub fn oracle_sdist(prefix: &str) -> PathBuf {
    let sdists = oracle_sdists();
    let found = std::fs::read_dir(&sdists).ok().and_then(|dir| {
        dir.filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|path| path.is_dir())
            .find(|path| path.file_name().is_some_and(|n| n.to_string_lossy().starts_with(prefix)))
    });
    match found {
        Some(path) => path,
        None => panic!(
            "no {prefix}* sdist under {}: run make venv (or set ORACLE_SDISTS)",
            sdists.display()
        ),
    }
}

/// The conformance corpus's `oracle.py`, which renders a file as Pelican does.
pub fn oracle_script() -> PathBuf {
    workspace_root().join("../shared/conformance/tools/oracle.py")
}

/// Writes `text` to `root/rel`, making the folders on the way.
///
/// # Panics
/// When the file cannot be written (a test's own temporary folder).
pub fn write_file(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .unwrap_or_else(|e| panic!("cannot make {}: {e}", parent.display()));
    }
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
}

/// CPU time this thread has used. Unlike wall-clock time it does not grow while the
/// scheduler runs other processes, so a loaded machine (8 builds on 2 cores) cannot make a
/// linear piece of work look quadratic.
#[cfg(unix)]
pub fn thread_cpu_time() -> Duration {
    use rustix::time::{clock_gettime, ClockId};
    let t = clock_gettime(ClockId::ThreadCPUTime);
    Duration::new(u64::try_from(t.tv_sec).unwrap_or(0), u32::try_from(t.tv_nsec).unwrap_or(0))
}

/// Without a thread CPU clock, wall-clock time since the first call (noisier under load).
#[cfg(not(unix))]
pub fn thread_cpu_time() -> Duration {
    use std::{sync::OnceLock, time::Instant};
    static START: OnceLock<Instant> = OnceLock::new();
    START.get_or_init(Instant::now).elapsed()
}

/// The CPU time `work` takes on this thread.
pub fn cpu_time<T>(work: impl FnOnce() -> T) -> Duration {
    let start = thread_cpu_time();
    std::hint::black_box(work());
    thread_cpu_time().saturating_sub(start)
}

/// How much longer than `factor` times the small input's time the large one may take
/// before the work counts as worse than linear: room for caches and allocation, far below
/// a quadratic's `factor` squared.
const LINEAR_SLACK: f64 = 2.5;

/// Asserts that `work` on `large` (`factor` times the size of `small`) takes at most about
/// `factor` times as long as on `small`, by CPU time: the minimum of five interleaved runs of
/// each, over up to three rounds, passing on the first round within bounds. A run too short
/// to measure counts as 1 ms.
///
/// # Panics
/// When every round is over the bound, with each round's figures.
pub fn assert_linear<I: ?Sized>(
    name: &str,
    factor: usize,
    small: &I,
    large: &I,
    work: impl Fn(&I),
) {
    let bound = factor as f64 * LINEAR_SLACK;
    let mut rounds = Vec::new();
    for _ in 0..3 {
        let (mut t1, mut tn) = (Duration::MAX, Duration::MAX);
        for _ in 0..5 {
            t1 = t1.min(cpu_time(|| work(small)));
            tn = tn.min(cpu_time(|| work(large)));
        }
        let ratio = tn.as_secs_f64() / t1.max(Duration::from_millis(1)).as_secs_f64();
        let figures = format!("{t1:?} small, {tn:?} {factor}x larger ({ratio:.1}x)");
        if ratio <= bound {
            eprintln!("{name}: {figures}");
            return;
        }
        rounds.push(figures);
    }
    panic!("{name}: {factor}x the input took over {bound}x the CPU time: {}", rounds.join("; "));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_workspace_root_holds_the_workspace_manifest() {
        let manifest = std::fs::read_to_string(workspace_root().join("Cargo.toml")).unwrap();
        assert!(manifest.contains("[workspace]"), "{manifest}");
    }

    #[test]
    fn write_file_makes_the_folders_on_the_way() {
        let tmp = std::env::temp_dir().join(format!("folio-test-support-{}", std::process::id()));
        write_file(&tmp, "a/b/c.rst", "Title\n=====\n");
        assert_eq!(std::fs::read_to_string(tmp.join("a/b/c.rst")).unwrap(), "Title\n=====\n");
        std::fs::remove_dir_all(&tmp).unwrap();
    }

    #[test]
    fn linear_work_passes() {
        let count = |n: &usize| (0..*n).map(std::hint::black_box).sum::<usize>();
        assert_linear("a sum", 4, &2_000_000, &8_000_000, |n| {
            count(n);
        });
    }

    #[test]
    #[should_panic(expected = "took over")]
    fn quadratic_work_fails() {
        let pairs = |n: &usize| {
            (0..*n).flat_map(|i| (0..*n).map(move |j| std::hint::black_box(i ^ j))).sum::<usize>()
        };
        assert_linear("all pairs", 4, &700, &2_800, |n| {
            pairs(n);
        });
    }

    #[test]
    #[should_panic(expected = "run make venv")]
    fn a_missing_sdist_fails_with_the_way_to_get_it() {
        if std::env::var_os("ORACLE_SDISTS").is_none()
            && !workspace_root().join("target/sdists").is_dir()
        {
            panic!("run make venv");
        }
        oracle_sdist("no-such-package-");
    }
}
