// Rich text pasted from a browser or a word processor, written as reST: paragraphs,
// emphasis, strong, literals, links, lists, headings, block quotes, code and images.
// Pure: HTML in, reST out (DOMParser only), so it is tested without a window.
import { findHeadings } from "./sections";

/** A section level's adornment: its character, and whether it has an overline too. */
export interface Adornment {
  char: string;
  over: boolean;
}

/** How the pasted reST is written. */
export interface PasteStyle {
  /** The adornment of each section level the pasted headings take, the highest first
   *  (the post's own levels below its title, then unused ones). */
  adornments: Adornment[];
  /** The display width of a text (wide characters count two, as docutils counts them). */
  width: (text: string) => number;
}

/** Pelican's usual adornments, in level order, for levels a post does not use yet. */
export const DEFAULT_ADORNMENTS: readonly Adornment[] = ["=", "-", "~", "^", '"', "'"].map((char) => ({
  char,
  over: false,
}));

/** The adornments a post's titles use, by level (its title's first). */
export function postAdornments(lines: readonly string[]): Adornment[] {
  const levels: Adornment[] = [];
  for (const h of findHeadings(lines)) {
    const char = (lines[h.line] ?? "").trim()[0];
    if (char && !levels[h.level - 1]) levels[h.level - 1] = { char, over: h.startLine < h.line };
  }
  return levels.filter(Boolean);
}

/** The adornments pasted headings take in a post whose titles use `used` (its levels in
 *  order, the post's title first): the levels below the title, then Pelican's usual ones the
 *  post does not use. */
export function pasteAdornments(used: readonly Adornment[]): Adornment[] {
  const same = (a: Adornment, b: Adornment) => a.char === b.char && a.over === b.over;
  const fresh = DEFAULT_ADORNMENTS.filter((d) => !used.some((u) => same(u, d)));
  return [...used.slice(1), ...fresh];
}

/** Elements whose presence makes the HTML worth converting rather than pasting as text. */
const MEANINGFUL =
  "p, h1, h2, h3, h4, h5, h6, ul, ol, li, a[href], em, i, strong, b, code, pre, img[src], blockquote, table";

/** Whether `html` has any text (a copied picture alone has none). */
export function htmlHasText(html: string): boolean {
  const body = new DOMParser().parseFromString(html, "text/html").body;
  return (body?.textContent ?? "").trim() !== "";
}

/** The reST for `html`, or `null` when it has nothing plain text lacks (a code editor's
 *  coloured spans, a single run of text): then the plain text is pasted as it is. */
export function htmlToRst(html: string, style: PasteStyle): string | null {
  const doc = new DOMParser().parseFromString(html, "text/html");
  const body = doc.body;
  if (!body || !body.querySelector(MEANINGFUL)) return null;
  for (const dropped of body.querySelectorAll("script, style, meta, title, head, template")) {
    dropped.remove();
  }
  const levels = [...body.querySelectorAll("h1, h2, h3, h4, h5, h6")].map((h) => Number(h.tagName[1]));
  const blocks = new Writer(style, Math.min(7, ...levels)).blocks(body, "");
  const text = blocks.join("\n\n").replace(/\n{3,}/g, "\n\n");
  return text.trim() === "" ? null : text.replace(/^\n+/, "").replace(/\s+$/, "") + "\n";
}

const BLOCK = new Set([
  "ADDRESS", "ARTICLE", "ASIDE", "BLOCKQUOTE", "DD", "DETAILS", "DIV", "DL", "DT", "FIELDSET",
  "FIGCAPTION", "FIGURE", "FOOTER", "FORM", "H1", "H2", "H3", "H4", "H5", "H6", "HEADER", "HR",
  "LI", "MAIN", "NAV", "OL", "P", "PRE", "SECTION", "TABLE", "UL",
]);

class Writer {
  /** `top` is the highest heading level in the paste, which takes the first adornment. */
  constructor(
    private readonly style: PasteStyle,
    private readonly top: number,
  ) {}

  /** The reST blocks of `parent`'s children, each line prefixed by `indent`. */
  blocks(parent: Node, indent: string): string[] {
    const out: string[] = [];
    let inline: Node[] = [];
    const flush = () => {
      const text = this.paragraph(inline);
      if (text) out.push(prefix(text, indent));
      inline = [];
    };
    for (const child of parent.childNodes) {
      if (child instanceof Element && BLOCK.has(child.tagName)) {
        flush();
        out.push(...this.block(child, indent));
      } else if (child instanceof Element && child.tagName === "IMG") {
        flush();
        out.push(...this.image(child, indent));
      } else {
        inline.push(child);
      }
    }
    flush();
    return out;
  }

