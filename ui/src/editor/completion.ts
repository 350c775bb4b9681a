// Completion of what a post refers to: `{filename}/` posts, `{static}/` and image
// directives' images, `` `text`_ `` targets and sections, role and directive names, and the
// header's fields. The names come from the engine and the blog (the `completions` command);
// the targets and sections from the post's own text.
import {
  autocompletion,
  type Completion,
  type CompletionContext,
  type CompletionResult,
  type CompletionSource,
} from "@codemirror/autocomplete";
import { EditorState, type Extension } from "@codemirror/state";
import type { EditorView } from "@codemirror/view";
import type { Completions } from "../bindings/Completions";
import { headingsOf } from "./sections";

/** What completion offers, as the window knows it now. */
export interface CompletionData {
  /** The blog's posts: path relative to the blog root, and title. */
  posts: readonly { path: string; title: string }[];
  /** The blog's images and the engine's names; `null` until they are known. */
  names: Completions | null;
  /** The URL a thumbnail of the image at `path` (relative to the blog root) loads from. */
  thumbnailUrl: (path: string) => string;
}

/** An image offered: the option shows a thumbnail of it. */
interface ImageCompletion extends Completion {
  thumbnail: string;
}

const isImage = (c: Completion): c is ImageCompletion => typeof (c as Partial<ImageCompletion>).thumbnail === "string";

/** `path` relative to the content folder, or null when it is outside it. */
function inContent(path: string, contentDir: string): string | null {
  if (contentDir === "" || contentDir === ".") return path;
  return path.startsWith(`${contentDir}/`) ? path.slice(contentDir.length + 1) : null;
}

/** Whether every word of `query` is in one of `texts` (any case): "trip sea" finds "Sea trip". */
export function matches(query: string, ...texts: string[]): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const haystack = texts.join("\n").toLowerCase();
  return words.every((w) => haystack.includes(w));
}

/** `{filename}/…`: the posts, by path (relative to the content folder) and title. */
function postOptions(data: CompletionData, query: string): Completion[] {
  const contentDir = data.names?.contentDir ?? "content";
  return data.posts.flatMap((post) => {
    const path = inContent(post.path, contentDir);
    if (path === null || !matches(query, path, post.title)) return [];
    return [{ label: path, detail: post.title, type: "text" }];
  });
}

/** The blog's images (relative to the content folder), each written as `prefix` + path. */
function imageOptions(data: CompletionData, query: string, prefix: string): ImageCompletion[] {
  const names = data.names;
  if (!names) return [];
  return names.images.flatMap((image) => {
    const path = inContent(image, names.contentDir);
    if (path === null || !matches(query, path)) return [];
    // No type: the thumbnail stands where a type's icon goes.
    return [{ label: prefix + path, thumbnail: data.thumbnailUrl(image) }];
  });
}

/** The text of the cursor's line before it. */
function before(context: CompletionContext): { text: string; lineFrom: number; lineNo: number } {
  const line = context.state.doc.lineAt(context.pos);
  return { text: line.text.slice(0, context.pos - line.from), lineFrom: line.from, lineNo: line.number };
}

/** A path completion: the engine's matching is ours (by path and title), so `filter` is off. */
function pathResult(from: number, options: Completion[]): CompletionResult | null {
  return options.length === 0 ? null : { from, options, filter: false };
}

