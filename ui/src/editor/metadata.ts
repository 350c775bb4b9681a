// The post's header as form values, and form edits as text changes: the text stays the
// one source of truth; the form reads it and writes into it.
import { findHeadings } from "./sections";

/** A text change, as CodeMirror takes it. */
export interface Change {
  from: number;
  to: number;
  insert: string;
}

/** The fields the form shows, in its order. */
export const FORM_FIELDS = ["date", "category", "tags", "slug", "status", "summary"] as const;
export type FormField = (typeof FORM_FIELDS)[number];

interface Located {
  value: string;
  from: number;
  to: number;
}

export interface Header {
  /** The document title (the first heading) and where its text is. */
  title: (Located & { underline: { from: number; to: number; char: string }; overline: { from: number; to: number } | null }) | null;
  /** One-line `:name: value` fields of the header, by lowercased name. */
  fields: Map<string, Located>;
  /** Where a new field goes: after the last field, or after the title. */
  insertAt: number;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") starts.push(i + 1);
  return starts;
}

export function readHeader(text: string): Header {
  const lines = text.split("\n");
  const starts = lineStarts(text);
  const end = (n: number) => (starts[n] ?? text.length) + (lines[n] ?? "").length;
  const first = findHeadings(lines.slice(0, 12))[0];
  let title: Header["title"] = null;
  let afterTitle = 0;
  if (first && first.level === 1) {
    const n = first.line - 1;
    const under = n + 1;
    const over = first.startLine < first.line ? n - 1 : null;
    title = {
      value: first.title,
      from: starts[n] ?? 0,
      to: end(n),
      underline: { from: starts[under] ?? 0, to: end(under), char: (lines[under] ?? "=")[0] ?? "=" },
      overline: over === null ? null : { from: starts[over] ?? 0, to: end(over) },
    };
    afterTitle = under + 1;
  }
  const fields = new Map<string, Located>();
  let i = afterTitle;
  while (i < lines.length && (lines[i] ?? "").trim() === "") i++;
  // Without fields, a new one goes where the body starts, after the title's blank line.
  let insertAt = title ? (starts[i] ?? text.length) : 0;
  for (; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const m = /^:([^:\s][^:]*):(\s*)(.*)$/.exec(line);
    if (!m) {
      if (line.startsWith(" ") && line.trim()) continue; // a field's continuation line
      break;
    }
    const valueFrom = (starts[i] ?? 0) + 1 + (m[1] ?? "").length + 1 + (m[2] ?? "").length;
    fields.set((m[1] ?? "").toLowerCase(), { value: m[3] ?? "", from: valueFrom, to: end(i) });
    insertAt = end(i) + 1;
  }
  return { title, fields, insertAt: Math.min(insertAt, text.length) };
}

/** Columns a title takes (East Asian wide characters count two), for its underline. */
export function titleWidth(title: string): number {
  let width = 0;
  for (const ch of title) width += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u.test(ch) ? 2 : 1;
  return width;
}

/** The change that sets field `name` to `value` (adding the field when missing). */
export function setFieldChange(text: string, name: string, value: string): Change {
  const header = readHeader(text);
  const field = header.fields.get(name);
  const clean = value.replace(/\s*\n\s*/g, " ");
  if (field) return { from: field.from, to: field.to, insert: clean };
  // A new field list must be followed by a blank line before the body.
  const needsBlank = header.fields.size === 0 && header.insertAt < text.length && text[header.insertAt] !== "\n";
  return { from: header.insertAt, to: header.insertAt, insert: `:${name}: ${clean}\n${needsBlank ? "\n" : ""}` };
}

/** The change that retitles the post, keeping its adornment as long as the title. */
export function setTitleChange(text: string, title: string): Change | null {
  const header = readHeader(text);
  const clean = title.replace(/\s*\n\s*/g, " ").trim();
  if (!header.title || !clean) return null;
  const adornment = header.title.underline.char.repeat(Math.max(titleWidth(clean), 1));
  const from = header.title.overline?.from ?? header.title.from;
  const insert = `${header.title.overline ? `${adornment}\n` : ""}${clean}\n${adornment}`;
  return { from, to: header.title.underline.to, insert };
}