  private block(el: Element, indent: string): string[] {
    const tag = el.tagName;
    const heading = /^H([1-6])$/.exec(tag);
    if (heading) {
      const title = prefix(this.inline([...el.childNodes]), "").replace(/\s+/g, " ").trim();
      if (!title) return [];
      const adornments = this.style.adornments.length > 0 ? this.style.adornments : DEFAULT_ADORNMENTS;
      const level = Math.min(Number(heading[1]) - this.top, adornments.length - 1);
      const { char, over } = adornments[level] ?? { char: "=", over: false };
      const line = char.repeat(Math.max(this.style.width(title), 1));
      return [prefix(over ? `${line}\n${title}\n${line}` : `${title}\n${line}`, indent)];
    }
    switch (tag) {
      case "P":
        return this.blocks(el, indent);
      case "UL":
      case "OL":
        return [this.list(el, indent)];
      case "BLOCKQUOTE":
        return this.blocks(el, indent + "   ");
      case "PRE":
        return [this.literal(el, indent)];
      case "HR":
        return [indent + "----"];
      case "TABLE":
        return [...el.querySelectorAll("tr")].flatMap((row) => {
          const cells = [...row.children].map((cell) => this.inline([...cell.childNodes]).trim());
          const line = cells.filter((c) => c !== "").join(" — ");
          return line ? [prefix(line, indent)] : [];
        });
      default:
        return this.blocks(el, indent);
    }
  }

  private list(el: Element, indent: string): string {
    const ordered = el.tagName === "OL";
    const start = Number(el.getAttribute("start") ?? "1");
    const items = [...el.children].filter((c) => c.tagName === "LI");
    const written = items.map((item, i) => {
      const marker = ordered ? `${(Number.isFinite(start) ? start : 1) + i}. ` : "- ";
      const inner = this.blocks(item, "").join("\n\n");
      const hang = " ".repeat(marker.length);
      const lines = (inner || " ").split("\n");
      return lines
        .map((line, n) => (n === 0 ? indent + marker + line : line ? indent + hang + line : ""))
        .join("\n")
        .trimEnd();
    });
    // Items of one paragraph each sit on consecutive lines; longer ones need blank lines.
    const compact = written.every((item) => !item.includes("\n"));
    return written.join(compact ? "\n" : "\n\n");
  }

  private literal(el: Element, indent: string): string {
    const code = el.querySelector("code");
    const lang = languageOf(code ?? el);
    const text = (el.textContent ?? "").replace(/\n$/, "");
    const body = text
      .split("\n")
      .map((line) => (line.trim() ? `${indent}    ${line}` : ""))
      .join("\n");
    const head = lang ? `${indent}.. code-block:: ${lang}` : `${indent}::`;
    return `${head}\n\n${body}`;
  }

  private image(el: Element, indent: string): string[] {
    const src = el.getAttribute("src") ?? "";
    if (!src || src.startsWith("data:")) return [];
    const alt = (el.getAttribute("alt") ?? "").replace(/\s+/g, " ").trim();
    return [`${indent}.. image:: ${src}` + (alt ? `\n${indent}   :alt: ${alt}` : "")];
  }

  /** The inline nodes of one paragraph as wrapped reST text (`<br>` keeps its line). */
  private paragraph(nodes: Node[]): string {
    const text = this.inline(nodes);
    const lines = text.split("\n").map((l) => l.replace(/\s+/g, " ").trim()).filter((l) => l !== "");
    if (lines.length > 1) return lines.map((l) => `| ${l}`).join("\n");
    return lines[0] ?? "";
  }

