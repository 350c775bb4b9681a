//! The preview of the post being edited, kept between keystrokes.
//!
//! Sending a 100 KB post to the backend and its HTML back on every keystroke costs more
//! than rendering it. So the editor sends its changes, not the text; [`LivePreview`]
//! applies them to its copy, renders, and answers with only the blocks of HTML that changed
//! ([`PreviewPatch`]): top-level blocks, or, when the change is inside one section, that
//! section's blocks (a long section is not sent again for a typed letter). Blocks after the
//! change that only moved carry their new line numbers through
//! [`PreviewPatch::line_shift`] instead of being sent again.

use folio_rst::html::Block;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

mod paragraph;

use crate::assets::{inert_embeds, rewrite_image_urls};
use crate::preview::{render_for_editor, Diagnostic, PostSettings};

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
    /// The section whose blocks changed, as the index of each block on the way down to it
    /// (a section's blocks are its [`PreviewBlock::children`]); empty for the top level.
    pub at: Vec<u32>,
    /// Index of the first block there that changed.
    pub start: u32,
    /// How many of the old blocks, from `start`, are replaced.
    pub remove: u32,
    /// The new blocks that take their place.
    pub insert: Vec<PreviewBlock>,
    /// Add this to every `data-line` in the blocks after the inserted ones, in document
    /// order (in that section and after it): they are the same HTML, moved by lines added
    /// or removed above them.
    pub line_shift: i32,
    /// The post's problems, or `None` when they are the same as in the last answer.
    pub diagnostics: Option<Vec<Diagnostic>>,
}

/// One block of the preview, parsed on its own so that broken raw HTML in one block cannot
/// swallow the next ones.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PreviewBlock {
    /// The block's HTML; for a section, its element without the child blocks.
    pub html: String,
    /// A section's blocks, which go at the end of its element (after its title), in order.
    pub children: Vec<PreviewBlock>,
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
    /// The last preview's HTML with its `data-line`s, image URLs as written, and its blocks.
    html: String,
    blocks: Vec<Block>,
    /// The last preview's title and diagnostics.
    title: Option<String>,
    diagnostics: Vec<Diagnostic>,
    images: Option<ImageUrls>,
    /// What the blog's settings change in a post's HTML (typogrify).
    settings: PostSettings,
    /// How many answers rendered only the paragraph typed in.
    paragraph_answers: u64,
}

impl LivePreview {
    /// Renders from now on as a blog with `settings` publishes; the next
    /// [`LivePreview::open`] shows it.
    pub fn set_post_settings(&mut self, settings: PostSettings) {
        self.settings = settings;
    }

    /// Starts over with the whole `text`: the answer inserts every block.
    pub fn open(&mut self, text: String, images: Option<ImageUrls>) -> PreviewPatch {
        self.len_utf16 = text.encode_utf16().count();
        self.text = text;
        self.images = images;
        self.html.clear();
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
        let in_paragraph = match (changes, &ranges[..]) {
            ([change], [range]) => {
                paragraph::ParagraphEdit::find(&self.text, range, &change.insert)
            }
            _ => None,
        };
        // Blocks below the change move by the lines it added or removed.
        let mut line_shift = 0;
        for (change, range) in changes.iter().zip(ranges).rev() {
            line_shift += newlines(&change.insert) - newlines(&self.text[range.clone()]);
            self.text.replace_range(range, &change.insert);
        }
        self.len_utf16 = len as usize;
        if let Some(patch) = in_paragraph.and_then(|p| self.patch_paragraph(&p)) {
            return Some(patch);
        }
        Some(self.render(line_shift))
    }

    /// The answer to typing inside one paragraph, rendering only that paragraph, when
    /// [`paragraph`] can prove that is the whole render's answer.
    fn patch_paragraph(&mut self, edit: &paragraph::ParagraphEdit) -> Option<PreviewPatch> {
        let (path, new_html) =
            edit.render(&self.text, &self.html, &self.blocks, &self.diagnostics, &self.settings)?;
        let (&index, at) = path.split_last()?;
        let old = paragraph::block_at(&self.blocks, &path);
        let (start, end) = (old.start, old.end);
        self.html.replace_range(start..end, &new_html);
        let growth = new_html.len() as isize - (end - start) as isize;
        paragraph::shift_blocks(&mut self.blocks, end, growth);
        self.seq = self.seq.wrapping_add(1);
        self.paragraph_answers += 1;
        let block = self.preview_block(&self.html, paragraph::block_at(&self.blocks, &path));
        Some(PreviewPatch {
            seq: self.seq,
            title: self.title.clone(),
            at: at.iter().map(|&i| i as u32).collect(),
            start: index as u32,
            remove: 1,
            insert: vec![block],
            line_shift: 0,
            diagnostics: None,
        })
    }