/** After `{filename}/` or `{static}/`, and in an image or figure directive's argument. */
export function linkTargets(data: () => CompletionData): CompletionSource {
  return (context) => {
    const { text, lineFrom } = before(context);
    const marker = /\{(filename|static|attach)\}\/([^\s`<>]*)$/.exec(text);
    if (marker) {
      const from = lineFrom + marker.index;
      const query = (marker[2] ?? "").replace(/[/._-]/g, " ");
      const options =
        marker[1] === "filename"
          ? postOptions(data(), query).map((o) => ({ ...o, label: `{filename}/${o.label}` }))
          : imageOptions(data(), query, `{${marker[1]}}/`);
      return pathResult(from, options);
    }
    const directive = /^(\s*\.\.\s+(?:image|figure)::\s+)(\S*)$/.exec(text);
    if (directive) {
      const typed = directive[2] ?? "";
      const query = typed.replace(/^\{static\}\/?/, "").replace(/[/._-]/g, " ");
      return pathResult(lineFrom + (directive[1] ?? "").length, imageOptions(data(), query, "{static}/"));
    }
    return null;
  };
}

/** The names `` `text`_ `` may refer to in the post: its explicit targets and its section titles. */
export function referenceNames(state: EditorState): string[] {
  const names = new Set<string>();
  for (const line of state.doc.iterLines()) {
    const target = /^\s*\.\.\s+_(`[^`]+`|[^:`][^:]*):/.exec(line);
    const name = target?.[1]?.replace(/^`|`$/g, "").trim();
    if (name && name !== "_") names.add(name);
  }
  for (const heading of headingsOf(state.doc)) names.add(heading.title.trim());
  return [...names].filter(Boolean);
}

/** After a backtick that opens a reference (not a role's text or an inline literal). */
export function references(): CompletionSource {
  return (context) => {
    const { text, lineFrom } = before(context);
    const open = /(^|[\s([{"'<-])`([^`\n]*)$/.exec(text);
    if (!open) return null;
    const from = lineFrom + open.index + (open[1] ?? "").length + 1;
    const typed = open[2] ?? "";
    if (typed === "" && !context.explicit) return null; // a bare backtick may start anything
    const options = referenceNames(context.state).map(
      (name): Completion => ({
        label: name,
        type: "constant",
        apply: (view: EditorView, _c: Completion, applyFrom: number, to: number) => {
          // The closing "`_" may be typed already.
          const closed = view.state.sliceDoc(to, to + 2) === "`_";
          const insert = `${name}\`_`;
          view.dispatch({
            changes: { from: applyFrom, to: closed ? to + 2 : to, insert },
            selection: { anchor: applyFrom + insert.length },
            userEvent: "input.complete",
          });
        },
      }),
    );
    return options.length === 0 ? null : { from, options, validFor: /^[^`\n]*$/ };
  };
}

/** Whether 1-based `lineNo` is in the post's header: after the title, among its fields. */
export function inHeader(state: EditorState, lineNo: number): boolean {
  if (lineNo > 80) return false;
  const lines: string[] = [];
  for (let n = 1; n < lineNo; n++) lines.push(state.doc.line(n).text);
  let i = 0;
  // The title block (title, its underline and overline), unless the post starts with fields.
  if (!(lines[0] ?? "").startsWith(":")) while (i < lines.length && (lines[i] ?? "").trim() !== "") i++;
  while (i < lines.length && (lines[i] ?? "").trim() === "") i++;
  // Then only fields (and their indented continuations) up to the cursor's line.
  for (; i < lines.length; i++) if (!/^(:|\s+\S)/.test(lines[i] ?? "")) return false;
  return true;
}

/** Role names after a colon; at the start of a header line, Pelican's fields instead. */
export function rolesAndFields(data: () => CompletionData): CompletionSource {
  return (context) => {
    const { text, lineFrom, lineNo } = before(context);
    const names = data().names;
    if (!names) return null;
    const field = /^:([\w-]*)$/.exec(text);
    if (field && inHeader(context.state, lineNo)) {
      const present = new Set<string>();
      for (let n = 1; n < Math.min(lineNo + 30, context.state.doc.lines + 1); n++) {
        const name = /^:([\w-]+):/.exec(context.state.doc.line(n).text)?.[1];
        if (name && n !== lineNo) present.add(name.toLowerCase());
      }
      const options = names.fields
        .filter((f) => !present.has(f))
        .map((f): Completion => ({ label: `:${f}:`, apply: `:${f}: `, type: "property" }));
      return { from: lineFrom, options, validFor: /^:[\w-]*$/ };
    }
    // An indented line's leading colon is a directive's option, not a role.
    const role = /(^|[\s([{"'<-])(:[\w.+-]*)$/.exec(text);
    if (!role) return null;
    const at = role.index + (role[1] ?? "").length;
    const lineStart = text.slice(0, at).trim() === "";
    if (lineStart && at > 0) return null;
    // A bare colon starting a body line may begin a field list as well as a role.
    if (lineStart && role[2] === ":" && !context.explicit) return null;
    const from = lineFrom + at;
    const options = names.roles.map((r): Completion => ({ label: `:${r}:`, type: "function" }));
    return { from, options, validFor: /^:[\w.+-]*$/ };
  };
}

/** Directive names after `.. ` at the start of a line (not a target, substitution or footnote). */
export function directives(data: () => CompletionData): CompletionSource {
  return (context) => {
    const { text, lineFrom } = before(context);
    const m = /^(\s*\.\.\s+)((?:[^\W_][\w-]*)?)$/.exec(text);
    const names = data().names;
    if (!m || !names) return null;
    const options = names.directives.map((d): Completion => ({ label: d, apply: `${d}:: `, type: "keyword" }));
    return { from: lineFrom + (m[1] ?? "").length, options, validFor: /^[\w-]*$/ };
  };
}

/** A small picture of an image option, before its label. */
function thumbnail(completion: Completion): Node | null {
  if (!isImage(completion)) return null;
  const img = document.createElement("img");
  img.className = "cm-completion-thumbnail";
  img.loading = "lazy";
  img.alt = "";
  img.src = completion.thumbnail;
  return img;
}

/** The completion sources, fed by `data` at each request. */
export function completion(data: () => CompletionData): Extension {
  const sources = [linkTargets(data), references(), rolesAndFields(data), directives(data)];
  return [
    EditorState.languageData.of(() => sources.map((autocomplete) => ({ autocomplete }))),
    autocompletion({ addToOptions: [{ render: thumbnail, position: 20 }] }),
  ];
}
