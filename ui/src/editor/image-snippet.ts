// Where image directives go when they are dropped or pasted at a point of the text: as
// blocks of their own after the paragraph under the point, with blank lines around them,
// and where the first one's `:alt:` value sits, so the writer can type the alt text at once.
import type { Text } from "@codemirror/state";

export interface SnippetPlacement {
  /** Where to insert. */
  at: number;
  /** What to insert: the snippets, a blank line between each, and the blank lines around. */
  insert: string;
  /** The first snippet's alt value, as document positions after the insert. */
  altFrom: number;
  altTo: number;
}

const isBlank = (text: string) => text.trim() === "";

/** The alt value's range inside `snippet` (empty at the end when it has no `:alt:`). */
export function altRange(snippet: string): { from: number; to: number } {
  const match = /^[ \t]*:alt:[ \t]*(.*)$/m.exec(snippet);
  if (!match) return { from: snippet.trimEnd().length, to: snippet.trimEnd().length };
  const to = match.index + match[0].trimEnd().length;
  const from = Math.min(match.index + match[0].length - (match[1] ?? "").length, to);
  return { from, to };
}

/**
 * Where the post's header ends: the title block and the field list after it (`:date:` …).
 * Nothing may go in between, or Pelican would no longer read the fields as metadata.
 */
export function headerEnd(doc: Text): number {
  let n = 1;
  while (n <= doc.lines && !isBlank(doc.line(n).text)) n++; // the title block
  const titleEnd = doc.line(Math.max(n - 1, 1)).to;
  while (n <= doc.lines && isBlank(doc.line(n).text)) n++;
  if (n > doc.lines || !/^:[^:\s][^:]*:/.test(doc.line(n).text)) return titleEnd;
  // Field lines, and their indented continuation lines.
  while (n <= doc.lines && /^(:[^:\s][^:]*:|[ \t]+\S)/.test(doc.line(n).text)) n++;
  return doc.line(n - 1).to;
}

/**
 * Places `snippets` (each a `.. image::` block ending in a newline) at `pos` of `doc`: on a
 * blank line right there, inside a paragraph after its last line, so no paragraph is split;
 * never inside the post's title and fields.
 */
export function placeSnippets(doc: Text, pos: number, snippets: readonly string[]): SnippetPlacement {
  const blocks = snippets.map((s) => (s.endsWith("\n") ? s : `${s}\n`));
  const body = blocks.join("\n");
  let line = doc.lineAt(Math.min(Math.max(pos, 0, headerEnd(doc)), doc.length));
  let at: number;
  let lead: string;
  let insert: string;
  if (isBlank(line.text)) {
    // The blank line stays, after the snippets; one more goes before them after text.
    lead = line.number > 1 && !isBlank(doc.line(line.number - 1).text) ? "\n" : "";
    at = line.from;
    insert = lead + body;
  } else {
    while (line.number < doc.lines && !isBlank(doc.line(line.number + 1).text)) {
      line = doc.line(line.number + 1);
    }
    lead = "\n\n";
    at = line.to;
    // A blank line follows unless this is the end of the text.
    insert = lead + (line.number < doc.lines ? body.slice(0, -1) : body);
  }
  const alt = altRange(blocks[0] ?? "");
  const start = at + lead.length;
  return { at, insert, altFrom: start + alt.from, altTo: start + alt.to };
}