    /// How many answers so far rendered only the paragraph that was typed in (see
    /// [`paragraph`]) rather than the whole post.
    pub fn paragraph_answers(&self) -> u64 {
        self.paragraph_answers
    }

    /// The text held for the preview.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text held for the post at `post` (relative to the blog root), when that is the
    /// post being previewed: what the writer has now, saved or not.
    pub fn text_of(&self, post: &str) -> Option<&str> {
        self.images.as_ref().filter(|i| i.post == post).map(|_| self.text.as_str())
    }

    /// The text the answer numbered `seq` was for, if that is still the text held here
    /// (so the journal can keep it without the window sending it again).
    pub fn text_at(&self, seq: u32) -> Option<&str> {
        (seq == self.seq).then_some(self.text.as_str())
    }

    fn render(&mut self, line_shift: i64) -> PreviewPatch {
        let (post, blocks) = render_for_editor(&self.text, &self.settings);
        let html = post.preview.html;
        let (old_html, new_html) = (self.html.as_str(), html.as_str());
        let old_of = |b: &Block| &old_html[b.start..b.end];
        let new_of = |b: &Block| &new_html[b.start..b.end];
        // From the top level down into the one section the change is in, if it is in one.
        let (mut old, mut new) = (&self.blocks[..], &blocks[..]);
        let mut at = Vec::new();
        let (prefix, suffix) = loop {
            let prefix = old.iter().zip(new).take_while(|(a, b)| old_of(a) == new_of(b)).count();
            let suffix = old[prefix..]
                .iter()
                .rev()
                .zip(new[prefix..].iter().rev())
                .take_while(|(a, b)| same_but_moved(old_of(a), new_of(b), line_shift))
                .count();
            match (&old[prefix..old.len() - suffix], &new[prefix..new.len() - suffix]) {
                ([a], [b])
                    if !a.children.is_empty()
                        && !b.children.is_empty()
                        && shell(old_html, a) == shell(new_html, b) =>
                {
                    at.push(prefix as u32);
                    (old, new) = (&a.children, &b.children);
                }
                _ => break (prefix, suffix),
            }
        };
        let insert = new[prefix..new.len() - suffix]
            .iter()
            .map(|b| self.preview_block(new_html, b))
            .collect();
        let remove = old.len() - prefix - suffix;
        self.seq = self.seq.wrapping_add(1);
        let diagnostics = (post.preview.diagnostics != self.diagnostics).then(|| {
            self.diagnostics = post.preview.diagnostics;
            self.diagnostics.clone()
        });
        self.html = html;
        self.blocks = blocks;
        self.title.clone_from(&post.preview.title);
        PreviewPatch {
            seq: self.seq,
            title: post.preview.title,
            at,
            start: prefix as u32,
            remove: remove as u32,
            insert,
            line_shift: line_shift as i32,
            diagnostics,
        }
    }

    /// Block `b` of `html` as the window builds it, with embeds made inert and image URLs
    /// pointing at the blog.
    fn preview_block(&self, html: &str, b: &Block) -> PreviewBlock {
        let (head, tail) = shell(html, b);
        let own = inert_embeds(&[head, tail].concat());
        let own = match &self.images {
            Some(i) => rewrite_image_urls(&own, &i.content_dir, &i.post, &i.prefix),
            None => own,
        };
        let children = b.children.iter().map(|c| self.preview_block(html, c)).collect();
        PreviewBlock { html: own, children }
    }
}

