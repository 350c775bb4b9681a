//! Step 3: resolve what needs the whole document: substitutions, hyperlink targets and
//! references, footnote and citation numbering, element ids, system message ids, and the
//! promotion of a lone section to the document title and of a leading field list to the
//! docinfo (docutils' DocTitle and DocInfo transforms).

use std::collections::HashMap;

mod target_notes;
mod transitions;

use crate::block::BlockParser;
use crate::tree::{Document, Field, NodeId, NodeKind, NodeMap, RefTarget};
use crate::{Severity, Span};

/// How many indirect targets (`.. _a: b_`) a reference may follow. Motivated by a chain or
/// cycle of aliases, which would otherwise loop forever.
pub const MAX_INDIRECT_HOPS: usize = 16;

/// How deeply substitutions may refer to substitutions. Motivated by `.. |a| replace:: |a|`
/// and other circular definitions.
pub const MAX_SUBSTITUTION_DEPTH: u32 = 16;

/// How many nodes substitutions may add in total. Motivated by a definition used many
/// times whose replacement is large (the "billion laughs" shape of substitutions).
pub const MAX_SUBSTITUTED_NODES: usize = 1_000_000;

/// docutils' `make_id`.
pub fn make_id(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars() {
        let mut buf = [0; 4];
        let c = if c.is_ascii() { &*c.encode_utf8(&mut buf) } else { fold_ascii(c) };
        for c in c.chars() {
            if c.is_ascii_alphanumeric() {
                if dash && !out.is_empty() {
                    out.push('-');
                }
                dash = false;
                out.push(c.to_ascii_lowercase());
            } else {
                dash = true;
            }
        }
    }
    let trimmed = out.trim_start_matches(|c: char| c.is_ascii_digit() || c == '-');
    trimmed.to_string()
}

/// The ASCII docutils folds non-ASCII character `c` to in an id (nothing for most).
fn fold_ascii(c: char) -> &'static str {
    use crate::id_fold::ID_FOLD;
    match ID_FOLD.binary_search_by(|(k, _)| k.cmp(&c)) {
        Ok(i) => ID_FOLD[i].1,
        Err(_) => "",
    }
}

/// Where a section's heading links back to from a table of contents.
enum Backlink {
    /// Its entry in the contents.
    Entry,
    /// This id (the contents topic's).
    To(String),
    /// Nowhere.
    None,
}

/// Per-element ids assigned by resolve, beyond what the node kinds carry.
#[derive(Default, Debug, Clone)]
pub struct Ids {
    /// Element ids (first one is the element's `id` attribute).
    pub ids: NodeMap<Vec<String>>,
    /// Section -> the table-of-contents entry its heading links back to.
    pub backrefs: NodeMap<String>,
    /// Section -> its number from `.. sectnum::`.
    pub numbers: NodeMap<String>,
}

/// An internal target that has not yet met the element that takes its ids.
struct Waiting {
    node: NodeId,
    id: String,
    /// Its place among the anonymous targets, for a lone `__`.
    anon: Option<usize>,
}

/// What an anonymous target points at: a target, or the name of one it aliases.
type AnonTarget = (RefTarget, Option<String>);

/// Reference name -> its target, or the name it aliases; whether an explicit target.
type Names = HashMap<String, (RefTarget, Option<String>, bool)>;

/// What the targets pass leaves for the target notes: the names, and the names each named
/// target with a URI or alias carries (its own, then the internal targets chained to it).
struct Targets {
    names: Names,
    named: NodeMap<Vec<String>>,
}

struct Resolver<'a, 'p> {
    p: &'a mut BlockParser<'p>,
    used: std::collections::HashSet<String>,
    /// docutils' `id_counter`: the last number given after each prefix (`setup-` → 2).
    counters: HashMap<String, u32>,
    /// Citations' ids, taken with the targets' (the footnote pass writes them).
    citation_ids: NodeMap<String>,
    /// Footnotes' and footnote and citation references' ids, taken with the targets' in
    /// document order as docutils takes them while parsing.
    note_ids: NodeMap<String>,
    ids: NodeMap<Vec<String>>,
    /// Parents of the body's nodes as they stand before substitution; `None` until needed.
    parents: Option<Vec<Option<NodeId>>>,
    backrefs: NodeMap<String>,
    numbers: NodeMap<String>,
    /// Problematic nodes that keep the id of the element they replace.
    own_ids: NodeMap<String>,
    /// Ids of references that became problematic in a numbering transform ("too many"),
    /// which keep them after the problematic's own (docutils' `replace_self`).
    kept_ids: NodeMap<String>,
    /// Nodes the parser made (their index is at most this); later ones are copies made here.
    parsed: usize,
    /// Each reference made problematic here, with its system message and the index of its
    /// diagnostic: docutils numbers them with the line of their text block, known once
    /// the tree stands (a substitution's copies sit where the reference was).
    reported: Vec<(NodeId, NodeId, usize)>,
    /// References made problematic with an earlier one's message, which links back to all
    /// of them (docutils' "too many" footnote references): (the first, this one).
    shared: Vec<(NodeId, NodeId)>,
    /// References no target answers (docutils' DanglingReferences transform, which runs
    /// after the footnote numbering): reported after it, in document order.
    dangling: Vec<(NodeId, String, Option<String>)>,
    /// Each unlabelled auto-numbered footnote's number, which names it (docutils makes it
    /// an explicit target), with its id: `2`_ and `[2]_` link to the second.
    numbered: HashMap<String, String>,
}

pub(crate) fn run(p: &mut BlockParser<'_>) -> Ids {
    if p.notes || p.diags.iter().any(|d| d.severity == crate::Severity::Info) {
        drop_info_messages(&mut p.doc);
    }
    promote(&mut p.doc);
    docinfo(p);
    let doc = &mut p.doc;
    let root = doc.root();
    let mut r = Resolver {
        used: Default::default(),
        counters: HashMap::new(),
        citation_ids: NodeMap::default(),
        note_ids: NodeMap::default(),
        ids: NodeMap::default(),
        parents: None,
        own_ids: NodeMap::default(),
        kept_ids: NodeMap::default(),
        backrefs: NodeMap::default(),
        numbers: NodeMap::default(),
        parsed: p.doc.len(),
        reported: Vec::new(),
        shared: Vec::new(),
        dangling: Vec::new(),
        numbered: HashMap::new(),
        p,
    };
    // Substitution trims ask for the parents of references that copies are about to join,
    // so they are taken first. The other passes ask only about targets and topics, whose
    // parents no pass changes: most documents never need the walk.
    if !r.p.trims.is_empty() {
        r.parents = Some(parents(&r.p.doc));
    }
    // One walk of the tree serves every pass that adds no nodes the later ones look for:
    // on a long post the walks were a fifth of the time spent resolving.
    let mut all = r.all();
    let pending = target_notes::pending(&r.p.doc, &all);
    let refname_refs = if pending.is_empty() { Vec::new() } else { r.refname_refs(&all) };
    if r.substitutions(&all) {
        all = r.all();
    }
    let targets = r.targets_and_refs(&all);
    if pending.is_empty() {
        r.footnotes(&all, &targets.names);
    } else {
        // The notes are numbered after the footnotes the parser made, as docutils notes them.
        let notes = r.target_notes(&all, &pending, &refname_refs, &targets);
        r.footnotes(&[all.as_slice(), notes.as_slice()].concat(), &targets.names);
    }
    r.dangling_references(&all);
    r.contents(&all);
    transitions::run(r.p);
    r.system_messages();
    let _ = root;
    Ids { ids: r.ids, backrefs: r.backrefs, numbers: r.numbers }
}

/// docutils' FilterMessages: system messages below Pelican's report level (2, warnings)
/// leave the tree; they stay diagnostics.
fn drop_info_messages(doc: &mut Document) {
    let is_info = |doc: &Document, n: NodeId| matches!(doc.kind(n), NodeKind::SystemMessage { level, .. } if *level < 2);
    let mut stack = vec![doc.root()];
    while let Some(n) = stack.pop() {
        let kids: Vec<NodeId> = doc.children(n).collect();
        if kids.iter().any(|&k| is_info(doc, k)) {
            let kept: Vec<NodeId> = kids.iter().copied().filter(|&k| !is_info(doc, k)).collect();
            doc.set_children(n, &kept);
            stack.extend(kept);
        } else {
            stack.extend(kids);
        }
    }
}

/// The parent of every node, in the body and in what the DocTitle and DocInfo transforms
/// took out of it (the title, the subtitle, the docinfo fields' bodies).
pub(crate) fn parents(doc: &Document) -> Vec<Option<NodeId>> {
    let mut out = vec![None; doc.len() + 1];
    let mut stack = vec![doc.root()];
    stack.extend(doc.title.iter().chain(doc.subtitle.iter()).copied());
    stack.extend(doc.docinfo.iter().map(|f| f.body));
    while let Some(n) = stack.pop() {
        for c in doc.children(n) {
            out[key(c)] = Some(n);
            stack.push(c);
        }
    }
    out
}

fn key(n: NodeId) -> usize {
    crate::tree::index_of(n)
}

