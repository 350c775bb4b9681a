//! Directives: docutils' standard set that blog posts use, plus Pelican's `code-block`.

use crate::block::{BlockParser, Line};
use crate::tree::{CodeData, NodeId, NodeKind};
use crate::Severity;

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

/// Options Pelican's code-block directive accepts (its `option_spec`).
const CODE_BLOCK_OPTIONS: [&str; 14] = [
    "anchorlinenos",
    "classprefix",
    "hl_lines",
    "lineanchors",
    "linenos",
    "linenospecial",
    "linenostart",
    "linenostep",
    "lineseparator",
    "linespans",
    "nobackground",
    "nowrap",
    "tagsfile",
    "tagurlformat",
];

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
    let (args, options, content, _) = p.directive_parts(lines, i, end, after);
    let opt = |k: &str| options.iter().find(|o| o.0 == k).map(|o| o.1.clone());
    let class_opt = opt("class");
    let body_lines = || -> Vec<Line> {
        // Body that may start on the directive line (admonitions).
        content.clone()
    };
    match name {
        "image" => {
            let data = BlockParser::image_data(&args, &options);
            p.doc.push(parent, NodeKind::Image(Box::new(data)), span);
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
            let f = p.doc.push(parent, NodeKind::Figure(Some(classes.join(" ").into())), span);
            let data = BlockParser::image_data(&args, &fig_opts);
            p.doc.push(f, NodeKind::Image(Box::new(data)), span);
            // Caption: first paragraph; legend: the rest.
            let mut k = 0;
            while k < content.len() && !p.text_of(content[k]).trim().is_empty() {
                k += 1;
            }
            if k > 0 {
                let cap_lines = content[..k].to_vec();
                let c = p.doc.push(f, NodeKind::Caption, p.span_lines(&cap_lines));
                p.inline(&cap_lines, c);
                let mut m = k;
                while m < content.len() && p.text_of(content[m]).trim().is_empty() {
                    m += 1;
                }
                if m < content.len() {
                    let rest = content[m..].to_vec();
                    let l = p.doc.push(f, NodeKind::Legend, p.span_lines(&rest));
                    p.parse_blocks(&rest, l, depth + 1, false);
                }
            }
        }
        "raw" => {
            let text = p.literal_of(&content);
            if args.split_whitespace().any(|a| a.eq_ignore_ascii_case("html")) {
                p.doc.push(parent, NodeKind::Raw(text.into()), span);
            }
        }
        "code-block" | "sourcecode" => {
            if let Some((bad, _)) =
                options.iter().find(|o| !CODE_BLOCK_OPTIONS.contains(&o.0.as_str()))
            {
                let msg = format!("Error in \"{name}\" directive:\nunknown option: \"{bad}\".");
                let lit = p.literal_of(&lines[i..end]);
                p.system_message(parent, span, Severity::Error, &msg, Some(&lit));
                return;
            }
            let text = p.literal_of(&content);
            let data = CodeData {
                language: args.trim().into(),
                text,
                options: options.clone(),
                docutils: false,
            };
            p.doc.push(parent, NodeKind::CodeBlock(Box::new(data)), span);
        }
        "code" => {
            if let Some((bad, _)) =
                options.iter().find(|o| !matches!(o.0.as_str(), "class" | "name" | "number-lines"))
            {
                let msg = format!("Error in \"code\" directive:\nunknown option: \"{bad}\".");
                let lit = p.literal_of(&lines[i..end]);
                p.system_message(parent, span, Severity::Error, &msg, Some(&lit));
                return;
            }
            let text = p.literal_of(&content);
            let lang = args.trim().to_string();
            let data = CodeData { language: lang, text, options: options.clone(), docutils: true };
            p.doc.push(parent, NodeKind::CodeBlock(Box::new(data)), span);
        }
        "math" => {
            let mut text = args.clone();
            let body = p.literal_of(&content);
            if !body.is_empty() {
                if !text.is_empty() {
                    text.push_str("\n\n");
                }
                text.push_str(&body);
            }
            if let Some(name) = opt("name") {
                let name = crate::inline::normalize_name(&name);
                let data =
                    crate::tree::TargetData { name: name.into(), uri: None, anonymous: false };
                p.doc.push(parent, NodeKind::Target(Box::new(data)), span);
            }
            p.doc.push(parent, NodeKind::MathBlock(text.into()), span);
        }
        n if ADMONITIONS.iter().any(|a| a.0 == n) => {
            // docutils reads options (`:class:`) from the first lines up to a blank one; the
            // text before them, and everything after that blank line, is the content.
            let (body, _) = p.item_body_at(lines, i, after);
            let blank = body.iter().position(|l| p.text_of(*l).trim().is_empty());
            let head = &body[..blank.unwrap_or(body.len())];
            let fields =
                head.iter().position(|l| crate::block::field_marker(p.text_of(*l)).is_some());
            let (content, classes) = match fields {
                Some(f) => {
                    let mut content = head[..f].to_vec();
                    content.extend_from_slice(&body[head.len()..]);
                    let classes = class_opt.clone().unwrap_or_default();
                    (content, classes)
                }
                None => (body, String::new()),
            };
            let kind = if classes.trim().is_empty() {
                n.to_string()
            } else {
                let ids: Vec<String> =
                    classes.split_whitespace().map(crate::resolve::make_id).collect();
                format!("{} {n}", ids.join(" "))
            };
            let a = p.doc.push(parent, NodeKind::Admonition(kind.into()), span);
            p.parse_blocks(&content, a, depth + 1, false);
        }
        "epigraph" | "pull-quote" | "highlights" => {
            p.quote(&body_lines(), parent, depth, Some(name))
        }
        "admonition" => {
            let class = class_opt
                .clone()
                .unwrap_or_else(|| format!("admonition-{}", crate::resolve::make_id(&args)));
            let a = p.doc.push(parent, NodeKind::Admonition(class.into()), span);
            let t = p.doc.push(a, NodeKind::Title, span);
            let first = lines[i];
            let tl = Line { start: first.start + after as u32, end: first.end };
            let tl = Line {
                start: tl.start + (p.text_of(tl).len() - p.text_of(tl).trim_start().len()) as u32,
                end: tl.end,
            };
            p.inline(&[tl], t);
            p.parse_blocks(&content, a, depth + 1, false);
        }
        "topic" | "sidebar" => {
            let kind = if name == "topic" {
                NodeKind::Topic(class_opt.clone().unwrap_or_default().into())
            } else {
                NodeKind::Sidebar
            };
            let a = p.doc.push(parent, kind, span);
            let first = lines[i];
            let tl = Line { start: first.start + after as u32, end: first.end };
            let tl = Line {
                start: tl.start + (p.text_of(tl).len() - p.text_of(tl).trim_start().len()) as u32,
                end: tl.end,
            };
            let t = p.doc.push(a, NodeKind::Title, span);
            p.inline(&[tl], t);
            if let Some(sub) = opt("subtitle") {
                let r = p.doc.push(a, NodeKind::Rubric, span);
                p.doc.push(r, NodeKind::Text(sub.into()), span);
            }
            p.parse_blocks(&content, a, depth + 1, false);
        }
        "rubric" => {
            let r = p.doc.push(parent, NodeKind::Rubric, span);
            let first = lines[i];
            let tl = Line { start: first.start + after as u32, end: first.end };
            let tl = Line {
                start: tl.start + (p.text_of(tl).len() - p.text_of(tl).trim_start().len()) as u32,
                end: tl.end,
            };
            p.inline(&[tl], r);
        }
        "container" | "compound" => {
            let class = if name == "compound" { "compound".to_string() } else { args.clone() };
            let c = p.doc.push(parent, NodeKind::Container(format!("{name}|{class}").into()), span);
            p.parse_blocks(&content, c, depth + 1, false);
        }
        "role" => {
            // `.. role:: name(base)` with `:class:`
            let (rname, base) = match args.find('(') {
                Some(q) => (
                    args[..q].trim().to_string(),
                    args[q + 1..].trim_end_matches(')').trim().to_string(),
                ),
                None => (args.trim().to_string(), "inline".to_string()),
            };
            let mut class = class_opt.clone().unwrap_or_else(|| rname.clone());
            if base == "code" {
                if let Some(lang) = opt("language") {
                    class = format!("{class} {lang}|{lang}");
                }
            }
            p.roles.push((rname.to_lowercase(), base, class));
        }
        "replace" if subst => {
            let c = content.clone();
            let first = lines[i];
            let tl = Line { start: first.start + after as u32, end: first.end };
            let tl = Line {
                start: tl.start + (p.text_of(tl).len() - p.text_of(tl).trim_start().len()) as u32,
                end: tl.end,
            };
            let mut segs = vec![tl];
            segs.extend(c);
            segs.retain(|l| !p.text_of(*l).trim().is_empty());
            p.inline(&segs, parent);
        }
        "unicode" if subst => {
            let mut out = String::new();
            for tok in args.split_whitespace() {
                if tok == ".." {
                    break;
                }
                let hex = tok
                    .strip_prefix("U+")
                    .or_else(|| tok.strip_prefix("u+"))
                    .or_else(|| tok.strip_prefix("0x"))
                    .or_else(|| tok.strip_prefix("\\x"))
                    .or_else(|| tok.strip_prefix("\\u"));
                match hex.and_then(|h| u32::from_str_radix(h, 16).ok()).and_then(char::from_u32) {
                    Some(c) => out.push(c),
                    None => match tok
                        .strip_prefix("&#x")
                        .and_then(|h| u32::from_str_radix(h.trim_end_matches(';'), 16).ok())
                        .and_then(char::from_u32)
                    {
                        Some(c) => out.push(c),
                        None => out.push_str(tok),
                    },
                }
            }
            let ltrim = options.iter().any(|o| o.0 == "ltrim" || o.0 == "trim");
            let rtrim = options.iter().any(|o| o.0 == "rtrim" || o.0 == "trim");
            p.doc.push(parent, NodeKind::Text(out.into()), span);
            if ltrim || rtrim {
                p.trims.push((parent, ltrim, rtrim));
            }
        }
        "date" if subst => {
            p.doc.push(parent, NodeKind::Text("".into()), span);
        }
        "contents" => {
            let title = if args.is_empty() { "Contents".to_string() } else { args.clone() };
            let local = options.iter().any(|o| o.0 == "local");
            let depth_opt = opt("depth").and_then(|d| d.parse::<u32>().ok()).unwrap_or(0);
            let backlinks = opt("backlinks").unwrap_or_else(|| "entry".into());
            let kind =
                format!("contents|{}|{depth_opt}|{backlinks}", if local { "local" } else { "" });
            let c = p.doc.push(parent, NodeKind::Topic(kind.into()), span);
            if !local || !args.is_empty() {
                let t = p.doc.push(c, NodeKind::Title, span);
                p.doc.push(t, NodeKind::Text(title.into()), span);
            }
        }
        "sectnum" | "section-numbering" => {
            p.sectnum = true;
        }
        "class" => p.pending_class = Some(args.clone()),
        "default-role" => {
            p.default_role = Some(args.trim().to_lowercase()).filter(|r| !r.is_empty())
        }
        "title" | "meta" | "highlight" | "header" | "footer" => {}
        "table" | "csv-table" | "list-table" => {
            crate::table::directive(p, name, &args, &options, &content, parent, depth, span)
        }
        "parsed-literal" => {
            let n = p.doc.push(parent, NodeKind::ParsedLiteral, span);
            p.inline(&content, n);
        }
        "line-block" => {
            let block = p.doc.push(parent, NodeKind::LineBlock, span);
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
        _ => {
            let msg = format!("Unknown directive type \"{name}\".");
            let mut lit = p.literal_of(&lines[i..end]);
            if end < lines.len() {
                lit.push('\n');
            }
            p.system_message(parent, span, Severity::Error, &msg, Some(&lit));
        }
    }
}
