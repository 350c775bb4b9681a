//! docutils' pseudo-XML, exactly as `document.pformat()` prints it after docutils' reST
//! parser alone: the shape of docutils' own parser tests.
//!
//! The input is a tree from [`crate::parse_with`] at [`crate::Stage::Parsed`], before the
//! resolve step: references stay unresolved (`refname`), substitution references stay, no
//! title is promoted. What docutils' parser records while it parses and our block and inline
//! steps leave to resolve (the names and ids of sections, targets, footnotes and their
//! references, with docutils' rules for duplicate names; the pairing of problematic nodes
//! with their system messages) is derived here, in the order docutils' parser meets them. Facts the tree does not keep
//! (a bullet list's bullet, an enumeration's prefix and suffix, a raw directive's format)
//! are read back from the source at the node's span.
//!
//! The format: one element a line, `<tagname att="value" ...>` with the attributes that are
//! set, sorted by name; list attributes joined with spaces (spaces and backslashes inside a
//! value escaped with a backslash); text lines as they are; four spaces of indentation a
//! level. Nothing is XML-escaped.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use crate::inline::normalize_name;
use crate::resolve::make_id;
use crate::tree::{Document, NodeId, NodeKind, RefTarget};

/// The pseudo-XML docutils' parser prints for `src`, from `doc` as
/// [`crate::parse_with`]`(src, Stage::Parsed)` made it.
pub fn write(doc: &Document, src: &str) -> String {
    let mut w = Writer {
        doc,
        src,
        out: String::new(),
        ids: HashSet::new(),
        counters: HashMap::new(),
        problems: HashMap::new(),
        messages: HashMap::new(),
        substitution_images: HashMap::new(),
        naming: HashMap::new(),
        name_messages: Vec::new(),
        before: HashMap::new(),
        inside: HashMap::new(),
    };
    w.pair_problems();
    w.name_elements();
    w.place_name_messages();
    w.run();
    w.out
}

/// One element about to be printed: its tag and its attributes in any order.
struct Element {
    tag: &'static str,
    atts: Vec<(&'static str, String)>,
}

impl Element {
    fn new(tag: &'static str) -> Element {
        Element { tag, atts: Vec::new() }
    }

    fn att(mut self, name: &'static str, value: impl Into<String>) -> Element {
        self.atts.push((name, value.into()));
        self
    }

    /// A list attribute: left out when empty, values escaped and joined with spaces.
    fn list(mut self, name: &'static str, values: &[String]) -> Element {
        if !values.is_empty() {
            let joined: Vec<String> =
                values.iter().map(|v| v.replace('\\', "\\\\").replace(' ', "\\ ")).collect();
            self.atts.push((name, joined.join(" ")));
        }
        self
    }
}

/// What the explicit stack holds: a node of the tree, a synthesized element line, or text.
enum Item {
    Node(NodeId, usize),
    Element(Element, usize),
    Text(String, usize),
}

struct Writer<'a> {
    doc: &'a Document,
    src: &'a str,
    out: String,
    /// Ids given so far (docutils' `document.ids`).
    ids: HashSet<String>,
    /// Per-prefix counters of generated ids (docutils' `document.id_counter`).
    counters: HashMap<String, u32>,
    /// Problematic node -> number of its system message.
    problems: HashMap<NodeId, usize>,
    /// System message -> its number.
    messages: HashMap<NodeId, usize>,
    /// Images directly in a substitution definition -> the substitution's name.
    substitution_images: HashMap<NodeId, String>,
    /// The names, duplicate names and ids of every element docutils' parser names.
    naming: HashMap<Key, Naming>,
    /// The messages docutils' `set_duplicate_name` gives, in the order it gives them.
    name_messages: Vec<NameMessage>,
    /// Messages printed just before a node (a block target's, in its parent).
    before: HashMap<NodeId, Vec<usize>>,
    /// Messages printed among a node's children (a section's after its title, a footnote's
    /// after its label, a directive's first).
    inside: HashMap<NodeId, Vec<usize>>,
}

/// A system message about a duplicate name: level 1 (info) or 2 (warning).
struct NameMessage {
    key: Key,
    level: u8,
    text: String,
}

/// An element docutils names: a node, or the target docutils adds after a reference with an
/// embedded URI (keyed by that reference).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Key {
    Node(NodeId),
    EmbeddedTarget(NodeId),
}

/// The `names`, `dupnames` and `ids` of one element, and what it points at (for telling
/// duplicate targets to the same place from conflicting ones).
#[derive(Debug, Default)]
struct Naming {
    names: Vec<String>,
    dupnames: Vec<String>,
    ids: Vec<String>,
    refname: Option<String>,
    refuri: Option<String>,
}

impl Naming {
    fn named(name: String) -> Naming {
        Naming { names: vec![name], ..Naming::default() }
    }

    fn dupname(&mut self, name: &str) {
        self.names.retain(|n| n != name);
        self.dupnames.push(name.to_string());
    }
}

/// docutils' `document.names` and `document.nametypes`: each name's element (`None` once
/// the name is a duplicate) and whether it was ever explicit.
#[derive(Default)]
struct NameTable {
    names: HashMap<String, (Option<Key>, bool)>,
}