fn is_prebib(kind: &NodeKind) -> bool {
    matches!(
        kind,
        NodeKind::Comment(_)
            | NodeKind::SubstitutionDefinition(_)
            | NodeKind::Target(_)
            | NodeKind::SystemMessage { .. }
            | NodeKind::Meta(_)
            | NodeKind::Raw(_)
    ) || matches!(kind, NodeKind::Container(c) if crate::directive::is_hidden_container(c))
        // Pelican's `code-block` and `sourcecode` write a raw node, which docutils passes
        // over as it does `.. raw::` (docutils' own `code` is a literal block).
        || matches!(kind, NodeKind::CodeBlock(d) if !d.docutils)
}

/// docutils' DocTitle + DocInfo transforms.
fn promote(doc: &mut Document) {
    let root = doc.root();
    for pass in 0..2 {
        let kids: Vec<NodeId> = doc.children(root).collect();
        let Some(pos) = kids.iter().position(|k| !is_prebib(doc.kind(*k))) else { return };
        if pos + 1 != kids.len() || !matches!(doc.kind(kids[pos]), NodeKind::Section { .. }) {
            break;
        }
        let sec = kids[pos];
        let sec_kids: Vec<NodeId> = doc.children(sec).collect();
        let Some((&title, rest)) = sec_kids.split_first() else { break };
        if pass == 0 {
            doc.title = Some(title);
        } else {
            doc.subtitle = Some(title);
        }
        let mut new_kids: Vec<NodeId> = kids[..pos].to_vec();
        new_kids.extend_from_slice(rest);
        doc.set_children(root, &new_kids);
        if pass == 0 && doc.title.is_none() {
            break;
        }
    }
}

/// docutils' DocInfo transform: the field list first after the title is the docinfo.
fn docinfo(p: &mut BlockParser<'_>) {
    let root = p.doc.root();
    let kids: Vec<NodeId> = p.doc.children(root).collect();
    let Some(pos) = kids.iter().position(|k| !is_prebib(p.doc.kind(*k))) else { return };
    if !matches!(p.doc.kind(kids[pos]), NodeKind::FieldList) {
        return;
    }
    let list = kids[pos];
    let mut remaining: Vec<(&'static str, NodeId, Span)> = Vec::new();
    for f in p.doc.children(list).collect::<Vec<_>>() {
        let fk: Vec<NodeId> = p.doc.children(f).collect();
        let (Some(&name), Some(&body)) = (fk.first(), fk.get(1)) else { continue };
        let mut name_text = p.doc.text(name);
        let normalized = name_text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
        let span = p.doc.node(f).span;
        // The document's language says which names are bibliographic (a German `Autor` is
        // the author); such a field, once its body passes docutils' checks, goes by its
        // canonical name, as Pelican reads it. One that fails stays a field, warned about.
        let canonical = p.doc.language.bibliographic_field(&normalized);
        let taken = |topic: &str| remaining.iter().any(|r| r.0 == topic);
        let canonical = canonical.filter(|c| {
            let seen = taken(c);
            bibliographic(p, c, &name_text, span, body, seen)
        });
        if let Some(topic @ ("dedication" | "abstract")) = canonical {
            remaining.push((topic, body, span));
            continue;
        }
        if let Some(canonical) = canonical.filter(|c| *c != normalized) {
            name_text = canonical.to_string();
        }
        clean_rcs_keywords(&mut p.doc, body);
        p.doc.docinfo.push(Field { name: name_text, body, span });
    }
    let doc = &mut p.doc;
    // docutils puts the docinfo and its topics before anything else but the title, so
    // comments that came first end up after them.
    let mut new_kids: Vec<NodeId> = Vec::new();
    for (name, body, span) in remaining {
        let topic = doc.add(NodeKind::Topic(name.into()), span);
        let t = doc.push(topic, NodeKind::Title, span);
        let label = doc.language.label(name);
        doc.push(t, NodeKind::Text(label.into()), span);
        for c in doc.children(body).collect::<Vec<_>>() {
            doc.append(topic, c);
        }
        new_kids.push(topic);
    }
    new_kids.extend_from_slice(&kids[..pos]);
    new_kids.extend_from_slice(&kids[pos + 1..]);
    doc.set_children(root, &new_kids);
}

/// Whether the body of the bibliographic field `name` (canonically `canonical`) is what
/// docutils' DocInfo transform can take; if not, a warning goes into it, as docutils puts
/// it there. `seen`: a dedication or abstract came before.
fn bibliographic(
    p: &mut BlockParser<'_>,
    canonical: &str,
    name: &str,
    span: Span,
    body: NodeId,
    seen: bool,
) -> bool {
    let kids: Vec<NodeId> = p.doc.children(body).collect();
    let problem = if kids.is_empty() {
        Some(format!("Cannot extract empty bibliographic field \"{name}\"."))
    } else {
        match canonical {
            "dedication" | "abstract" => {
                seen.then(|| format!("There can only be one \"{name}\" field."))
            }
            "authors" => (!has_authors(p, &kids)).then(|| {
                let separators = p.doc.language.author_separators().concat();
                format!(
                    "Cannot extract \"{name}\" from bibliographic field:\n\
                     Bibliographic field \"{name}\" must contain either\n \
                     a single paragraph (with author names separated by a character from the set \"{separators}\"),\n \
                     multiple paragraphs (one per author),\n \
                     or a bullet list with one author name per item.\n\
                     Note: Leading initials can cause (mis)recognizing names as enumerated list."
                )
            }),
            _ if one_paragraph(p, body, &kids) => None,
            _ => {
                let tags: Vec<String> = kids
                    .iter()
                    .filter(|k| !matches!(p.doc.kind(**k), NodeKind::SystemMessage { .. }))
                    .map(|k| format!("<{}>", tag_name(p.doc.kind(*k))))
                    .collect();
                let content = match tags.as_slice() {
                    [one] => format!("a {one}"),
                    _ => format!("[{}]", tags.join(", ")),
                };
                Some(format!(
                    "Bibliographic field \"{name}\"\nmust contain a single <paragraph>, not {content}."
                ))
            }
        }
    };
    let Some(message) = problem else { return true };
    p.system_message(body, span, Severity::Warning, &message, None);
    false
}

/// Whether a text field's body is one paragraph, or (docutils' repair) a one-line
/// enumerated list that is a name with an initial (`J. Smith`), which then becomes the
/// paragraph it was written as.
fn one_paragraph(p: &mut BlockParser<'_>, body: NodeId, kids: &[NodeId]) -> bool {
    if kids.len() == 1 && matches!(p.doc.kind(kids[0]), NodeKind::Paragraph) {
        return true;
    }
    if !matches!(p.doc.kind(kids[0]), NodeKind::EnumList { .. }) {
        return false;
    }
    let whole = p.doc.node(body).span;
    let written = p.src.get(whole.start as usize..whole.end as usize).unwrap_or("").trim();
    let start = p.doc.node(kids[0]).span.start;
    let rest = p.src.get(start as usize..).unwrap_or("");
    let line = rest.split('\n').next().unwrap_or("").trim_end_matches('\r');
    // Read again alone, a line ending in `::` would expect a literal block too.
    if written.contains('\n') || line.trim_end().ends_with("::") {
        return false;
    }
    let end = start + line.len() as u32;
    let paragraph = p.doc.add(NodeKind::Paragraph, Span { start, end });
    // Its markup was read, and any problem in it reported, as the list's item.
    let reported = p.diags.len();
    p.inline(&[crate::block::Line { start, end }], paragraph);
    p.diags.truncate(reported);
    // The list's note that it starts past 1 goes with the list.
    p.diags.retain(|d| {
        !(d.severity == Severity::Info && d.span.start >= whole.start && d.span.end <= whole.end)
    });
    p.doc.set_children(body, &[paragraph]);
    true
}

/// Whether an `authors` body holds names as docutils takes them: one paragraph of names
/// between separators, paragraphs (or comments) of one name each, or a bullet list of one
/// paragraph per item.
fn has_authors(p: &BlockParser<'_>, kids: &[NodeId]) -> bool {
    let doc = &p.doc;
    let is_comment = |n: NodeId| matches!(doc.kind(n), NodeKind::Comment(_));
    let is_paragraph = |n: NodeId| matches!(doc.kind(n), NodeKind::Paragraph);
    match kids {
        [one] if is_paragraph(*one) => {
            let text = crate::node_text::astext(doc, *one);
            let separators = doc.language.author_separators();
            let names: Vec<&str> = separators
                .iter()
                .map(|s| text.split(s).collect::<Vec<_>>())
                .find(|names| names.len() > 1)
                .unwrap_or_else(|| vec![text.as_str()]);
            names.iter().any(|n| !n.trim().is_empty())
        }
        [one] if matches!(doc.kind(*one), NodeKind::BulletList) => {
            let items: Vec<NodeId> = doc.children(*one).filter(|&i| !is_comment(i)).collect();
            !items.is_empty()
                && items.iter().all(|&i| {
                    let mut inner = doc.children(i);
                    matches!((inner.next(), inner.next()), (Some(para), None) if is_paragraph(para))
                })
        }
        [_] => false,
        _ => {
            kids.iter().all(|&k| is_paragraph(k) || is_comment(k))
                && kids.iter().any(|&k| is_paragraph(k))
        }
    }
}

/// The name docutils gives the element `kind` stands for (in messages about it).
fn tag_name(kind: &NodeKind) -> &'static str {
    match kind {
        NodeKind::Paragraph => "paragraph",
        NodeKind::BulletList => "bullet_list",
        NodeKind::EnumList { .. } => "enumerated_list",
        NodeKind::DefinitionList => "definition_list",
        NodeKind::FieldList => "field_list",
        NodeKind::OptionList => "option_list",
        NodeKind::LiteralBlock(_) | NodeKind::CodeBlock(_) => "literal_block",
        NodeKind::DoctestBlock(_) => "doctest_block",
        NodeKind::LineBlock => "line_block",
        NodeKind::BlockQuote(_) => "block_quote",
        NodeKind::Table { .. } => "table",
        NodeKind::Comment(_) => "comment",
        NodeKind::Target(_) => "target",
        NodeKind::SubstitutionDefinition(_) => "substitution_definition",
        NodeKind::Transition => "transition",
        NodeKind::Footnote(_) => "footnote",
        NodeKind::Citation(_) => "citation",
        NodeKind::Image(_) => "image",
        NodeKind::Figure(_) => "figure",
        NodeKind::Topic(_) => "topic",
        NodeKind::Sidebar => "sidebar",
        NodeKind::Rubric => "rubric",
        NodeKind::MathBlock(_) => "math_block",
        NodeKind::Raw(_) => "raw",
        NodeKind::ParsedLiteral => "literal_block",
        NodeKind::Container(_) => "container",
        NodeKind::Admonition(kind) => admonition_tag(kind),
        _ => "element",
    }
}

