//! A word-level diff of two texts, for showing an older version of a post against the
//! current one. Pure: text in, pieces out.
//!
//! The texts are cut into words, runs of white space and single other characters, and the
//! shortest edit script between the two token lists is found with Myers' O(ND) algorithm
//! after the common start and end are set aside.

use serde::Serialize;
use ts_rs::TS;

/// Whether a piece of text is in both versions, only the new one, or only the old one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum DiffKind {
    /// In both texts.
    Same,
    /// Only in the new text.
    Added,
    /// Only in the old text.
    Removed,
}

/// A run of text with its kind. The `Same` and `Removed` pieces, in order, are the old text;
/// the `Same` and `Added` pieces are the new text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct DiffPiece {
    /// Its kind.
    pub kind: DiffKind,
    /// The text.
    pub text: String,
}

/// Edits (inserted plus deleted tokens) past which the diff stops looking for the shortest
/// script and shows the whole differing middle as removed, then added. Myers' search keeps
/// O(D²) numbers for D edits; at this limit that is about 32 MB, still quick, while two
/// unrelated 50 KB posts would otherwise ask for gigabytes.
pub const MAX_EDITS: usize = 2_000;

/// The word diff from `old` to `new`.
pub fn diff_words(old: &str, new: &str) -> Vec<DiffPiece> {
    let a = tokens(old);
    let b = tokens(new);
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix =
        a[prefix..].iter().rev().zip(b[prefix..].iter().rev()).take_while(|(x, y)| x == y).count();
    let (mid_a, mid_b) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    let mut script: Vec<(DiffKind, &str)> = Vec::with_capacity(a.len() + b.len());
    script.extend(a[..prefix].iter().map(|t| (DiffKind::Same, *t)));
    match edit_script(mid_a, mid_b) {
        Some(ops) => script.extend(ops.into_iter().map(|op| match op {
            Op::Same(i) => (DiffKind::Same, mid_a[i]),
            Op::Removed(i) => (DiffKind::Removed, mid_a[i]),
            Op::Added(j) => (DiffKind::Added, mid_b[j]),
        })),
        None => {
            script.extend(mid_a.iter().map(|t| (DiffKind::Removed, *t)));
            script.extend(mid_b.iter().map(|t| (DiffKind::Added, *t)));
        }
    }
    script.extend(a[a.len() - suffix..].iter().map(|t| (DiffKind::Same, *t)));
    slide_right(&mut script);
    let mut pieces = Pieces::default();
    for (kind, text) in script {
        pieces.push(kind, text);
    }
    pieces.0
}

/// Moves each run of only added (or only removed) tokens as far right as the same tokens
/// allow, as git's diff slides hunks down: an added sentence then ends at its own line
/// break (`line.{+ And more.+}`) instead of starting inside the line before it. Any such
/// shift gives an equally short script, since the run's first token equals the one after.
fn slide_right(script: &mut [(DiffKind, &str)]) {
    let mut i = 0;
    while i < script.len() {
        let kind = script[i].0;
        if kind == DiffKind::Same {
            i += 1;
            continue;
        }
        let mut end = i;
        while end < script.len() && script[end].0 == kind {
            end += 1;
        }
        let mut start = i;
        while end < script.len()
            && script[end].0 == DiffKind::Same
            && script[end].1 == script[start].1
        {
            script[start].0 = DiffKind::Same;
            script[end].0 = kind;
            start += 1;
            end += 1;
        }
        i = end;
    }
}

/// Pieces with neighbours of one kind joined.
#[derive(Default)]
struct Pieces(Vec<DiffPiece>);

impl Pieces {
    fn push(&mut self, kind: DiffKind, text: &str) {
        match self.0.last_mut() {
            Some(last) if last.kind == kind => last.text.push_str(text),
            _ => self.0.push(DiffPiece { kind, text: text.to_string() }),
        }
    }
}