/// A block's own HTML around its blocks: for a section, its opening tag and title, and its
/// end; for any other block, all of it (and nothing after).
fn shell<'h>(html: &'h str, b: &Block) -> (&'h str, &'h str) {
    match (b.children.first(), b.children.last()) {
        (Some(first), Some(last)) => (&html[b.start..first.start], &html[last.end..b.end]),
        _ => (&html[b.start..b.end], ""),
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
        blocks: Vec<PreviewBlock>,
        diagnostics: Vec<Diagnostic>,
    }

    impl Window {
        fn apply(&mut self, patch: PreviewPatch) {
            let shift = patch.line_shift.into();
            apply_at(&mut self.blocks, &patch.at, patch.start, patch.remove, patch.insert, shift);
            if let Some(d) = patch.diagnostics {
                self.diagnostics = d;
            }
        }

        /// The HTML the window shows.
        fn html(&self) -> String {
            self.blocks.iter().map(flatten).collect()
        }
    }

    fn apply_at(
        blocks: &mut Vec<PreviewBlock>,
        at: &[u32],
        start: u32,
        remove: u32,
        insert: Vec<PreviewBlock>,
        shift: i64,
    ) {
        let after = match at.split_first() {
            Some((&i, deeper)) => {
                apply_at(&mut blocks[i as usize].children, deeper, start, remove, insert, shift);
                i as usize + 1
            }
            None => {
                let (start, remove) = (start as usize, remove as usize);
                let after = start + insert.len();
                blocks.splice(start..start + remove, insert);
                after
            }
        };
        for block in &mut blocks[after..] {
            shift_block(block, shift);
        }
    }

    fn shift_block(block: &mut PreviewBlock, shift: i64) {
        block.html = shift_lines(&block.html, shift);
        for c in &mut block.children {
            shift_block(c, shift);
        }
    }

    /// A block's HTML with its children in it: a section's go before its closing tag.
    fn flatten(block: &PreviewBlock) -> String {
        if block.children.is_empty() {
            return block.html.clone();
        }
        let end = block.html.rfind("</div>").expect("a section ends with </div>");
        let children: String = block.children.iter().map(flatten).collect();
        [&block.html[..end], &children, &block.html[end..]].concat()
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
        Section\n=======\n\n- one\n- two\n\nText with ``code`` and é😀.\n\n.. image:: {static}/x.png\n\n\
        More words here.\n\nAnd more of them.\n\nSub\n---\n\nDeep text.\n\nDeeper still, and longer.\n";

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

    fn full_render(text: &str) -> Vec<PreviewBlock> {
        let mut fresh = LivePreview::default();
        let mut window = Window::default();
        window.apply(fresh.open(text.to_string(), images()));
        window.blocks
    }

    #[test]
    fn random_edits_patched_in_give_exactly_the_full_render() {
        let mut rng = Rng(0x5eed_f011);
        // One to three changes, sorted and apart, as CodeMirror sends them.
        let (partial, ..) = random_session(&mut rng, START, 600, |rng, text| {
            let mut offsets: Vec<u32> =
                (0..2 * (1 + rng.below(3))).map(|_| boundary(rng, text)).collect();
            offsets.sort_unstable();
            offsets
                .chunks(2)
                .map(|pair| {
                    let to = if rng.below(3) == 0 { pair[1] } else { pair[0] };
                    let insert = if rng.below(4) == 0 {
                        String::new()
                    } else {
                        PIECES[rng.below(PIECES.len())].to_string()
                    };
                    TextChange { from: pair[0], to, insert }
                })
                .collect()
        });
        assert!(partial > 300, "most edits send part of the preview ({partial} of 600)");
    }

    #[test]
    fn typing_anywhere_in_a_sectioned_post_patches_in_the_full_render() {
        let mut rng = Rng(0x7e11_ab1e);
        let start = START.to_string()
            + &"\nMore\n====\n\nWords and *more* words.\n\nDeeper\n------\n\nText.\n\n".repeat(4);
        // A letter, a space, a new line or paragraph typed, or one character deleted.
        let (_, nested, _) = random_session(&mut rng, &start, 600, |rng, text| {
            let from = boundary(rng, text);
            let insert = ["w", " ", "\n", "\n\n", "é", "`", "*"][rng.below(7)];
            let deleted = match rng.below(5) {
                0 => byte_range(text, from, from).and_then(|at| text[at.start..].chars().next()),
                _ => None,
            };
            let to = from + deleted.map_or(0, |c| c.len_utf16() as u32);
            vec![TextChange { from, to, insert: insert.into() }]
        });
        assert!(nested > 150, "many edits are sent as a section's blocks ({nested} of 600)");
    }

    /// Makes `steps` edits chosen by `edit` from `start`; after each, the window's preview
    /// patched with the answer must be the full render of the text, diagnostics included.
    /// Returns how many answers sent part of the preview, how many a section's part, and
    /// how many rendered only the paragraph typed in.
    fn random_session(
        rng: &mut Rng,
        start: &str,
        steps: usize,
        mut edit: impl FnMut(&mut Rng, &str) -> Vec<TextChange>,
    ) -> (usize, usize, u64) {
        let mut live = LivePreview::default();
        let mut window = Window::default();
        let mut text = start.to_string();
        window.apply(live.open(text.clone(), images()));
        let mut seq = 1;
        let (mut partial, mut nested) = (0, 0);
        for step in 0..steps {
            let changes = edit(rng, &text);
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
            partial +=
                usize::from(!patch.at.is_empty() || patch.insert.len() < window.blocks.len());
            nested += usize::from(!patch.at.is_empty());
            window.apply(patch);
            assert_eq!(live.text(), text, "step {step}");
            assert_eq!(window.blocks, full_render(&text), "step {step}: {changes:?}\n{text}");
            let expected = crate::render_preview(&text).diagnostics;
            assert_eq!(window.diagnostics, expected, "step {step}");
        }
        // Without its source lines, the preview is what Pelican's reader gives.
        let plain = crate::render_preview(&text).html;
        let plain = rewrite_image_urls(&plain, "content", "content/post.rst", "folio://localhost/");
        assert_eq!(strip_lines(&window.html()), inert_embeds(&plain));
        (partial, nested, live.paragraph_answers())
    }

    /// A post where a paragraph's HTML depends on what is around it in every way reST has:
    /// a default role, a class and a target above it, a literal block's opener, a list it
    /// could join, roles and substitutions defined elsewhere, named, anonymous and footnote
    /// references, a simple table with a blank line inside, a section title it could
    /// become.
    const CONTEXTS: &str = ".. default-role:: code\n\nTitle\n=====\n\n\
        Intro with *emphasis*, ``literal`` and a `link <http://e.com>`_ in it.\n\n\
        .. class:: special\n\nA classed paragraph.\n\n.. _target:\n\nA targeted one.\n\n\
        Ending with::\n\nUnindented after the opener.\n\n- a list\n- of items\n\n\
        After the list, on\ntwo lines.\n\n.. role:: red\n\nText :red:`red` word.\n\n\
        A |sub| here.\n\n.. |sub| replace:: substitution\n\n\
        Refs `foo`_, [#]_ and `x`__.\n\n.. _foo: http://foo\n.. [#] note\n__ http://x\n\n\
        =====  =====\ncol 1  col 2\n=====  =====\n1      Row one.\n\n2      Row two.\n=====  =====\n\n\
        1. one\n\nPlain words\nacross lines\nhere.\n\nSub\n---\n\nLast words.\n";

    #[test]
    fn typing_in_a_paragraph_renders_it_alone_only_where_that_is_the_whole_render() {
        let mut rng = Rng(0x0a1a_9a9a);
        // Letters, and every character that can turn a paragraph into other markup.
        const KEYS: &[&str] = &[
            "w", "w", "w", " ", " ", "*", "`", "_", "|", "[", "]", ":", ".", "-", "=", "#", "\\",
            "1", ">", "é", "<", "+",
        ];
        let (_, _, alone) = random_session(&mut rng, CONTEXTS, 600, |rng, text| {
            let from = boundary(rng, text);
            let deleted = match rng.below(4) {
                0 => byte_range(text, from, from).and_then(|at| text[at.start..].chars().next()),
                _ => None,
            };
            let to = from + deleted.map_or(0, |c| c.len_utf16() as u32);
            let insert = if deleted.is_some() && rng.below(2) == 0 {
                ""
            } else {
                KEYS[rng.below(KEYS.len())]
            };
            vec![TextChange { from, to, insert: insert.into() }]
        });
        assert!(alone > 30, "typing in paragraphs renders them alone ({alone} of 600)");
    }

    #[test]
    fn typing_in_the_conformance_posts_gives_the_whole_render() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/conformance/cases");
        let mut posts: Vec<_> = std::fs::read_dir(dir)
            .expect("../shared/conformance beside the project")
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "rst"))
            .collect();
        posts.sort();
        let mut rng = Rng(0xc0f0_4a11);
        let mut alone = 0;
        for post in &posts {
            let text = std::fs::read_to_string(post).unwrap();
            let (_, _, n) = random_session(&mut rng, &text, 60, |rng, text| {
                let from = boundary(rng, text);
                let insert = ["w", " ", "*", "`", "_", "|", ":", "-", "=", "\\"][rng.below(10)];
                vec![TextChange { from, to: from, insert: insert.into() }]
            });
            alone += n;
        }
        assert!(alone > 800, "{alone} of {} answers rendered only a paragraph", 60 * posts.len());
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
    fn typogrified_edits_patched_in_give_the_typogrified_full_render() {
        let settings = serde_json::json!({"TYPOGRIFY": true});
        let settings = PostSettings::from_settings(settings.as_object().unwrap()).unwrap();
        let mut live = LivePreview::default();
        live.set_post_settings(settings.clone());
        let mut window = Window::default();
        let mut rng = Rng(0x7090_6e1f);
        let mut text =
            START.to_string() + "\nA \"quoted\" -- part\n=================\n\nIt's NASA & co...\n";
        window.apply(live.open(text.clone(), images()));
        let mut seq = 1;
        for step in 0..300 {
            let from = boundary(&mut rng, &text);
            let insert = ["\"", "'", "-", " ", "A", "\n\n", "&", ".", "w"][rng.below(9)];
            let changes = vec![TextChange { from, to: from, insert: insert.into() }];
            let mut units: Vec<u16> = text.encode_utf16().collect();
            units.splice(from as usize..from as usize, insert.encode_utf16());
            text = String::from_utf16(&units).unwrap();
            let patch = live
                .edit(seq, &changes, utf16_len(&text), None)
                .unwrap_or_else(|| panic!("step {step}: {changes:?} did not apply"));
            seq = patch.seq;
            window.apply(patch);
            let expected = crate::render_post_in(&text, &settings).preview.html;
            let expected =
                rewrite_image_urls(&expected, "content", "content/post.rst", "folio://localhost/");
            assert_eq!(strip_lines(&window.html()), expected, "step {step}\n{text}");
        }
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
        assert_eq!(patch.insert, vec![leaf("<p data-line=\"5\">Second!.</p>\n")]);
        assert_eq!(patch.diagnostics, None, "no diagnostics changed");
    }

    fn leaf(html: &str) -> PreviewBlock {
        PreviewBlock { html: html.into(), children: Vec::new() }
    }

    #[test]
    fn typing_in_a_long_section_sends_only_its_paragraph() {
        let text =
            "Intro.\n\nOne\n===\n\nFirst.\n\nTwo\n---\n\nAlpha.\n\nBeta.\n\nGamma.\n\nLast.\n";
        let mut live = LivePreview::default();
        let first = live.open(text.to_string(), None);
        let [intro, one] = &first.insert[..] else { panic!("{:?}", first.insert) };
        assert!(intro.children.is_empty());
        assert_eq!(one.children.len(), 2, "{one:?}");
        assert_eq!(one.children[1].children.len(), 4, "{one:?}");
        let at = utf16_len(&text[..text.find("Beta").unwrap() + 4]);
        let len = utf16_len(text) + 5;
        let change = [TextChange { from: at, to: at, insert: "\n\nNew".into() }];
        let patch = live.edit(first.seq, &change, len, None).unwrap();
        assert_eq!(patch.at, vec![1, 1], "inside section Two, inside One");
        assert_eq!((patch.start, patch.remove, patch.line_shift), (1, 1, 2));
        assert_eq!(
            patch.insert,
            vec![leaf("<p data-line=\"13\">Beta</p>\n"), leaf("<p data-line=\"15\">New.</p>\n")]
        );
        // A new title for the section sends the section.
        let at = utf16_len(&text[..text.find("Two").unwrap()]);
        let change = [TextChange { from: at, to: at + 3, insert: "Six".into() }];
        let patch = live.edit(patch.seq, &change, len, None).unwrap();
        assert_eq!((patch.at.len(), patch.start, patch.remove), (1, 1, 1));
        assert!(patch.insert[0].html.contains("<h3>Six</h3>"), "{:?}", patch.insert);
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
        assert_eq!(patch.insert, vec![leaf("<p data-line=\"3\">New.</p>\n")]);
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
            patch.insert[0].html.contains("src=\"folio://localhost/content/images/a.png\""),
            "{:?}",
            patch.insert
        );
    }
}