/// docutils' element for an admonition: its kind's own (`note`), else `admonition`.
fn admonition_tag(kind: &str) -> &'static str {
    const KINDS: [&str; 9] =
        ["attention", "caution", "danger", "error", "hint", "important", "note", "tip", "warning"];
    KINDS.into_iter().find(|k| kind == *k).unwrap_or("admonition")
}

/// docutils' `clean_rcs_keywords`: a field whose body is one paragraph of plain text loses
/// its RCS keyword markers (`$Date: 2024-09-10 13:18:10 +0200 (…) $` is `2024-09-10`,
/// `$RCSfile: post.txt,v $` is `post.txt`, `$Revision: 9923 $` is `9923`).
fn clean_rcs_keywords(doc: &mut Document, body: NodeId) {
    let mut paras = doc.children(body);
    let (Some(p), None) = (paras.next(), paras.next()) else { return };
    if !matches!(doc.kind(p), NodeKind::Paragraph) {
        return;
    }
    let mut texts = doc.children(p);
    let (Some(t), None) = (texts.next(), texts.next()) else { return };
    let NodeKind::Text(text) = doc.kind(t) else { return };
    if let Some(clean) = rcs_keywords_replaced(text) {
        doc.node_mut(t).kind = NodeKind::Text(clean.into());
    }
}

/// The first of docutils' three RCS keyword patterns that occurs in `text`, replaced
/// wherever it occurs; `None` when none does.
fn rcs_keywords_replaced(text: &str) -> Option<String> {
    type Pattern = fn(&str, usize) -> Option<(usize, usize, String)>;
    let patterns: [Pattern; 3] = [rcs_date, rcs_file, rcs_keyword];
    for pattern in patterns {
        let mut out = String::new();
        let mut at = 0;
        while let Some((start, end, with)) = pattern(text, at) {
            out.push_str(&text[at..start]);
            out.push_str(&with);
            at = end;
        }
        if at > 0 {
            out.push_str(&text[at..]);
            return Some(out);
        }
    }
    None
}

/// `$Date: YYYY-MM-DD[ T]HH:MM…  $` from `from`, case-insensitive: (start, end, `YYYY-MM-DD`).
fn rcs_date(text: &str, from: usize) -> Option<(usize, usize, String)> {
    let mut search = from;
    while let Some(p) = text[search..].find('$').map(|p| p + search) {
        search = p + 1;
        let rest = &text[p + 1..];
        if !rest.get(..6).is_some_and(|k| k.eq_ignore_ascii_case("date: ")) {
            continue;
        }
        let d = &rest.as_bytes()[6..];
        let digits =
            |r: std::ops::Range<usize>| d.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
        let sep = |k: usize| matches!(d.get(k), Some(b'-' | b'/'));
        let dated = digits(0..4) && sep(4) && digits(5..7) && sep(7) && digits(8..10);
        if !(dated && matches!(d.get(10), Some(b' ' | b'T'))) {
            continue;
        }
        let time = d[11..].iter().take_while(|c| c.is_ascii_digit() || **c == b':').count();
        if time == 0 {
            continue;
        }
        let after_time = p + 1 + 6 + 11 + time;
        let Some(dollar) = text[after_time..].find('$').map(|q| q + after_time) else { continue };
        if dollar == 0 || text.as_bytes()[dollar - 1] != b' ' {
            continue;
        }
        let date = &rest[6..16];
        let ymd = format!("{}-{}-{}", &date[..4], &date[5..7], &date[8..10]);
        return Some((p, dollar + 1, ymd));
    }
    None
}

/// `$RCSfile: NAME,v $` from `from`, case-insensitive: (start, end, `NAME`).
fn rcs_file(text: &str, from: usize) -> Option<(usize, usize, String)> {
    let mut search = from;
    while let Some(p) = text[search..].find('$').map(|p| p + search) {
        search = p + 1;
        let rest = &text[p + 1..];
        if !rest.get(..9).is_some_and(|k| k.eq_ignore_ascii_case("rcsfile: ")) {
            continue;
        }
        let line = rest[9..].split('\n').next().unwrap_or("");
        if let Some(e) = line.rfind(",v $").filter(|&e| e > 0) {
            return Some((p, p + 1 + 9 + e + 4, line[..e].to_string()));
        }
    }
    None
}

/// `$Keyword: VALUE $` from `from`: (start, end, `VALUE`).
fn rcs_keyword(text: &str, from: usize) -> Option<(usize, usize, String)> {
    let mut search = from;
    while let Some(p) = text[search..].find('$').map(|p| p + search) {
        search = p + 1;
        let rest = &text[p + 1..];
        let word = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
        if word == 0 || !rest[word..].starts_with(": ") {
            continue;
        }
        let line = rest[word + 2..].split('\n').next().unwrap_or("");
        if let Some(e) = line.rfind(" $").filter(|&e| e > 0) {
            return Some((p, p + 1 + word + 2 + e + 2, line[..e].to_string()));
        }
    }
    None
}

impl Resolver<'_, '_> {
    fn doc(&mut self) -> &mut Document {
        &mut self.p.doc
    }

    fn parent(&mut self, n: NodeId) -> Option<NodeId> {
        let doc = &self.p.doc;
        let parents = self.parents.get_or_insert_with(|| parents(doc));
        parents.get(key(n)).copied().flatten()
    }

    /// Every node in the order docutils meets them while parsing (when it numbers
    /// references and gives ids): the title, the docinfo fields, then the body.
    /// What came before the title in the source (targets, comments) comes first.
    fn all(&self) -> Vec<NodeId> {
        let doc = &self.p.doc;
        let mut v = Vec::with_capacity(doc.len());
        let title_start = doc.title.map_or(0, |t| doc.node(t).span.start);
        let (before, after): (Vec<NodeId>, Vec<NodeId>) =
            doc.children(doc.root()).partition(|&k| doc.node(k).span.start < title_start);
        let with_descendants = |v: &mut Vec<NodeId>, n: NodeId| {
            v.push(n);
            doc.descendants_into(n, v);
        };
        for &k in &before {
            with_descendants(&mut v, k);
        }
        if let Some(title) = doc.title {
            with_descendants(&mut v, title);
        }
        if let Some(subtitle) = doc.subtitle {
            with_descendants(&mut v, subtitle);
        }
        for f in &doc.docinfo {
            doc.descendants_into(f.body, &mut v);
        }
        for &k in &after {
            with_descendants(&mut v, k);
        }
        v
    }

    /// `base`, or `base-1`, `base-2`, … : the first not yet used as an id.
    fn unique(&mut self, base: String) -> String {
        self.unique_as(base, "id")
    }

    /// An id as docutils' `set_id` makes one: `base` when it is free, else `base-N` with
    /// the next number kept for that prefix (so `sub`, `sub-1`, then `Sub 1` is `sub-1-1`);
    /// a name that gives no id (`日本語`) counts under the element's kind (`section-1`).
    fn unique_as(&mut self, base: String, kind: &str) -> String {
        if !base.is_empty() && self.used.insert(base.clone()) {
            return base;
        }
        let prefix = if base.is_empty() { format!("{kind}-") } else { format!("{base}-") };
        let counter = self.counters.entry(prefix.clone()).or_insert(0);
        loop {
            *counter += 1;
            let id = format!("{prefix}{counter}");
            if self.used.insert(id.clone()) {
                return id;
            }
        }
    }

