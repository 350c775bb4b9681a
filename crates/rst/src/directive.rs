//! Directives: docutils' standard set that blog posts use, plus Pelican's `code-block`.
//!
//! Each directive is first checked as docutils checks it ([`parse_block`] with the
//! directive's [`Spec`]): its arguments counted, its options read from the field list after
//! them and converted ([`crate::option_value`]), content refused where none is allowed. A
//! directive that fails, or that finds itself in a place it may not be, becomes an error
//! system message holding the directive's text, as docutils writes it; Pelican drops a post
//! with such an error, so `folio check` must report the same ones.

use crate::block::{BlockParser, Line};
use crate::option_value::{convert, repr, Conversion};
use crate::tree::{CodeData, NodeId, NodeKind};
use crate::{Severity, Span};

/// Admonition directives and the title docutils gives them.
const ADMONITIONS: [(&str, &str); 9] = [
    ("attention", "Attention!"),
    ("caution", "Caution!"),
    ("danger", "!DANGER!"),
    ("error", "Error"),
    ("hint", "Hint"),
    ("important", "Important"),
    ("note", "Note"),
    ("tip", "Tip"),
    ("warning", "Warning"),
];

use Conversion::{
    Char, CharOrWhitespace, Choice, Class, Encoding, FigureWidth, Flag, Int, Length,
    LengthOrPercentage, NonnegativeInt, OptionalInt, Path, Percentage, Unchanged,
    UnchangedRequired, Uri, WordOrWidths,
};

/// What docutils lets a directive have (its class's `required_arguments`,
/// `optional_arguments`, `final_argument_whitespace`, `option_spec`, `has_content`).
struct Spec {
    required: usize,
    optional: usize,
    /// The last argument takes the rest of the text, spaces included.
    final_whitespace: bool,
    options: &'static [(&'static str, Conversion)],
    content: bool,
}

const fn spec(
    required: usize,
    optional: usize,
    final_whitespace: bool,
    options: &'static [(&'static str, Conversion)],
    content: bool,
) -> Spec {
    Spec { required, optional, final_whitespace, options, content }
}

const CLASS_NAME: &[(&str, Conversion)] = &[("class", Class), ("name", Unchanged)];
const IMAGE_ALIGN: &[&str] = &["top", "middle", "bottom", "left", "center", "right"];
const ALIGN: &[&str] = &["left", "center", "right"];
const IMAGE_OPTIONS: &[(&str, Conversion)] = &[
    ("alt", Unchanged),
    ("height", Length),
    ("width", LengthOrPercentage),
    ("scale", Percentage),
    ("align", Choice(IMAGE_ALIGN)),
    ("target", UnchangedRequired),
    ("loading", Choice(&["embed", "link", "lazy"])),
    ("class", Class),
    ("name", Unchanged),
];
const FIGURE_OPTIONS: &[(&str, Conversion)] = &[
    ("alt", Unchanged),
    ("height", Length),
    ("width", LengthOrPercentage),
    ("scale", Percentage),
    ("align", Choice(ALIGN)),
    ("target", UnchangedRequired),
    ("loading", Choice(&["embed", "link", "lazy"])),
    ("class", Class),
    ("name", Unchanged),
    ("figwidth", FigureWidth),
    ("figclass", Class),
    ("figname", Unchanged),
];
const CSV_TABLE_OPTIONS: &[(&str, Conversion)] = &[
    ("header-rows", NonnegativeInt),
    ("stub-columns", NonnegativeInt),
    ("header", Unchanged),
    ("width", LengthOrPercentage),
    ("widths", WordOrWidths(&["auto"])),
    ("file", Path),
    ("url", Uri),
    ("encoding", Encoding),
    ("class", Class),
    ("name", Unchanged),
    ("align", Choice(ALIGN)),
    ("delim", CharOrWhitespace),
    ("keepspace", Flag),
    ("quote", Char),
    ("escape", Char),
];
const LIST_TABLE_OPTIONS: &[(&str, Conversion)] = &[
    ("header-rows", NonnegativeInt),
    ("stub-columns", NonnegativeInt),
    ("width", LengthOrPercentage),
    ("widths", WordOrWidths(&["auto"])),
    ("class", Class),
    ("name", Unchanged),
    ("align", Choice(ALIGN)),
];
const TABLE_OPTIONS: &[(&str, Conversion)] = &[
    ("class", Class),
    ("name", Unchanged),
    ("align", Choice(ALIGN)),
    ("width", LengthOrPercentage),
    ("widths", WordOrWidths(&["auto", "grid"])),
];
/// Pelican's code-block directive (its `Pygments` class).
const CODE_BLOCK_OPTIONS: &[(&str, Conversion)] = &[
    ("anchorlinenos", Flag),
    ("classprefix", Unchanged),
    ("hl_lines", Unchanged),
    ("lineanchors", Unchanged),
    ("linenos", Unchanged),
    ("linenospecial", NonnegativeInt),
    ("linenostart", NonnegativeInt),
    ("linenostep", NonnegativeInt),
    ("lineseparator", Unchanged),
    ("linespans", Unchanged),
    ("nobackground", Flag),
    ("nowrap", Flag),
    ("tagsfile", Unchanged),
    ("tagurlformat", Unchanged),
];

