// The CodeMirror editor: one EditorState per post, so each keeps its own undo history.
import { basicSetup } from "codemirror";
import {
  Annotation,
  Compartment,
  EditorState,
  Prec,
  StateField,
  type ChangeSet,
  type Extension,
  type Transaction,
} from "@codemirror/state";
import { EditorView, keymap } from "@codemirror/view";
import { foldService } from "@codemirror/language";
import { headingsAfter, headingsOf, type Heading } from "./sections";
import { setDiagnostics, lintGutter, type Diagnostic as LintDiagnostic } from "@codemirror/lint";
import type { Diagnostic } from "../bindings/Diagnostic";
import { diagnosticRange } from "./positions";
import { rst } from "./rst-language";
import { trace } from "../trace";
import { placeSnippets } from "./image-snippet";
import { misspellings, SpellChecker, type SpellingBackend } from "./spelling";
import { isUrl, toggleInline, toggleLink, type InlineMarker } from "./formatting";
import { headingsFixThemselves, titleWidth } from "./headings";
import { htmlHasText, htmlToRst, pasteAdornments, postAdornments } from "./html-paste";
import { completion, type CompletionData } from "./completion";
import { blockKeys, runFormat, type FormatId, type FormatWindow } from "./format-commands";

/** The drag type of an image panel thumbnail; its data is the image's reST. */
export const IMAGE_DRAG_TYPE = "application/x-folio-image";

export interface EditorCallbacks {
  /** The writer changed the text (typing, paste, undo...); `changes` map the text before to the text after. */
  onChange: (changes: ChangeSet) => void;
  /** The user asked to save (Ctrl/Cmd+S). */
  onSave: () => void;
  /** Image files were pasted at `pos`. */
  onPasteImages: (files: File[], pos: number) => void;
  /** Spell checking of the open post. */
  spelling: SpellingBackend;
  /** The system clipboard's text (Ctrl+K links to the address there). */
  clipboardText: () => Promise<string | null>;
  /** Spell checking cannot run (no dictionary for the post's language, ...). */
  onSpellingError: (message: string) => void;
  /** What completion offers (posts, images, names), asked at each completion. */
  completion?: () => CompletionData;
  /** The engine's reading of tables and the blog's heading styles, for the formatting commands. */
  formatting: FormatWindow;
}

/** A document position that follows the edits made while an import runs. */
export interface TrackedPos {
  pos: number;
  /** The post the position is in. */
  path: string | null;
}

/**
 * The headings of the text, kept through edits: the fold gutter asks for every visible
 * line, and typing in a paragraph changes none (`headingsAfter`).
 */
const headingsField = StateField.define<Heading[]>({
  create: (state) => headingsOf(state.doc),
  update: (headings, tr) => (tr.docChanged ? headingsAfter(tr.startState.doc, headings, tr.changes, tr.newDoc) : headings),
});

function cachedHeadings(state: EditorState): Heading[] {
  return state.field(headingsField, false) ?? headingsOf(state.doc);
}

/** Folding by section: a heading folds until the next heading of the same or a higher level. */
const sectionFolding = foldService.of((state, lineStart) => {
  const lineNo = state.doc.lineAt(lineStart).number;
  const headings = cachedHeadings(state);
  const index = headings.findIndex((h) => h.line === lineNo);
  const heading = headings[index];
  if (!heading) return null;
  const next = headings.slice(index + 1).find((h) => h.level <= heading.level);
  const endLine = next ? next.startLine - 1 : state.doc.lines;
  if (endLine <= heading.line + 1) return null;
  return { from: state.doc.line(heading.line).to, to: state.doc.line(endLine).to };
});

/** Marks text that came from disk, not from the writer: it does not make the post dirty. */
const fromDisk = Annotation.define<boolean>();

const LINT_SEVERITY: Record<Diagnostic["severity"], LintDiagnostic["severity"]> = {
  info: "info",
  warning: "warning",
  error: "error",
  severe: "error",
};

export class Editor {
  private readonly view: EditorView;
  private readonly states = new Map<string, EditorState>();
  private readonly readOnly = new Compartment();
  private path: string | null = null;
  private readonly tracked = new Set<TrackedPos>();
  /** Bumped by each scrollToLine, so only the latest one aims again. */
  private scrollGeneration = 0;
  private readonly spell: SpellChecker;