    /// Replaces substitution references by copies of their definitions. Copies may hold
    /// references themselves (nested substitutions): they go back on the work list, up to
    /// [`MAX_SUBSTITUTION_DEPTH`] levels, which also stops circular definitions.
    /// Returns whether the tree changed (a reference was found).
    fn substitutions(&mut self, all: &[NodeId]) -> bool {
        let mut defs: HashMap<String, NodeId> = HashMap::new();
        for &n in all {
            if let NodeKind::SubstitutionDefinition(name) = self.p.doc.kind(n) {
                let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
                defs.insert(name.clone(), n);
                defs.entry(name.to_lowercase()).or_insert(n);
            }
        }
        let in_def: std::collections::HashSet<NodeId> =
            defs.values().flat_map(|d| self.p.doc.descendants(*d)).collect();
        let mut budget = MAX_SUBSTITUTED_NODES;
        let mut work: Vec<(NodeId, u32)> = all
            .iter()
            .copied()
            .filter(|n| !in_def.contains(n))
            .filter(|&n| matches!(self.p.doc.kind(n), NodeKind::SubstitutionReference(_)))
            .map(|n| (n, 0))
            .collect();
        if work.is_empty() {
            return false;
        }
        work.reverse();
        let mut warned = false;
        while let Some((n, depth)) = work.pop() {
            let NodeKind::SubstitutionReference(name) = self.p.doc.kind(n).clone() else {
                continue;
            };
            let def = defs.get(name.as_ref()).or_else(|| defs.get(&name.to_lowercase())).copied();
            let span = self.p.doc.node(n).span;
            let Some(d) = def else {
                let msg = format!("Undefined substitution referenced: \"{name}\".");
                self.problematic_at(n, span, &msg);
                continue;
            };
            if depth >= MAX_SUBSTITUTION_DEPTH {
                if !warned {
                    warned = true;
                    let msg = format!("Substitutions nest deeper than {MAX_SUBSTITUTION_DEPTH} levels (a circular definition?); the rest are left out.");
                    self.p.diag(span, Severity::Warning, msg);
                }
                self.p.doc.set_children(n, &[]);
                continue;
            }
            let kids: Vec<NodeId> = self.p.doc.children(d).collect();
            let mut copies = Vec::new();
            for k in kids {
                match copy_subtree(&mut self.p.doc, k, &mut budget) {
                    Some(c) => copies.push(c),
                    None => {
                        if !warned {
                            warned = true;
                            self.p.diag(
                                span,
                                Severity::Warning,
                                "Substitutions add too many nodes; the rest are left out.",
                            );
                        }
                        break;
                    }
                }
            }
            self.p.doc.set_children(n, &copies);
            if let Some(&(_, ltrim, rtrim)) = self.p.trims.iter().find(|t| t.0 == d) {
                self.trim_around(n, ltrim, rtrim);
            }
            let mut nested: Vec<NodeId> = copies
                .iter()
                .flat_map(|c| std::iter::once(*c).chain(self.p.doc.descendants(*c)))
                .filter(|&c| matches!(self.p.doc.kind(c), NodeKind::SubstitutionReference(_)))
                .collect();
            nested.reverse();
            work.extend(nested.into_iter().map(|c| (c, depth + 1)));
        }
        true
    }

    /// `:ltrim:`/`:rtrim:`: removes the whitespace before/after substitution reference `n`.
    fn trim_around(&mut self, n: NodeId, ltrim: bool, rtrim: bool) {
        let Some(parent) = self.parent(n) else { return };
        let kids: Vec<NodeId> = self.p.doc.children(parent).collect();
        let Some(pos) = kids.iter().position(|k| *k == n) else { return };
        if ltrim && pos > 0 {
            if let NodeKind::Text(t) = &mut self.p.doc.node_mut(kids[pos - 1]).kind {
                *t = t.trim_end().into();
            }
        }
        if rtrim {
            if let Some(&next) = kids.get(pos + 1) {
                if let NodeKind::Text(t) = &mut self.p.doc.node_mut(next).kind {
                    *t = t.trim_start().into();
                }
            }
        }
    }

    /// Turns node `n` into a problematic with a system message at the end of the document.
    fn problematic_at(&mut self, n: NodeId, span: Span, msg: &str) {
        self.problematic_with_id(n, span, msg, None)
    }

    fn problematic_with_id(&mut self, n: NodeId, span: Span, msg: &str, own_id: Option<String>) {
        if let Some(id) = own_id {
            self.own_ids.insert(n, id);
        }
        self.become_problematic(n, span);
        self.p.problems = true;
        let line = self.p.line_no(span.start);
        let m = self.p.doc.add(
            NodeKind::SystemMessage { level: 3, line, id: "p".into(), message: msg.into() },
            span,
        );
        self.p.late.push(m);
        self.p.diag(span, Severity::Error, msg);
        self.reported.push((n, m, self.p.diags.len() - 1));
    }

    /// Makes `n` problematic with the message of the problematic `first` (see `shared`).
    fn share_problematic(&mut self, n: NodeId, span: Span, first: NodeId) {
        self.become_problematic(n, span);
        self.shared.push((first, n));
    }

    /// Turns `n` into a problematic node holding the source text at `span`.
    fn become_problematic(&mut self, n: NodeId, span: Span) {
        let raw = self.p.src.get(span.start as usize..span.end as usize).unwrap_or("").to_string();
        self.p.doc.node_mut(n).kind = NodeKind::Problematic(raw.into());
        self.p.doc.set_children(n, &[]);
    }

    /// docutils' DanglingReferences: each reference no target answers becomes
    /// problematic, in document order, after the numbering transforms' own errors.
    fn dangling_references(&mut self, all: &[NodeId]) {
        if self.dangling.is_empty() {
            return;
        }
        let mut dangling = std::mem::take(&mut self.dangling);
        if dangling.len() > 1 {
            let order: NodeMap<usize> = all.iter().enumerate().map(|(k, &n)| (n, k)).collect();
            dangling.sort_by_key(|d| order.get(&d.0).copied().unwrap_or(usize::MAX));
        }
        for (n, msg, own) in dangling {
            // A name that only an auto-numbered footnote's number answers, known now.
            if let NodeKind::Reference { name, anonymous: false, .. } = self.p.doc.kind(n) {
                if let Some(id) = self.numbered.get(name.as_ref()).cloned() {
                    if let NodeKind::Reference { target, .. } = &mut self.p.doc.node_mut(n).kind {
                        *target = RefTarget::Internal(id.into());
                    }
                    continue;
                }
            }
            let span = self.p.doc.node(n).span;
            self.problematic_with_id(n, span, &msg, own);
        }
    }

    /// Gives each message of [`Resolver::reported`] docutils' line: that of the text
    /// block holding its reference (the first ancestor that is no inline element), as
    /// docutils' reporter takes the first ancestor with a line. A section title's line is
    /// its underline's; a promoted subtitle, a new node, has none.
    fn report_lines(&mut self) {
        if self.reported.is_empty() {
            return;
        }
        let parents = parents(&self.p.doc);
        let doc = &self.p.doc;
        let mut lines = Vec::with_capacity(self.reported.len());
        for &(n, _, _) in &self.reported {
            let mut block = n;
            while doc.kind(block).is_inline() {
                match parents.get(key(block)).copied().flatten() {
                    Some(up) => block = up,
                    None => break,
                }
            }
            let up = parents.get(key(block)).copied().flatten();
            let line = match doc.kind(block) {
                _ if doc.subtitle == Some(block) => 0,
                NodeKind::Title
                    if doc.title == Some(block)
                        || up.is_some_and(|s| matches!(doc.kind(s), NodeKind::Section { .. })) =>
                {
                    self.p.line_no(doc.node(block).span.start) + 1
                }
                // docutils numbers a parsed literal with its content's first line.
                NodeKind::ParsedLiteral => {
                    let first = doc.first_child(block).unwrap_or(block);
                    self.p.line_no(doc.node(first).span.start)
                }
                _ => self.p.line_no(doc.node(block).span.start),
            };
            lines.push(line);
        }
        for (&(_, m, d), line) in self.reported.iter().zip(lines) {
            if let NodeKind::SystemMessage { line: l, .. } = &mut self.p.doc.node_mut(m).kind {
                *l = line;
            }
            if let Some(d) = self.p.diags.get_mut(d) {
                d.line = line;
            }
        }
    }

    /// `all`: every node, in document order, before this pass.
    /// Gives the targets waiting before an element their ids on it, after its own (`ids`),
    /// the nearest target's first; an anonymous one links to the element's first id.
    fn hand_on(
        &mut self,
        waiting: &mut Vec<Waiting>,
        ids: &mut Vec<String>,
        anon: &mut [AnonTarget],
    ) {
        for w in waiting.iter().rev() {
            self.ids.remove(&w.node);
            ids.push(w.id.clone());
        }
        let Some(first) = ids.first() else { return };
        for w in waiting.drain(..) {
            if let Some(k) = w.anon {
                anon[k] = (RefTarget::Internal(first.as_str().into()), None);
            }
        }
    }

    /// The targets waiting before something that takes no ids (a comment, a footnote, the
    /// end): each hands its ids on to the next target, so the last one keeps them all and
    /// is written as an empty `<span>`.
    fn keep(&mut self, waiting: &mut Vec<Waiting>, anon: &mut [AnonTarget]) {
        let Some(last) = waiting.last().map(|w| w.node) else { return };
        let mut ids = Vec::new();
        self.hand_on(waiting, &mut ids, anon);
        self.ids.insert(last, ids);
    }