/// Words (letters, digits, `_`), runs of white space, and every other character alone.
fn tokens(text: &str) -> Vec<&str> {
    #[derive(PartialEq)]
    enum Class {
        Word,
        Space,
        Other,
    }
    let class = |c: char| {
        if c.is_alphanumeric() || c == '_' {
            Class::Word
        } else if c.is_whitespace() {
            Class::Space
        } else {
            Class::Other
        }
    };
    let mut out = Vec::new();
    let mut start = 0;
    let mut current: Option<Class> = None;
    for (i, c) in text.char_indices() {
        let this = class(c);
        let continues = current.as_ref().is_some_and(|k| *k == this && this != Class::Other);
        if !continues && i > start {
            out.push(&text[start..i]);
            start = i;
        }
        current = Some(this);
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op {
    Same(usize),
    Removed(usize),
    Added(usize),
}

/// Myers' shortest edit script from `a` to `b`, or `None` past [`MAX_EDITS`].
fn edit_script(a: &[&str], b: &[&str]) -> Option<Vec<Op>> {
    let (n, m) = (a.len() as isize, b.len() as isize);
    let max = (a.len() + b.len()).min(MAX_EDITS) as isize;
    // v[k] is the furthest x reached on diagonal k = x - y; index k + offset.
    let offset = max + 1;
    let mut v = vec![0isize; (2 * max + 3) as usize];
    // Before each round d, the part of v that round reads: diagonals -(d+1)..=(d+1).
    let mut trace: Vec<Vec<isize>> = Vec::new();
    for d in 0..=max {
        trace.push(v[(offset - d - 1) as usize..=(offset + d + 1) as usize].to_vec());
        let mut k = -d;
        while k <= d {
            let at = |k: isize| (k + offset) as usize;
            let mut x = if k == -d || (k != d && v[at(k - 1)] < v[at(k + 1)]) {
                v[at(k + 1)]
            } else {
                v[at(k - 1)] + 1
            };
            let mut y = x - k;
            while x < n && y < m && a[x as usize] == b[y as usize] {
                x += 1;
                y += 1;
            }
            v[at(k)] = x;
            if x >= n && y >= m {
                return Some(backtrack(&trace, n, m));
            }
            k += 2;
        }
    }
    None
}

/// Walks the rounds back from (n, m) to (0, 0), collecting the script.
fn backtrack(trace: &[Vec<isize>], n: isize, m: isize) -> Vec<Op> {
    let mut ops = Vec::new();
    let (mut x, mut y) = (n, m);
    for (d, v) in trace.iter().enumerate().rev() {
        let d = d as isize;
        let at = |k: isize| (k + d + 1) as usize;
        let k = x - y;
        let prev_k = if k == -d || (k != d && v[at(k - 1)] < v[at(k + 1)]) { k + 1 } else { k - 1 };
        let prev_x = v[at(prev_k)];
        let prev_y = prev_x - prev_k;
        while x > prev_x && y > prev_y {
            x -= 1;
            y -= 1;
            ops.push(Op::Same(x as usize));
        }
        if d > 0 {
            if x == prev_x {
                ops.push(Op::Added(prev_y as usize));
            } else {
                ops.push(Op::Removed(prev_x as usize));
            }
        }
        (x, y) = (prev_x, prev_y);
    }
    ops.reverse();
    ops
}

#[cfg(test)]
mod tests {
    use super::*;

    fn side(pieces: &[DiffPiece], other: DiffKind) -> String {
        pieces.iter().filter(|p| p.kind != other).map(|p| p.text.as_str()).collect()
    }

    fn show(pieces: &[DiffPiece]) -> String {
        pieces
            .iter()
            .map(|p| match p.kind {
                DiffKind::Same => p.text.clone(),
                DiffKind::Added => format!("{{+{}+}}", p.text),
                DiffKind::Removed => format!("[-{}-]", p.text),
            })
            .collect()
    }

    #[test]
    fn a_changed_word_is_shown_as_that_word_removed_and_added() {
        let pieces = diff_words("The quick brown fox.\n", "The slow brown fox.\n");
        assert_eq!(show(&pieces), "The [-quick-]{+slow+} brown fox.\n");
    }

    #[test]
    fn inserted_and_deleted_words_keep_the_rest_as_it_was() {
        let old = "Hello, world.\nA second line.\n";
        let new = "Hello, dear world.\nA line.\nAnd a third.\n";
        assert_eq!(
            show(&diff_words(old, new)),
            "Hello, {+dear +}world.\nA [-second -]line.\n{+And a third.\n+}"
        );
    }

    #[test]
    fn the_pieces_rebuild_both_texts() {
        let cases = [
            ("", ""),
            ("", "new text"),
            ("old text", ""),
            ("a b c d e f", "a x c y e z"),
            ("Ünïcödé wörds ünd  spaces\t\n", "Ünïcödé wörter und spaces\n"),
            (":date: 2024-01-01\n:tags: a, b\n", ":date: 2024-02-03\n:tags: b, c, a\n"),
        ];
        for (old, new) in cases {
            let pieces = diff_words(old, new);
            assert_eq!(side(&pieces, DiffKind::Added), old, "old side of {old:?} -> {new:?}");
            assert_eq!(side(&pieces, DiffKind::Removed), new, "new side of {old:?} -> {new:?}");
        }
    }

    #[test]
    fn two_unrelated_long_texts_stop_at_the_edit_limit_and_still_rebuild_both() {
        let old: String = (0..3_000).map(|i| format!("old{i} ")).collect();
        let new: String = (0..3_000).map(|i| format!("new{i} ")).collect();
        let pieces = diff_words(&old, &new);
        assert_eq!(side(&pieces, DiffKind::Added), old);
        assert_eq!(side(&pieces, DiffKind::Removed), new);
        assert!(pieces.iter().any(|p| p.kind == DiffKind::Removed));
    }

    #[test]
    fn the_script_is_the_shortest_one() {
        // Three tokens differ ("b", "d", "f" for "x", "y", "z"): six edits, no more.
        let pieces = diff_words("a b c d e f", "a x c y e z");
        let changed: usize =
            pieces.iter().filter(|p| p.kind != DiffKind::Same).map(|p| tokens(&p.text).len()).sum();
        assert_eq!(changed, 6, "{}", show(&pieces));
    }
}
