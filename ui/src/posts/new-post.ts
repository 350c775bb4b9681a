// Asking for a new post's title.

/** Shows a small dialog; resolves to the title, or null when cancelled. */
export function askTitle(): Promise<string | null> {
  const dialog = document.createElement("dialog");
  dialog.className = "publish-dialog new-post-dialog";
  dialog.dataset["testid"] = "new-post-dialog";
  const form = document.createElement("form");
  form.className = "dialog-form";
  const heading = document.createElement("h2");
  heading.className = "dialog-title";
  heading.textContent = "New post";
  const input = document.createElement("input");
  input.className = "dialog-input";
  input.placeholder = "Title";
  input.required = true;
  input.dataset["testid"] = "new-post-title";
  const hint = document.createElement("p");
  hint.className = "empty-hint";
  hint.textContent = "It starts as a draft; publishing makes it public.";
  const actions = document.createElement("div");
  actions.className = "dialog-actions";
  const cancel = document.createElement("button");
  cancel.type = "button";
  cancel.className = "button";
  cancel.textContent = "Cancel";
  const create = document.createElement("button");
  create.type = "submit";
  create.className = "button primary";
  create.textContent = "Create";
  create.dataset["testid"] = "new-post-create";
  actions.append(cancel, create);
  form.append(heading, input, hint, actions);
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