    fn targets_and_refs(&mut self, all: &[NodeId]) -> Targets {
        // name -> RefTarget (or alias name)
        let mut names: Names = HashMap::new();
        let mut named: NodeMap<Vec<String>> = NodeMap::default();
        let mut anon: Vec<AnonTarget> = Vec::new();
        let mut anon_spans: Vec<Span> = Vec::new();
        // Internal targets (`.. _name:`, a lone `__`) waiting for the element after them,
        // which takes their ids (docutils' PropagateTargets), nearest last.
        let mut waiting: Vec<Waiting> = Vec::new();
        // System messages' nodes: the element after a target is never one of them.
        let mut in_message: std::collections::HashSet<NodeId> = Default::default();
        let mut dupes: Vec<(NodeId, String)> = Vec::new();
        // References and images, gathered on the way for the later loops.
        let mut refs: Vec<NodeId> = Vec::new();
        let mut images: Vec<NodeId> = Vec::new();
        // Ids are taken in document order, as docutils takes them while parsing.
        for &n in all {
            match self.p.doc.kind(n) {
                NodeKind::Reference { name, anonymous: false, target: RefTarget::External(_) }
                    if !name.is_empty() && crate::tree::index_of(n) <= self.parsed =>
                {
                    // A named embedded URI (`text <uri>`_) makes a target that takes an id
                    // while parsing, never written; a copy of one does not.
                    let id = make_id(name);
                    self.unique_as(id, "target");
                    refs.push(n);
                }
                NodeKind::Reference { .. } => refs.push(n),
                NodeKind::Image(_) => images.push(n),
                _ => {}
            }
            // The document's title and subtitle were sections when docutils named them.
            let promoted = Some(n) == self.p.doc.title || Some(n) == self.p.doc.subtitle;
            let interesting = !waiting.is_empty()
                || promoted
                || self.p.doc.names.contains_key(&n)
                || matches!(
                    self.p.doc.kind(n),
                    NodeKind::Section { .. }
                        | NodeKind::Target(_)
                        | NodeKind::InlineTarget(_)
                        | NodeKind::Citation(_)
                        | NodeKind::Footnote(_)
                        | NodeKind::FootnoteReference(_)
                        | NodeKind::CitationReference(_)
                )
                || matches!(self.p.doc.kind(n), NodeKind::Topic(k) if k.starts_with("contents|"));
            if !interesting {
                continue;
            }
            if promoted {
                let text = self.p.doc.text(n);
                self.section_target(&text, &mut names, &mut waiting, &mut anon);
                continue;
            }
            if in_message.contains(&n) {
                continue;
            }
            match self.p.doc.kind(n).clone() {
                NodeKind::Section { .. } => {
                    let title = self.p.doc.first_child(n);
                    let text = title.map(|t| self.p.doc.text(t)).unwrap_or_default();
                    let ids = self.section_target(&text, &mut names, &mut waiting, &mut anon);
                    self.ids.insert(n, ids);
                }
                NodeKind::Target(t) => {
                    // Every target takes an id while parsing, written or not.
                    let id = self.unique_as(make_id(&t.name), "target");
                    let internal = if t.anonymous {
                        t.uri.as_deref().is_none_or(str::is_empty)
                    } else {
                        t.uri.is_none()
                    };
                    if internal {
                        let anon_index = t.anonymous.then_some(anon.len());
                        if t.anonymous {
                            anon_spans.push(self.p.doc.node(n).span);
                            anon.push((RefTarget::Unresolved, None));
                        } else {
                            names.insert(
                                t.name.to_string(),
                                (RefTarget::Internal(id.as_str().into()), None, true),
                            );
                        }
                        self.ids.insert(n, vec![id.clone()]);
                        waiting.push(Waiting { node: n, id, anon: anon_index });
                        continue;
                    }
                    let (target, alias) = match &t.uri {
                        Some(u) if t.indirect => {
                            (RefTarget::Unresolved, Some(crate::inline::normalize_name(u)))
                        }
                        Some(u) => (RefTarget::External(u.clone()), None),
                        None => (RefTarget::Unresolved, None),
                    };
                    if !t.anonymous {
                        if let Some(old) = names.get(t.name.as_ref()) {
                            if old.2 && (old.0 != target || old.1 != alias) {
                                dupes.push((n, t.name.to_string()));
                            }
                        }
                    }
                    // The targets waiting before it are other names for it (docutils'
                    // chained targets); their ids are never written.
                    let mut own_names = vec![t.name.to_string()];
                    for w in waiting.drain(..).rev() {
                        self.ids.remove(&w.node);
                        let entry = (target.clone(), alias.clone());
                        match w.anon {
                            Some(k) => anon[k] = entry,
                            None => {
                                if let NodeKind::Target(wt) = self.p.doc.kind(w.node) {
                                    own_names.push(wt.name.to_string());
                                    names.insert(wt.name.to_string(), (entry.0, entry.1, true));
                                }
                            }
                        }
                    }
                    if !t.anonymous {
                        named.insert(n, own_names);
                    }
                    if t.anonymous {
                        anon_spans.push(self.p.doc.node(n).span);
                        anon.push((target, alias));
                    } else {
                        names.insert(t.name.to_string(), (target, alias, true));
                    }
                }
                NodeKind::InlineTarget(name) => {
                    let id = self.unique_as(make_id(&name), "target");
                    names.insert(
                        name.to_string(),
                        (RefTarget::Internal(id.clone().into()), None, true),
                    );
                    self.ids.insert(n, vec![id]);
                }
                // docutils leaves a message out when it looks for the element after a target.
                NodeKind::SystemMessage { .. } => {
                    in_message.extend(self.p.doc.descendants(n));
                }
                // A citation's label is a reference name too (`Doctree_` links `[doctree]`).
                // Its id is taken here, in document order, as docutils takes it while parsing.
                NodeKind::Citation(d) => {
                    self.keep(&mut waiting, &mut anon);
                    let id = self.unique(make_id(&d.label));
                    // An explicit target: it takes its name over from a title.
                    let name = crate::inline::normalize_name(&d.label);
                    if names.get(&name).is_none_or(|old| !old.2) {
                        names.insert(name, (RefTarget::Internal(id.as_str().into()), None, true));
                    }
                    self.citation_ids.insert(n, id);
                }
                NodeKind::Footnote(d) => {
                    // Neither footnotes nor invisible elements take a target's ids.
                    self.keep(&mut waiting, &mut anon);
                    // Only a named auto-numbered footnote (`[#name]`) is named for its id.
                    let name = d.label.strip_prefix('#').map(make_id).unwrap_or_default();
                    let id = self.unique_as(name, "footnote");
                    // A numbered or named footnote's label is a reference name too
                    // (`label_` links `[#label]`), an explicit target's.
                    let label = d.label.strip_prefix('#').unwrap_or(&d.label);
                    if !label.is_empty() && label != "*" {
                        let name = crate::inline::normalize_name(label);
                        if names.get(&name).is_none_or(|old| !old.2) {
                            let target = RefTarget::Internal(id.as_str().into());
                            names.insert(name, (target, None, true));
                        }
                    }
                    self.note_ids.insert(n, id);
                }
                NodeKind::FootnoteReference(_) => {
                    let id = self.unique_as(String::new(), "footnote-reference");
                    self.note_ids.insert(n, id);
                }
                NodeKind::CitationReference(_) => {
                    let id = self.unique_as(String::new(), "citation-reference");
                    self.note_ids.insert(n, id);
                }
                NodeKind::Comment(_) | NodeKind::SubstitutionDefinition(_) | NodeKind::Meta(_) => {
                    self.keep(&mut waiting, &mut anon)
                }
                NodeKind::Container(c) if crate::directive::is_hidden_container(&c) => {
                    self.keep(&mut waiting, &mut anon)
                }
                // The contents directive names its topic while parsing.
                NodeKind::Topic(k) if k.starts_with("contents|") => {
                    let title_text = self
                        .p
                        .doc
                        .first_child(n)
                        .filter(|c| matches!(self.p.doc.kind(*c), NodeKind::Title))
                        .map(|c| self.p.doc.text(c));
                    // Without a title the topic is named for the language's "Contents"; when
                    // that name is taken it has none, and docutils ids it by its element.
                    let label = make_id(self.p.doc.language.label("contents"));
                    let id = match title_text.as_deref() {
                        None if self.used.contains(&label) => {
                            self.unique_as(String::new(), "topic")
                        }
                        None => self.unique_as(label, "topic"),
                        Some(title) => self.unique_as(make_id(title), "topic"),
                    };
                    // Its title (or the label) names it, unless the name is taken already.
                    let name = crate::inline::normalize_name(
                        title_text.as_deref().unwrap_or(self.p.doc.language.label("contents")),
                    );
                    names
                        .entry(name)
                        .or_insert_with(|| (RefTarget::Internal(id.as_str().into()), None, false));
                    let mut ids = vec![id];
                    self.hand_on(&mut waiting, &mut ids, &mut anon);
                    self.ids.insert(n, ids);
                }
                kind => {
                    // A directive's `:name:` comes first, then the targets before it.
                    let mut ids = Vec::new();
                    if let Some(own) = self.p.doc.names.get(&n).cloned() {
                        let id = self.unique(make_id(&own));
                        names.insert(own, (RefTarget::Internal(id.clone().into()), None, true));
                        ids.push(id);
                    }
                    if is_body_element(&kind) {
                        self.hand_on(&mut waiting, &mut ids, &mut anon);
                    }
                    if !ids.is_empty() {
                        self.ids.insert(n, ids);
                    }
                }
            }
        }
        self.keep(&mut waiting, &mut anon);
        let dup_names: std::collections::HashSet<String> =
            dupes.iter().map(|d| d.1.clone()).collect();
        for (n, name) in dupes {
            let span = self.p.doc.node(n).span;
            let line = self.p.line_no(span.start);
            let msg = format!("Duplicate explicit target name: \"{name}\".");
            let m = self.p.doc.add(
                NodeKind::SystemMessage {
                    level: 2,
                    line,
                    id: "".into(),
                    message: msg.as_str().into(),
                },
                span,
            );
            if let Some(p) = self.parent(n) {
                insert_after(&mut self.p.doc, p, n, m);
            }
            self.p.diag(span, Severity::Warning, msg);
        }
        // Embedded URIs with names are targets too.
        for &n in &refs {
            if let NodeKind::Reference { name, anonymous: false, target: RefTarget::External(u) } =
                self.p.doc.kind(n)
            {
                // Look before inserting: most names are already known, and `entry` would
                // need an owned key for each.
                if !name.is_empty() && !names.contains_key(name.as_ref()) {
                    let target = (RefTarget::External(u.clone()), None, true);
                    names.insert(name.to_string(), target);
                }
            }
        }
        let mut anon_i = 0;
        for &n in &refs {
            if !matches!(
                self.p.doc.kind(n),
                NodeKind::Reference { target: RefTarget::Unresolved, .. }
            ) {
                continue;
            }
            let NodeKind::Reference { name, anonymous, target } = self.p.doc.kind(n).clone() else {
                continue;
            };
            if target != RefTarget::Unresolved {
                continue;
            }
            if !anonymous
                && (dup_names.contains(name.as_ref())
                    || names.get(name.as_ref()) == Some(&DUPLICATE_IMPLICIT))
            {
                let msg = format!(
                    "Duplicate target name, cannot be used as a unique reference: \"{name}\"."
                );
                self.dangling.push((n, msg, None));
                continue;
            }
            let resolved = if anonymous {
                let t = anon.get(anon_i).cloned();
                anon_i += 1;
                match t {
                    // `__ name_`: an anonymous target that points at a named one.
                    Some((_, Some(alias))) => follow(&names, alias),
                    Some((t, None)) => Some(t),
                    None => None,
                }
            } else {
                follow(&names, name.to_string())
            };
            match resolved {
                Some(t) => {
                    if let NodeKind::Reference { target, .. } = &mut self.p.doc.node_mut(n).kind {
                        *target = t;
                    }
                }
                None if anonymous => {
                    let span = self.p.doc.node(n).span;
                    let msg = "Anonymous hyperlink mismatch: there are more anonymous references than targets.";
                    self.problematic_at(n, span, msg);
                }
                None => self.dangling.push((n, format!("Unknown target name: \"{name}\"."), None)),
            }
        }
        // More anonymous targets than references: docutils reports the mismatch too.
        if anon_i < anon.len() {
            let span = anon_spans.get(anon_i).copied().unwrap_or_default();
            let msg = format!(
                "Anonymous hyperlink mismatch: {anon_i} references but {} targets.\nSee \"backrefs\" attribute for IDs.",
                anon.len()
            );
            self.unlinked_error(span, msg);
        }
        // Image targets that name a reference.
        for &n in &images {
            if let NodeKind::Image(img) = self.p.doc.kind(n) {
                if let Some(t) = &img.target {
                    if t.ends_with('_') {
                        let name = crate::inline::normalize_name(
                            t.trim_end_matches('_').trim_matches('`'),
                        );
                        let (uri, internal) = match names.get(&name) {
                            Some((RefTarget::External(u), _, _)) => (Some(u.to_string()), false),
                            Some((RefTarget::Internal(i), _, _)) => (Some(format!("#{i}")), true),
                            _ => (None, false),
                        };
                        if let NodeKind::Image(img) = &mut self.p.doc.node_mut(n).kind {
                            img.target = uri.map(Into::into);
                            img.internal_target = internal;
                        }
                    }
                }
            }
        }
        Targets { names, named }
    }