impl Writer<'_> {
    /// Problematic nodes and the messages made with them, numbered in document order.
    fn pair_problems(&mut self) {
        let all = self.doc.descendants(self.doc.root());
        let probs = all.iter().filter(|&&n| matches!(self.doc.kind(n), NodeKind::Problematic(_)));
        let msgs = all.iter().filter(
            |&&n| matches!(self.doc.kind(n), NodeKind::SystemMessage { id, .. } if &**id == "p"),
        );
        for (k, (&p, &m)) in probs.zip(msgs).enumerate() {
            self.problems.insert(p, k + 1);
            self.messages.insert(m, k + 1);
        }
    }

    /// The order docutils' parser meets named elements in: document order, except that a
    /// section's title is parsed before the section is registered.
    fn parser_order(&self) -> Vec<NodeId> {
        enum Step {
            Visit(NodeId),
            Emit(NodeId),
        }
        let mut order = Vec::with_capacity(self.doc.len());
        let mut stack = vec![Step::Visit(self.doc.root())];
        while let Some(step) = stack.pop() {
            let n = match step {
                Step::Emit(n) => {
                    order.push(n);
                    continue;
                }
                Step::Visit(n) => n,
            };
            let kids: Vec<NodeId> = self.doc.children(n).collect();
            let section = matches!(self.doc.kind(n), NodeKind::Section { .. });
            match kids.split_first() {
                Some((&title, rest)) if section => {
                    stack.extend(rest.iter().rev().map(|&c| Step::Visit(c)));
                    stack.push(Step::Emit(n));
                    stack.push(Step::Visit(title));
                }
                _ => {
                    order.push(n);
                    stack.extend(kids.iter().rev().map(|&c| Step::Visit(c)));
                }
            }
        }
        order
    }

    /// Names and ids as docutils' parser records them (`note_implicit_target`,
    /// `note_explicit_target`, `set_id`), duplicates included.
    fn name_elements(&mut self) {
        let doc = self.doc;
        let mut table = NameTable::default();
        // Substitution definitions have names of their own; only the last one of a name keeps it.
        let mut substitutions: HashMap<String, Key> = HashMap::new();
        for n in self.parser_order() {
            let key = Key::Node(n);
            match doc.kind(n) {
                NodeKind::SubstitutionDefinition(name) => {
                    let name = whitespace_normalized(name);
                    if let Some(old) = substitutions.insert(name.clone(), key) {
                        self.dupname(old, &name);
                    }
                    self.naming.insert(key, Naming::named(name));
                }
                NodeKind::Section { .. } => {
                    let title = doc.first_child(n).map(|t| doc.text(t)).unwrap_or_default();
                    self.naming.insert(key, Naming::named(normalize_name(&title)));
                    self.note_names(&mut table, key, false);
                    self.set_id(key, "section");
                }
                NodeKind::Target(t) if t.anonymous => {
                    let mut naming = Naming::default();
                    set_reference(&mut naming, t.uri.as_deref(), t.indirect);
                    self.naming.insert(key, naming);
                    self.set_id(key, "target");
                }
                NodeKind::Target(t) => {
                    let mut naming = Naming::named(t.name.to_string());
                    set_reference(&mut naming, t.uri.as_deref(), t.indirect);
                    self.naming.insert(key, naming);
                    self.note_names(&mut table, key, true);
                    self.set_id(key, "target");
                }
                NodeKind::InlineTarget(name) => {
                    self.naming.insert(key, Naming::named(name.to_string()));
                    self.note_names(&mut table, key, true);
                    self.set_id(key, "target");
                }
                NodeKind::Footnote(data) => {
                    let naming = match &*data.label {
                        "#" | "*" => Naming::default(),
                        l => Naming::named(normalize_name(l.strip_prefix('#').unwrap_or(l))),
                    };
                    self.naming.insert(key, naming);
                    // A footnote gets its id before its name is registered.
                    self.set_id(key, "footnote");
                    self.note_names(&mut table, key, true);
                }
                NodeKind::Citation(data) => {
                    self.naming.insert(key, Naming::named(normalize_name(&data.label)));
                    self.note_names(&mut table, key, true);
                    self.set_id(key, "citation");
                }
                NodeKind::FootnoteReference(_) => {
                    self.naming.insert(key, Naming::default());
                    self.set_id(key, "footnote_reference");
                }
                NodeKind::CitationReference(_) => {
                    self.naming.insert(key, Naming::default());
                    self.set_id(key, "citation_reference");
                }
                // A directive's `:name:` option.
                _ if doc.names.contains_key(&n) => {
                    let name = doc.names.get(&n).cloned().unwrap_or_default();
                    self.naming.insert(key, Naming::named(name));
                    self.note_names(&mut table, key, true);
                    self.set_id(key, directive_tag(doc.kind(n)));
                }
                NodeKind::Reference {
                    name,
                    anonymous: false,
                    target: RefTarget::External(uri),
                } if !name.is_empty() && self.source_of(n).starts_with('`') => {
                    let key = Key::EmbeddedTarget(n);
                    let mut naming = Naming::named(name.to_string());
                    naming.refuri = Some(uri.to_string());
                    self.naming.insert(key, naming);
                    self.note_names(&mut table, key, true);
                    self.set_id(key, "target");
                }
                _ => {}
            }
        }
    }

    /// docutils' `note_names` with `set_duplicate_name`: a name seen before on another
    /// element moves to `dupnames` on one or both, by the rules of reST's reference names.
    fn note_names(&mut self, table: &mut NameTable, key: Key, explicit: bool) {
        let names = self.naming.get(&key).map(|n| n.names.clone()).unwrap_or_default();
        for name in names {
            let Some(&(old, old_explicit)) = table.names.get(&name) else {
                table.names.insert(name, (Some(key), explicit));
                continue;
            };
            if old == Some(key) {
                continue;
            }
            let entry = table.names.entry(name.clone()).or_insert((None, false));
            entry.1 = old_explicit || explicit;
            let same_place = old.is_some_and(|o| self.points_alike(key, o));
            let message = if same_place {
                self.dupname(key, &name);
                let to = self.naming.get(&key).and_then(|n| n.refuri.clone().or(n.refname.clone()));
                let to = to.unwrap_or_default();
                Some((1, format!("Duplicate name \"{name}\" for external target \"{to}\".")))
            } else if explicit && old_explicit {
                self.dupname(key, &name);
                if let Some(o) = old {
                    self.dupname(o, &name);
                    entry.0 = None;
                }
                Some((2, format!("Duplicate explicit target name: \"{name}\".")))
            } else if explicit {
                entry.0 = Some(key);
                old.map(|o| {
                    self.dupname(o, &name);
                    (1, format!("Target name overrides implicit target name \"{name}\"."))
                })
            } else {
                self.dupname(key, &name);
                if let Some(o) = old.filter(|_| !old_explicit) {
                    self.dupname(o, &name);
                    entry.0 = None;
                }
                Some((1, format!("Duplicate implicit target name: \"{name}\".")))
            };
            if let Some((level, text)) = message {
                self.name_messages.push(NameMessage { key, level, text });
            }
        }
    }

    /// Where docutils appends each duplicate-name message: to the `msgnode` its caller
    /// passes (a block target's parent, before the target; the section, footnote, citation
    /// or body directive itself), and nowhere when that node takes no body elements
    /// (inline targets, embedded URIs, a rubric's or an image's `:name:`).
    fn place_name_messages(&mut self) {
        for (k, m) in self.name_messages.iter().enumerate() {
            let Key::Node(n) = m.key else { continue };
            match self.doc.kind(n) {
                NodeKind::Target(_) => self.before.entry(n).or_default().push(k),
                NodeKind::Section { .. }
                | NodeKind::Footnote(_)
                | NodeKind::Citation(_)
                | NodeKind::Admonition(_)
                | NodeKind::Topic(_)
                | NodeKind::Sidebar
                | NodeKind::Container(_) => self.inside.entry(n).or_default().push(k),
                _ => {}
            }
        }
    }

    /// The printed lines of name message `k`, at `depth`.
    fn name_message_items(&self, k: usize, depth: usize) -> Vec<Item> {
        let m = &self.name_messages[k];
        let Key::Node(n) = m.key else { return Vec::new() };
        let kind = if m.level == 1 { "INFO" } else { "WARNING" };
        let span = self.doc.node(n).span;
        let line = match self.doc.kind(n) {
            // The state machine stands on the title's underline (or, with an overline, on
            // the title's text): the line after the section's first.
            NodeKind::Section { .. } => self.line_of(span.start) + 1,
            NodeKind::Target(_) | NodeKind::Footnote(_) | NodeKind::Citation(_) => {
                self.line_of(span.start)
            }
            // A directive's node is named once its whole block is read.
            _ => {
                let text = self.src.get(..span.end as usize).unwrap_or("");
                self.line_of(text.trim_end().len() as u32)
            }
        };
        let mut e = Element::new("system_message")
            .att("level", m.level.to_string())
            .att("line", line.to_string())
            .att("source", "test data")
            .att("type", kind);
        // No backref to a block target: it prints nothing to point at.
        if !matches!(self.doc.kind(n), NodeKind::Target(_)) {
            if let Some(id) = self.naming.get(&m.key).and_then(|x| x.ids.first()) {
                e = e.list("backrefs", std::slice::from_ref(id));
            }
        }
        vec![
            Item::Element(e, depth),
            Item::Element(Element::new("paragraph"), depth + 1),
            Item::Text(m.text.clone(), depth + 2),
        ]
    }

    /// 1-based line of byte `offset`.
    fn line_of(&self, offset: u32) -> usize {
        let before = self.src.get(..offset as usize).unwrap_or("");
        before.bytes().filter(|&b| b == b'\n').count() + 1
    }

    /// Two targets with the same `refname` or the same `refuri`.
    fn points_alike(&self, a: Key, b: Key) -> bool {
        let (Some(a), Some(b)) = (self.naming.get(&a), self.naming.get(&b)) else {
            return false;
        };
        (a.refname.is_some() && a.refname == b.refname)
            || (a.refuri.is_some() && a.refuri == b.refuri)
    }

    fn dupname(&mut self, key: Key, name: &str) {
        if let Some(n) = self.naming.get_mut(&key) {
            n.dupname(name);
        }
    }

    /// docutils' `set_id`: gives `key` an id unless it has one.
    fn set_id(&mut self, key: Key, tag: &str) {
        let Some(naming) = self.naming.get(&key) else { return };
        if !naming.ids.is_empty() {
            return;
        }
        let (names, dupnames) = (naming.names.clone(), naming.dupnames.clone());
        let id = self.new_id(&names, &dupnames, tag);
        if let Some(naming) = self.naming.get_mut(&key) {
            naming.ids.push(id);
        }
    }

    /// `e` with the names, duplicate names and ids recorded for `key`.
    fn named(&self, e: Element, key: Key) -> Element {
        match self.naming.get(&key) {
            Some(n) => e.list("dupnames", &n.dupnames).list("ids", &n.ids).list("names", &n.names),
            None => e,
        }
    }

    fn run(&mut self) {
        let root = Element::new("document").att("source", "test data");
        self.line(&root, 0);
        let mut stack: Vec<Item> = Vec::new();
        self.push_children(&mut stack, self.doc.root(), 1);
        // docutils puts the meta directives' tags (and messages) at the head of the document.
        let metas: Vec<NodeId> = self
            .doc
            .descendants(self.doc.root())
            .into_iter()
            .filter(|&n| is_meta_holder(self.doc.kind(n)))
            .collect();
        // Then the decoration: every header's content, then every footer's.
        let all = self.doc.descendants(self.doc.root());
        let mut decoration = Vec::new();
        for (kind, tag) in
            [(crate::directive::HEADER, "header"), (crate::directive::FOOTER, "footer")]
        {
            let holders: Vec<NodeId> = all
                .iter()
                .copied()
                .filter(|&n| matches!(self.doc.kind(n), NodeKind::Container(c) if &**c == kind))
                .collect();
            if holders.is_empty() {
                continue;
            }
            decoration.push(Item::Element(Element::new(tag), 2));
            for h in holders {
                decoration.extend(self.doc.children(h).map(|c| Item::Node(c, 3)));
            }
        }
        if !decoration.is_empty() {
            decoration.insert(0, Item::Element(Element::new("decoration"), 1));
            Self::push_in_order(&mut stack, decoration);
        }
        for holder in metas.into_iter().rev() {
            self.push_children(&mut stack, holder, 1);
        }
        while let Some(item) = stack.pop() {
            match item {
                Item::Node(n, depth) => self.node(&mut stack, n, depth),
                Item::Element(e, depth) => self.line(&e, depth),
                Item::Text(t, depth) => self.text(&t, depth),
            }
        }
    }

    fn push_children(&self, stack: &mut Vec<Item>, n: NodeId, depth: usize) {
        let mut items: Vec<Item> = self.doc.children(n).map(|c| Item::Node(c, depth)).collect();
        if let Some(messages) = self.inside.get(&n) {
            let kids: Vec<NodeId> = self.doc.children(n).collect();
            // A section's message follows its title and the title's own messages.
            let at = match self.doc.kind(n) {
                NodeKind::Section { .. } => {
                    let line = self.line_of(self.doc.node(n).span.start) + 1;
                    1 + kids
                        .iter()
                        .skip(1)
                        .take_while(|&&c| {
                            matches!(self.doc.kind(c),
                                NodeKind::SystemMessage { line: l, .. } if *l as usize <= line)
                        })
                        .count()
                }
                _ => 0,
            };
            let at = at.min(items.len());
            let msgs: Vec<Item> =
                messages.iter().flat_map(|&k| self.name_message_items(k, depth)).collect();
            items.splice(at..at, msgs);
        }
        Self::push_in_order(stack, items);
    }

    /// Pushes `items` so they come out in the order given.
    fn push_in_order(stack: &mut Vec<Item>, items: Vec<Item>) {
        stack.extend(items.into_iter().rev());
    }

    fn line(&mut self, e: &Element, depth: usize) {
        let mut atts: Vec<&(&str, String)> = e.atts.iter().collect();
        atts.sort_by(|a, b| a.0.cmp(b.0));
        let _ = write!(self.out, "{:indent$}<{}", "", e.tag, indent = depth * 4);
        for (name, value) in atts {
            let _ = write!(self.out, " {name}=\"{value}\"");
        }
        self.out.push_str(">\n");
    }

    fn text(&mut self, t: &str, depth: usize) {
        for l in python_lines(t) {
            let _ = writeln!(self.out, "{:indent$}{l}", "", indent = depth * 4);
        }
    }

    /// docutils' `create_id`: the first free id made from `names`, else one counted after
    /// the last name, the first duplicate name or the tag.
    fn new_id(&mut self, names: &[String], dupnames: &[String], tag: &str) -> String {
        let mut base = String::new();
        for name in names {
            base = make_id(name);
            if !base.is_empty() && !self.ids.contains(&base) {
                self.ids.insert(base.clone());
                return base;
            }
        }
        let dup = dupnames.first().map(|d| make_id(d)).unwrap_or_default();
        let prefix = if !base.is_empty() {
            format!("{base}-")
        } else if !dup.is_empty() {
            format!("{dup}-")
        } else {
            format!("{}-", make_id(tag))
        };
        loop {
            let count = self.counters.entry(prefix.clone()).or_insert(0);
            *count += 1;
            let id = format!("{prefix}{count}");
            if self.ids.insert(id.clone()) {
                return id;
            }
        }
    }

    /// The text of `n` as docutils' `astext()` gives it, for name attributes.
    fn text_of(&self, n: NodeId) -> String {
        self.doc.text(n)
    }

    /// The source text at `n`'s span.
    fn source_of(&self, n: NodeId) -> &str {
        let s = self.doc.node(n).span;
        self.src.get(s.start as usize..s.end as usize).unwrap_or("")
    }

    fn classes(&self, n: NodeId) -> Vec<String> {
        match self.doc.classes.get(&n) {
            Some(c) => c.split_whitespace().map(String::from).collect(),
            None => Vec::new(),
        }
    }

    fn node(&mut self, stack: &mut Vec<Item>, n: NodeId, depth: usize) {
        if let Some(messages) = self.before.get(&n) {
            // Printed now, before the node's own line: push the node back behind them.
            let mut items: Vec<Item> =
                messages.iter().flat_map(|&k| self.name_message_items(k, depth)).collect();
            self.before.remove(&n);
            items.push(Item::Node(n, depth));
            Self::push_in_order(stack, items);
            return;
        }
        let doc = self.doc;
        let classes = self.classes(n);
        let kids = depth + 1;
        let simple = |tag: &'static str| Some(Element::new(tag).list("classes", &classes));
        let e = match doc.kind(n) {
            NodeKind::Document => simple("document"),
            NodeKind::Section { .. } => {
                Some(self.named(Element::new("section").list("classes", &classes), Key::Node(n)))
            }
            NodeKind::Title => simple("title"),
            NodeKind::Paragraph => simple("paragraph"),
            NodeKind::LiteralBlock(t) | NodeKind::DoctestBlock(t) => {
                let tag = match doc.kind(n) {
                    NodeKind::DoctestBlock(_) => "doctest_block",
                    _ => "literal_block",
                };
                stack.push(Item::Text(t.to_string(), kids));
                Some(Element::new(tag).list("classes", &classes).att("xml:space", "preserve"))
            }
            NodeKind::LineBlock => simple("line_block"),
            NodeKind::Line => simple("line"),
            NodeKind::BlockQuote(class) => {
                let mut all = classes.clone();
                all.extend(class.iter().map(|c| c.to_string()));
                Some(Element::new("block_quote").list("classes", &all))
            }
            NodeKind::Attribution => simple("attribution"),
            NodeKind::BulletList => {
                let bullet = self.source_of(n).trim_start().chars().next().unwrap_or('*');
                Some(Element::new("bullet_list").list("classes", &classes).att("bullet", bullet))
            }
            NodeKind::EnumList { style, start } => {
                let marker = self.source_of(n).trim_start();
                let prefix = if marker.starts_with('(') { "(" } else { "" };
                let body = marker.trim_start_matches('(');
                let suffix = body
                    .find(|c: char| c == '.' || c == ')' || c.is_whitespace())
                    .and_then(|k| body[k..].chars().next())
                    .filter(|c| !c.is_whitespace())
                    .map(String::from)
                    .unwrap_or_default();
                let mut e = Element::new("enumerated_list")
                    .list("classes", &classes)
                    .att("enumtype", style.class())
                    .att("prefix", prefix)
                    .att("suffix", suffix);
                if *start != 1 {
                    e = e.att("start", start.to_string());
                }
                Some(e)
            }
            NodeKind::ListItem => simple("list_item"),
            NodeKind::DefinitionList => simple("definition_list"),
            NodeKind::DefinitionItem => simple("definition_list_item"),
            NodeKind::Term => simple("term"),
            NodeKind::Classifier => simple("classifier"),
            NodeKind::Definition => simple("definition"),
            NodeKind::FieldList => simple("field_list"),
            NodeKind::Field => simple("field"),
            NodeKind::FieldName => simple("field_name"),
            NodeKind::FieldBody => simple("field_body"),
            NodeKind::OptionList => simple("option_list"),
            NodeKind::OptionItem => simple("option_list_item"),
            NodeKind::OptionGroup(options) => {
                Self::push_in_order(stack, option_group(options, kids));
                simple("option_group")
            }
            NodeKind::OptionDescription => simple("description"),
            NodeKind::Transition => simple("transition"),
            NodeKind::Comment(t) => {
                stack.push(Item::Text(t.to_string(), kids));
                Some(Element::new("comment").list("classes", &classes).att("xml:space", "preserve"))
            }
            NodeKind::Raw(t) => {
                stack.push(Item::Text(t.to_string(), kids));
                let format = self.raw_format(n);
                Some(
                    Element::new("raw")
                        .list("classes", &classes)
                        .att("format", format)
                        .att("xml:space", "preserve"),
                )
            }
            NodeKind::Table { widths, head, format } => {
                let f = format.as_deref().cloned().unwrap_or_default();
                let colwidths = match f.colwidths {
                    crate::tree::ColWidths::Default => None,
                    crate::tree::ColWidths::Auto => Some("colwidths-auto".to_string()),
                    crate::tree::ColWidths::Given => Some("colwidths-given".to_string()),
                };
                let mut all = Vec::new();
                if f.colwidths_first {
                    all.extend(colwidths.clone());
                }
                all.extend(classes.iter().cloned());
                if !f.colwidths_first {
                    all.extend(colwidths);
                }
                let mut e = Element::new("table").list("classes", &all);
                if let Some(a) = &f.align {
                    e = e.att("align", a.to_string());
                }
                if let Some(w) = &f.width {
                    e = e.att("width", w.to_string());
                }
                let e = self.directive_named(e, n);
                self.line(&e, depth);
                self.table(stack, n, widths, *head as usize, f.stubs as usize, kids);
                return;
            }
            NodeKind::TableTitle => simple("title"),
            NodeKind::Meta(attributes) => {
                let mut e = Element::new("meta");
                for (name, value) in attributes.iter() {
                    e = e.att(meta_attribute(name), value.to_string());
                }
                Some(e)
            }
            NodeKind::Row => simple("row"),
            NodeKind::Cell { morecols, morerows } => {
                let mut e = Element::new("entry").list("classes", &classes);
                if *morecols > 0 {
                    e = e.att("morecols", morecols.to_string());
                }
                if *morerows > 0 {
                    e = e.att("morerows", morerows.to_string());
                }
                Some(e)
            }
            NodeKind::Footnote(data) | NodeKind::Citation(data) => {
                let citation = matches!(doc.kind(n), NodeKind::Citation(_));
                let label = &*data.label;
                let auto = match label {
                    _ if citation => None,
                    "*" => Some("*"),
                    l if l.starts_with('#') => Some("1"),
                    _ => None,
                };
                let tag = if citation { "citation" } else { "footnote" };
                let mut e = self.named(Element::new(tag).list("classes", &classes), Key::Node(n));
                self.push_children(stack, n, kids);
                match auto {
                    Some(a) => e = e.att("auto", a),
                    None => {
                        // The label comes first among the children.
                        stack.push(Item::Text(label.to_string(), kids + 1));
                        stack.push(Item::Element(Element::new("label"), kids));
                    }
                }
                self.line(&e, depth);
                return;
            }
            NodeKind::Target(t) => {
                let mut e = Element::new("target").list("classes", &classes);
                if t.anonymous {
                    e = e.att("anonymous", "1");
                }
                e = self.named(e, Key::Node(n));
                if let Some(naming) = self.naming.get(&Key::Node(n)) {
                    if let Some(r) = &naming.refname {
                        e = e.att("refname", r.clone());
                    }
                    if let Some(u) = &naming.refuri {
                        e = e.att("refuri", u.clone());
                    }
                }
                Some(e)
            }
            NodeKind::Image(data) => {
                let mut all = Vec::new();
                for (name, value) in &data.options {
                    if &**name == "class" {
                        all.extend(value.split_whitespace().map(String::from));
                    }
                }
                all.extend(classes.iter().cloned());
                let e = Element::new("image").list("classes", &all).att("uri", &*data.uri);
                let mut e = self.directive_named(e, n);
                match (&data.alt, self.substitution_images.get(&n).cloned()) {
                    (Some(alt), _) => e = e.att("alt", alt.to_string()),
                    // The image directive gives an image in a substitution definition the
                    // substitution's name as its alternate text.
                    (None, Some(name)) => e = e.att("alt", name),
                    (None, None) => {}
                }
                for (name, value) in &data.options {
                    let name: &'static str = match &**name {
                        "width" => "width",
                        "height" => "height",
                        "scale" => "scale",
                        "align" => "align",
                        "loading" => "loading",
                        _ => continue,
                    };
                    e = e.att(name, value.to_string());
                }
                // `:target:` puts the image inside a reference.
                let Some(target) = &data.target else {
                    self.line(&e, depth);
                    return;
                };
                let mut r = Element::new("reference");
                match target.strip_suffix('_').filter(|_| !target.ends_with("\\_")) {
                    Some(alias) => {
                        let alias = alias.trim_matches('`');
                        r = r
                            .att("name", whitespace_normalized(alias))
                            .att("refname", normalize_name(alias));
                    }
                    None => r = r.att("refuri", target.to_string()),
                }
                self.line(&r, depth);
                self.line(&e, kids);
                return;
            }
            NodeKind::Figure(class) => {
                // The engine keeps the figure's HTML classes: `figure`, `align-*` and `:figclass:`.
                let mut all = Vec::new();
                let mut align = None;
                let mut width = None;
                for c in class.as_deref().unwrap_or("").split_whitespace() {
                    match (c.strip_prefix("align-"), c.strip_prefix("width=")) {
                        (Some(a), _) => align = Some(a.to_string()),
                        (_, Some(w)) => width = Some(w.to_string()),
                        _ if c == "figure" => {}
                        _ => all.push(c.to_string()),
                    }
                }
                all.extend(classes.iter().cloned());
                let mut e = Element::new("figure").list("classes", &all);
                if let Some(a) = align {
                    e = e.att("align", a);
                }
                if let Some(w) = width {
                    e = e.att("width", w);
                }
                Some(e)
            }
            NodeKind::Caption => simple("caption"),
            NodeKind::Legend => simple("legend"),
            // A specific admonition (no title child): its kind's last word names it, the
            // words before are its `:class:` classes.
            NodeKind::Admonition(kind) => {
                match kind.rsplit(' ').next().and_then(admonition_tag).filter(|_| {
                    !doc.first_child(n).is_some_and(|t| matches!(doc.kind(t), NodeKind::Title))
                }) {
                    Some(tag) => {
                        let mut all: Vec<String> =
                            kind.split_whitespace().rev().skip(1).map(String::from).collect();
                        all.reverse();
                        all.extend(classes.iter().cloned());
                        Some(Element::new(tag).list("classes", &all))
                    }
                    None => {
                        let mut all = vec![kind.to_string()];
                        all.extend(classes.iter().cloned());
                        Some(Element::new("admonition").list("classes", &all))
                    }
                }
            }
            NodeKind::Topic(class) => {
                let mut all = classes.clone();
                let class = class.split('|').next().unwrap_or("");
                if !class.is_empty() {
                    all.push(class.to_string());
                }
                Some(Element::new("topic").list("classes", &all))
            }
            NodeKind::Sidebar => simple("sidebar"),
            NodeKind::Rubric => simple("rubric"),
            NodeKind::Subtitle => simple("subtitle"),
            NodeKind::CodeBlock(code) => {
                let numbers = code
                    .options
                    .iter()
                    .find(|o| o.0 == "number-lines")
                    .map(|o| o.1.trim().parse::<u32>().ok().filter(|&n| n != 0).unwrap_or(1));
                let lines = code.text.split('\n').count() as u32;
                Self::push_in_order(
                    stack,
                    code_tokens(&code.language, &code.text, numbers, lines, kids),
                );
                // docutils' `code` directive (and its aliases `code-block`, `sourcecode`):
                // the class `code`, the language, then the `:class:` option's classes.
                let mut all = vec!["code".to_string()];
                all.extend(code.language.split_whitespace().map(String::from));
                for (name, value) in &code.options {
                    if name == "class" {
                        all.extend(value.split_whitespace().map(String::from));
                    }
                }
                all.extend(classes.iter().cloned());
                Some(
                    Element::new("literal_block")
                        .list("classes", &all)
                        .att("xml:space", "preserve"),
                )
            }
            NodeKind::ParsedLiteral => Some(
                Element::new("literal_block")
                    .list("classes", &classes)
                    .att("xml:space", "preserve"),
            ),
            NodeKind::MathBlock(t) => {
                stack.push(Item::Text(t.to_string(), kids));
                Some(
                    Element::new("math_block")
                        .list("classes", &classes)
                        .att("xml:space", "preserve"),
                )
            }
            // A pending transform prints its internal attributes, as docutils does.
            NodeKind::Container(kind) if &**kind == crate::directive::TARGET_NOTES => {
                let mut details = String::from(
                    ".. internal attributes:\n     .transform: docutils.transforms.references.TargetNotes\n     .details:",
                );
                if !classes.is_empty() {
                    let quoted: Vec<String> = classes.iter().map(|c| format!("'{c}'")).collect();
                    let _ = write!(details, "\n       class: [{}]", quoted.join(", "));
                }
                stack.push(Item::Text(details, kids));
                Some(Element::new("pending"))
            }
            NodeKind::Container(_) if is_moved(doc.kind(n)) => return,
            NodeKind::Container(kind) => {
                let (name, class) = kind.split_once('|').unwrap_or(("container", kind));
                if name == "compound" {
                    simple("compound")
                } else {
                    let mut all: Vec<String> = class.split_whitespace().map(String::from).collect();
                    all.extend(classes.iter().cloned());
                    Some(Element::new("container").list("classes", &all))
                }
            }
            NodeKind::SystemMessage { level, line, message, .. } => {
                let kind = match level {
                    1 => "INFO",
                    2 => "WARNING",
                    3 => "ERROR",
                    _ => "SEVERE",
                };
                let mut e = Element::new("system_message").att("level", level.to_string());
                if *line != 0 {
                    e = e.att("line", line.to_string());
                }
                e = e.att("source", "test data").att("type", kind);
                if let Some(k) = self.messages.get(&n) {
                    e = e
                        .list("backrefs", &[format!("problematic-{k}")])
                        .list("ids", &[format!("system-message-{k}")]);
                }
                self.line(&e, depth);
                self.push_children(stack, n, kids);
                stack.push(Item::Text(message.to_string(), kids + 1));
                stack.push(Item::Element(Element::new("paragraph"), kids));
                return;
            }
            NodeKind::Text(t) => {
                self.text(t, depth);
                None
            }
            NodeKind::Emphasis => simple("emphasis"),
            NodeKind::Strong => simple("strong"),
            NodeKind::Literal(t) => {
                stack.push(Item::Text(t.to_string(), kids));
                simple("literal")
            }
            NodeKind::TitleReference => simple("title_reference"),
            NodeKind::Subscript => simple("subscript"),
            NodeKind::Superscript => simple("superscript"),
            NodeKind::Abbreviation(_) => simple("abbreviation"),
            NodeKind::Acronym => simple("acronym"),
            NodeKind::Code(code) => {
                Self::push_in_order(stack, code_tokens(&code.language, &code.text, None, 0, kids));
                // docutils' code role: `code`, the role's classes, then the language.
                let mut all = vec!["code".to_string()];
                for (name, value) in &code.options {
                    if name == "class" {
                        all.extend(value.split_whitespace().map(String::from));
                    }
                }
                if !code.language.is_empty() && !all.contains(&code.language) {
                    all.push(code.language.clone());
                }
                all.extend(classes.iter().cloned());
                Some(Element::new("literal").list("classes", &all))
            }
            NodeKind::Math(t) => {
                stack.push(Item::Text(t.to_string(), kids));
                simple("math")
            }
            NodeKind::Inline(class) => {
                let mut all: Vec<String> = class.split_whitespace().map(String::from).collect();
                all.extend(classes.iter().cloned());
                Some(Element::new("inline").list("classes", &all))
            }
            NodeKind::RawInline(t) => {
                stack.push(Item::Text(t.to_string(), kids));
                Some(
                    Element::new("raw")
                        .list("classes", &classes)
                        .att("format", "html")
                        .att("xml:space", "preserve"),
                )
            }
            NodeKind::Reference { name, anonymous, target } => {
                let shown = self.text_of(n);
                let mut e = Element::new("reference").list("classes", &classes);
                let written = whitespace_normalized(&shown);
                match target {
                    RefTarget::External(uri) => {
                        // A phrase reference with an embedded URI (named or anonymous)
                        // keeps its text as its name; a standalone URI has none.
                        let phrase = self.source_of(n).starts_with('`');
                        if phrase {
                            e = e.att("name", written.clone());
                        }
                        e = e.att("refuri", uri.to_string());
                        let key = Key::EmbeddedTarget(n);
                        if self.naming.contains_key(&key) {
                            let t = Element::new("target").att("refuri", uri.to_string());
                            // The embedded URI's target follows the reference.
                            stack.push(Item::Element(self.named(t, key), depth));
                        }
                    }
                    _ if *anonymous && self.source_of(n).starts_with('|') => {
                        e = e.att("anonymous", "1");
                    }
                    _ if *anonymous => {
                        e = e.att("anonymous", "1").att("name", written);
                    }
                    // `|name|_`: a reference around a substitution reference has no name.
                    _ if self.source_of(n).starts_with('|') => {
                        e = e.att("refname", name.to_string());
                    }
                    _ => {
                        e = e.att("name", written).att("refname", name.to_string());
                    }
                }
                Some(e)
            }
            NodeKind::InlineTarget(_) => {
                Some(self.named(Element::new("target").list("classes", &classes), Key::Node(n)))
            }
            NodeKind::FootnoteReference(data) | NodeKind::CitationReference(data) => {
                let citation = matches!(doc.kind(n), NodeKind::CitationReference(_));
                let label = &*data.label;
                let tag = if citation { "citation_reference" } else { "footnote_reference" };
                let mut e = self.named(Element::new(tag).list("classes", &classes), Key::Node(n));
                match label {
                    "#" => e = e.att("auto", "1"),
                    "*" => e = e.att("auto", "*"),
                    l if l.starts_with('#') => {
                        e = e.att("auto", "1").att("refname", normalize_name(&l[1..]));
                    }
                    l => {
                        e = e.att("refname", normalize_name(l));
                        stack.push(Item::Text(l.to_string(), kids));
                    }
                }
                self.line(&e, depth);
                return;
            }
            NodeKind::SubstitutionReference(name) => Some(
                Element::new("substitution_reference")
                    .list("classes", &classes)
                    .att("refname", name.to_string()),
            ),
            NodeKind::SubstitutionDefinition(name) => {
                for c in doc.children(n) {
                    if matches!(doc.kind(c), NodeKind::Image(_)) {
                        self.substitution_images.insert(c, name.to_string());
                    }
                }
                let e = Element::new("substitution_definition").list("classes", &classes);
                Some(self.named(e, Key::Node(n)))
            }
            NodeKind::Problematic(raw) => {
                stack.push(Item::Text(raw.to_string(), kids));
                let mut e = Element::new("problematic");
                // docutils makes every problematic node with its message; one without is
                // printed bare, which no expected output has.
                if let Some(k) = self.problems.get(&n) {
                    e = e
                        .list("ids", &[format!("problematic-{k}")])
                        .att("refid", format!("system-message-{k}"));
                }
                self.line(&e, depth);
                return;
            }
        };
        if let Some(e) = e {
            let e = self.directive_named(e, n);
            self.line(&e, depth);
        }
        self.push_children(stack, n, kids);
    }

    /// `e` with the names and ids of a directive's `:name:` option, if it had one.
    fn directive_named(&self, e: Element, n: NodeId) -> Element {
        if self.doc.names.contains_key(&n) {
            self.named(e, Key::Node(n))
        } else {
            e
        }
    }

    /// The tgroup, colspecs, thead and tbody docutils puts between a table and its rows.
    fn table(
        &self,
        stack: &mut Vec<Item>,
        n: NodeId,
        widths: &[u32],
        head: usize,
        stubs: usize,
        depth: usize,
    ) {
        let mut items = Vec::new();
        let kids: Vec<NodeId> = self.doc.children(n).collect();
        let (titles, rows): (Vec<NodeId>, Vec<NodeId>) =
            kids.iter().partition(|&&k| matches!(self.doc.kind(k), NodeKind::TableTitle));
        items.extend(titles.into_iter().map(|t| Item::Node(t, depth)));
        let tgroup = Element::new("tgroup").att("cols", widths.len().to_string());
        items.push(Item::Element(tgroup, depth));
        for (k, w) in widths.iter().enumerate() {
            let mut colspec = Element::new("colspec").att("colwidth", w.to_string());
            if k < stubs {
                colspec = colspec.att("stub", "1");
            }
            items.push(Item::Element(colspec, depth + 1));
        }
        let head = head.min(rows.len());
        if head > 0 {
            items.push(Item::Element(Element::new("thead"), depth + 1));
            items.extend(rows[..head].iter().map(|&r| Item::Node(r, depth + 2)));
        }
        items.push(Item::Element(Element::new("tbody"), depth + 1));
        items.extend(rows[head..].iter().map(|&r| Item::Node(r, depth + 2)));
        Self::push_in_order(stack, items);
    }

    /// The output format named in the `raw` directive at `n`.
    fn raw_format(&self, n: NodeId) -> String {
        let s = self.doc.node(n).span;
        let line_start = self.src[..s.start as usize].rfind('\n').map_or(0, |k| k + 1);
        let rest = &self.src[line_start..];
        let first = rest.lines().next().unwrap_or("");
        match first.find("::") {
            Some(k) => first[k + 2..].split_whitespace().collect::<Vec<_>>().join(" "),
            None => "html".to_string(),
        }
    }
}

