// Spell checking in the editor: misspelt words underlined (from the backend, which checks
// only the lines changed since its last answer), and a menu with corrections, "Add to the
// blog's dictionary" and "Ignore". It runs after the preview, debounced: typing never waits.
import { StateEffect, StateField, type ChangeSet, type Text } from "@codemirror/state";
import { Decoration, EditorView, type DecorationSet } from "@codemirror/view";
import type { SpellingFinding } from "../bindings/SpellingFinding";

/** What the editor needs from the backend. */
export interface SpellingBackend {
  check: (text: string, first: number | null, last: number | null) => Promise<SpellingFinding[]>;
  suggest: (word: string) => Promise<string[]>;
  ignore: (word: string) => Promise<void>;
  addWord: (word: string) => Promise<void>;
}

/** A misspelt word in the document, in CodeMirror positions. */
export interface Misspelt {
  from: number;
  to: number;
  word: string;
}

/** Where each finding is in `doc` (findings name 1-based lines and UTF-16 columns). */
export function placeFindings(doc: Text, findings: readonly SpellingFinding[]): Misspelt[] {
  const out: Misspelt[] = [];
  for (const f of findings) {
    if (f.line < 1 || f.line > doc.lines) continue;
    const line = doc.line(f.line);
    const from = line.from + f.from_utf16;
    const to = line.from + f.to_utf16;
    if (to <= line.to && doc.sliceString(from, to) === f.word) out.push({ from, to, word: f.word });
  }
  return out;
}

/** Replaces the marks between `from` and `to` (document positions) with `marks`. */
const setMarks = StateEffect.define<{ from: number; to: number; marks: Misspelt[] }>();

const misspeltMark = (word: string) =>
  Decoration.mark({ class: "cm-misspelt", attributes: { "data-word": word } });

export const misspellings = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(marks, tr) {
    marks = marks.map(tr.changes);
    for (const effect of tr.effects) {
      if (!effect.is(setMarks)) continue;
      const { from, to } = effect.value;
      marks = marks.update({
        filter: (f, t) => t < from || f > to,
        add: effect.value.marks.map((m) => misspeltMark(m.word).range(m.from, m.to)),
        sort: true,
      });
    }
    return marks;
  },
  provide: (field) => EditorView.decorations.from(field),
});

/** How long typing must pause before the changed lines are checked. */
const SPELL_DEBOUNCE_MS = 400;

/**
 * Keeps the marks of one view up to date: remembers which lines changed since the last
 * answer, asks for them when typing pauses, and drops an answer the text has moved past
 * (its lines are asked for again).
 */
export class SpellChecker {
  /** Changed range in the current document (from, to), or null when all is checked. */
  private dirty: { from: number; to: number } | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running = false;
  private menu: HTMLElement | null = null;
  /** Set while the backend cannot check (no dictionary): told once, then quiet. */
  private failed = false;

  constructor(
    private readonly view: () => EditorView,
    private readonly backend: SpellingBackend,
    private readonly onError: (message: string) => void,
  ) {}

  /** The whole text needs checking (a post was opened). */
  checkAll(): void {
    this.dirty = { from: 0, to: this.view().state.doc.length };
    this.failed = false;
    this.schedule();
  }