    /// A section's title as docutils' parser names it (`note_implicit_target`): its id
    /// from the title's text (taken after theirs), then the ids of the explicit internal
    /// targets right before it (nearest first, as docutils hands them on), which it takes
    /// as their element.
    /// A second implicit target of one name makes the name no one's (a reference to it is
    /// an error); an explicit target keeps it.
    fn section_target(
        &mut self,
        text: &str,
        names: &mut HashMap<String, (RefTarget, Option<String>, bool)>,
        waiting: &mut Vec<Waiting>,
        anon: &mut [AnonTarget],
    ) -> Vec<String> {
        let id = self.unique_as(make_id(text), "section");
        let mut ids = vec![id.clone()];
        self.hand_on(waiting, &mut ids, anon);
        let name = crate::inline::normalize_name(text);
        match names.get(&name) {
            None => {
                names.insert(name, (RefTarget::Internal(id.into()), None, false));
            }
            Some((_, _, false)) => {
                names.insert(name, DUPLICATE_IMPLICIT);
            }
            Some((_, _, true)) => {}
        }
        ids
    }

    /// docutils' Footnotes transform: numbers, symbols and links between the notes and
    /// their references. A number is never one that already names something (`names`:
    /// targets, sections, notes); an unlabelled note's number then names it.
    fn footnotes(&mut self, all: &[NodeId], names: &Names) {
        const SYMBOLS: [&str; 10] = [
            "*", "\u{2020}", "\u{2021}", "\u{a7}", "\u{b6}", "#", "\u{2660}", "\u{2665}",
            "\u{2666}", "\u{2663}",
        ];
        let mut notes: Vec<NodeId> = Vec::new();
        let mut refs: Vec<NodeId> = Vec::new();
        for &n in all {
            match self.p.doc.kind(n) {
                NodeKind::Footnote(_) | NodeKind::Citation(_) => notes.push(n),
                NodeKind::FootnoteReference(_) | NodeKind::CitationReference(_) => refs.push(n),
                _ => {}
            }
        }
        let mut next_auto = 1u32;
        let mut sym = 0usize;
        let mut by_label: HashMap<String, (String, String)> = HashMap::new(); // label -> (id, shown)
        let mut autos: Vec<(String, String)> = Vec::new();
        let mut symbols: Vec<(String, String)> = Vec::new();
        for &n in &notes {
            if !matches!(self.p.doc.kind(n), NodeKind::Footnote(_) | NodeKind::Citation(_)) {
                continue;
            }
            let (NodeKind::Footnote(d) | NodeKind::Citation(d)) = self.p.doc.kind(n) else {
                continue;
            };
            let label = d.label.to_string();
            let is_cit = matches!(self.p.doc.kind(n), NodeKind::Citation(_));
            // Footnotes without a name take `footnote-N` from docutils' counter for that
            // prefix: citations and named footnotes do not count.
            let (id, shown) = if is_cit {
                let id = match self.citation_ids.remove(&n) {
                    Some(id) => id,
                    None => self.unique(make_id(&label)),
                };
                (id, label.clone())
            } else {
                let id = match self.note_ids.remove(&n) {
                    Some(id) => id,
                    None => self.unique_as(String::new(), "footnote"),
                };
                if label == "*" {
                    let s = SYMBOLS[sym % 10].repeat(sym / 10 + 1);
                    sym += 1;
                    (id, s)
                } else if label.starts_with('#') {
                    let mut num = next_auto.to_string();
                    while names.contains_key(&num) || self.numbered.contains_key(&num) {
                        next_auto += 1;
                        num = next_auto.to_string();
                    }
                    next_auto += 1;
                    if label == "#" {
                        self.numbered.insert(num.clone(), id.clone());
                    }
                    (id, num)
                } else {
                    (id, label.clone())
                }
            };
            if label == "#" {
                autos.push((id.clone(), shown.clone()));
            } else if label == "*" {
                symbols.push((id.clone(), shown.clone()));
            } else {
                let key =
                    if is_cit { crate::inline::normalize_name(&label) } else { label.clone() };
                by_label.insert(key, (id.clone(), shown.clone()));
            }
            if let NodeKind::Footnote(d) | NodeKind::Citation(d) = &mut self.p.doc.node_mut(n).kind
            {
                d.id = id.into();
                d.shown = shown.into();
            }
        }
        let mut auto_i = 0;
        let mut out_of_numbers = false;
        // Where a named reference found no number left: docutils' one message for it is
        // the one the next unnamed reference without a number links to, if any.
        let mut short_at: Option<Span> = None;
        let mut sym_i = 0;
        // The first reference left without a number, and without a symbol.
        let (mut auto_over, mut sym_over) = (None, None);
        let mut backrefs: HashMap<String, Vec<String>> = HashMap::new();
        for &n in &refs {
            if !matches!(
                self.p.doc.kind(n),
                NodeKind::FootnoteReference(_) | NodeKind::CitationReference(_)
            ) {
                continue;
            }
            let is_cit = matches!(self.p.doc.kind(n), NodeKind::CitationReference(_));
            let (NodeKind::FootnoteReference(d) | NodeKind::CitationReference(d)) =
                self.p.doc.kind(n)
            else {
                continue;
            };
            let label = d.label.to_string();
            // A named one (`[#note]_`) no note is named for takes the next unnamed note's
            // number, as docutils numbers the references it did not resolve.
            let unanswered =
                label.len() > 1 && label.starts_with('#') && !by_label.contains_key(&label);
            let found = if label == "#" {
                auto_i += 1;
                autos.get(auto_i - 1).cloned()
            } else if unanswered && !out_of_numbers {
                auto_i += 1;
                let next = autos.get(auto_i - 1).cloned();
                if next.is_none() {
                    // docutils says so once; the reference then stays unknown by its name.
                    out_of_numbers = true;
                    short_at = Some(self.p.doc.node(n).span);
                }
                next
            } else if label == "*" {
                sym_i += 1;
                symbols.get(sym_i - 1).cloned()
            } else if is_cit {
                by_label.get(&crate::inline::normalize_name(&label)).cloned()
            } else {
                by_label.get(&label).cloned()
            };
            let span = self.p.doc.node(n).span;
            // `[2]_` with no note labelled 2 links to what that name names, as any
            // reference does (docutils' DanglingReferences): no backlink comes back.
            let named = (found.is_none() && !is_cit && label != "#" && label != "*")
                .then(|| match self.numbered.get(&label) {
                    Some(id) => Some(id.clone()),
                    None => match follow(names, label.clone()) {
                        Some(RefTarget::Internal(id)) => Some(id.to_string()),
                        _ => None,
                    },
                })
                .flatten();
            if let Some(note_id) = named {
                let rid = self.ref_id(n, is_cit);
                if let NodeKind::FootnoteReference(d) = &mut self.p.doc.node_mut(n).kind {
                    d.id = rid.into();
                    d.shown = label.as_str().into();
                    d.links = vec![note_id.into()];
                }
                continue;
            }
            match found {
                Some((note_id, shown)) => {
                    let rid = self.ref_id(n, is_cit);
                    backrefs.entry(note_id.clone()).or_default().push(rid.clone());
                    if let NodeKind::FootnoteReference(d) | NodeKind::CitationReference(d) =
                        &mut self.p.doc.node_mut(n).kind
                    {
                        d.id = rid.into();
                        d.shown = shown.into();
                        d.links = vec![note_id.into()];
                    }
                }
                None => {
                    let own = self.ref_id(n, is_cit);
                    let msg = if is_cit {
                        format!("Unknown target name: \"{}\".", label.to_lowercase())
                    } else if label == "#" || label == "*" {
                        if label == "#" {
                            too_many_autonumbered(autos.len())
                        } else {
                            let n = symbols.len();
                            format!("Too many symbol footnote references: only {n} corresponding footnotes available.")
                        }
                    } else {
                        format!("Unknown target name: \"{}\".", label.trim_start_matches('#'))
                    };
                    if !is_cit && (label == "#" || label == "*") {
                        self.kept_ids.insert(n, own);
                        // docutils says it once: every later reference without a number
                        // or symbol links to that message, and it back to each of them.
                        let first = if label == "#" { &mut auto_over } else { &mut sym_over };
                        if let Some(first) = *first {
                            self.share_problematic(n, span, first);
                            continue;
                        }
                        *first = Some(n);
                        if label == "#" {
                            // This reference's message is docutils' one about the numbers.
                            out_of_numbers = true;
                            short_at = None;
                        }
                        self.problematic_with_id(n, span, &msg, None);
                    } else {
                        self.dangling.push((n, msg, Some(own)));
                    }
                }
            }
        }
        // Out of numbers at a named reference and at no unnamed one: the message stands
        // alone (it takes an id; no reference links to it).
        if let Some(span) = short_at {
            self.unlinked_error(span, too_many_autonumbered(autos.len()));
        }
        for &n in &notes {
            if let NodeKind::Footnote(d) | NodeKind::Citation(d) = &mut self.p.doc.node_mut(n).kind
            {
                d.links = backrefs
                    .get(d.id.as_ref())
                    .map(|v| v.iter().map(|s| s.as_str().into()).collect())
                    .unwrap_or_default();
            }
        }
    }

