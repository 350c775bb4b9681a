// The keyboard shortcuts, listed in a dialog (F1, or the blog menu).
import { el } from "./dom";

const isMac = navigator.platform.startsWith("Mac");
const mod = isMac ? "⌘" : "Ctrl";

/** What each shortcut does; the editor's come from CodeMirror's standard keymaps. */
export const SHORTCUTS: readonly (readonly [string, string])[] = [
  [`${mod}+S`, "Save now (Folio also saves as you type)"],
  [`${mod}+N`, "New post"],
  [`${mod}+Shift+P`, "Publish the open post"],
  [`${mod}+Shift+H`, "Every version of the open post (history, compare, restore)"],
  [`${mod}+F`, "Find and replace in the post"],
  [`${mod}+Z / ${mod}+Shift+Z`, "Undo / redo (each post keeps its own history)"],
  [`${mod}+Shift+[ / ${mod}+Shift+]`, "Fold / unfold the section at the cursor"],
  [`${mod}+I / ${mod}+B / ${mod}+\``, "Emphasis / strong / inline literal (again to remove)"],
  [`${mod}+K`, "Link the selection (to the address in the clipboard); pasting an address over a selection links it too"],
  [`${mod}+1 … ${mod}+4`, "Section heading of that level, in the post's own underline style (again to remove)"],
  [`${mod}+Shift+8 / ${mod}+Shift+7`, "Bullet / numbered list of the selected lines (again to remove)"],
  [`${mod}+Shift+9`, "Block quote (again to remove)"],
  [`${mod}+Shift+C`, "Code block, its language selected to type over (again, inside it, to remove)"],
  [`Tab / ${mod}+Shift+A in a table`, "Align the grid or simple table and go to the next cell (a new row after the last)"],
  [`${mod}+V / ${mod}+Shift+V`, "Paste (text copied from a web page or a document comes as reST) / paste plain text"],
  [`${mod}+. (or right-click)`, "Corrections for the misspelt word at the cursor"],
  ["↑ / ↓ in the post list", "Move between posts; Enter opens one"],
  ["F1", "This list"],
];

export class ShortcutsDialog {
  private readonly dialog: HTMLDialogElement;

  constructor() {
    this.dialog = el("dialog", "publish-dialog shortcuts-dialog");
    this.dialog.dataset["testid"] = "shortcuts";
    const table = el("table", "shortcuts");
    for (const [keys, what] of SHORTCUTS) {
      const row = el("tr", "");
      row.append(el("td", "shortcut-keys", keys), el("td", "", what));
      table.append(row);
    }
    const close = el("button", "button primary", "Close");
    close.addEventListener("click", () => this.dialog.close());
    const actions = el("div", "dialog-actions");
    actions.append(close);
    this.dialog.append(el("h2", "dialog-title", "Keyboard shortcuts"), table, actions);
    document.body.append(this.dialog);
  }

  show(): void {
    if (!this.dialog.open) this.dialog.showModal();
  }
}