  /** The writer changed the text: the changed lines need checking again. */
  changed(changes: ChangeSet): void {
    let dirty = this.dirty ? { from: changes.mapPos(this.dirty.from, -1), to: changes.mapPos(this.dirty.to, 1) } : null;
    changes.iterChangedRanges((_fromA, _toA, fromB, toB) => {
      dirty = dirty ? { from: Math.min(dirty.from, fromB), to: Math.max(dirty.to, toB) } : { from: fromB, to: toB };
    });
    this.dirty = dirty;
    this.schedule();
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.run(), SPELL_DEBOUNCE_MS);
  }

  private async run(): Promise<void> {
    this.timer = null;
    if (this.running || !this.dirty || this.failed) {
      if (this.running) this.schedule();
      return;
    }
    const view = this.view();
    const doc = view.state.doc;
    const first = doc.lineAt(Math.min(this.dirty.from, doc.length));
    const last = doc.lineAt(Math.min(this.dirty.to, doc.length));
    const whole = first.number === 1 && last.number === doc.lines;
    this.dirty = null;
    this.running = true;
    try {
      const findings = await this.backend.check(doc.toString(), whole ? null : first.number, whole ? null : last.number);
      const now = this.view();
      if (now !== view || now.state.doc !== doc) {
        // The text moved on while the backend checked: check those lines again.
        if (now === view) this.changedRange(first.from, last.to);
        return;
      }
      view.dispatch({ effects: setMarks.of({ from: first.from, to: last.to, marks: placeFindings(doc, findings) }) });
    } catch (e) {
      this.failed = true;
      this.onError(typeof e === "object" && e && "message" in e ? String(e.message) : String(e));
    } finally {
      this.running = false;
    }
  }

  /** Marks `from..to` (positions of an older text, clamped to this one) as needing a check. */
  private changedRange(from: number, to: number): void {
    const current = this.view().state.doc;
    const f = Math.min(from, current.length);
    const t = Math.min(Math.max(to, f), current.length);
    this.dirty = this.dirty ? { from: Math.min(this.dirty.from, f), to: Math.max(this.dirty.to, t) } : { from: f, to: t };
    this.schedule();
  }

  /** The misspelt word at `pos`, if there is one. */
  wordAt(pos: number): Misspelt | null {
    const view = this.view();
    let found: Misspelt | null = null;
    view.state.field(misspellings).between(pos, pos, (from, to, value) => {
      const word = (value.spec.attributes as Record<string, string> | undefined)?.["data-word"];
      if (word !== undefined && from <= pos && pos <= to) found = { from, to, word };
    });
    return found;
  }

  /** Opens the corrections menu for the misspelt word at `pos`, at window point (x, y). */
  async openMenu(pos: number, x: number, y: number): Promise<boolean> {
    const word = this.wordAt(pos);
    if (!word) return false;
    this.closeMenu();
    const menu = document.createElement("div");
    menu.className = "spelling-menu";
    menu.dataset["testid"] = "spelling-menu";
    menu.setAttribute("role", "menu");
    menu.style.left = `${x}px`;
    menu.style.top = `${y}px`;
    const waiting = item("Looking for corrections…", () => {});
    waiting.disabled = true;
    menu.append(waiting);
    const add = item("Add to the blog's dictionary", () => void this.accept(word, true));
    add.dataset["testid"] = "spelling-add";
    const ignore = item("Ignore", () => void this.accept(word, false));
    ignore.dataset["testid"] = "spelling-ignore";
    menu.append(separator(), add, ignore);
    document.body.append(menu);
    this.menu = menu;
    const close = (e: Event) => {
      if (e instanceof KeyboardEvent && e.key !== "Escape") return;
      if (e instanceof MouseEvent && menu.contains(e.target as Node)) return;
      this.closeMenu();
    };
    setTimeout(() => {
      document.addEventListener("mousedown", close, { once: false });
      document.addEventListener("keydown", close, { once: false });
    });
    menu.addEventListener("folio-close", () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", close);
    });
    const suggestions = await this.backend.suggest(word.word).catch(() => [] as string[]);
    if (this.menu !== menu) return true;
    const choices = suggestions.map((s) => {
      const choice = item(s, () => this.replace(word, s));
      choice.dataset["testid"] = "spelling-suggestion";
      return choice;
    });
    waiting.replaceWith(...(choices.length > 0 ? choices : [disabled("No corrections")]));
    choices[0]?.focus();
    return true;
  }

  /** Opens the menu for the misspelt word at the cursor (the keyboard shortcut). */
  openMenuAtCursor(): boolean {
    const view = this.view();
    const pos = view.state.selection.main.head;
    if (!this.wordAt(pos)) return false;
    const coords = view.coordsAtPos(pos);
    void this.openMenu(pos, coords?.left ?? 0, coords?.bottom ?? 0);
    return true;
  }

  closeMenu(): void {
    if (!this.menu) return;
    this.menu.dispatchEvent(new Event("folio-close"));
    this.menu.remove();
    this.menu = null;
    this.view().focus();
  }

  private replace(word: Misspelt, correction: string): void {
    this.closeMenu();
    const view = this.view();
    // The word may have moved since the menu opened: find it where the mark is now.
    const now = this.wordAt(word.from) ?? word;
    if (view.state.doc.sliceString(now.from, now.to) !== word.word) return;
    view.dispatch({
      changes: { from: now.from, to: now.to, insert: correction },
      selection: { anchor: now.from + correction.length },
      userEvent: "input.spelling",
    });
  }

  private async accept(word: Misspelt, toBlog: boolean): Promise<void> {
    this.closeMenu();
    try {
      await (toBlog ? this.backend.addWord(word.word) : this.backend.ignore(word.word));
    } catch (e) {
      this.onError(typeof e === "object" && e && "message" in e ? String(e.message) : String(e));
      return;
    }
    // Every mark of that word goes, wherever it is.
    const view = this.view();
    const keep: Misspelt[] = [];
    view.state.field(misspellings).between(0, view.state.doc.length, (from, to, value) => {
      const w = (value.spec.attributes as Record<string, string> | undefined)?.["data-word"];
      if (w !== undefined && w !== word.word) keep.push({ from, to, word: w });
    });
    view.dispatch({ effects: setMarks.of({ from: 0, to: view.state.doc.length, marks: keep }) });
  }
}

function item(label: string, run: () => void): HTMLButtonElement {
  const button = document.createElement("button");
  button.className = "spelling-item";
  button.setAttribute("role", "menuitem");
  button.textContent = label;
  button.addEventListener("click", run);
  return button;
}

function disabled(label: string): HTMLButtonElement {
  const b = item(label, () => {});
  b.disabled = true;
  return b;
}

function separator(): HTMLElement {
  const hr = document.createElement("div");
  hr.className = "spelling-separator";
  return hr;
}
