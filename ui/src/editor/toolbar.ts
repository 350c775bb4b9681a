// The formatting toolbar above the editor: a button per formatting command and one to hide
// the bar (the blog menu shows it again). Whether it is hidden is remembered in settings.
import { el } from "../dom";
import { FORMAT_COMMANDS, type FormatId } from "./format-commands";

/** Groups of commands, split by a gap on the bar. */
const GROUPS: readonly (readonly FormatId[])[] = [
  ["strong", "emphasis", "literal"],
  ["heading1", "heading2", "heading3", "heading4"],
  ["bullets", "numbers", "quote", "code", "note", "warning"],
  ["table", "table-column"],
];

export class FormattingToolbar {
  readonly element: HTMLDivElement;

  constructor(
    private readonly run: (id: FormatId) => void,
    private readonly onHiddenChange: (hidden: boolean) => void,
    keyLabel: (key: string) => string,
  ) {
    this.element = el("div", "format-bar");
    this.element.dataset["testid"] = "format-bar";
    this.element.setAttribute("role", "toolbar");
    this.element.setAttribute("aria-label", "Formatting");
    for (const group of GROUPS) {
      const box = el("div", "format-group");
      for (const id of group) {
        const command = FORMAT_COMMANDS.find((c) => c.id === id);
        if (!command) continue;
        const button = el("button", `format-button format-${id}`, command.label);
        button.type = "button";
        button.dataset["format"] = id;
        button.title = command.key ? `${command.title} (${keyLabel(command.key)})` : command.title;
        // Keep the editor's selection: the button acts on it without taking the focus.
        button.addEventListener("mousedown", (e) => e.preventDefault());
        button.addEventListener("click", () => this.run(id));
        box.append(button);
      }
      this.element.append(box);
    }
    const hide = el("button", "format-button format-hide", "×");
    hide.type = "button";
    hide.title = "Hide the formatting toolbar (the blog menu shows it again)";
    hide.dataset["testid"] = "format-bar-hide";
    hide.addEventListener("click", () => this.setHidden(true));
    this.element.append(hide);
  }

  get hidden(): boolean {
    return this.element.hidden;
  }

  /** Shows or hides the bar; `remember` false when it only follows the saved setting. */
  setHidden(hidden: boolean, remember = true): void {
    this.element.hidden = hidden;
    if (remember) this.onHiddenChange(hidden);
  }
}

/** A CodeMirror key name as the shortcuts list writes it (`Mod-Shift-8` → `Ctrl+Shift+8`). */
export function keyLabel(key: string, mod: string): string {
  return key
    .split("-")
    .map((part) => (part === "Mod" ? mod : part.length === 1 ? part.toUpperCase() : part))
    .join("+");
}
