// Asking for a new post's title.
import { el, formButtons } from "../dom";

/** Shows a small dialog; resolves to the title, or null when cancelled. */
export function askTitle(): Promise<string | null> {
  const dialog = el("dialog", "publish-dialog new-post-dialog");
  dialog.dataset["testid"] = "new-post-dialog";
  const form = el("form", "dialog-form");
  const input = el("input", "dialog-input");
  input.placeholder = "Title";
  input.required = true;
  input.dataset["testid"] = "new-post-title";
  const { row: actions, cancel, submit: create } = formButtons("Cancel", "Create");
  create.dataset["testid"] = "new-post-create";
  form.append(
    el("h2", "dialog-title", "New post"),
    input,
    el("p", "empty-hint", "It starts as a draft; publishing makes it public."),
    actions,
  );
  dialog.append(form);
  document.body.append(dialog);
  dialog.showModal();
  input.focus();
  return new Promise((resolve) => {
    const finish = (value: string | null) => {
      dialog.close();
      dialog.remove();
      resolve(value);
    };
    cancel.addEventListener("click", () => finish(null));
    dialog.addEventListener("cancel", () => finish(null));
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const title = input.value.trim();
      if (title) finish(title);
    });
  });
}

/** The local time as Pelican's date field is usually written: `2026-11-25 10:05`. */
export function localDate(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())} ${pad(now.getHours())}:${pad(now.getMinutes())}`;
}