/// docutils' code analysis (`Lexer` with long token names, then `NumberLines`): the code
/// as text and `inline` elements classed by the token type's lowercased name parts, same
/// types merged; with `numbers`, each line opens with an `ln` inline, padded to the width
/// of the number after the last line (`lines` is the number of lines).
fn code_tokens(
    language: &str,
    text: &str,
    numbers: Option<u32>,
    lines: u32,
    depth: usize,
) -> Vec<Item> {
    let mut merged: Vec<(Vec<String>, String)> = Vec::new();
    let mut last = None;
    if folio_highlight::Language::find(language).is_some() {
        for (t, value) in folio_highlight::tokens(language, text) {
            match merged.last_mut() {
                Some(m) if last == Some(t) => m.1.push_str(value),
                _ => {
                    let classes = t
                        .name()
                        .to_lowercase()
                        .split('.')
                        .filter(|c| !matches!(*c, "" | "text" | "token"))
                        .map(String::from)
                        .collect();
                    merged.push((classes, value.to_string()));
                }
            }
            last = Some(t);
        }
        if let Some(m) = merged.last_mut() {
            if m.1.ends_with('\n') {
                m.1.pop();
            }
        }
    } else {
        merged.push((Vec::new(), text.to_string()));
    }
    if let Some(start) = numbers {
        let width = (start + lines).to_string().len();
        let ln = |n: u32| (vec!["ln".to_string()], format!("{n:>width$} "));
        let mut out = vec![ln(start)];
        let mut n = start;
        for (classes, value) in merged {
            let parts: Vec<&str> = value.split('\n').collect();
            let k = parts.len();
            for (i, part) in parts.into_iter().enumerate() {
                if i + 1 < k {
                    out.push((classes.clone(), format!("{part}\n")));
                    n += 1;
                    out.push(ln(n));
                } else {
                    out.push((classes.clone(), part.to_string()));
                }
            }
        }
        merged = out;
    }
    let mut items = Vec::new();
    for (classes, value) in merged {
        if classes.is_empty() {
            items.push(Item::Text(value, depth));
        } else {
            items.push(Item::Element(Element::new("inline").list("classes", &classes), depth));
            items.push(Item::Text(value, depth + 1));
        }
    }
    items
}