/// The spec of directive `name`, for the directives the engine runs; `None` for those it
/// reads its own way (`role`) or does not know.
fn spec_of(name: &str) -> Option<Spec> {
    Some(match name {
        n if ADMONITIONS.iter().any(|a| a.0 == n) => spec(0, 0, true, CLASS_NAME, true),
        "admonition" | "topic" => spec(1, 0, true, CLASS_NAME, true),
        "sidebar" => spec(
            0,
            1,
            true,
            &[("class", Class), ("name", Unchanged), ("subtitle", UnchangedRequired)],
            true,
        ),
        "image" => spec(1, 0, true, IMAGE_OPTIONS, false),
        "figure" => spec(1, 0, true, FIGURE_OPTIONS, true),
        "raw" => spec(
            1,
            0,
            true,
            &[("file", Path), ("url", Uri), ("encoding", Encoding), ("class", Class)],
            true,
        ),
        "code-block" | "sourcecode" => spec(1, 0, true, CODE_BLOCK_OPTIONS, true),
        "code" => spec(
            0,
            1,
            false,
            &[("class", Class), ("name", Unchanged), ("number-lines", OptionalInt)],
            true,
        ),
        "math" | "compound" | "line-block" | "parsed-literal" => {
            spec(0, 0, false, CLASS_NAME, true)
        }
        "container" => spec(0, 1, true, &[("name", Unchanged)], true),
        "rubric" => spec(1, 0, true, CLASS_NAME, false),
        "epigraph" | "highlights" | "pull-quote" | "date" | "replace" | "meta" | "header"
        | "footer" => spec(0, 0, false, &[], true),
        "unicode" => spec(1, 0, true, &[("trim", Flag), ("ltrim", Flag), ("rtrim", Flag)], false),
        "class" => spec(1, 0, true, &[], true),
        "default-role" => spec(0, 1, false, &[], false),
        "title" => spec(1, 0, true, &[], false),
        "contents" => spec(
            0,
            1,
            true,
            &[
                ("depth", NonnegativeInt),
                ("local", Flag),
                ("backlinks", Choice(&["top", "entry", "none"])),
                ("class", Class),
            ],
            false,
        ),
        "sectnum" | "section-numbering" => spec(
            0,
            0,
            false,
            &[
                ("depth", Int),
                ("start", Int),
                ("prefix", UnchangedRequired),
                ("suffix", UnchangedRequired),
            ],
            false,
        ),
        "target-notes" => spec(0, 0, false, &[("class", Class)], false),
        "include" => spec(
            1,
            0,
            true,
            &[
                ("literal", Flag),
                ("code", Unchanged),
                ("encoding", Encoding),
                ("parser", Unchanged),
                ("tab-width", Int),
                ("start-line", Int),
                ("end-line", Int),
                ("start-after", Unchanged),
                ("end-before", Unchanged),
                ("number-lines", OptionalInt),
                ("class", Class),
                ("name", Unchanged),
            ],
            false,
        ),
        "table" => spec(0, 1, true, TABLE_OPTIONS, true),
        "csv-table" => spec(0, 1, true, CSV_TABLE_OPTIONS, true),
        "list-table" => spec(0, 1, true, LIST_TABLE_OPTIONS, true),
        _ => return None,
    })
}

/// A directive's block taken apart as its spec says.
struct Parts {
    /// The arguments, the last one with its inner whitespace when the spec allows.
    args: Vec<String>,
    /// The lines the arguments were read from (a title's inline markup is parsed there).
    arg_lines: Vec<Line>,
    /// The options in source order, their values converted.
    options: Vec<(String, String)>,
    /// The content, indentation relative to the directive's block kept.
    content: Vec<Line>,
}

/// Takes directive `name`'s block `lines[i..end]` apart as docutils'
/// `parse_directive_block` does; `after` is where the text after `::` starts on the first
/// line. `Err` holds the reason docutils gives after `Error in "name" directive:`.
fn parse_block(
    p: &BlockParser<'_>,
    spec: &Spec,
    lines: &[Line],
    i: usize,
    end: usize,
    after: usize,
) -> Result<Parts, String> {
    let blank = |l: &Line| p.text_of(*l).trim().is_empty();
    let first = lines[i];
    let first_text = p.text_of(first);
    let mut skip = after.min(first_text.len());
    while !first_text.is_char_boundary(skip) {
        skip -= 1;
    }
    skip += first_text[skip..].len() - first_text[skip..].trim_start().len();
    let mut indented = vec![Line { start: first.start + skip as u32, end: first.end }];
    indented.extend(p.dedent_lines(&lines[i + 1..end]));
    if indented.first().is_some_and(blank) {
        indented.remove(0);
    }
    while indented.last().is_some_and(blank) {
        indented.pop();
    }
    let takes_args = spec.required + spec.optional > 0;
    let (mut arg_block, mut content, split) =
        if !indented.is_empty() && (takes_args || !spec.options.is_empty()) {
            let k = indented.iter().position(blank).unwrap_or(indented.len());
            (indented[..k].to_vec(), indented.get(k + 1..).unwrap_or(&[]).to_vec(), k)
        } else {
            (Vec::new(), indented.clone(), 0)
        };
    let mut options = Vec::new();
    if !spec.options.is_empty() {
        if let Some(f) = arg_block.iter().position(|l| is_field(p.text_of(*l))) {
            options = read_options(p, spec, &arg_block[f..])?;
            arg_block.truncate(f);
        }
    }
    if !arg_block.is_empty() && !takes_args {
        // Text before the options is content (`.. note:: Text` then `:class:`).
        let mut joined = std::mem::take(&mut arg_block);
        joined.extend_from_slice(&indented[split..]);
        content = joined;
    }
    while content.first().is_some_and(blank) {
        content.remove(0);
    }
    let args = if takes_args { arguments(p, spec, &arg_block)? } else { Vec::new() };
    if !content.is_empty() && !spec.content {
        return Err("no content permitted".into());
    }
    Ok(Parts { args, arg_lines: arg_block, options, content })
}

/// A field marker at the start of the line (docutils' `field_marker` pattern).
fn is_field(t: &str) -> bool {
    crate::block::field_marker(t).is_some()
}

/// docutils' `parse_directive_arguments`.
fn arguments(p: &BlockParser<'_>, spec: &Spec, arg_block: &[Line]) -> Result<Vec<String>, String> {
    // docutils strips each line's trailing whitespace first.
    let text: Vec<&str> = arg_block.iter().map(|l| p.text_of(*l).trim_end()).collect();
    let text = text.join("\n");
    let words: Vec<&str> = text.split_whitespace().collect();
    let most = spec.required + spec.optional;
    if words.len() < spec.required {
        return Err(format!("{} argument(s) required, {} supplied", spec.required, words.len()));
    }
    if words.len() <= most {
        return Ok(words.into_iter().map(String::from).collect());
    }
    if !spec.final_whitespace {
        return Err(format!("maximum {most} argument(s) allowed, {} supplied", words.len()));
    }
    // Python's `split(None, most - 1)`: the last argument is the rest, from its first word.
    let mut args = Vec::with_capacity(most);
    let mut rest = text.trim_start();
    while args.len() + 1 < most {
        let cut = rest.find(char::is_whitespace).unwrap_or(rest.len());
        args.push(rest[..cut].to_string());
        rest = rest[cut..].trim_start();
    }
    args.push(rest.to_string());
    Ok(args)
}

