//! `.. include::`: the text of another file, parsed in place. The engine reads no file: the
//! caller's [`crate::IncludeFiles`] does, and without one the directive is an error, as a
//! missing file is in docutils. Nodes from the included file carry the directive's span,
//! the only place in this text they come from.

use crate::block::BlockParser;
use crate::tree::{CodeData, Document, NodeId, NodeKind, NodeMap};
use crate::{Severity, Span};

/// How deep includes may nest. docutils stops a file including itself; a depth limit does
/// that and also bounds a chain of files including each other.
pub(crate) const MAX_INCLUDE_DEPTH: u32 = 8;

/// Runs an include directive for `path` under `parent`; `lit` is the directive's text for
/// an error's literal block.
pub(crate) fn run(
    p: &mut BlockParser<'_>,
    path: &str,
    options: &[(String, String)],
    parent: NodeId,
    span: Span,
    depth: u32,
    lit: &str,
) {
    let opt = |k: &str| options.iter().find(|o| o.0 == k).map(|o| o.1.as_str());
    let path = path.trim();
    let text = match read(p, path) {
        Ok(text) => text,
        Err(why) => {
            let msg = format!("Problems with \"include\" directive path:\n{why}.");
            p.system_message(parent, span, Severity::Severe, &msg, Some(lit));
            return;
        }
    };
    let text = match select(&text, opt) {
        Ok(text) => text,
        Err(why) => {
            p.system_message(parent, span, Severity::Severe, &why, Some(lit));
            return;
        }
    };
    if opt("literal").is_some() || opt("code").is_some() {
        let node = match opt("code") {
            Some(language) => NodeKind::CodeBlock(Box::new(CodeData {
                language: language.trim().into(),
                text: text.trim_end_matches('\n').to_string(),
                options: options.to_vec(),
                docutils: true,
            })),
            // docutils keeps a literal include's text as the file has it, last newline too.
            None => NodeKind::LiteralBlock(text.as_str().into()),
        };
        p.doc.push(parent, node, span);
        return;
    }
    let mut sub = BlockParser::new(&text, p.settings);
    sub.includes = p.includes;
    sub.include_depth = p.include_depth + 1;
    sub.roles = p.roles.clone();
    sub.default_role = p.default_role.clone();
    let lines = crate::block::lines(&text);
    let root = sub.doc.root();
    sub.parse_blocks(&lines, root, depth, false);
    // Roles the included file defines apply after it, as in docutils.
    p.roles = std::mem::take(&mut sub.roles);
    p.default_role = sub.default_role.take();
    p.problems |= sub.problems;
    p.sectnum |= sub.sectnum;
    let mut map = NodeMap::default();
    for child in sub.doc.children(root).collect::<Vec<_>>() {
        graft(&sub.doc, child, &mut p.doc, parent, span, &mut map);
    }
    for (n, ltrim, rtrim) in std::mem::take(&mut sub.trims) {
        if let Some(&new) = map.get(&n) {
            p.trims.push((new, ltrim, rtrim));
        }
    }
    for d in std::mem::take(&mut sub.diags) {
        let line = sub.line_no(d.span.start);
        let message = format!("{path}, line {line}: {}", d.message);
        let at = p.line_no(span.start);
        p.diags.push(crate::Diagnostic { span, severity: d.severity, message, line: at });
    }
}

fn read(p: &BlockParser<'_>, path: &str) -> Result<String, String> {
    if let Some(name) = path.strip_prefix('<').and_then(|p| p.strip_suffix('>')) {
        return match crate::standard_includes::text(name) {
            Some(text) => Ok(text.to_string()),
            None => Err(format!("docutils has no standard include file {path}")),
        };
    }
    let Some(files) = p.includes else {
        return Err(format!("{path}: this text has no folder to read it from"));
    };
    if p.include_depth >= MAX_INCLUDE_DEPTH {
        return Err(format!("{path}: includes nest deeper than {MAX_INCLUDE_DEPTH} files"));
    }
    files.read(path)
}

/// The part of `text` the options select: `start-line`/`end-line` (Python slices of its
/// lines), then what follows `start-after` and precedes `end-before`.
fn select<'o>(text: &str, opt: impl Fn(&str) -> Option<&'o str>) -> Result<String, String> {
    let mut text = text.to_string();
    let number = |k: &str| opt(k).and_then(|v| v.trim().parse::<i64>().ok());
    let (start, end) = (number("start-line"), number("end-line"));
    if start.is_some() || end.is_some() {
        let lines: Vec<&str> = text.split_inclusive('\n').collect();
        let n = lines.len() as i64;
        let at = |v: i64| if v < 0 { (n + v).max(0) } else { v.min(n) } as usize;
        let (a, b) = (start.map_or(0, at), end.map_or(lines.len(), at));
        text = if a < b { lines[a..b].concat() } else { String::new() };
    }
    // An empty marker stands for an empty line (docutils 0.23): the text starts after the
    // first one, or ends at it.
    if let Some(after) = opt("start-after").map(|a| if a.is_empty() { "\n\n" } else { a }) {
        let Some(k) = text.find(after) else {
            return Err(
                "Problem with \"start-after\" option of \"include\" directive:\nText not found."
                    .into(),
            );
        };
        text = text[k + after.len()..].to_string();
    }
    if opt("end-before") == Some("") {
        if let Some(k) = text.find("\n\n").filter(|&k| k > 0) {
            text.truncate(k + 1);
        }
    } else if let Some(before) = opt("end-before") {
        let Some(k) = text.find(before) else {
            return Err(
                "Problem with \"end-before\" option of \"include\" directive:\nText not found."
                    .into(),
            );
        };
        text.truncate(k);
    }
    Ok(text)
}

/// Copies the subtree at `n` of `from` under `parent` in `to`, every node with `span`,
/// without recursion; `map` records where each node went.
fn graft(
    from: &Document,
    n: NodeId,
    to: &mut Document,
    parent: NodeId,
    span: Span,
    map: &mut NodeMap<NodeId>,
) {
    let mut stack = vec![(n, parent)];
    while let Some((old, new_parent)) = stack.pop() {
        let new = to.push(new_parent, from.kind(old).clone(), span);
        map.insert(old, new);
        if let Some(c) = from.classes.get(&old) {
            to.classes.insert(new, c.clone());
        }
        if let Some(name) = from.names.get(&old) {
            to.names.insert(new, name.clone());
        }
        let kids: Vec<NodeId> = from.children(old).collect();
        stack.extend(kids.into_iter().rev().map(|k| (k, new)));
    }
}
