//! The preview of the post being edited, kept between keystrokes.
//!
//! Sending a 100 KB post to the backend and its HTML back on every keystroke costs more
//! than rendering it. So the editor sends its changes, not the text; [`LivePreview`]
//! applies them to its copy, renders, and answers with only the top-level blocks of HTML
//! that changed ([`PreviewPatch`]). Blocks after the change that only moved carry their
//! new line numbers through [`PreviewPatch::line_shift`] instead of being sent again.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::assets::{inert_embeds, rewrite_image_urls};
use crate::preview::{render_for_editor, Diagnostic};

/// One replacement in the editor's text: offsets count UTF-16 code units (as CodeMirror
/// and JavaScript do) in the text before the edit.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, TS)]
#[ts(export)]
pub struct TextChange {
    /// Start of the replaced range.
    pub from: u32,
    /// End of the replaced range (exclusive).
    pub to: u32,
    /// The text put there.
    pub insert: String,
}

/// What changed in the preview since the answer numbered `seq - 1`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PreviewPatch {
    /// This answer's number; the next edit names it as its base.
    pub seq: u32,
    /// The document title as HTML, when the post has one.
    pub title: Option<String>,
    /// Index of the first top-level block that changed.
    pub start: u32,
    /// How many of the old blocks, from `start`, are replaced.
    pub remove: u32,
    /// The new blocks' HTML that take their place.
    pub insert: Vec<String>,
    /// Add this to every `data-line` in the blocks after the inserted ones: they are the
    /// same HTML, moved by lines added or removed above them.
    pub line_shift: i32,
    /// The post's problems, or `None` when they are the same as in the last answer.
    pub diagnostics: Option<Vec<Diagnostic>>,
}

/// Where the post's images are, so the preview can load them (see [`rewrite_image_urls`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageUrls {
    /// The blog's content folder, relative to its root.
    pub content_dir: String,
    /// The post's path, relative to the blog root.
    pub post: String,
    /// What image URLs start with in the preview (e.g. `folio://localhost/`).
    pub prefix: String,
}

/// The open post's text and the preview the window shows for it.
#[derive(Debug, Default)]
pub struct LivePreview {
    text: String,
    /// `text`'s length in UTF-16 code units.
    len_utf16: usize,
    seq: u32,
    /// Each top-level block's HTML with its `data-line`s, image URLs as written.
    blocks: Vec<String>,
    diagnostics: Vec<Diagnostic>,
    images: Option<ImageUrls>,
}

impl LivePreview {
    /// Starts over with the whole `text`: the answer inserts every block.
    pub fn open(&mut self, text: String, images: Option<ImageUrls>) -> PreviewPatch {
        self.len_utf16 = text.encode_utf16().count();
        self.text = text;
        self.images = images;
        self.blocks.clear();
        self.diagnostics.clear();
        let mut patch = self.render(0);
        patch.diagnostics.get_or_insert_with(Vec::new);
        patch
    }

    /// Applies the editor's `changes` (sorted, not overlapping, in the coordinates of the
    /// text before them) to the text the answer numbered `base` was for. Returns `None`,
    /// changing nothing, when that is not the text held here (an answer was missed) or the
    /// result is not `length_utf16` long, or (when given) its [`text_hash`] is not `hash`:
    /// then the editor must [`LivePreview::open`] again.
    pub fn edit(
        &mut self,
        base: u32,
        changes: &[TextChange],
        length_utf16: u32,
        hash: Option<u32>,
    ) -> Option<PreviewPatch> {
        if base != self.seq {
            return None;
        }
        let mut len = self.len_utf16 as i64;
        let mut ranges = Vec::with_capacity(changes.len());
        let mut last_end = 0;
        for change in changes {
            if change.from < last_end || change.to < change.from {
                return None;
            }
            last_end = change.to;
            ranges.push(byte_range(&self.text, change.from, change.to)?);
            len += change.insert.encode_utf16().count() as i64 - i64::from(change.to - change.from);
        }
        if len != i64::from(length_utf16) {
            return None;
        }
        if let Some(hash) = hash {
            let mut text = self.text.clone();
            for (change, range) in changes.iter().zip(&ranges).rev() {
                text.replace_range(range.clone(), &change.insert);
            }
            if text_hash(&text) != hash {
                return None;
            }
        }
        // Blocks below the change move by the lines it added or removed.
        let mut line_shift = 0;
        for (change, range) in changes.iter().zip(ranges).rev() {
            line_shift += newlines(&change.insert) - newlines(&self.text[range.clone()]);
            self.text.replace_range(range, &change.insert);
        }
        self.len_utf16 = len as usize;
        Some(self.render(line_shift))
    }