  constructor(parent: HTMLElement, private readonly callbacks: EditorCallbacks) {
    this.spell = new SpellChecker(() => this.view, callbacks.spelling, callbacks.onSpellingError);
    this.view = new EditorView({
      parent,
      state: this.newState("", true),
      // The writer's edits are told before the view updates (its DOM, highlighting and
      // measuring take milliseconds on a long post), so the preview's round trip starts
      // first; `text()` and `length()` already give the new text meanwhile.
      dispatchTransactions: (transactions, view) => {
        const last = transactions[transactions.length - 1];
        this.updating = last ? last.state : null;
        try {
          this.tellChanges(transactions);
        } finally {
          // Whatever a listener did, the writer's edit goes into the editor.
          this.updating = null;
          view.update(transactions);
          trace("folio:editor-updated");
        }
      },
    });
  }

  /** The state being put in the view, while it is (see `dispatchTransactions`). */
  private updating: EditorState | null = null;

  private get state(): EditorState {
    return this.updating ?? this.view.state;
  }

  private tellChanges(transactions: readonly Transaction[]): void {
    const changed = transactions.filter((tr) => tr.docChanged);
    if (changed.length === 0) return;
    for (const tr of changed) {
      for (const t of this.tracked) if (t.path === this.path) t.pos = tr.changes.mapPos(t.pos);
      this.spell.changed(tr.changes);
    }
    if (changed.some((tr) => tr.annotation(fromDisk))) return;
    for (const tr of changed) this.callbacks.onChange(tr.changes);
  }

  private newState(text: string, readOnly: boolean): EditorState {
    const extensions: Extension[] = [
      basicSetup,
      rst,
      headingsField,
      sectionFolding,
      lintGutter(),
      misspellings,
      headingsFixThemselves,
      this.callbacks.completion ? completion(this.callbacks.completion) : [],
      EditorView.lineWrapping,
      this.readOnly.of([EditorState.readOnly.of(readOnly), EditorView.editable.of(!readOnly)]),
      Prec.high(keymap.of(this.formattingKeys())),
      Prec.high(keymap.of(blockKeys(this.callbacks.formatting))),
      keymap.of([
        {
          key: "Mod-s",
          preventDefault: true,
          run: () => {
            this.callbacks.onSave();
            return true;
          },
        },
        { key: "Mod-.", preventDefault: true, run: () => this.spell.openMenuAtCursor() },
      ]),
      EditorView.domEventHandlers({
        contextmenu: (event, view) => {
          const pos = view.posAtCoords({ x: event.clientX, y: event.clientY }, false);
          if (view.state.readOnly || !this.spell.wordAt(pos)) return false;
          event.preventDefault();
          void this.spell.openMenu(pos, event.clientX, event.clientY);
          return true;
        },
        paste: (event, view) => {
          const data = event.clipboardData;
          const pasted = data?.getData("text/plain") ?? "";
          // A web address pasted over selected text links that text to it.
          const ranges = view.state.selection.ranges;
          if (isUrl(pasted) && ranges.every((r) => !r.empty) && !view.state.readOnly) {
            event.preventDefault();
            view.dispatch({ ...toggleLink(view.state, pasted), userEvent: "input.paste" });
            return true;
          }
          const files = [...(data?.files ?? [])].filter((f) => f.type.startsWith("image/"));
          // Rich text (a browser's, a word processor's) comes in as reST; a copied picture
          // alone (its HTML is an <img> and no text) is imported as an image below.
          const html = data?.getData("text/html");
          const richText = html && !view.state.readOnly && (files.length === 0 || htmlHasText(html));
          const rst = richText ? this.htmlAsRst(view, html) : null;
          if (rst !== null) {
            event.preventDefault();
            view.dispatch(view.state.replaceSelection(rst), { userEvent: "input.paste", scrollIntoView: true });
            return true;
          }
          // Office programs put a picture of copied text beside the text: text wins.
          if (files.length === 0 || data?.getData("text/plain") || view.state.readOnly) return false;
          event.preventDefault();
          this.callbacks.onPasteImages(files, view.state.selection.main.head);
          return true;
        },
        dragover: (event, view) => {
          if (!event.dataTransfer?.types.includes(IMAGE_DRAG_TYPE) || view.state.readOnly) return false;
          event.preventDefault();
          event.dataTransfer.dropEffect = "copy";
          return false; // the drop cursor still follows the pointer
        },
        drop: (event, view) => {
          const snippet = event.dataTransfer?.getData(IMAGE_DRAG_TYPE);
          if (!snippet || view.state.readOnly) return false;
          event.preventDefault();
          const pos = view.posAtCoords({ x: event.clientX, y: event.clientY }, false);
          this.insertImages(pos, [snippet]);
          return true;
        },
      }),
    ];
    return EditorState.create({ doc: text, extensions });
  }

