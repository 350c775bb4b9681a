//! docutils' Transitions transform: a transition that ends a section moves up the tree to
//! follow that section; one that begins or ends the document or a section, or follows
//! another transition, is warned about (a warning in the tree after it). Titles, targets,
//! substitution definitions and invisible elements do not count as neighbours.

use std::collections::{HashMap, HashSet};

use crate::block::BlockParser;
use crate::tree::{NodeId, NodeKind, NodeMap};
use crate::Severity;

/// Siblings a transition's position is judged without (docutils'
/// `transition.ignored_siblings`).
fn ignored(kind: &NodeKind) -> bool {
    match kind {
        NodeKind::Title
        | NodeKind::Subtitle
        | NodeKind::Target(_)
        | NodeKind::SubstitutionDefinition(_)
        | NodeKind::Meta(_) => true,
        NodeKind::Container(c) => crate::directive::is_hidden_container(c),
        _ => false,
    }
}

/// Whether transitions among a node's children are the transform's: the document's and a
/// section's.
fn is_home(kind: &NodeKind) -> bool {
    matches!(kind, NodeKind::Document | NodeKind::Section { .. })
}

/// Where a node sits: its parent and its index among the parent's children.
struct Place {
    parent: NodeId,
    index: usize,
}

pub(super) fn run(p: &mut BlockParser<'_>) {
    let doc = &p.doc;
    // Most documents have none: one scan of the arena says so.
    if !doc.kinds().any(|k| matches!(k, NodeKind::Transition)) {
        return;
    }
    let root = doc.root();
    // One walk of the document and its sections (where the parser puts transitions): each
    // one's children, and every child's place, in document order.
    let mut places: NodeMap<Place> = NodeMap::default();
    let mut lists: Vec<(NodeId, Vec<NodeId>)> = Vec::new();
    let mut stack = vec![root];
    while let Some(n) = stack.pop() {
        let kids: Vec<NodeId> = doc.children(n).collect();
        for (index, &c) in kids.iter().enumerate() {
            places.insert(c, Place { parent: n, index });
        }
        stack.extend(kids.iter().rev().filter(|&&c| is_home(doc.kind(c))));
        lists.push((n, kids));
    }
    let len_of: HashMap<NodeId, usize> = lists.iter().map(|(n, k)| (*n, k.len())).collect();
    // Nodes to insert after a node, and transitions leaving their parent.
    let mut after: HashMap<NodeId, Vec<NodeId>> = HashMap::new();
    let mut moved: HashSet<NodeId> = HashSet::new();
    let mut touched: Vec<NodeId> = Vec::new();
    let mut warnings: Vec<(NodeId, String)> = Vec::new();
    for (parent, kids) in &lists {
        let counts = |k: &&NodeId| !ignored(p.doc.kind(**k));
        // The document's docinfo is a child before the body in docutils' tree.
        let docinfo_first = *parent == root && !p.doc.docinfo.is_empty();
        let first = kids.iter().position(|k| counts(&k));
        let last = kids.iter().rposition(|k| counts(&k));
        for (i, &t) in kids.iter().enumerate() {
            if !matches!(p.doc.kind(t), NodeKind::Transition) {
                continue;
            }
            let begins = first == Some(i) && !docinfo_first;
            let ends = last == Some(i);
            let mut home = *parent;
            if ends {
                // Up the tree to the first ancestor where the section is not last.
                let mut sibling = *parent;
                let mut target = None;
                while let Some(place) = places.get(&sibling) {
                    if place.index + 1 < len_of[&place.parent] {
                        target = Some((place.parent, sibling));
                        break;
                    }
                    sibling = place.parent;
                }
                match target {
                    Some((dest, behind)) => {
                        moved.insert(t);
                        after.entry(behind).or_default().push(t);
                        touched.extend([*parent, dest]);
                        home = dest;
                    }
                    None => warnings.push((t, "Transition at the end of the document.".into())),
                }
            }
            if begins {
                let what = if home == root { "document" } else { "section" };
                warnings.push((t, format!("Transition at the start of the {what}.")));
            } else if i > 0 && matches!(p.doc.kind(kids[i - 1]), NodeKind::Transition) {
                warnings.push((t, "At least one body element should separate transitions.".into()));
            }
        }
    }
    for (t, message) in warnings {
        let span = p.doc.node(t).span;
        let line = p.line_no(span.start);
        let kind = NodeKind::SystemMessage {
            level: 2,
            line,
            id: "".into(),
            message: message.as_str().into(),
        };
        let m = p.doc.add(kind, span);
        p.diag(span, Severity::Warning, message);
        after.entry(t).or_default().push(m);
        let home = if moved.contains(&t) {
            // Its new parent is touched already.
            None
        } else {
            places.get(&t).map(|pl| pl.parent)
        };
        touched.extend(home);
    }
    touched.sort_unstable_by_key(|n| crate::tree::index_of(*n));
    touched.dedup();
    // From the children as they were: relinking one parent changes the links of the
    // transitions it takes in.
    let lists: HashMap<NodeId, Vec<NodeId>> = lists.into_iter().collect();
    for n in touched {
        let mut kids = Vec::new();
        for &c in lists.get(&n).into_iter().flatten() {
            if moved.contains(&c) {
                continue;
            }
            kids.push(c);
            for &x in after.get(&c).into_iter().flatten() {
                kids.push(x);
                kids.extend(after.get(&x).into_iter().flatten());
            }
        }
        p.doc.set_children(n, &kids);
    }
}
