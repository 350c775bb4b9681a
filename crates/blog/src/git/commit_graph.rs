//! The changed-path Bloom filters of git's commit-graph (`git commit-graph write
//! --changed-paths`), which libgit2 does not read. For a commit the graph covers, a filter
//! can say for certain that the commit did not change a path against its first parent, so
//! the history walk skips reading its trees: the difference between reading 10,000 trees
//! of a large folder and reading the few hundred that may hold a change.
//!
//! The file format is git's `Documentation/gitformat-commit-graph.txt`: big-endian chunks
//! named `OIDF` (fan-out), `OIDL` (sorted commit ids), `BIDX` (where each commit's filter
//! ends) and `BDAT` (the filters, after a header of hash version, hash count and bits per
//! entry). A filter is k bits set per path, at positions from two seeded 32-bit murmur3
//! hashes of the path combined as `h0 + i * h1`.

use std::path::Path;

use git2::{Oid, Repository};

const SIGNATURE: &[u8; 4] = b"CGPH";
const OID_FANOUT: u32 = u32::from_be_bytes(*b"OIDF");
const OID_LOOKUP: u32 = u32::from_be_bytes(*b"OIDL");
const BLOOM_INDEXES: u32 = u32::from_be_bytes(*b"BIDX");
const BLOOM_DATA: u32 = u32::from_be_bytes(*b"BDAT");
/// The two murmur3 seeds git uses for its Bloom keys.
const SEEDS: (u32, u32) = (0x293a_e76f, 0x7e64_6e2c);
const SHA1_LEN: usize = 20;

/// What a filter says about a path in a commit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Answer {
    /// The commit certainly did not change the path against its first parent.
    Unchanged,
    /// It may have (or the graph does not cover the commit): look at the trees.
    Maybe,
}

/// The changed-path filters of every commit-graph file of a repository.
#[derive(Debug, Default)]
pub(crate) struct ChangedPaths {
    graphs: Vec<Graph>,
}

/// One commit-graph file with Bloom filters.
#[derive(Debug)]
struct Graph {
    data: Vec<u8>,
    fanout: usize,
    lookup: usize,
    count: usize,
    indexes: usize,
    /// Where the filters start (after BDAT's header).
    filters: usize,
    hash_version: u32,
    hashes: u32,
}

impl ChangedPaths {
    /// Reads the repository's commit-graph (one file, or a split chain). Anything missing,
    /// malformed or without filters simply gives no answers ([`Answer::Maybe`]).
    pub(crate) fn read(repo: &Repository) -> ChangedPaths {
        let info = repo.commondir().join("objects/info");
        let mut files = vec![info.join("commit-graph")];
        let chain = info.join("commit-graphs");
        if let Ok(list) = std::fs::read_to_string(chain.join("commit-graph-chain")) {
            files.extend(list.lines().map(|h| chain.join(format!("graph-{}.graph", h.trim()))));
        }
        let graphs = files.iter().filter_map(|f| Graph::read(f)).collect();
        ChangedPaths { graphs }
    }

    /// Whether `commit` may have changed `path` (`/`-separated, from the repository root).
    pub(crate) fn query(&self, commit: Oid, path: &str) -> Answer {
        self.graphs.iter().find_map(|g| g.query(commit, path)).unwrap_or(Answer::Maybe)
    }
}

/// How many commits reachable from HEAD may lack changed-path filters before Folio asks
/// git to write them: below it a walk from the trees alone is quick (a few tens of
/// milliseconds), and a blog that never grows that long never runs git behind the writer's
/// back.
pub(crate) const UNFILTERED_LIMIT: usize = 1_000;

/// What [`refresh_commit_graph`] did.
#[derive(Debug)]
pub enum CommitGraphRefresh {
    /// The commit-graph's filters cover all but a few of the commits (or there are few).
    NotNeeded,
    /// `git commit-graph write` runs in the background; the handle says whether it
    /// succeeded, for whoever wants to wait.
    Started(std::thread::JoinHandle<bool>),
    /// The history is long but `git` could not be started (not installed).
    NoGit,
}