  /** `html` as reST in this post's heading style; `null` when plain text says as much. One
   *  line of inline text is inserted without a line break of its own. */
  private htmlAsRst(view: EditorView, html: string): string | null {
    const lines: string[] = [];
    for (const line of view.state.doc.iterLines()) lines.push(line);
    const rst = htmlToRst(html, { adornments: pasteAdornments(postAdornments(lines)), width: titleWidth });
    if (rst === null) return null;
    const body = rst.replace(/\n$/, "");
    return body.includes("\n") ? rst : body;
  }

  /** Ctrl+Shift+V: the clipboard's plain text, whatever richer forms it also holds. */
  private pastePlain(view: EditorView): boolean {
    if (view.state.readOnly) return false;
    void this.callbacks
      .clipboardText()
      .catch(() => null)
      .then((text) => {
        if (text) view.dispatch(view.state.replaceSelection(text), { userEvent: "input.paste", scrollIntoView: true });
      });
    return true;
  }

  /** Ctrl+I, Ctrl+B, Ctrl+` and Ctrl+K: inline markup and links on every selection. */
  private formattingKeys() {
    const inline = (marker: InlineMarker) => (view: EditorView) => {
      if (view.state.readOnly) return false;
      view.dispatch({ ...toggleInline(view.state, marker), userEvent: "input.format" });
      return true;
    };
    const link = (view: EditorView) => {
      if (view.state.readOnly) return false;
      // The clipboard's address when it holds one, else a placeholder to type over.
      void this.callbacks
        .clipboardText()
        .catch(() => null)
        .then((clip) => {
          clip ??= "";
          const url = isUrl(clip) ? clip.trim() : "https://";
          view.dispatch({ ...toggleLink(view.state, url), userEvent: "input.format" });
        });
      return true;
    };
    return [
      { key: "Mod-i", preventDefault: true, run: inline("*") },
      { key: "Mod-b", preventDefault: true, run: inline("**") },
      { key: "Mod-`", preventDefault: true, run: inline("``") },
      { key: "Mod-k", preventDefault: true, run: link },
      { key: "Mod-Shift-v", preventDefault: true, run: (view: EditorView) => this.pastePlain(view) },
    ];
  }

  /** Runs a formatting command (the toolbar's buttons) on the selections, and focuses. */
  format(id: FormatId): void {
    runFormat(this.view, this.callbacks.formatting, id);
    this.view.focus();
  }

  /** Shows the post at `path`; the first time with `text`, later with its kept state. */
  open(path: string, text: string, editable: boolean): void {
    if (this.path) this.states.set(this.path, this.view.state);
    const kept = this.states.get(path);
    this.view.setState(kept && kept.doc.toString() === text ? kept : this.newState(text, !editable));
    this.path = path;
    this.view.focus();
    this.spell.closeMenu();
    if (editable) this.spell.checkAll();
  }

  /**
   * Replaces the whole text, as one undoable step. `fromDiskText` says the text is what is
   * on disk now (a reload), so it does not count as an edit.
   */
  replaceText(text: string, fromDiskText: boolean): void {
    this.view.dispatch({
      changes: { from: 0, to: this.view.state.doc.length, insert: text },
      annotations: fromDisk.of(fromDiskText),
    });
  }

  /** The post's section headings, for the outline. */
  headings(): Heading[] {
    return cachedHeadings(this.view.state);
  }

  /** Puts the cursor at the start of 1-based `line` and scrolls it to the top. */
  goToLine(line: number): void {
    const doc = this.view.state.doc;
    const pos = doc.line(Math.min(Math.max(line, 1), doc.lines)).from;
    this.view.dispatch({ selection: { anchor: pos }, effects: EditorView.scrollIntoView(pos, { y: "start" }) });
    this.view.focus();
  }

  /** The element that scrolls; its `scroll` events say the editor moved. */
  get scroller(): HTMLElement {
    return this.view.scrollDOM;
  }

  /** The document height (CodeMirror's coordinates) at the top of the visible area. */
  private visibleTop(): number {
    return this.view.scrollDOM.getBoundingClientRect().top - this.view.documentTop;
  }