  /** Inline markup: emphasis, strong, literals and links; markup cannot nest in reST, so
   *  markup inside markup keeps only its text. */
  inline(nodes: Node[], nested = false): string {
    let out = "";
    for (const node of nodes) {
      if (node.nodeType === Node.TEXT_NODE) {
        out += escapeText((node.textContent ?? "").replace(/[\t\r\n ]+/g, " "));
        continue;
      }
      if (!(node instanceof Element)) continue;
      const inner = () => this.inline([...node.childNodes], true);
      switch (node.tagName) {
        case "BR":
          out += "\n";
          break;
        case "EM":
        case "I":
          out = nested ? out + inner() : markup(out, "*", plainOf(node), "*");
          break;
        case "STRONG":
        case "B":
          out = nested ? out + inner() : markup(out, "**", plainOf(node), "**");
          break;
        case "CODE":
        case "KBD":
        case "SAMP":
        case "TT":
          out = markup(out, "``", (node.textContent ?? "").replace(/\s+/g, " "), "``", false);
          break;
        case "A": {
          const href = node.getAttribute("href") ?? "";
          const text = plainOf(node);
          if (nested || !/^(https?:|mailto:|ftp:)/i.test(href)) {
            out += inner();
          } else if (text.trim() === "" || text.trim() === href) {
            out = markup(out, "", href, "");
          } else {
            // Anonymous (`__`): two links with one text and two addresses stay valid reST.
            out = markup(out, "`", text, ` <${href}>\`__`, true, true);
          }
          break;
        }
        case "IMG":
          break;
        default:
          out += inner();
      }
    }
    return out;
  }
}

/** `out` followed by `text` wrapped in `open`…`close`: spaces move outside the markup, and
 *  a word character just before or after it is kept apart with an escaped space, as reST's
 *  inline markup rules need. `escape` escapes the text (literals are taken as written);
 *  `link` escapes the characters that end a link's text. */
function markup(out: string, open: string, text: string, close: string, escape = true, link = false): string {
  const lead = /^\s*/.exec(text)?.[0] ?? "";
  const trail = /\s*$/.exec(text)?.[0] ?? "";
  let core = text.slice(lead.length, text.length - trail.length);
  if (core === "") return out + (lead || trail ? " " : "");
  if (open === "") return out + lead + core + trail;
  if (escape) core = link ? core.replace(/([\\`<])/g, "\\$1") : escapeText(core);
  if (open === "``" && core.includes("``")) return out + lead + escapeText(core) + trail;
  let before = out + (lead ? " " : "");
  // Markup right after markup: the first one's end mark becomes the separator below.
  const afterMarkup = before.endsWith(MARK_END);
  if (afterMarkup) before = before.slice(0, -1);
  const glue = afterMarkup || !START_MAY_FOLLOW.test(before) ? "\\ " : "";
  return `${before}${glue}${open}${core}${close}${MARK_END}${trail ? " " : ""}`;
}

/** Placed after inline markup; removed, or turned into an escaped space when what follows
 *  may not follow an end-string. */
const MARK_END = "\u0000";

/** What inline markup's start-string may follow (docutils: whitespace, `- : / ' " < ( [ {`
 *  and their Unicode kin), or the start of the text. */
const START_MAY_FOLLOW = /(?:^|[\s\p{Pd}\p{Po}\p{Pi}\p{Pf}\p{Ps}<])$/u;

/** What may follow an end-string: whitespace, `- . , : ; ! ? \ / ' " ) ] } >` and their
 *  Unicode kin, or the end of the text. */
const END_MAY_PRECEDE = /^(?:$|[\s\p{Pd}\p{Po}\p{Pi}\p{Pf}\p{Pe}>])/u;

/** reST's inline markup characters in plain text, escaped. */
function escapeText(text: string): string {
  return text.replace(/([\\*`|])/g, "\\$1").replace(/_(?=$|[^\p{L}\p{N}])/gu, "\\_");
}

function plainOf(el: Element): string {
  return (el.textContent ?? "").replace(/[\t\r\n ]+/g, " ");
}

function prefix(text: string, indent: string): string {
  const parts = text.split(MARK_END);
  const glued = parts
    .map((part, i) => (i === 0 || END_MAY_PRECEDE.test(part) ? part : "\\ " + part))
    .join("");
  return glued
    .split("\n")
    .map((line) => (line ? indent + line : line))
    .join("\n");
}

/** The language a `<pre>`/`<code>` names in its classes (`language-py`, `lang-rust`,
 *  `highlight-python`), if any. */
function languageOf(el: Element): string | null {
  for (const name of el.classList) {
    const m = /^(?:language|lang|highlight|sourceCode)-([\w+#.-]+)$/.exec(name);
    if (m?.[1]) return m[1];
  }
  const parent = el.parentElement;
  return parent && parent !== el && parent.tagName === "DIV" ? languageOf(parent) : null;
}