/// The lines of `t` as Python's `str.splitlines()` cuts them: also at `\r`, form feeds,
/// vertical tabs, file/group/record separators, NEL and the Unicode line and paragraph
/// separators.
fn python_lines(t: &str) -> Vec<&str> {
    let is_break = |c: char| {
        matches!(c, '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{1c}'..='\u{1e}' | '\u{85}')
            || matches!(c, '\u{2028}' | '\u{2029}')
    };
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = t.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !is_break(c) {
            continue;
        }
        out.push(&t[start..i]);
        let mut next = i + c.len_utf8();
        if c == '\r' {
            if let Some(&(j, '\n')) = chars.peek() {
                chars.next();
                next = j + 1;
            }
        }
        start = next;
    }
    if start < t.len() {
        out.push(&t[start..]);
    }
    out
}

/// The `refname` (indirect target, `name_`) or `refuri` of a target's URI as written.
fn set_reference(naming: &mut Naming, uri: Option<&str>, indirect: bool) {
    match uri {
        Some(u) if indirect => naming.refname = Some(normalize_name(u)),
        Some(u) => naming.refuri = Some(u.to_string()),
        None => {}
    }
}

fn whitespace_normalized(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The element docutils makes for a specific admonition directive.
fn admonition_tag(kind: &str) -> Option<&'static str> {
    Some(match kind {
        "attention" => "attention",
        "caution" => "caution",
        "danger" => "danger",
        "error" => "error",
        "hint" => "hint",
        "important" => "important",
        "note" => "note",
        "tip" => "tip",
        "warning" => "warning",
        _ => return None,
    })
}