    /// The text held for the preview.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text the answer numbered `seq` was for, if that is still the text held here
    /// (so the journal can keep it without the window sending it again).
    pub fn text_at(&self, seq: u32) -> Option<&str> {
        (seq == self.seq).then_some(self.text.as_str())
    }

    fn render(&mut self, line_shift: i64) -> PreviewPatch {
        let (post, starts) = render_for_editor(&self.text);
        let html = post.preview.html;
        let blocks: Vec<&str> = starts
            .iter()
            .enumerate()
            .map(|(i, &start)| &html[start..starts.get(i + 1).copied().unwrap_or(html.len())])
            .collect();
        let old = &self.blocks;
        let prefix = old.iter().zip(&blocks).take_while(|(a, b)| a == b).count();
        let suffix = old[prefix..]
            .iter()
            .rev()
            .zip(blocks[prefix..].iter().rev())
            .take_while(|(a, b)| same_but_moved(a, b, line_shift))
            .count();
        let insert = blocks[prefix..blocks.len() - suffix]
            .iter()
            .map(|block| {
                let block = inert_embeds(block);
                match &self.images {
                    Some(i) => rewrite_image_urls(&block, &i.content_dir, &i.post, &i.prefix),
                    None => block,
                }
            })
            .collect();
        let remove = old.len() - prefix - suffix;
        self.seq = self.seq.wrapping_add(1);
        let diagnostics = (post.preview.diagnostics != self.diagnostics).then(|| {
            self.diagnostics = post.preview.diagnostics;
            self.diagnostics.clone()
        });
        self.blocks = blocks.into_iter().map(str::to_string).collect();
        PreviewPatch {
            seq: self.seq,
            title: post.preview.title,
            start: prefix as u32,
            remove: remove as u32,
            insert,
            line_shift: line_shift as i32,
            diagnostics,
        }
    }
}

/// FNV-1a (32 bits) over the text's UTF-16 code units: what the window computes over its
/// own text (`ui/src/editor/text-hash.ts`) to check that both hold the same.
pub fn text_hash(text: &str) -> u32 {
    text.encode_utf16().fold(0x811c_9dc5, |h, unit| (h ^ u32::from(unit)).wrapping_mul(16_777_619))
}

const LINE_ATTR: &str = " data-line=\"";

fn newlines(s: &str) -> i64 {
    s.bytes().filter(|&b| b == b'\n').count() as i64
}

/// Whether `new` is `old` with every `data-line` moved by `shift`.
fn same_but_moved(old: &str, new: &str, shift: i64) -> bool {
    if shift == 0 {
        return old == new;
    }
    let (mut a, mut b) = (old, new);
    loop {
        match (a.find(LINE_ATTR), b.find(LINE_ATTR)) {
            (None, None) => return a == b,
            (Some(i), Some(j)) if i == j && a[..i] == b[..j] => {
                let (ra, rb) = (&a[i + LINE_ATTR.len()..], &b[j + LINE_ATTR.len()..]);
                let (Some(ea), Some(eb)) = (ra.find('"'), rb.find('"')) else { return false };
                match (ra[..ea].parse::<i64>(), rb[..eb].parse::<i64>()) {
                    (Ok(x), Ok(y)) if x + shift == y => {}
                    _ => return false,
                }
                (a, b) = (&ra[ea..], &rb[eb..]);
            }
            _ => return false,
        }
    }
}

/// The byte range of `text` between UTF-16 offsets `from` and `to`; `None` when one is
/// past the end or inside a character.
fn byte_range(text: &str, from: u32, to: u32) -> Option<std::ops::Range<usize>> {
    // The ASCII prefix, usually all of it, maps one to one.
    let ascii = text.bytes().position(|b| !b.is_ascii()).unwrap_or(text.len());
    let start = byte_offset(text, ascii, from as usize)?;
    let end = byte_offset(text, ascii, to as usize)?;
    Some(start..end)
}