/// Starts `git commit-graph write --reachable --changed-paths` in the repository holding
/// `root`, as git's own maintenance would, when at least `UNFILTERED_LIMIT` (1,000) commits
/// reachable from HEAD have no changed-path filter (no graph, or a graph older than many
/// commits since): the next history of a post then skips most trees. Returns at once; the
/// history reads a stale or missing graph correctly either way (commits it lacks are read
/// from their trees), and a write that fails (git busy with its own lock) changes nothing.
pub fn refresh_commit_graph(root: &Path) -> CommitGraphRefresh {
    let Ok(repo) = Repository::discover(root) else { return CommitGraphRefresh::NotNeeded };
    let Some(head) = repo.head().ok().and_then(|h| h.target()) else {
        return CommitGraphRefresh::NotNeeded;
    };
    let filters = ChangedPaths::read(&repo);
    let Ok(mut walk) = repo.revwalk() else { return CommitGraphRefresh::NotNeeded };
    if walk.push(head).is_err() {
        return CommitGraphRefresh::NotNeeded;
    }
    let unfiltered = walk
        .filter_map(|id| id.ok())
        .filter(|id| !filters.covers(*id))
        .take(UNFILTERED_LIMIT)
        .count();
    if unfiltered < UNFILTERED_LIMIT {
        return CommitGraphRefresh::NotNeeded;
    }
    let git_dir = repo.commondir().to_path_buf();
    let child = std::process::Command::new("git")
        .arg("--git-dir")
        .arg(&git_dir)
        .args(["commit-graph", "write", "--reachable", "--changed-paths", "--no-progress"])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    match child {
        // The thread reaps the child, so it never lingers as a zombie.
        Ok(mut child) => CommitGraphRefresh::Started(std::thread::spawn(move || {
            child.wait().is_ok_and(|status| status.success())
        })),
        Err(_) => CommitGraphRefresh::NoGit,
    }
}

impl ChangedPaths {
    /// Whether some graph file has a computed filter for `commit`.
    fn covers(&self, commit: Oid) -> bool {
        self.graphs.iter().any(|g| {
            g.position(commit).is_some_and(|at| g.filter(at).is_some_and(|f| !f.is_empty()))
        })
    }
}

impl Graph {
    fn read(path: &Path) -> Option<Graph> {
        let data = std::fs::read(path).ok()?;
        if data.len() < 8 || &data[..4] != SIGNATURE || data[4] != 1 || data[5] != 1 {
            return None; // Not a version-1 SHA-1 commit-graph.
        }
        let chunks = usize::from(data[6]);
        let mut offsets = Vec::with_capacity(chunks + 1);
        for i in 0..=chunks {
            let at = 8 + i * 12;
            let id = be32(&data, at)?;
            let offset = usize::try_from(be64(&data, at + 4)?).ok()?;
            offsets.push((id, offset));
        }
        let chunk = |id: u32| {
            let i = offsets.iter().position(|(c, _)| *c == id)?;
            let (start, end) = (offsets[i].1, offsets.get(i + 1)?.1);
            (start <= end && end <= data.len()).then_some((start, end))
        };
        let (fanout, _) = chunk(OID_FANOUT)?;
        let (lookup, _) = chunk(OID_LOOKUP)?;
        let (indexes, _) = chunk(BLOOM_INDEXES)?;
        let (bloom, bloom_end) = chunk(BLOOM_DATA)?;
        let count = usize::try_from(be32(&data, fanout + 255 * 4)?).ok()?;
        if lookup + count * SHA1_LEN > data.len() || indexes + count * 4 > data.len() {
            return None;
        }
        let hash_version = be32(&data, bloom)?;
        let hashes = be32(&data, bloom + 4)?;
        if !matches!(hash_version, 1 | 2) || hashes == 0 || bloom + 12 > bloom_end {
            return None;
        }
        Some(Graph {
            data,
            fanout,
            lookup,
            count,
            indexes,
            filters: bloom + 12,
            hash_version,
            hashes,
        })
    }

    /// `None` when this file does not hold the commit.
    fn query(&self, commit: Oid, path: &str) -> Option<Answer> {
        let filter = self.filter(self.position(commit)?)?;
        // An empty filter was not computed; version 1 hashed bytes above 0x7f as signed.
        if filter.is_empty() || (self.hash_version == 1 && !path.is_ascii()) {
            return Some(Answer::Maybe);
        }
        let (h0, h1) = (murmur3(SEEDS.0, path.as_bytes()), murmur3(SEEDS.1, path.as_bytes()));
        let bits = filter.len() as u64 * 8;
        for i in 0..self.hashes {
            let hash = h0.wrapping_add(i.wrapping_mul(h1));
            let bit = u64::from(hash) % bits;
            if filter[(bit / 8) as usize] & (1 << (bit % 8)) == 0 {
                return Some(Answer::Unchanged);
            }
        }
        Some(Answer::Maybe)
    }

    /// The filter of the commit at `position` (empty where git did not compute one).
    fn filter(&self, position: usize) -> Option<&[u8]> {
        let end = be32(&self.data, self.indexes + position * 4)? as usize;
        let start = match position {
            0 => 0,
            _ => be32(&self.data, self.indexes + (position - 1) * 4)? as usize,
        };
        self.data.get(self.filters + start..self.filters + end)
    }

