// Cloning a blog from a URL: where from, where to, then progress.
import { answerPrompt, asApiError, chooseFolder, cloneBlog, type Workspace } from "../api";
import { el, formButtons } from "../dom";

/** The folder name a clone of `url` gets: the repository's name without `.git`. */
export function repoName(url: string): string {
  const last = url.replace(/[/\\]+$/, "").split(/[/:\\]/).pop() ?? "";
  return last.replace(/\.git$/, "") || "blog";
}


/** Asks for a URL and a folder and clones; resolves to the opened workspace, or null. */
export function runCloneDialog(defaultParent: string): Promise<Workspace | null> {
  const dialog = el("dialog", "publish-dialog");
  dialog.dataset["testid"] = "clone-dialog";
  const form = el("form", "dialog-form");
  const url = el("input", "dialog-input");
  url.placeholder = "git@example.com:me/blog.git or https://…";
  url.required = true;
  url.dataset["testid"] = "clone-url";
  const dir = el("input", "dialog-input");
  dir.placeholder = "Folder to clone into";
  dir.required = true;
  dir.dataset["testid"] = "clone-dir";
  const choose = el("button", "button", "Choose…");
  choose.type = "button";
  const dirRow = el("div", "dialog-row");
  dirRow.append(dir, choose);
  const status = el("p", "dialog-text");
  status.dataset["testid"] = "clone-status";
  const { row: actions, cancel, submit: go } = formButtons("Cancel", "Clone");
  go.dataset["testid"] = "clone-go";
  form.append(el("h2", "dialog-title", "Clone a blog"), url, dirRow, status, actions);
  dialog.append(form);
  document.body.append(dialog);
  dialog.showModal();
  url.focus();

  let dirEdited = false;
  dir.addEventListener("input", () => (dirEdited = true));
  url.addEventListener("input", () => {
    if (!dirEdited) dir.value = `${defaultParent}/${repoName(url.value)}`;
  });
  choose.addEventListener("click", async () => {
    const parent = await chooseFolder().catch(() => null);
    if (parent) {
      dir.value = `${parent}/${repoName(url.value)}`;
      dirEdited = true;
    }
  });

  return new Promise((resolve) => {
    const finish = (value: Workspace | null) => {
      dialog.close();
      dialog.remove();
      resolve(value);
    };
    cancel.addEventListener("click", () => finish(null));
    dialog.addEventListener("cancel", (e) => {
      if (go.disabled) e.preventDefault(); // not while cloning
      else finish(null);
    });
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      go.disabled = cancel.disabled = true;
      status.textContent = "Connecting…";
      try {
        const workspace = await cloneBlog(url.value.trim(), dir.value.trim(), (event) => {
          if (event.type === "progress") {
            const p = event.progress;
            status.textContent = p.total > 0 ? `Receiving ${p.current}/${p.total} objects…` : "Receiving…";
          } else {
            // Cloning does not ask questions yet: answer no at once, so git stops waiting.
            void answerPrompt(event.id, { kind: "cancel" });
            status.textContent = "This remote needs a sign-in, which cloning cannot ask for yet. Set up an SSH key or a credential helper.";
          }
        });
        finish(workspace);
      } catch (err) {
        status.textContent = asApiError(err).message;
        go.disabled = cancel.disabled = false;
      }
    });
  });
}
