//! docutils' TargetNotes transform: `.. target-notes::` becomes a footnote for each
//! external target something refers to, and each such reference gets a footnote reference.

use std::collections::{HashMap, HashSet};

use super::{follow, insert_after, parents, Resolver, Targets};
use crate::tree::{Document, NodeId, NodeKind, NoteData, RefTarget};
use crate::Span;

/// The `.. target-notes::` directives waiting for their notes, in document order.
pub(super) fn pending(doc: &Document, all: &[NodeId]) -> Vec<NodeId> {
    all.iter()
        .copied()
        .filter(|&n| {
            matches!(doc.kind(n), NodeKind::Container(c) if &**c == crate::directive::TARGET_NOTES)
        })
        .collect()
}

impl Resolver<'_, '_> {
    /// References by name (docutils' `refnames`), taken before substitution: copies of a
    /// definition's references are not among them.
    pub(super) fn refname_refs(&self, all: &[NodeId]) -> Vec<NodeId> {
        let doc = &self.p.doc;
        all.iter()
            .copied()
            .filter(|&n| {
                matches!(doc.kind(n), NodeKind::Reference { name, anonymous: false, target: RefTarget::Unresolved } if !name.is_empty())
            })
            .collect()
    }

    /// Replaces each pending directive by its notes, between resolving the targets and
    /// numbering the footnotes (docutils' priority 540). Returns the footnotes and footnote
    /// references made, in the order docutils notes them, for the numbering.
    pub(super) fn target_notes(
        &mut self,
        all: &[NodeId],
        pending: &[NodeId],
        refname_refs: &[NodeId],
        targets: &Targets,
    ) -> Vec<NodeId> {
        let by_name_ref: HashSet<NodeId> = refname_refs.iter().copied().collect();
        let mut by_name: HashMap<String, Vec<NodeId>> = HashMap::new();
        for &r in refname_refs {
            if let NodeKind::Reference { name, .. } = self.p.doc.kind(r) {
                by_name.entry(name.to_string()).or_default().push(r);
            }
        }
        // The external targets in document order, each with the names it carries. A named
        // embedded URI (`text <uri>`_) is one, right after its reference.
        let mut external: Vec<(Box<str>, Vec<String>)> = Vec::new();
        let mut anonymous: Vec<(NodeId, Box<str>)> = Vec::new();
        for &n in all {
            match self.p.doc.kind(n) {
                NodeKind::Target(t) => {
                    let Some(names) = targets.named.get(&n) else { continue };
                    let uri = match &t.uri {
                        Some(alias) if t.indirect => {
                            match follow(&targets.names, crate::inline::normalize_name(alias)) {
                                Some(RefTarget::External(u)) => u,
                                _ => continue,
                            }
                        }
                        Some(u) => u.clone(),
                        None => continue,
                    };
                    external.push((uri, names.clone()));
                }
                NodeKind::Reference { name, anonymous: false, target: RefTarget::External(u) }
                    if !name.is_empty() && !by_name_ref.contains(&n) =>
                {
                    external.push((u.clone(), vec![name.to_string()]));
                }
                NodeKind::Reference { anonymous: true, target: RefTarget::External(u), .. } => {
                    anonymous.push((n, u.clone()));
                }
                _ => {}
            }
        }
        let parent_of = parents(&self.p.doc);
        let mut made = Vec::new();
        for &at in pending {
            let classes = self.p.doc.classes.get(&at).cloned().unwrap_or_default();
            let span = self.p.doc.node(at).span;
            let mut notes: HashMap<Box<str>, String> = HashMap::new();
            let mut footnotes = Vec::new();
            let mut groups: Vec<(&Box<str>, Vec<NodeId>)> = Vec::new();
            for (uri, names) in &external {
                let refs: Vec<NodeId> =
                    names.iter().filter_map(|k| by_name.get(k)).flatten().copied().collect();
                if !refs.is_empty() {
                    groups.push((uri, refs));
                }
            }
            groups.extend(anonymous.iter().map(|(n, uri)| (uri, vec![*n])));
            for (uri, refs) in groups {
                let label = match notes.get(uri) {
                    Some(label) => label.clone(),
                    None => {
                        let (note, label) = self.target_footnote(uri, span);
                        notes.insert(uri.clone(), label.clone());
                        footnotes.push(note);
                        made.push(note);
                        label
                    }
                };
                for r in refs {
                    // A reference that could not be resolved is problematic now.
                    if !matches!(self.p.doc.kind(r), NodeKind::Reference { .. }) {
                        continue;
                    }
                    let Some(parent) = parent_of.get(super::key(r)).copied().flatten() else {
                        continue;
                    };
                    made.push(self.note_reference(parent, r, &label, &classes));
                }
            }
            if let Some(parent) = parent_of.get(super::key(at)).copied().flatten() {
                let kids: Vec<NodeId> = self
                    .p
                    .doc
                    .children(parent)
                    .flat_map(|k| if k == at { footnotes.clone() } else { vec![k] })
                    .collect();
                self.p.doc.set_children(parent, &kids);
            }
        }
        made
    }

    /// A new auto-numbered footnote holding a link to `uri`, and its name.
    fn target_footnote(&mut self, uri: &str, span: Span) -> (NodeId, String) {
        let id = self.unique_as(String::new(), "footnote");
        // Upper case and a colon: no name the parser makes looks like it.
        let label = format!("#TARGET_NOTE: {id}");
        let note = self.p.doc.add(NodeKind::Footnote(Box::new(note_data(&label))), span);
        self.note_ids.insert(note, id);
        let paragraph = self.p.doc.push(note, NodeKind::Paragraph, span);
        let link = self.p.doc.push(
            paragraph,
            NodeKind::Reference {
                name: "".into(),
                anonymous: false,
                target: RefTarget::External(uri.into()),
            },
            span,
        );
        self.p.doc.push(link, NodeKind::Text(uri.into()), span);
        (note, label)
    }

    /// A footnote reference to the note `label` after reference `r`, a space between them
    /// (in a span with the directive's classes when it has some).
    fn note_reference(&mut self, parent: NodeId, r: NodeId, label: &str, classes: &str) -> NodeId {
        let end = self.p.doc.node(r).span.end;
        let span = Span { start: end, end };
        let space = if classes.is_empty() {
            self.p.doc.add(NodeKind::Text(" ".into()), span)
        } else {
            let inline = self.p.doc.add(NodeKind::Inline(classes.into()), span);
            self.p.doc.push(inline, NodeKind::Text(" ".into()), span);
            inline
        };
        insert_after(&mut self.p.doc, parent, r, space);
        let note_ref =
            self.p.doc.add(NodeKind::FootnoteReference(Box::new(note_data(label))), span);
        insert_after(&mut self.p.doc, parent, space, note_ref);
        if !classes.is_empty() {
            self.p.doc.classes.insert(note_ref, classes.to_string());
        }
        let id = self.unique_as(String::new(), "footnote-reference");
        self.note_ids.insert(note_ref, id);
        note_ref
    }
}

fn note_data(label: &str) -> NoteData {
    NoteData { label: label.into(), shown: "".into(), id: "".into(), links: Vec::new() }
}
