//! Span invariants over every conformance case: each node lies inside the text, on char
//! boundaries, inside its parent, after its previous sibling's start. `kind_name` matches
//! every node kind without a wildcard, so a new kind does not compile until it is named here.

use folio_rst::{parse, Document, NodeId, NodeKind};

fn kind_name(k: &NodeKind) -> &'static str {
    use NodeKind::*;
    match k {
        Document => "document",
        Section { .. } => "section",
        Title => "title",
        Paragraph => "paragraph",
        LiteralBlock(_) => "literal_block",
        DoctestBlock(_) => "doctest_block",
        LineBlock => "line_block",
        Line => "line",
        BlockQuote(_) => "block_quote",
        Attribution => "attribution",
        BulletList => "bullet_list",
        EnumList { .. } => "enumerated_list",
        ListItem => "list_item",
        DefinitionList => "definition_list",
        DefinitionItem => "definition_list_item",
        Term => "term",
        Classifier => "classifier",
        Definition => "definition",
        FieldList => "field_list",
        Field => "field",
        FieldName => "field_name",
        FieldBody => "field_body",
        OptionList => "option_list",
        OptionItem => "option_list_item",
        OptionGroup(_) => "option_group",
        OptionDescription => "description",
        Transition => "transition",
        Comment(_) => "comment",
        Raw(_) => "raw",
        Table { .. } => "table",
        TableTitle => "table_title",
        Meta(_) => "meta",
        Row => "row",
        Cell { .. } => "entry",
        Footnote(_) => "footnote",
        Citation(_) => "citation",
        Target(_) => "target",
        Image(_) => "image",
        Figure(_) => "figure",
        Caption => "caption",
        Legend => "legend",
        Admonition(_) => "admonition",
        Topic(_) => "topic",
        Sidebar => "sidebar",
        Rubric => "rubric",
        Subtitle => "subtitle",
        CodeBlock(_) => "code_block",
        ParsedLiteral => "parsed_literal",
        MathBlock(_) => "math_block",
        Container(_) => "container",
        SystemMessage { .. } => "system_message",
        Text(_) => "text",
        Emphasis => "emphasis",
        Strong => "strong",
        Literal(_) => "literal",
        TitleReference => "title_reference",
        Subscript => "subscript",
        Superscript => "superscript",
        Abbreviation(_) => "abbreviation",
        Acronym => "acronym",
        Code(_) => "code",
        Math(_) => "math",
        Inline(_) => "inline",
        RawInline(_) => "raw_inline",
        Reference { .. } => "reference",
        InlineTarget(_) => "inline_target",
        FootnoteReference(_) => "footnote_reference",
        CitationReference(_) => "citation_reference",
        SubstitutionReference(_) => "substitution_reference",
        SubstitutionDefinition(_) => "substitution_definition",
        Problematic(_) => "problematic",
    }
}

/// Generated nodes: subtrees copied by substitutions and tables of contents keep their
/// source's spans; the closing "system messages" container gathers messages from anywhere.
fn is_generated(doc: &Document, n: NodeId) -> bool {
    matches!(doc.kind(n), NodeKind::SubstitutionReference(_))
        || matches!(doc.kind(n), NodeKind::Topic(k) if k.starts_with("contents|"))
        || matches!(doc.kind(n), NodeKind::Container(k) if k.as_ref() == "system-messages")
}

fn check(name: &str, text: &str, seen: &mut std::collections::BTreeSet<&'static str>) {
    let (doc, _) = parse(text);
    let mut stack = vec![doc.root()];
    while let Some(n) = stack.pop() {
        let span = doc.node(n).span;
        seen.insert(kind_name(doc.kind(n)));
        assert!(span.start <= span.end && span.end as usize <= text.len(), "{name}: {span:?}");
        assert!(
            text.is_char_boundary(span.start as usize) && text.is_char_boundary(span.end as usize)
        );
        if is_generated(&doc, n) {
            continue;
        }
        let mut prev_start = span.start;
        for c in doc.children(n).filter(|c| !is_generated(&doc, *c)) {
            let cs = doc.node(c).span;
            let kind = kind_name(doc.kind(c));
            assert!(
                cs.start >= span.start && cs.end <= span.end,
                "{name}: {kind} {cs:?} outside its parent {} {span:?}",
                kind_name(doc.kind(n))
            );
            assert!(
                cs.start >= prev_start,
                "{name}: {kind} {cs:?} starts before its previous sibling"
            );
            prev_start = cs.start;
            stack.push(c);
        }
    }
}

#[test]
fn every_node_lies_inside_its_parent_in_every_conformance_case() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/conformance/cases");
    let mut seen = std::collections::BTreeSet::new();
    let mut n = 0;
    for entry in std::fs::read_dir(dir).expect("../shared/conformance beside the project") {
        let path = entry.expect("readable dir").path();
        if path.extension().is_some_and(|e| e == "rst") {
            let text = std::fs::read_to_string(&path).expect("UTF-8 case");
            check(&path.display().to_string(), &text, &mut seen);
            n += 1;
        }
    }
    assert!(n >= 79);
    assert!(seen.len() > 50, "most node kinds occur in the corpus: {seen:?}");
}