    /// An error among the system messages that no problematic links to; it takes an id
    /// all the same (docutils' `set_id(msg)`).
    fn unlinked_error(&mut self, span: Span, msg: String) {
        let line = self.p.line_no(span.start);
        let kind = NodeKind::SystemMessage {
            level: 3,
            line,
            id: OWN_ID.into(),
            message: msg.as_str().into(),
        };
        let m = self.p.doc.add(kind, span);
        self.p.late.push(m);
        self.p.problems = true;
        self.p.diag(span, Severity::Error, msg);
    }

    /// A footnote or citation reference's id, taken in document order.
    fn ref_id(&mut self, n: NodeId, is_cit: bool) -> String {
        match self.note_ids.remove(&n) {
            Some(id) => id,
            None if is_cit => self.unique_as(String::new(), "citation-reference"),
            None => self.unique_as(String::new(), "footnote-reference"),
        }
    }

    /// `.. sectnum::` numbers and `.. contents::` lists (docutils' SectNum and Contents).
    fn contents(&mut self, all: &[NodeId]) {
        let root = self.p.doc.root();
        if self.p.sectnum {
            let mut stack: Vec<(NodeId, String)> = vec![(root, String::new())];
            while let Some((n, prefix)) = stack.pop() {
                let secs: Vec<NodeId> = self
                    .p
                    .doc
                    .children(n)
                    .filter(|c| matches!(self.p.doc.kind(*c), NodeKind::Section { .. }))
                    .collect();
                for (k, s) in secs.iter().enumerate().rev() {
                    let num = if prefix.is_empty() {
                        (k + 1).to_string()
                    } else {
                        format!("{prefix}.{}", k + 1)
                    };
                    self.numbers.insert(*s, num.clone());
                    stack.push((*s, num));
                }
            }
        }
        let mut entry = 0;
        for &t in all {
            // Borrow first: cloning every node's kind to look at it was most of this pass.
            let NodeKind::Topic(kind) = self.p.doc.kind(t) else { continue };
            let kind = kind.clone();
            let Some(rest) = kind.strip_prefix("contents|") else { continue };
            let parts: Vec<&str> = rest.split('|').collect();
            let local = parts.first() == Some(&"local");
            let depth: u32 =
                parts.get(1).and_then(|d| d.parse().ok()).filter(|d| *d > 0).unwrap_or(u32::MAX);
            let backlinks = parts.get(2).copied().unwrap_or("entry").to_string();
            // Its id was taken in document order, with the targets'.
            let id = self.ids.get(&t).and_then(|ids| ids.first()).cloned().unwrap_or_default();
            let scope = if local { self.parent(t).unwrap_or(root) } else { root };
            // `top` links each heading back to the contents itself, `entry` to its entry.
            let backlink = match backlinks.as_str() {
                "none" => Backlink::None,
                "top" => Backlink::To(id.clone()),
                _ => Backlink::Entry,
            };
            let list = self.toc_list(scope, depth, &backlink, &mut entry);
            match list {
                Some(l) => self.p.doc.append(t, l),
                // No section to list: docutils removes the topic (its id stays taken).
                None => {
                    if let Some(p) = self.parent(t) {
                        let kids: Vec<NodeId> =
                            self.p.doc.children(p).filter(|&k| k != t).collect();
                        self.p.doc.set_children(p, &kids);
                    }
                }
            }
        }
    }

    fn sections_of(&self, n: NodeId) -> Vec<NodeId> {
        self.p
            .doc
            .children(n)
            .filter(|c| matches!(self.p.doc.kind(*c), NodeKind::Section { .. }))
            .collect()
    }

    fn new_toc_list(&mut self, span: Span) -> NodeId {
        let list = self.p.doc.add(NodeKind::BulletList, span);
        if self.p.sectnum {
            self.p.doc.classes.insert(list, "auto-toc".into());
        }
        list
    }

    /// Builds the entries in document order (preorder), with an explicit stack.
    fn toc_list(
        &mut self,
        scope: NodeId,
        depth: u32,
        backlink: &Backlink,
        entry: &mut u32,
    ) -> Option<NodeId> {
        let secs = self.sections_of(scope);
        if secs.is_empty() {
            return None;
        }
        let span = self.p.doc.node(scope).span;
        let top = self.new_toc_list(span);
        let mut stack: Vec<(NodeId, u32, NodeId)> =
            secs.into_iter().rev().map(|s| (s, 1, top)).collect();
        while let Some((s, level, list)) = stack.pop() {
            *entry += 1;
            let eid = format!("toc-entry-{entry}");
            let sid = self.ids.get(&s).and_then(|v| v.first()).cloned().unwrap_or_default();
            let li = self.p.doc.push(list, NodeKind::ListItem, span);
            let para = self.p.doc.push(li, NodeKind::Paragraph, span);
            let target = RefTarget::Internal(sid.into());
            let r = self.p.doc.push(
                para,
                NodeKind::Reference { name: "".into(), anonymous: false, target },
                span,
            );
            self.ids.insert(r, vec![eid.clone()]);
            if let Some(num) = self.numbers.get(&s) {
                self.p.doc.push(r, NodeKind::Text(format!("{num}\u{a0}\u{a0}\u{a0}").into()), span);
            }
            let mut linked = false;
            if let Some(title) = self.p.doc.first_child(s) {
                linked = self
                    .p
                    .doc
                    .descendants(title)
                    .iter()
                    .any(|&d| matches!(self.p.doc.kind(d), NodeKind::Reference { .. }));
                let mut budget = MAX_SUBSTITUTED_NODES;
                for c in self.p.doc.children(title).collect::<Vec<_>>() {
                    copy_entry_text(&mut self.p.doc, c, r, &mut budget);
                }
            }
            // A heading that holds a link does not link back (no link inside a link).
            match backlink {
                _ if linked => {}
                Backlink::Entry => {
                    self.backrefs.insert(s, eid);
                }
                Backlink::To(target) => {
                    self.backrefs.insert(s, target.clone());
                }
                Backlink::None => {}
            }
            let subs = self.sections_of(s);
            if level < depth && !subs.is_empty() {
                let sub = self.new_toc_list(span);
                self.p.doc.append(li, sub);
                stack.extend(subs.into_iter().rev().map(|c| (c, level + 1, sub)));
            }
        }
        Some(top)
    }

