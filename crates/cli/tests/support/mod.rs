//! What the judging tests share: running `compare.py` on the `folio` binary and reading its
//! report.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The conformance corpus and its tools, beside the project.
pub(crate) fn shared() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/conformance"))
}

/// What `compare.py` said about a set of cases.
pub(crate) struct Verdict {
    /// Its last line, `conformance: P/N equal`.
    pub(crate) score: String,
    /// The names of the cases that differ.
    pub(crate) failing: BTreeSet<String>,
    /// Each differing case with the judge's lines about it.
    pub(crate) details: Vec<(String, String)>,
    /// Everything it printed, for a failure message.
    pub(crate) report: String,
}

/// Judges `folio render --json` with `compare.py`, on its default corpus or on `cases`
/// (with the expected JSON in `expected`).
pub(crate) fn judge(cases: Option<(&Path, &Path)>) -> Verdict {
    let mut command = Command::new("python3");
    command.arg(shared().join("tools/compare.py"));
    if let Some((cases, expected)) = cases {
        command.arg("--cases").arg(cases).arg("--expected").arg(expected);
    }
    let out = command
        .args(["-v", "--max-lines", "60", "--"])
        .arg(env!("CARGO_BIN_EXE_folio"))
        .args(["render", "--json"])
        .output()
        .expect("python3 runs the judge (stdlib only)");
    let report = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut failing = BTreeSet::new();
    let mut details: Vec<(String, String)> = Vec::new();
    for line in report.lines() {
        if let Some(rest) = line.strip_prefix("FAIL ") {
            let name = rest.split(".json").next().unwrap_or(rest).to_string();
            failing.insert(name.clone());
            details.push((name, line.to_string()));
        } else if line.starts_with("    ") {
            if let Some(last) = details.last_mut() {
                last.1.push('\n');
                last.1.push_str(line);
            }
        }
    }
    let score = report.lines().last().unwrap_or("").to_string();
    let report = format!("{report}\n{}", String::from_utf8_lossy(&out.stderr));
    Verdict { score, failing, details, report }
}

/// The case names a pending list holds: one a line, `#` lines are comments.
pub(crate) fn read_pending(path: &Path) -> BTreeSet<String> {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("the pending list {} is checked in: {e}", path.display()));
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(String::from)
        .collect()
}

impl Verdict {
    /// What disagrees with the pending list `list`: each differing case it lacks (with the
    /// judge's lines), a listed case that does not exist (`exists` says), and each listed
    /// case that now passes. Empty when the verdict is as listed.
    pub(crate) fn against(
        &self,
        pending: &BTreeSet<String>,
        list: &str,
        exists: impl Fn(&str) -> bool,
    ) -> String {
        let mut msg = String::new();
        for (_, d) in self.details.iter().filter(|(n, _)| !pending.contains(n)) {
            msg.push_str(d);
            msg.push('\n');
        }
        let unknown: Vec<&String> = pending.iter().filter(|n| !exists(n)).collect();
        if !unknown.is_empty() {
            msg.push_str(&format!("{list} lists cases that do not exist: {unknown:?}\n"));
        }
        let fixed: Vec<&String> =
            pending.iter().filter(|n| exists(n) && !self.failing.contains(*n)).collect();
        if !fixed.is_empty() {
            msg.push_str(&format!("these cases now pass: remove them from {list}: {fixed:?}\n"));
        }
        msg
    }
}