    /// The commit's index in the file, by the fan-out and a binary search of the ids.
    fn position(&self, commit: Oid) -> Option<usize> {
        let id = commit.as_bytes();
        let first = usize::from(*id.first()?);
        let low = match first {
            0 => 0,
            _ => be32(&self.data, self.fanout + (first - 1) * 4)? as usize,
        };
        let high = (be32(&self.data, self.fanout + first * 4)? as usize).min(self.count);
        let ids = self.data.get(self.lookup + low * SHA1_LEN..self.lookup + high * SHA1_LEN)?;
        let mut range = 0..ids.len() / SHA1_LEN;
        while range.start < range.end {
            let mid = (range.start + range.end) / 2;
            match ids[mid * SHA1_LEN..(mid + 1) * SHA1_LEN].cmp(id) {
                std::cmp::Ordering::Less => range.start = mid + 1,
                std::cmp::Ordering::Greater => range.end = mid,
                std::cmp::Ordering::Equal => return Some(low + mid),
            }
        }
        None
    }
}

fn be32(data: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(data.get(at..at + 4)?.try_into().ok()?))
}

fn be64(data: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_be_bytes(data.get(at..at + 8)?.try_into().ok()?))
}

/// MurmurHash3's 32-bit hash (x86 variant) of `data` with `seed`.
fn murmur3(seed: u32, data: &[u8]) -> u32 {
    const C1: u32 = 0xcc9e_2d51;
    const C2: u32 = 0x1b87_3593;
    let mix = |k: u32| k.wrapping_mul(C1).rotate_left(15).wrapping_mul(C2);
    let mut h = seed;
    let mut blocks = data.chunks_exact(4);
    for block in &mut blocks {
        let k = u32::from_le_bytes([block[0], block[1], block[2], block[3]]);
        h = (h ^ mix(k)).rotate_left(13).wrapping_mul(5).wrapping_add(0xe654_6b64);
    }
    let tail = blocks.remainder();
    if !tail.is_empty() {
        let k = tail.iter().rev().fold(0u32, |k, b| (k << 8) | u32::from(*b));
        h ^= mix(k);
    }
    h ^= data.len() as u32;
    h ^= h >> 16;
    h = h.wrapping_mul(0x85eb_ca6b);
    h ^= h >> 13;
    h = h.wrapping_mul(0xc2b2_ae35);
    h ^ (h >> 16)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn git(dir: &Path, args: &[&str]) -> String {
        let out = std::process::Command::new("git")
            .args(["-c", "user.name=T", "-c", "user.email=t@folio.invalid"])
            .args(args)
            .current_dir(dir)
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .output()
            .unwrap();
        assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    }

    #[test]
    fn the_filters_git_writes_rule_out_paths_a_commit_did_not_change_and_never_one_it_did() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        git(root, &["init", "-q", "-b", "main"]);
        let mut commits = Vec::new();
        for i in 0..40 {
            let file = format!("content/post-{}.rst", i % 8);
            std::fs::create_dir_all(root.join("content")).unwrap();
            std::fs::write(root.join(&file), format!("version {i}\n")).unwrap();
            git(root, &["add", "-A"]);
            git(root, &["commit", "-q", "-m", &format!("edit {i}")]);
            commits.push((Oid::from_str(&git(root, &["rev-parse", "HEAD"])).unwrap(), file));
        }
        let repo = Repository::open(root).unwrap();
        assert_eq!(ChangedPaths::read(&repo).graphs.len(), 0, "no graph yet");
        git(root, &["commit-graph", "write", "--reachable", "--changed-paths"]);
        let graph = ChangedPaths::read(&repo);
        assert_eq!(graph.graphs.len(), 1);
        let mut ruled_out = 0;
        for (commit, file) in &commits[8..] {
            assert_eq!(
                graph.query(*commit, file),
                Answer::Maybe,
                "a changed path is never ruled out"
            );
            for other in (0..8).map(|i| format!("content/post-{i}.rst")).filter(|p| p != file) {
                ruled_out += usize::from(graph.query(*commit, &other) == Answer::Unchanged);
            }
        }
        // 32 commits x 7 untouched paths; Bloom filters allow a few false "maybe"s.
        assert!(ruled_out > 200, "only {ruled_out} of 224 untouched paths were ruled out");
        let unknown = Oid::from_str("0123456789012345678901234567890123456789").unwrap();
        assert_eq!(graph.query(unknown, "content/post-1.rst"), Answer::Maybe);
    }

    #[test]
    fn murmur3_gives_the_published_reference_values() {
        // The reference implementation's values (SMHasher's MurmurHash3_x86_32).
        assert_eq!(murmur3(0, b""), 0);
        assert_eq!(murmur3(1, b""), 0x514e_28b7);
        assert_eq!(murmur3(0, b"test"), 0xba6b_d213);
        assert_eq!(murmur3(0x9747_b28c, b"Hello, world!"), 0x2488_4cba);
        assert_eq!(murmur3(0, b"The quick brown fox jumps over the lazy dog"), 0x2e4f_f723);
    }
}