    fn system_messages(&mut self) {
        self.report_lines();
        let late = std::mem::take(&mut self.p.late);
        if !late.is_empty() {
            let root = self.p.doc.root();
            // At the end of the document, where it is: a span at its start would put it
            // before a title that does not start the text (a blank line above it), and
            // its messages would be numbered first.
            let end = self.p.src.len() as u32;
            let sec = self.doc().push(
                root,
                NodeKind::Container("system-messages".into()),
                Span { start: end, end },
            );
            for m in late {
                self.p.doc.append(sec, m);
            }
        }
        // Pair problematics with their messages in document order. Problematics come only
        // with such a message, so without messages there is nothing to pair or clear.
        if !self.p.problems {
            return;
        }
        let all = self.all();
        // docutils numbers them as it makes them: the parser's in document order, then
        // the transforms' in the order they ran (their messages are in that order too).
        let late: std::collections::HashSet<NodeId> =
            self.reported.iter().map(|r| r.0).chain(self.shared.iter().map(|s| s.1)).collect();
        let probs: Vec<NodeId> = all
            .iter()
            .copied()
            .filter(|&n| matches!(self.p.doc.kind(n), NodeKind::Problematic(_)))
            .filter(|n| !late.contains(n))
            .chain(self.reported.iter().map(|r| r.0))
            .collect();
        let msgs: Vec<NodeId> = all
            .iter()
            .copied()
            .filter(|&n| matches!(self.p.doc.kind(n), NodeKind::SystemMessage { id, .. } if matches!(id.as_ref(), "p" | OWN_ID)))
            .collect();
        // Messages that take an id of their own are numbered among the others.
        let (mut k, mut pairs, mut unpaired) = (0, Vec::new(), Vec::new());
        let mut probs_left = probs.iter();
        for &m in &msgs {
            if matches!(self.p.doc.kind(m), NodeKind::SystemMessage { id, .. } if id.as_ref() == OWN_ID)
            {
                k += 1;
                if let NodeKind::SystemMessage { id, .. } = &mut self.p.doc.node_mut(m).kind {
                    *id = format!("system-message-{k}").into();
                }
            } else if let Some(&pn) = probs_left.next() {
                k += 1;
                pairs.push((k, pn, m));
            } else {
                unpaired.push(m);
            }
        }
        // The problematics that share each message, by the first of them.
        let mut sharing: NodeMap<Vec<NodeId>> = NodeMap::default();
        for &(first, extra) in &self.shared {
            sharing.entry(first).or_default().push(extra);
        }
        let mut own_prefix = 0;
        for (k, pn, mn) in pairs {
            // A reference the transforms could not resolve keeps its own id after the
            // problematic's (docutils' `replace_self` copies it over).
            let pid = self.own_ids.get(&pn).cloned().unwrap_or_else(|| {
                own_prefix += 1;
                format!("problematic-{own_prefix}")
            });
            let mut ids = vec![pid.clone(), format!("system-message-{k}")];
            ids.extend(self.kept_ids.get(&pn).cloned());
            self.ids.insert(pn, ids);
            let mut backrefs = vec![pid];
            for &extra in sharing.get(&pn).into_iter().flatten() {
                own_prefix += 1;
                let pid = format!("problematic-{own_prefix}");
                let mut ids = vec![pid.clone(), format!("system-message-{k}")];
                ids.extend(self.kept_ids.get(&extra).cloned());
                self.ids.insert(extra, ids);
                backrefs.push(pid);
            }
            self.ids.insert(mn, backrefs);
            if let NodeKind::SystemMessage { id, .. } = &mut self.p.doc.node_mut(mn).kind {
                *id = format!("system-message-{k}").into();
            }
        }
        for m in unpaired {
            if let NodeKind::SystemMessage { id, .. } = &mut self.p.doc.node_mut(m).kind {
                *id = "".into();
            }
        }
    }
}

/// What `name` refers to, through at most [`MAX_INDIRECT_HOPS`] aliases (`.. _a: b_`).
/// The entry of a name that two implicit targets (section titles) share and no explicit
/// target took over: docutils gives it to neither, and a reference to it is an error.
const DUPLICATE_IMPLICIT: (RefTarget, Option<String>, bool) = (RefTarget::Unresolved, None, false);

/// The id a late system message carries until numbered when it takes one of its own
/// though no problematic links to it (`p` marks those that pair with a problematic).
const OWN_ID: &str = "own";

/// docutils' error when `[#]_` references outnumber the `n` auto-numbered footnotes.
fn too_many_autonumbered(n: usize) -> String {
    let s = if n > 1 { "s" } else { "" };
    format!(
        "Too many autonumbered footnote references: only {n} corresponding footnote{s} available."
    )
}

fn follow(
    names: &HashMap<String, (RefTarget, Option<String>, bool)>,
    name: String,
) -> Option<RefTarget> {
    let mut cur = name;
    for _ in 0..MAX_INDIRECT_HOPS {
        match names.get(&cur) {
            Some((_, Some(alias), _)) => cur = alias.clone(),
            Some((t, None, _)) => return Some(t.clone()),
            None => return None,
        }
    }
    None
}

fn is_body_element(kind: &NodeKind) -> bool {
    !matches!(
        kind,
        NodeKind::Text(_)
            | NodeKind::Emphasis
            | NodeKind::Strong
            | NodeKind::Literal(_)
            | NodeKind::Reference { .. }
            | NodeKind::Title
            | NodeKind::SystemMessage { .. }
    )
}

fn insert_after(doc: &mut Document, parent: NodeId, after: NodeId, new: NodeId) {
    let mut kids: Vec<NodeId> = doc.children(parent).collect();
    let pos = kids.iter().position(|k| *k == after).map_or(kids.len(), |p| p + 1);
    kids.insert(pos, new);
    doc.set_children(parent, &kids);
}

/// Appends to `parent` a copy of a heading's inline node `n` as a contents entry shows it
/// (docutils' ContentsFilter): references, targets and problematic markup give only their
/// text, footnote and citation references nothing, an image its alternate text.
fn copy_entry_text(doc: &mut Document, n: NodeId, parent: NodeId, budget: &mut usize) {
    let mut stack: Vec<(NodeId, NodeId)> = vec![(n, parent)];
    while let Some((src, parent)) = stack.pop() {
        if *budget == 0 {
            return;
        }
        *budget -= 1;
        let node = doc.node(src);
        let (kind, span) = (node.kind.clone(), node.span);
        let into = match kind {
            NodeKind::FootnoteReference(_) | NodeKind::CitationReference(_) => continue,
            NodeKind::Image(img) => {
                if let Some(alt) = img.alt {
                    let t = doc.add(NodeKind::Text(alt), span);
                    doc.append(parent, t);
                }
                continue;
            }
            NodeKind::Problematic(raw) => {
                let t = doc.add(NodeKind::Text(raw), span);
                doc.append(parent, t);
                continue;
            }
            NodeKind::Reference { .. } | NodeKind::InlineTarget(_) => parent,
            kind => {
                let c = doc.add(kind, span);
                doc.append(parent, c);
                c
            }
        };
        let kids: Vec<NodeId> = doc.children(src).collect();
        for k in kids.into_iter().rev() {
            stack.push((k, into));
        }
    }
}

/// Deep-copies the subtree at `n` without recursion; `None` when the budget runs out.
fn copy_subtree(doc: &mut Document, n: NodeId, budget: &mut usize) -> Option<NodeId> {
    let mut stack: Vec<(NodeId, Option<NodeId>)> = vec![(n, None)];
    let mut root = None;
    while let Some((src, parent)) = stack.pop() {
        if *budget == 0 {
            return None;
        }
        *budget -= 1;
        let node = doc.node(src);
        let (kind, span) = (node.kind.clone(), node.span);
        let c = doc.add(kind, span);
        match parent {
            Some(p) => doc.append(p, c),
            None => root = Some(c),
        }
        let kids: Vec<NodeId> = doc.children(src).collect();
        for k in kids.into_iter().rev() {
            stack.push((k, Some(c)));
        }
    }
    root
}

#[cfg(test)]
mod tests {
    use super::rcs_keywords_replaced;

    #[test]
    fn rcs_keywords_are_cleaned_as_docutils_cleans_docinfo_fields() {
        let clean = |t: &str| rcs_keywords_replaced(t);
        assert_eq!(
            clean("$Date: 2024-09-10 13:18:10 +0200 (Di, 10. Sep 2024) $").as_deref(),
            Some("2024-09-10")
        );
        assert_eq!(clean("$date: 2024/09/10T13:18 $").as_deref(), Some("2024-09-10"));
        assert_eq!(clean("$RCSfile: post.txt,v $").as_deref(), Some("post.txt"));
        assert_eq!(clean("$Revision: 9923 $").as_deref(), Some("9923"));
        assert_eq!(clean("v$Revision: 1 $ and $Id: x $").as_deref(), Some("v1 $ and $Id: x"));
        assert_eq!(clean("2024-09-10"), None);
        assert_eq!(clean("$Date$"), None);
        assert_eq!(
            clean("$Date: 2024-09-10 $").as_deref(),
            Some("2024-09-10"),
            "no time: not the date pattern, but the generic one"
        );
    }
}