/// Reads the option field list `block` and converts each value as `spec` says, as
/// docutils' `parse_extension_options` does.
fn read_options(
    p: &BlockParser<'_>,
    spec: &Spec,
    block: &[Line],
) -> Result<Vec<(String, String)>, String> {
    // The fields: (name, value lines).
    let mut fields: Vec<(String, Vec<String>)> = Vec::new();
    for l in block {
        let t = p.text_of(*l);
        if let Some((name_end, marker)) = crate::block::field_marker(t) {
            let value = t.get(marker..).unwrap_or("").trim_start();
            fields.push((t[1..name_end].to_string(), vec![value.to_string()]));
        } else if t.starts_with([' ', '\t']) && !fields.is_empty() {
            if let Some(f) = fields.last_mut() {
                f.1.push(t.to_string());
            }
        } else {
            return Err("invalid option block".into());
        }
    }
    let mut read = Vec::with_capacity(fields.len());
    for (name, body) in fields {
        if name.split_whitespace().count() != 1 {
            return Err("invalid option data: extension option field name may not contain \
                        multiple words"
                .into());
        }
        // The body's lines, the continuation ones without their common indentation.
        let min = body[1..]
            .iter()
            .filter(|l| !l.trim().is_empty())
            .map(|l| l.len() - l.trim_start().len())
            .min()
            .unwrap_or(0);
        let mut kept: Vec<&str> = Vec::with_capacity(body.len());
        for (k, l) in body.iter().enumerate() {
            let l = if k == 0 { l.as_str() } else { l.get(min..).unwrap_or("") };
            if !l.trim().is_empty() {
                kept.push(l);
            }
        }
        let value = (!kept.is_empty()).then(|| kept.join("\n"));
        read.push((name.to_lowercase(), value));
    }
    let mut options: Vec<(String, String)> = Vec::with_capacity(read.len());
    for (name, value) in read {
        let Some(&(_, conversion)) = spec.options.iter().find(|o| o.0 == name) else {
            return Err(format!("unknown option: \"{name}\""));
        };
        if options.iter().any(|o| o.0 == name) {
            return Err(format!("invalid option data: duplicate option \"{name}\""));
        }
        match convert(conversion, value.as_deref()) {
            Ok(v) => options.push((name, v)),
            Err(why) => {
                return Err(format!(
                    "invalid option value: (option: \"{name}\"; value: {})\n{why}",
                    repr(value.as_deref())
                ))
            }
        }
    }
    Ok(options)
}

/// Why directive `name` may not run under `parent` (docutils' checks at the start of its
/// `run`), or `None`.
fn misplaced(p: &BlockParser<'_>, name: &str, parent: NodeId, subst: bool) -> Option<String> {
    let kind = p.doc.kind(parent);
    let top = matches!(kind, NodeKind::Document | NodeKind::Section { .. });
    match name {
        "date" | "replace" | "unicode" if !subst => Some(format!(
            "Invalid context: the \"{name}\" directive can only be used within a substitution \
             definition."
        )),
        "sidebar" if matches!(kind, NodeKind::Sidebar) => {
            Some(format!("The \"{name}\" directive may not be used within a sidebar element."))
        }
        "topic" | "sidebar" | "contents" if !top && !matches!(kind, NodeKind::Sidebar) => Some(
            format!("The \"{name}\" directive may not be used within topics or body elements."),
        ),
        _ => None,
    }
}

/// Directives whose `run` starts with docutils' `assert_has_content`.
fn needs_content(name: &str) -> bool {
    ADMONITIONS.iter().any(|a| a.0 == name)
        || matches!(
            name,
            "admonition"
                | "topic"
                | "sidebar"
                | "code"
                | "code-block"
                | "sourcecode"
                | "math"
                | "compound"
                | "container"
                | "line-block"
                | "parsed-literal"
                | "epigraph"
                | "highlights"
                | "pull-quote"
                | "replace"
                | "raw"
                | "meta"
                | "header"
                | "footer"
        )
}

/// Gives `node` the reference name of the directive's `:name:` option (docutils'
/// `add_name`).
pub(crate) fn name_element(p: &mut BlockParser<'_>, node: NodeId, options: &[(String, String)]) {
    if let Some((_, name)) = options.iter().find(|o| o.0 == "name") {
        p.doc.names.insert(node, crate::inline::normalize_name(name));
    }
}

/// Puts the classes of the directive's `:class:` option on `node`, for the elements whose
/// kind does not carry them.
pub(crate) fn add_classes(p: &mut BlockParser<'_>, node: NodeId, options: &[(String, String)]) {
    if let Some((_, classes)) = options.iter().find(|o| o.0 == "class") {
        if !classes.is_empty() {
            p.doc.classes.insert(node, classes.clone());
        }
    }
}

/// What docutils does once a substitution definition's directive ran: whatever is not
/// inline (system messages, blocks) moves out, before the definition; a definition left
/// empty is dropped with a warning quoting it. `lines` starts with the definition's.
pub(crate) fn finish_substitution(
    p: &mut BlockParser<'_>,
    parent: NodeId,
    def: NodeId,
    name: &str,
    lines: &[Line],
) {
    let kids: Vec<NodeId> = p.doc.children(def).collect();
    let (outside, inside): (Vec<NodeId>, Vec<NodeId>) =
        kids.into_iter().partition(|&k| !is_inline(p.doc.kind(k)));
    let illegal = illegal_in_substitution(p, &inside);
    if outside.is_empty() && !inside.is_empty() && illegal.is_none() {
        return;
    }
    p.doc.set_children(def, &inside);
    let mut siblings: Vec<NodeId> = p.doc.children(parent).collect();
    let at = siblings.iter().position(|&s| s == def).unwrap_or(siblings.len());
    let keep: &[NodeId] = if inside.is_empty() || illegal.is_some() { &[] } else { &[def] };
    siblings.splice(at..(at + 1).min(siblings.len()), outside.iter().chain(keep).copied());
    p.doc.set_children(parent, &siblings);
    if let Some(what) = illegal {
        let msg = format!("{what} are not supported in a substitution definition.");
        quote_substitution(p, parent, lines, Severity::Error, &msg);
    } else if inside.is_empty() {
        invalid_substitution(p, parent, name, lines);
    }
}

