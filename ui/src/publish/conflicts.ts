// The conflict view: a publish found the remote changed the same lines. For each file it
// shows the writer's version and the remote's side by side, and the text to publish,
// which starts as the writer's and can be switched to the remote's or edited by hand.
import type { Conflict } from "../bindings/Conflict";
import type { Resolution } from "../bindings/Resolution";
import { el } from "../dom";

export interface ConflictView {
  element: HTMLElement;
  /** The writer's choice for every file. */
  resolutions(): Resolution[];
}

const PUBLISH_INTRO =
  "The remote changed the same lines as you. Nothing was published and your commit is kept. Choose the text to publish for each file:";

/**
 * `intro` says what happened and `resultLabel` what the chosen text is for (a publish's,
 * unless given).
 */
export function conflictView(
  conflicts: readonly Conflict[],
  intro = PUBLISH_INTRO,
  resultLabel = "To publish",
): ConflictView {
  const element = el("div", "conflicts");
  element.dataset["testid"] = "conflicts";
  element.append(el("p", "dialog-text", intro));
  const choices = conflicts.map((conflict) => {
    const section = el("section", "conflict");
    section.dataset["path"] = conflict.path;
    const side = (label: string, text: string | null, testid: string) => {
      const column = el("div", "conflict-side");
      const pre = el("pre", "conflict-text", text ?? "(deleted)");
      pre.dataset["testid"] = testid;
      column.append(el("div", "conflict-label", label), pre);
      return column;
    };
    const columns = el("div", "conflict-columns");
    columns.append(side("Yours", conflict.ours, "conflict-ours"), side("On the remote", conflict.theirs, "conflict-theirs"));
    const result = el("textarea", "conflict-result");
    result.dataset["testid"] = "conflict-result";
    result.spellcheck = false;
    result.setAttribute("aria-label", `${resultLabel} for ${conflict.path}`);
    let deleted = false;
    const choose = (text: string | null) => {
      deleted = text === null;
      result.value = text ?? "";
      result.disabled = deleted;
      result.placeholder = deleted ? "The file will be deleted." : "";
    };
    choose(conflict.ours);
    const mine = el("button", "button small", "Use mine");
    mine.type = "button";
    mine.addEventListener("click", () => choose(conflict.ours));
    const theirs = el("button", "button small", "Use the remote's");
    theirs.type = "button";
    theirs.dataset["testid"] = "conflict-use-theirs";
    theirs.addEventListener("click", () => choose(conflict.theirs));
    const buttons = el("div", "conflict-buttons");
    buttons.append(mine, theirs);
    section.append(el("h3", "conflict-path", conflict.path), columns, el("div", "conflict-label", resultLabel), result, buttons);
    element.append(section);
    return (): Resolution => ({ path: conflict.path, text: deleted ? null : result.value });
  });
  return { element, resolutions: () => choices.map((choice) => choice()) };
}