  /** The 1-based line at the top of the visible area, plus the fraction of it scrolled past. */
  topLine(): number {
    const top = this.visibleTop();
    const block = this.view.lineBlockAtHeight(Math.max(top, 0));
    const line = this.view.state.doc.lineAt(block.from).number;
    const past = block.height > 0 ? (top - block.top) / block.height : 0;
    return line + Math.min(Math.max(past, 0), 0.999);
  }

  /**
   * Scrolls so that fractional 1-based `line` is `offset` pixels below the top. Lines not
   * drawn yet have estimated heights, so it aims again once CodeMirror has measured the
   * lines it scrolled to.
   */
  scrollToLine(line: number, offset = 0): void {
    const aim = () => {
      const doc = this.view.state.doc;
      const whole = Math.min(Math.max(Math.floor(line), 1), doc.lines);
      const block = this.view.lineBlockAt(doc.line(whole).from);
      const target = block.top + (line - whole) * block.height - offset;
      const delta = target - this.visibleTop();
      // A few pixels are rounding: moving for them would be jitter.
      if (Math.abs(delta) >= 3) this.view.scrollDOM.scrollTop += delta;
    };
    aim();
    const generation = ++this.scrollGeneration;
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        if (generation === this.scrollGeneration) aim();
      }),
    );
  }

  /** Whether the editor is scrolled to its end. */
  atEnd(): boolean {
    const s = this.view.scrollDOM;
    return s.scrollTop > 0 && s.scrollTop + s.clientHeight >= s.scrollHeight - 1;
  }

  scrollToEnd(): void {
    const s = this.view.scrollDOM;
    s.scrollTop = s.scrollHeight;
  }

  /** Puts the cursor at the start of `line`, shown `offset` pixels below the top, and focuses. */
  placeCursor(line: number, offset: number): void {
    const doc = this.view.state.doc;
    const pos = doc.line(Math.min(Math.max(line, 1), doc.lines)).from;
    this.view.dispatch({ selection: { anchor: pos } });
    this.scrollToLine(line, Math.max(offset, 0));
    this.view.focus();
  }

  /** Applies a change as the writer's own edit (undoable, saved like typing). */
  applyChange(change: { from: number; to: number; insert: string }): void {
    const length = this.view.state.doc.length;
    this.view.dispatch({ changes: { from: Math.min(change.from, length), to: Math.min(change.to, length), insert: change.insert } });
  }

  /** The document position at window point (x, y), or the cursor when it is not over text. */
  posAtPoint(x: number, y: number): number {
    return this.view.posAtCoords({ x, y }, false) ?? this.view.state.selection.main.head;
  }

  /** The cursor's position. */
  cursor(): number {
    return this.view.state.selection.main.head;
  }

  /** Whether window point (x, y) is over the editor. */
  contains(x: number, y: number): boolean {
    const r = this.view.dom.getBoundingClientRect();
    return x >= r.left && x < r.right && y >= r.top && y < r.bottom;
  }

  /** Follows `pos` of the open post through later edits until `untrack`. */
  track(pos: number): TrackedPos {
    const t = { pos, path: this.path };
    this.tracked.add(t);
    return t;
  }

  untrack(t: TrackedPos): void {
    this.tracked.delete(t);
  }

  /** The post the editor shows. */
  openPath(): string | null {
    return this.path;
  }

  /**
   * Inserts image directives at `pos` as the writer's own edit and selects the first
   * one's alt text, so typing replaces it.
   */
  insertImages(pos: number, snippets: readonly string[]): void {
    if (snippets.length === 0) return;
    const p = placeSnippets(this.view.state.doc, pos, snippets);
    this.view.dispatch({
      changes: { from: p.at, insert: p.insert },
      selection: { anchor: p.altFrom, head: p.altTo },
      scrollIntoView: true,
      userEvent: "input.drop",
    });
    this.view.focus();
  }

  text(): string {
    return this.state.doc.toString();
  }

  lineCount(): number {
    return this.view.state.doc.lines;
  }

  /** The text's length in UTF-16 code units, without building the string. */
  length(): number {
    return this.state.doc.length;
  }

  showDiagnostics(diagnostics: readonly Diagnostic[]): void {
    const doc = this.view.state.doc;
    const marks: LintDiagnostic[] = diagnostics.map((d) => ({
      ...diagnosticRange(doc, d),
      severity: LINT_SEVERITY[d.severity],
      message: d.message,
      source: "reST",
    }));
    this.view.dispatch(setDiagnostics(this.view.state, marks));
  }
}