/// What docutils does not allow in a substitution's text, if `nodes` hold one: a target
/// (`` _`x` ``, the one a named embedded URI makes, a `:name:`), an anonymous reference to a
/// target, a reference to an auto-numbered or auto-symbol footnote.
fn illegal_in_substitution(p: &BlockParser<'_>, nodes: &[NodeId]) -> Option<&'static str> {
    let mut stack: Vec<NodeId> = nodes.iter().rev().copied().collect();
    while let Some(n) = stack.pop() {
        let what = match p.doc.kind(n) {
            NodeKind::Reference {
                anonymous: true,
                target: crate::tree::RefTarget::Unresolved,
                ..
            } => Some("Anonymous references"),
            NodeKind::FootnoteReference(d)
                if d.label.starts_with('#') || d.label.as_ref() == "*" =>
            {
                Some("References to auto-numbered and auto-symbol footnotes")
            }
            NodeKind::InlineTarget(_) => Some("Targets (names and identifiers)"),
            NodeKind::Reference {
                name,
                anonymous: false,
                target: crate::tree::RefTarget::External(_),
            } if !name.is_empty() => Some("Targets (names and identifiers)"),
            _ if p.doc.names.contains_key(&n) => Some("Targets (names and identifiers)"),
            _ => None,
        };
        if what.is_some() {
            return what;
        }
        let at = stack.len();
        stack.extend(p.doc.children(n));
        stack[at..].reverse();
    }
    None
}

/// docutils' warning for a substitution definition that made nothing (or names no
/// directive), quoting it. `lines` starts with the definition's.
pub(crate) fn invalid_substitution(
    p: &mut BlockParser<'_>,
    parent: NodeId,
    name: &str,
    lines: &[Line],
) {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    let msg = format!("Substitution definition \"{name}\" empty or invalid.");
    quote_substitution(p, parent, lines, Severity::Warning, &msg);
}

/// A system message about the substitution definition at the start of `lines`, quoting
/// its lines as docutils quotes them.
fn quote_substitution(
    p: &mut BlockParser<'_>,
    parent: NodeId,
    lines: &[Line],
    severity: Severity,
    msg: &str,
) {
    // The definition's lines (indented after the first) and the blank lines after them.
    let mut end = 1;
    while end < lines.len() {
        let t = p.text_of(lines[end]);
        if !t.trim().is_empty() && !t.starts_with([' ', '\t']) {
            break;
        }
        end += 1;
    }
    let body_end =
        (1..end).rev().find(|&k| !p.text_of(lines[k]).trim().is_empty()).map_or(1, |k| k + 1);
    let mut text = p.literal_of(&lines[..body_end]);
    for _ in body_end..end {
        text.push('\n');
    }
    let span = p.span_lines(&lines[..body_end]);
    p.system_message(parent, span, severity, msg, Some(&text));
}

/// docutils' role directive argument: a simple name, optionally followed by a base
/// role's simple name in parentheses (`custom`, `custom(emphasis)`, `x ( y )`).
fn is_role_names(text: &str) -> bool {
    use crate::block::is_simplename;
    match text.split_once('(') {
        None => is_simplename(text),
        Some((own, base)) => {
            let own_ok = is_simplename(own.trim_end());
            let base = base.trim_end();
            own_ok && base.strip_suffix(')').is_some_and(|b| is_simplename(b.trim()))
        }
    }
}

/// Inline content, which a substitution definition keeps.
fn is_inline(kind: &NodeKind) -> bool {
    !matches!(
        kind,
        NodeKind::SystemMessage { .. }
            | NodeKind::Paragraph
            | NodeKind::LiteralBlock(_)
            | NodeKind::BlockQuote(_)
            | NodeKind::BulletList
            | NodeKind::EnumList { .. }
            | NodeKind::DefinitionList
            | NodeKind::FieldList
            | NodeKind::Table { .. }
            | NodeKind::Comment(_)
            | NodeKind::Admonition(_)
            | NodeKind::Figure(_)
            | NodeKind::Topic(_)
            | NodeKind::Sidebar
            | NodeKind::Container(_)
            | NodeKind::CodeBlock(_)
            | NodeKind::MathBlock(_)
            | NodeKind::LineBlock
    )
}

/// docutils' `block_text` of the directive at `lines[i..end]`: its lines and the blank
/// lines after them.
fn block_text(
    p: &BlockParser<'_>,
    lines: &[Line],
    i: usize,
    end: usize,
    after: usize,
    name: &str,
    subst: bool,
) -> String {
    // In a substitution definition the directive's text starts at its name.
    let mut text = if subst {
        let first = p.text_of(lines[i]);
        let from = after.saturating_sub(2 + name.len()).min(first.len());
        let mut text = first.get(from..).unwrap_or(first).to_string();
        for l in &lines[i + 1..end] {
            text.push('\n');
            text.push_str(p.text_of(*l));
        }
        text
    } else {
        p.literal_of(&lines[i..end])
    };
    for l in &lines[end..] {
        if !p.text_of(*l).trim().is_empty() {
            break;
        }
        text.push('\n');
    }
    text
}

/// Runs directive `name` whose block is `lines[i..end]`; its arguments start at byte `after`
/// of the first line. With `subst`, `parent` is a substitution definition.
#[allow(clippy::too_many_arguments)]
pub(crate) fn run(
    p: &mut BlockParser<'_>,
    name: &str,
    lines: &[Line],
    i: usize,
    end: usize,
    after: usize,
    parent: NodeId,
    depth: u32,
    subst: bool,
) {
    let span = p.span_lines(&lines[i..end]);
    if p.settings.plugin_directives.iter().any(|d| d == name) {
        plugin_box(p, name, lines, i, end, after, parent);
        return;
    }
    let block_text = |p: &BlockParser<'_>| block_text(p, lines, i, end, after, name, subst);
    let (args, arg_lines, options, content) = match spec_of(name) {
        Some(spec) => match parse_block(p, &spec, lines, i, end, after) {
            Ok(parts) => {
                let why = misplaced(p, name, parent, subst).or_else(|| {
                    (parts.content.is_empty() && needs_content(name)).then(|| {
                        format!("Content block expected for the \"{name}\" directive; none found.")
                    })
                });
                if let Some(why) = why {
                    let lit = block_text(p);
                    p.system_message(parent, span, Severity::Error, &why, Some(&lit));
                    return;
                }
                (parts.args.join(" "), parts.arg_lines, parts.options, parts.content)
            }
            Err(why) => {
                let msg = format!("Error in \"{name}\" directive:\n{why}.");
                let lit = block_text(p);
                p.system_message(parent, span, Severity::Error, &msg, Some(&lit));
                return;
            }
        },
        None => {
            let (args, options, content, _) = p.directive_parts(lines, i, end, after);
            (args, Vec::new(), options, content)
        }
    };
    let opt = |k: &str| options.iter().find(|o| o.0 == k).map(|o| o.1.clone());
    let settings = p.settings.docutils;
    let disabled = match name {
        "raw" => {
            !settings.raw_enabled
                || (!settings.file_insertion_enabled
                    && (opt("file").is_some() || opt("url").is_some()))
        }
        "include" => !settings.file_insertion_enabled,
        _ => false,
    };
    if disabled {
        let lit = block_text(p);
        let msg = format!("\"{name}\" directive disabled.");
        p.system_message(parent, span, Severity::Warning, &msg, Some(&lit));
        return;
    }
    let class_opt = opt("class");
    let body_lines = || -> Vec<Line> {
        // Body that may start on the directive line (admonitions).
        content.clone()
    };
    match name {
        "image" => {
            // docutils checks the alignment against where the image is.
            if let Some(align) = opt("align") {
                let (allowed, place): (&[&str], &str) = if subst {
                    (&["top", "middle", "bottom"], " within a substitution definition")
                } else {
                    (&["left", "center", "right"], "")
                };
                if !allowed.contains(&align.as_str()) {
                    let msg = format!(
                        "Error in \"{name}\" directive: \"{align}\" is not a valid value for the \"align\" option{place}.  Valid values for \"align\" are: \"{}\".",
                        allowed.join("\", \"")
                    );
                    let lit = block_text(p);
                    p.system_message(parent, span, Severity::Error, &msg, Some(&lit));
                    return;
                }
            }
            let mut data = BlockParser::image_data(&args, &options);
            // An image defined as a substitution takes the substitution's name as its alt.
            if let (true, None, NodeKind::SubstitutionDefinition(name)) =
                (subst, &data.alt, p.doc.kind(parent))
            {
                data.alt = Some(name.clone());
            }
            let image = p.doc.push(parent, NodeKind::Image(Box::new(data)), span);
            name_element(p, image, &options);
        }
        "figure" => {
            let fig_opts: Vec<(String, String)> = options
                .iter()
                .filter(|o| !matches!(o.0.as_str(), "figclass" | "figwidth" | "align"))
                .cloned()
                .collect();
            let mut classes: Vec<String> = Vec::new();
            if let Some(c) = opt("figclass") {
                classes.push(c);
            }
            classes.push("figure".into());
            if let Some(a) = opt("align") {
                classes.push(format!("align-{a}"));
            }
            // `:figwidth:` rides along as `width=...` (`=` is never in a class). `image`
            // asks for the image file's width, which the engine does not read.
            if let Some(w) = opt("figwidth").filter(|w| w != "image") {
                classes.push(format!("width={w}"));
            }
            let f = p.doc.push(parent, NodeKind::Figure(Some(classes.join(" ").into())), span);
            let data = BlockParser::image_data(&args, &fig_opts);
            let image = p.doc.push(f, NodeKind::Image(Box::new(data)), span);
            name_element(p, image, &options);
            if let Some(figname) = opt("figname") {
                p.doc.names.insert(f, crate::inline::normalize_name(&figname));
            }
            // The content: targets, then a caption (a paragraph, or an empty comment for
            // none), then the legend.
            let holder = p.doc.add(NodeKind::Container("".into()), span);
            p.parse_content(&content, holder, depth + 1);
            let kids: Vec<NodeId> = p.doc.children(holder).collect();
            let mut k = 0;
            while k < kids.len() {
                let child = kids[k];
                k += 1;
                match p.doc.kind(child) {
                    NodeKind::Target(_) => p.doc.append(f, child),
                    NodeKind::Paragraph => {
                        let c = p.doc.push(f, NodeKind::Caption, p.doc.node(child).span);
                        let inline: Vec<NodeId> = p.doc.children(child).collect();
                        p.doc.set_children(c, &inline);
                        break;
                    }
                    NodeKind::Comment(text) if text.is_empty() => break,
                    _ => {
                        let msg = "Figure caption must be a paragraph or empty comment.";
                        let lit = block_text(p);
                        p.system_message(parent, span, Severity::Error, msg, Some(&lit));
                        return;
                    }
                }
            }
            if k < kids.len() {
                let rest = &kids[k..];
                let start = p.doc.node(rest[0]).span.start;
                let end = rest.iter().map(|&r| p.doc.node(r).span.end).max().unwrap_or(start);
                let l = p.doc.push(f, NodeKind::Legend, crate::Span { start, end });
                p.doc.set_children(l, rest);
            }
        }
        "raw" => {
            let text = p.literal_of(&content);
            if args.split_whitespace().any(|a| a.eq_ignore_ascii_case("html")) {
                let raw = p.doc.push(parent, NodeKind::Raw(text.into()), span);
                add_classes(p, raw, &options);
            } else if subst {
                // Another writer's raw text defines the substitution as nothing in HTML.
                p.doc.push(parent, NodeKind::Raw("".into()), span);
            }
        }
        "code-block" | "sourcecode" => {
            let text = p.literal_of(&content);
            // The blog's defaults fill in what the directive does not say, as in Pelican.
            let mut merged = options.clone();
            for (k, v) in &p.settings.code_block_defaults {
                if !merged.iter().any(|o| o.0 == *k) {
                    merged.push((k.clone(), v.clone()));
                }
            }
            let data =
                CodeData { language: args.trim().into(), text, options: merged, docutils: false };
            let code = p.doc.push(parent, NodeKind::CodeBlock(Box::new(data)), span);
            name_element(p, code, &options);
        }
        "code" => {
            let text = p.literal_of(&content);
            let lang = args.trim().to_string();
            let data = CodeData { language: lang, text, options: options.clone(), docutils: true };
            let code = p.doc.push(parent, NodeKind::CodeBlock(Box::new(data)), span);
            name_element(p, code, &options);
        }
        "math" => {
            // One math block per blank-line-separated part of the content.
            let mut k = 0;
            while k < content.len() {
                let from = k;
                while k < content.len() && !p.text_of(content[k]).trim().is_empty() {
                    k += 1;
                }
                let part = &content[from..k];
                while k < content.len() && p.text_of(content[k]).trim().is_empty() {
                    k += 1;
                }
                if part.is_empty() {
                    continue;
                }
                let text = p.literal_of(part);
                let math = p.doc.push(parent, NodeKind::MathBlock(text.into()), span);
                name_element(p, math, &options);
                add_classes(p, math, &options);
            }
        }
        n if ADMONITIONS.iter().any(|a| a.0 == n) => {
            let classes = class_opt.clone().unwrap_or_default();
            let kind = if classes.trim().is_empty() {
                n.to_string()
            } else {
                let ids: Vec<String> =
                    classes.split_whitespace().map(crate::resolve::make_id).collect();
                format!("{} {n}", ids.join(" "))
            };
            let a = p.doc.push(parent, NodeKind::Admonition(kind.into()), span);
            name_element(p, a, &options);
            p.parse_content(&content, a, depth + 1);
        }
        "epigraph" | "pull-quote" | "highlights" => {
            p.quote(&body_lines(), parent, depth, Some(name))
        }
        "admonition" => {
            let class = class_opt
                .clone()
                .unwrap_or_else(|| format!("admonition-{}", crate::resolve::make_id(&args)));
            let a = p.doc.push(parent, NodeKind::Admonition(class.into()), span);
            name_element(p, a, &options);
            let t = p.doc.push(a, NodeKind::Title, span);
            p.inline(&arg_lines, t);
            p.parse_content(&content, a, depth + 1);
        }
        "topic" | "sidebar" => {
            let kind = if name == "topic" {
                NodeKind::Topic(class_opt.clone().unwrap_or_default().into())
            } else {
                NodeKind::Sidebar
            };
            let a = p.doc.push(parent, kind, span);
            name_element(p, a, &options);
            if name == "sidebar" {
                add_classes(p, a, &options);
            }
            if !arg_lines.is_empty() {
                let t = p.doc.push(a, NodeKind::Title, span);
                p.inline(&arg_lines, t);
            }
            if let Some(sub) = opt("subtitle") {
                let r = p.doc.push(a, NodeKind::Subtitle, span);
                p.doc.push(r, NodeKind::Text(sub.into()), span);
            }
            p.parse_content(&content, a, depth + 1);
        }
        "rubric" => {
            let r = p.doc.push(parent, NodeKind::Rubric, span);
            name_element(p, r, &options);
            add_classes(p, r, &options);
            p.inline(&arg_lines, r);
        }
        "container" | "compound" => {
            let class = if name == "compound" {
                "compound".to_string()
            } else {
                // docutils' class_option: every word must make a class name.
                let ids: Vec<String> =
                    args.split_whitespace().map(crate::resolve::make_id).collect();
                if ids.iter().any(String::is_empty) {
                    let msg = format!(
                        "Invalid class attribute value for \"{name}\" directive: \"{args}\"."
                    );
                    let lit = block_text(p);
                    p.system_message(parent, span, Severity::Error, &msg, Some(&lit));
                    return;
                }
                ids.join(" ")
            };
            let c = p.doc.push(parent, NodeKind::Container(format!("{name}|{class}").into()), span);
            name_element(p, c, &options);
            add_classes(p, c, &options);
            p.parse_content(&content, c, depth + 1);
        }
        "role" => {
            // `.. role:: name(base)` with `:class:`, the names on the first line
            // (docutils reads them from the content's first line).
            let first = p.text_of(lines[i]).get(after..).unwrap_or("").trim();
            let why = if first.is_empty() {
                Some("\"role\" directive requires arguments on the first line.".to_string())
            } else if !is_role_names(first) {
                Some(format!("\"role\" directive arguments not valid role names: \"{first}\"."))
            } else {
                let own = first.split('(').next().unwrap_or(first).trim();
                match &class_opt {
                    None => convert(Conversion::Class, Some(own)).err().map(|why| {
                        format!("Invalid argument for \"role\" directive:\n{why}.")
                    }),
                    Some(v) => convert(Conversion::Class, Some(v)).err().map(|why| {
                        format!(
                            "Error in \"role\" directive:\ninvalid option value: (option: \"class\"; value: {})\n{why}.",
                            repr(Some(v))
                        )
                    }),
                }
            };
            if let Some(why) = why {
                let lit = block_text(p);
                p.system_message(parent, span, Severity::Error, &why, Some(&lit));
                return;
            }
            let (rname, base) = match args.find('(') {
                Some(q) => (
                    args[..q].trim().to_string(),
                    args[q + 1..].trim_end_matches(')').trim().to_string(),
                ),
                None => (args.trim().to_string(), "inline".to_string()),
            };
            if base != "inline" && !unknown_role(p, &base, span, parent, &block_text(p)) {
                return;
            }
            // The base is named in the document's language too (`.. role:: x(fett)`).
            let registered = base == "abbr" || p.roles.iter().any(|r| r.0 == base);
            let base = if registered { base } else { p.settings.language.role(&base).to_string() };
            // docutils' class_option: each word made an id (`CaSiNg` is `casing`).
            let class_words = class_opt.clone().unwrap_or_else(|| rname.clone());
            let class_words: Vec<String> =
                class_words.split_whitespace().map(crate::resolve::make_id).collect();
            let mut class = class_words.join(" ");
            if base == "code" {
                // docutils' code role: the language is the `:language:` option, else the
                // role's own name; `none` is no language; the language is a class too.
                let lang = opt("language").unwrap_or_else(|| rname.to_lowercase());
                let lang = if lang.eq_ignore_ascii_case("none") { String::new() } else { lang };
                if !lang.is_empty() && !class_words.contains(&lang) {
                    class = format!("{class} {lang}");
                }
                class = format!("{}|{lang}", class.trim());
            }
            p.roles.push((rname.to_lowercase(), base, class));
        }
        "replace" => {
            // The content must parse as one paragraph (and messages); its inline content
            // becomes the substitution's.
            let holder = p.doc.add(NodeKind::Container("".into()), span);
            p.parse_content(&content, holder, depth + 1);
            let kids: Vec<NodeId> = p.doc.children(holder).collect();
            let mut paragraph = None;
            for &k in &kids {
                match p.doc.kind(k) {
                    NodeKind::Paragraph if paragraph.is_none() => paragraph = Some(k),
                    NodeKind::SystemMessage { .. } => {}
                    _ => {
                        let msg =
                            "Error in \"replace\" directive: may contain a single paragraph only.";
                        p.system_message(parent, span, Severity::Error, msg, None);
                        return;
                    }
                }
            }
            for k in kids {
                if Some(k) == paragraph {
                    let inner: Vec<NodeId> = p.doc.children(k).collect();
                    for c in inner {
                        p.doc.append(parent, c);
                    }
                } else {
                    p.doc.append(parent, k);
                }
            }
        }
        "unicode" => {
            let mut out = Vec::new();
            for code in args.split_whitespace() {
                if code == ".." {
                    break;
                }
                match crate::option_value::unicode_code(code) {
                    Ok(c) => out.push(c),
                    Err(why) => {
                        let msg = format!("Invalid character code: {code}\nValueError: {why}");
                        let lit = block_text(p);
                        p.system_message(parent, span, Severity::Error, &msg, Some(&lit));
                        return;
                    }
                }
            }
            let ltrim = options.iter().any(|o| o.0 == "ltrim" || o.0 == "trim");
            let rtrim = options.iter().any(|o| o.0 == "rtrim" || o.0 == "trim");
            for text in out {
                p.doc.push(parent, NodeKind::Text(text.into()), span);
            }
            if ltrim || rtrim {
                p.trims.push((parent, ltrim, rtrim));
            }
        }
        "date" => {
            // docutils writes strftime of the format: one without a `%` field is itself.
            // The engine has no clock, so a format with fields gives nothing.
            let mut format = args.clone();
            if format.is_empty() {
                let lines: Vec<&str> = content.iter().map(|l| p.text_of(*l).trim()).collect();
                format = lines.join("\n");
            }
            let text = if format.contains('%') { String::new() } else { format };
            p.doc.push(parent, NodeKind::Text(text.into()), span);
        }
        "contents" => {
            let title = if args.is_empty() {
                p.settings.language.label("contents").to_string()
            } else {
                args.clone()
            };
            let local = options.iter().any(|o| o.0 == "local");
            let depth_opt = opt("depth").and_then(|d| d.parse::<u32>().ok()).unwrap_or(0);
            let backlinks = opt("backlinks")
                .unwrap_or_else(|| p.settings.docutils.toc_backlinks.as_str().into());
            let kind =
                format!("contents|{}|{depth_opt}|{backlinks}", if local { "local" } else { "" });
            let c = p.doc.push(parent, NodeKind::Topic(kind.into()), span);
            add_classes(p, c, &options);
            if !local || !args.is_empty() {
                let t = p.doc.push(c, NodeKind::Title, span);
                p.doc.push(t, NodeKind::Text(title.into()), span);
            }
        }
        "sectnum" | "section-numbering" => {
            p.sectnum = true;
        }
        // docutils' pending TargetNotes: resolve puts the notes in its place.
        "target-notes" => {
            let pending = p.doc.push(parent, NodeKind::Container(TARGET_NOTES.into()), span);
            add_classes(p, pending, &options);
        }
        "class" => {
            let ids: Vec<String> = args.split_whitespace().map(crate::resolve::make_id).collect();
            // docutils' class_option: every word must make a class name.
            if ids.iter().any(String::is_empty) {
                let msg =
                    format!("Invalid class attribute value for \"{name}\" directive: \"{args}\".");
                let lit = block_text(p);
                p.system_message(parent, span, Severity::Error, &msg, Some(&lit));
                return;
            }
            if content.is_empty() {
                p.pending_class = Some((ids.join(" "), span, block_text(p)));
                return;
            }
            // With content, the classes go on each element the content makes.
            let before = p.doc.children(parent).count();
            p.parse_content(&content, parent, depth + 1);
            let made: Vec<NodeId> = p.doc.children(parent).skip(before).collect();
            for n in made {
                let all = p.doc.classes.entry(n).or_default();
                if !all.is_empty() {
                    all.push(' ');
                }
                all.push_str(&ids.join(" "));
            }
        }
        "default-role" => {
            let role = args.trim();
            if role.is_empty() || unknown_role(p, role, span, parent, &block_text(p)) {
                p.default_role = Some(role.to_lowercase()).filter(|r| !r.is_empty())
            }
        }
        "meta" => meta(p, parent, &content, span, &block_text(p)),
        "header" | "footer" => {
            // The page's header or footer: nothing in the body (Pelican writes the body
            // only); the pseudo-XML shows it in the document's decoration.
            let kind = if name == "header" { HEADER } else { FOOTER };
            let holder = p.doc.push(parent, NodeKind::Container(kind.into()), span);
            p.parse_content(&content, holder, depth + 1);
        }
        "title" | "highlight" => {}
        "table" | "csv-table" | "list-table" => {
            let text = block_text(p);
            let d = crate::table::TableDirective {
                name,
                title: &arg_lines,
                options: &options,
                content: &content,
                block_text: &text,
                span,
            };
            crate::table::directive(p, &d, parent, depth)
        }
        "parsed-literal" => {
            let n = p.doc.push(parent, NodeKind::ParsedLiteral, span);
            name_element(p, n, &options);
            add_classes(p, n, &options);
            p.inline(&content, n);
        }
        "line-block" => {
            let block = p.doc.push(parent, NodeKind::LineBlock, span);
            name_element(p, block, &options);
            add_classes(p, block, &options);
            let mut stack: Vec<(usize, NodeId)> = vec![(0, block)];
            for l in &content {
                let t = p.text_of(*l);
                let ind = t.len() - t.trim_start().len();
                while stack.len() > 1 && stack.last().is_some_and(|s| s.0 > ind) {
                    stack.pop();
                }
                if ind > stack.last().map_or(0, |s| s.0) {
                    let top = stack.last().map_or(block, |s| s.1);
                    let at = l.start + ind as u32;
                    let nb =
                        p.doc.push(top, NodeKind::LineBlock, crate::Span { start: at, end: at });
                    stack.push((ind, nb));
                }
                let top = stack.last().map_or(block, |s| s.1);
                let seg =
                    Line { start: l.start + ind as u32, end: l.end.max(l.start + ind as u32) };
                let line = p.doc.push(top, NodeKind::Line, p.span_lines(&[seg]));
                if !t.trim().is_empty() {
                    p.inline(&[seg], line);
                }
            }
        }
        "include" => {
            let lit = block_text(p);
            crate::include::run(p, &args, &options, parent, span, depth, &lit);
        }
        _ => {
            // The name as written: the last word before the `::`.
            let typed = p.text_of(lines[i]).get(..after.saturating_sub(2)).unwrap_or("");
            let typed = typed.split_whitespace().next_back().unwrap_or(name).to_string();
            if let Some(note) = p.settings.language.unknown_name_note("directive", &typed) {
                let m = p.note(span, &note);
                p.doc.append(parent, m);
            }
            let msg = format!("Unknown directive type \"{typed}\".");
            // Its block as written with the blank lines after it, but in a substitution
            // definition (whose own message takes those).
            let mut lit = block_text(p);
            if subst {
                lit.truncate(lit.trim_end_matches('\n').len());
            }
            p.system_message(parent, span, Severity::Error, &msg, Some(&lit));
        }
    }
}

/// Whether role `name` (as written) is one docutils would find: a custom or plugin role,
/// Pelican's `abbr`, or a role docutils registers under its name in the document's
/// language or English. If not, gives docutils' note and error (with the directive's
/// `block_text`) under `parent` and returns false.
fn unknown_role(
    p: &mut BlockParser<'_>,
    name: &str,
    span: Span,
    parent: NodeId,
    block_text: &str,
) -> bool {
    let lower = name.to_lowercase();
    let canonical = p.settings.language.role(&lower);
    let known = lower == "abbr"
        || p.roles.iter().any(|r| r.0 == lower)
        || p.settings.plugin_roles.contains(&lower)
        || crate::inline::is_docutils_role(canonical);
    if known {
        return true;
    }
    if let Some(note) = p.settings.language.unknown_name_note("role", name) {
        let m = p.note(span, &note);
        p.doc.append(parent, m);
    }
    let msg = format!("Unknown interpreted text role \"{name}\".");
    p.system_message(parent, span, Severity::Error, &msg, Some(block_text));
    false
}

/// The class of the box a plugin's directive is shown as.
pub(crate) const PLUGIN_BOX_CLASS: &str = "folio-plugin-directive";

/// A directive the blog's plugin registers: only the plugin knows what it makes, so it is
/// a box that says so, holding the directive's arguments, options and content as written.
fn plugin_box(
    p: &mut BlockParser<'_>,
    name: &str,
    lines: &[Line],
    i: usize,
    end: usize,
    after: usize,
    parent: NodeId,
) {
    let span = p.span_lines(&lines[i..end]);
    let first = p.text_of(lines[i]).get(after..).unwrap_or("").trim();
    let rest = p.literal_of(&p.dedent_lines(&lines[i + 1..end]));
    let text = match (first.is_empty(), rest.is_empty()) {
        (false, false) => format!("{first}\n{rest}"),
        (false, true) => first.to_string(),
        _ => rest,
    };
    let boxed = p.doc.push(parent, NodeKind::Admonition(PLUGIN_BOX_CLASS.into()), span);
    let title = p.doc.push(boxed, NodeKind::Title, span);
    p.doc.push(title, NodeKind::Literal(name.into()), span);
    let said = ": drawn by the blog's plugin when the site is built";
    p.doc.push(title, NodeKind::Text(said.into()), span);
    if !text.trim().is_empty() {
        p.doc.push(boxed, NodeKind::LiteralBlock(text.as_str().into()), span);
    }
}

/// The `meta` directive: each field of its field list becomes a meta tag at the head of the
/// document (after earlier ones), as docutils' `MetaBody` state reads them.
fn meta(
    p: &mut BlockParser<'_>,
    parent: NodeId,
    content: &[Line],
    span: crate::Span,
    block_text: &str,
) {
    let mut out: Vec<NodeId> = Vec::new();
    let mut k = 0;
    while k < content.len() {
        let t = p.text_of(content[k]);
        if t.trim().is_empty() {
            k += 1;
            continue;
        }
        let Some((name_end, marker)) = crate::block::field_marker(t) else {
            let m = p.doc.add(
                NodeKind::SystemMessage {
                    level: 3,
                    line: p.line_no(span.start),
                    id: "".into(),
                    message: "Invalid meta directive.".into(),
                },
                span,
            );
            p.doc.push(m, NodeKind::LiteralBlock(block_text.into()), span);
            p.diag(span, Severity::Error, "Invalid meta directive.");
            out.push(m);
            break;
        };
        let field_start = k;
        let mut body = vec![t[marker..].trim().to_string()];
        k += 1;
        while k < content.len() && p.text_of(content[k]).starts_with([' ', '\t']) {
            body.push(p.text_of(content[k]).trim().to_string());
            k += 1;
        }
        body.retain(|b| !b.is_empty());
        let field_span = p.span_lines(&content[field_start..k]);
        let name = unescape(&t[1..name_end]);
        let last_line = p.text_of(content[k - 1]).to_string();
        let message = |p: &mut BlockParser<'_>, level: u8, msg: String| {
            let severity = if level == 1 { Severity::Info } else { Severity::Error };
            let m = p.doc.add(
                NodeKind::SystemMessage {
                    level,
                    line: p.line_no(field_span.start),
                    id: "".into(),
                    message: msg.as_str().into(),
                },
                field_span,
            );
            p.doc.push(m, NodeKind::LiteralBlock(last_line.as_str().into()), field_span);
            p.diag(field_span, severity, msg);
            m
        };
        if body.is_empty() {
            out.push(message(p, 1, format!("No content for meta tag \"{name}\".")));
            continue;
        }
        let mut attributes: Vec<(Box<str>, Box<str>)> = Vec::new();
        let mut tokens = name.split_whitespace();
        let first = tokens.next().unwrap_or("");
        match first.split_once('=') {
            Some((att, val)) => attributes.push((att.to_lowercase().into(), val.into())),
            None => attributes.push(("name".into(), first.into())),
        }
        let mut bad = None;
        for token in tokens {
            match token.split_once('=') {
                Some((att, val)) => attributes.push((att.to_lowercase().into(), val.into())),
                None => {
                    bad = Some(token.to_string());
                    break;
                }
            }
        }
        if let Some(token) = bad {
            let msg = format!("Error parsing meta tag attribute \"{token}\": missing \"=\".");
            out.push(message(p, 3, msg));
            continue;
        }
        attributes.push(("content".into(), unescape(&body.join(" ")).into()));
        out.push(p.doc.add(NodeKind::Meta(attributes.into_boxed_slice()), field_span));
    }
    // docutils moves them to the head of the document; the tree keeps them where they are
    // written, in a `meta` container that shows nothing (the pseudo-XML writer moves them).
    let holder = p.doc.push(parent, NodeKind::Container(META.into()), span);
    for m in out {
        p.doc.append(holder, m);
    }
}

/// The container kind that holds a `meta` directive's tags and messages.
pub(crate) const META: &str = "meta|";
/// The container kinds that hold a `header` or `footer` directive's content.
pub(crate) const HEADER: &str = "decoration|header";
pub(crate) const FOOTER: &str = "decoration|footer";

/// `.. target-notes::` until resolve replaces it by a footnote per external target (its
/// `:class:` option is the element's classes).
pub(crate) const TARGET_NOTES: &str = "pending|target-notes";

/// Containers the body does not show: meta tags, page headers and footers, and a pending
/// transform (invisible in docutils: a target before it does not name it).
pub(crate) fn is_hidden_container(kind: &str) -> bool {
    matches!(kind, META | HEADER | FOOTER | TARGET_NOTES)
}

/// docutils' `unescape` after `escape2null`: a backslash before a space or line break
/// vanishes with it, before another character it keeps that character.
fn unescape(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    let mut chars = t.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some(' ' | '\n') | None => {}
            Some(n) => out.push(n),
        }
    }
    out
}