/// The options of an option list item, `-a FILE, --all=FILE`, as docutils' elements.
fn option_group(options: &str, depth: usize) -> Vec<Item> {
    let mut items = Vec::new();
    for option in crate::block::option_parts(options) {
        items.push(Item::Element(Element::new("option"), depth));
        items.push(Item::Element(Element::new("option_string"), depth + 1));
        items.push(Item::Text(option.name, depth + 2));
        if let Some((delimiter, arg)) = option.argument {
            let e = Element::new("option_argument").att("delimiter", delimiter);
            items.push(Item::Element(e, depth + 1));
            items.push(Item::Text(arg, depth + 2));
        }
    }
    items
}

fn is_meta_holder(kind: &NodeKind) -> bool {
    matches!(kind, NodeKind::Container(c) if &**c == crate::directive::META)
}

/// A container printed elsewhere (meta tags first, headers and footers in the decoration).
fn is_moved(kind: &NodeKind) -> bool {
    matches!(kind, NodeKind::Container(c) if crate::directive::is_hidden_container(c))
}

/// The attribute names a meta tag may print (the element's attributes are static names).
fn meta_attribute(name: &str) -> &'static str {
    match name {
        "name" => "name",
        "content" => "content",
        "lang" => "lang",
        "http-equiv" => "http-equiv",
        "scheme" => "scheme",
        "dir" => "dir",
        "charset" => "charset",
        "property" => "property",
        _ => "data",
    }
}