fn byte_offset(text: &str, ascii: usize, utf16: usize) -> Option<usize> {
    if utf16 <= ascii {
        return Some(utf16);
    }
    let mut units = ascii;
    for (i, c) in text[ascii..].char_indices() {
        if units == utf16 {
            return Some(ascii + i);
        }
        units += c.len_utf16();
        if units > utf16 {
            return None;
        }
    }
    (units == utf16).then_some(text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the window's preview holds: the blocks it was sent, patched as told.
    #[derive(Default)]
    struct Window {
        blocks: Vec<String>,
        diagnostics: Vec<Diagnostic>,
    }

    impl Window {
        fn apply(&mut self, patch: PreviewPatch) {
            let (start, remove) = (patch.start as usize, patch.remove as usize);
            let after = start + patch.insert.len();
            self.blocks.splice(start..start + remove, patch.insert);
            for block in &mut self.blocks[after..] {
                *block = shift_lines(block, patch.line_shift.into());
            }
            if let Some(d) = patch.diagnostics {
                self.diagnostics = d;
            }
        }
    }

    fn shift_lines(html: &str, shift: i64) -> String {
        let mut out = String::new();
        let mut rest = html;
        while let Some(at) = rest.find(LINE_ATTR) {
            let value = &rest[at + LINE_ATTR.len()..];
            let end = value.find('"').unwrap();
            let line: i64 = value[..end].parse().unwrap();
            out.push_str(&rest[..at + LINE_ATTR.len()]);
            out.push_str(&(line + shift).to_string());
            rest = &value[end..];
        }
        out.push_str(rest);
        out
    }

    /// A small deterministic generator (xorshift), so failures reproduce.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n.max(1) as u64) as usize
        }
    }

    const PIECES: &[&str] = &[
        "\n",
        "\n\n",
        " ",
        "word",
        "é",
        "😀",
        "*",
        "**",
        "`",
        "``",
        "- ",
        "1. ",
        "\n  ",
        "\nTitle\n=====\n",
        "\n----\n",
        "\n\n::\n\n    code\n",
        ".. note:: ",
        ".. image:: a.png",
        "\n| line",
        "|sub|",
        "`x <http://e.com>`_",
        "[#]_",
        "\n.. [#] n\n",
        ":field: v\n",
    ];

    const START: &str = "Title\n#####\n\n:date: 2020-01-01\n:tags: a, b\n\nFirst *para*.\n\n\
        Section\n=======\n\n- one\n- two\n\nText with ``code`` and é😀.\n\n.. image:: {static}/x.png\n";

    fn utf16_len(s: &str) -> u32 {
        s.encode_utf16().count() as u32
    }

    /// A random UTF-16 offset of `text` that falls on a character boundary.
    fn boundary(rng: &mut Rng, text: &str) -> u32 {
        let bytes: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
        let at = bytes[rng.below(bytes.len())];
        utf16_len(&text[..at])
    }

    fn images() -> Option<ImageUrls> {
        Some(ImageUrls {
            content_dir: "content".into(),
            post: "content/post.rst".into(),
            prefix: "folio://localhost/".into(),
        })
    }

    fn full_render(text: &str) -> Vec<String> {
        let mut fresh = LivePreview::default();
        let mut window = Window::default();
        window.apply(fresh.open(text.to_string(), images()));
        window.blocks
    }

    #[test]
    fn random_edits_patched_in_give_exactly_the_full_render() {
        let mut rng = Rng(0x5eed_f011);
        let mut live = LivePreview::default();
        let mut window = Window::default();
        let mut text = START.to_string();
        window.apply(live.open(text.clone(), images()));
        let mut seq = 1;
        let mut partial = 0;
        for step in 0..600 {
            // One to three changes, sorted and apart, as CodeMirror sends them.
            let mut offsets: Vec<u32> =
                (0..2 * (1 + rng.below(3))).map(|_| boundary(&mut rng, &text)).collect();
            offsets.sort_unstable();
            let mut changes = Vec::new();
            for pair in offsets.chunks(2) {
                let to = if rng.below(3) == 0 { pair[1] } else { pair[0] };
                let insert = if rng.below(4) == 0 {
                    String::new()
                } else {
                    PIECES[rng.below(PIECES.len())].to_string()
                };
                changes.push(TextChange { from: pair[0], to, insert });
            }
            // The same edit on a plain string, from the end so offsets stay valid.
            let mut units: Vec<u16> = text.encode_utf16().collect();
            for c in changes.iter().rev() {
                units.splice(c.from as usize..c.to as usize, c.insert.encode_utf16());
            }
            text = String::from_utf16(&units).unwrap();
            let patch = live
                .edit(seq, &changes, utf16_len(&text), (step % 10 == 0).then(|| text_hash(&text)))
                .unwrap_or_else(|| panic!("step {step}: {changes:?} did not apply"));
            seq = patch.seq;
            partial += usize::from(patch.insert.len() < window.blocks.len());
            window.apply(patch);
            assert_eq!(live.text(), text, "step {step}");
            assert_eq!(window.blocks, full_render(&text), "step {step}: {changes:?}\n{text}");
            let expected = crate::render_preview(&text).diagnostics;
            assert_eq!(window.diagnostics, expected, "step {step}");
        }
        assert!(partial > 300, "most edits send part of the preview ({partial} of 600)");
        // Without its source lines, the preview is what Pelican's reader gives.
        let plain = crate::render_preview(&text).html;
        let plain = rewrite_image_urls(&plain, "content", "content/post.rst", "folio://localhost/");
        assert_eq!(shift_lines(&window.blocks.concat(), 0).len(), window.blocks.concat().len());
        assert_eq!(strip_lines(&window.blocks.concat()), plain);
    }

    fn strip_lines(html: &str) -> String {
        let mut out = String::new();
        let mut rest = html;
        while let Some(at) = rest.find(LINE_ATTR) {
            out.push_str(&rest[..at]);
            let value = &rest[at + LINE_ATTR.len()..];
            rest = &value[value.find('"').unwrap() + 1..];
        }
        out.push_str(rest);
        out
    }

    #[test]
    fn typing_in_one_paragraph_sends_only_that_paragraph() {
        let text = "Intro\n\nFirst.\n\nSecond.\n\nThird.\n".to_string();
        let mut live = LivePreview::default();
        let first = live.open(text, None);
        assert_eq!(first.insert.len(), 4);
        assert!(first.diagnostics.is_some(), "the first answer always has the diagnostics");
        let at = "Intro\n\nFirst.\n\nSecond".len() as u32;
        let patch = live
            .edit(first.seq, &[TextChange { from: at, to: at, insert: "!".into() }], 32, None)
            .unwrap();
        assert_eq!((patch.start, patch.remove, patch.line_shift), (2, 1, 0));
        assert_eq!(patch.insert, vec!["<p data-line=\"5\">Second!.</p>\n".to_string()]);
        assert_eq!(patch.diagnostics, None, "no diagnostics changed");
    }

    #[test]
    fn a_new_line_moves_the_blocks_below_without_sending_them() {
        let text = "First.\n\nSecond.\n\nThird.\n".to_string();
        let mut live = LivePreview::default();
        let first = live.open(text, None);
        let patch = live
            .edit(first.seq, &[TextChange { from: 6, to: 6, insert: "\n\nNew.".into() }], 30, None)
            .unwrap();
        assert_eq!((patch.start, patch.remove, patch.line_shift), (1, 0, 2));
        assert_eq!(patch.insert, vec!["<p data-line=\"3\">New.</p>\n".to_string()]);
    }

    #[test]
    fn an_edit_on_another_base_or_length_is_refused_and_changes_nothing() {
        let mut live = LivePreview::default();
        let first = live.open("abc\n".into(), None);
        let change = [TextChange { from: 1, to: 2, insert: "X".into() }];
        assert_eq!(live.edit(first.seq + 1, &change, 4, None), None, "a missed answer");
        assert_eq!(live.edit(first.seq, &change, 5, None), None, "the editor has other text");
        let other = Some(text_hash("aYc\n"));
        assert_eq!(live.edit(first.seq, &change, 4, other), None, "same length, other text");
        let unsorted = [
            TextChange { from: 2, to: 3, insert: String::new() },
            TextChange { from: 0, to: 1, insert: String::new() },
        ];
        assert_eq!(live.edit(first.seq, &unsorted, 2, None), None);
        assert_eq!(
            live.edit(first.seq, &[TextChange { from: 9, to: 9, insert: "".into() }], 4, None),
            None
        );
        assert_eq!(live.text(), "abc\n");
        let second = live.edit(first.seq, &change, 4, Some(text_hash("aXc\n"))).unwrap();
        assert_eq!(live.text(), "aXc\n");
        assert_eq!(live.text_at(second.seq), Some("aXc\n"));
        assert_eq!(live.text_at(first.seq), None, "that text is gone");
    }

    #[test]
    fn the_text_hash_is_the_one_the_window_computes() {
        // The same values are asserted in ui/src/editor/text-hash.test.ts.
        assert_eq!(text_hash(""), 2_166_136_261);
        assert_eq!(text_hash("aé😀\n"), 2_590_906_984);
    }

    #[test]
    fn utf16_offsets_map_to_bytes_and_never_into_a_character() {
        let text = "aé😀b";
        assert_eq!(byte_range(text, 0, 1), Some(0..1));
        assert_eq!(byte_range(text, 1, 2), Some(1..3));
        assert_eq!(byte_range(text, 2, 4), Some(3..7));
        assert_eq!(byte_range(text, 3, 4), None, "inside the surrogate pair");
        assert_eq!(byte_range(text, 5, 5), Some(8..8));
        assert_eq!(byte_range(text, 5, 6), None, "past the end");
    }

    #[test]
    fn image_urls_point_at_the_blog() {
        let mut live = LivePreview::default();
        let patch = live.open(".. image:: {static}/images/a.png\n".into(), images());
        assert!(
            patch.insert[0].contains("src=\"folio://localhost/content/images/a.png\""),
            "{:?}",
            patch.insert
        );
    }
}