/// The tag docutils' ids fall back to for an element a directive named (when the name is a
/// duplicate and gives no id).
fn directive_tag(kind: &NodeKind) -> &'static str {
    match kind {
        NodeKind::Image(_) => "image",
        NodeKind::Figure(_) => "figure",
        NodeKind::Table { .. } => "table",
        NodeKind::CodeBlock(_) | NodeKind::ParsedLiteral => "literal-block",
        NodeKind::MathBlock(_) => "math-block",
        NodeKind::Topic(_) => "topic",
        NodeKind::Sidebar => "sidebar",
        NodeKind::Rubric => "rubric",
        NodeKind::LineBlock => "line-block",
        NodeKind::Container(_) => "container",
        _ => "admonition",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{parse_with, Stage};

    fn pformat(src: &str) -> String {
        let (doc, _) = parse_with(src, Stage::Parsed);
        write(&doc, src)
    }

    #[test]
    fn a_section_gets_its_id_and_name_from_its_title_and_references_stay_unresolved() {
        let src = "Title\n=====\n\nSee `the Title`_.\n";
        let expected = "<document source=\"test data\">\n    \
            <section ids=\"title\" names=\"title\">\n        <title>\n            Title\n        \
            <paragraph>\n            See \n            \
            <reference name=\"the Title\" refname=\"the title\">\n                the Title\n            \
            .\n";
        assert_eq!(pformat(src), expected);
    }

    #[test]
    fn list_attribute_values_escape_spaces_and_attributes_come_sorted() {
        let src = ".. _a name: http://example.org/\n";
        let expected = "<document source=\"test data\">\n    \
            <target ids=\"a-name\" names=\"a\\ name\" refuri=\"http://example.org/\">\n";
        assert_eq!(pformat(src), expected);
    }

    #[test]
    fn text_lines_break_where_python_splitlines_breaks_them() {
        assert_eq!(python_lines("a\u{2028}b\r\nc\rd\n"), ["a", "b", "c", "d"]);
        assert_eq!(python_lines("a\n\nb"), ["a", "", "b"]);
    }
}
