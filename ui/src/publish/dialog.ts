// The publish dialog: what will change, then progress, git's questions, and the outcome.
import {
  answerPrompt,
  asApiError,
  planPublish,
  publish,
  removeIndexLock,
  resolveConflicts,
  setIdentity,
  type PublishReport,
} from "../api";
import type { IndexLock } from "../bindings/IndexLock";
import type { Answer } from "../bindings/Answer";
import type { Finding } from "../bindings/Finding";
import type { Progress } from "../bindings/Progress";
import type { Question } from "../bindings/Question";
import { el, formButtons } from "../dom";
import type { Conflict } from "../bindings/Conflict";
import { conflictView } from "./conflicts";
import { lockView } from "./index-lock";

const STAGE_LABEL: Record<Progress["stage"], string> = {
  commit: "Committing",
  fetch: "Fetching the remote's changes",
  integrate: "Bringing in the remote's changes",
  push: "Sending",
  verify: "Checking that the remote has it",
};

export type PublishOutcome =
  | { kind: "published"; report: PublishReport }
  | { kind: "failed"; code: string; message: string }
  | { kind: "cancelled" };


export class PublishDialog {
  private readonly dialog: HTMLDialogElement;
  private readonly body: HTMLElement;
  private readonly actions: HTMLElement;

  constructor() {
    this.dialog = el("dialog", "publish-dialog");
    this.dialog.dataset["testid"] = "publish-dialog";
    const title = el("h2", "dialog-title", "Publish");
    this.body = el("div", "dialog-body");
    this.actions = el("div", "dialog-actions");
    this.dialog.append(title, this.body, this.actions);
    document.body.append(this.dialog);
  }

  /** Shows the plan for `paths`, publishes on confirmation, and resolves with the outcome. */
  async run(paths: string[], title: string): Promise<PublishOutcome> {
    this.body.replaceChildren(el("p", "dialog-text", "Looking at what will change…"));
    this.actions.replaceChildren();
    this.dialog.showModal();
    try {
      const plan = await planPublish(paths);
      if (!(await this.confirm(plan.files, plan.diff, plan.checks, title))) {
        this.dialog.close();
        return { kind: "cancelled" };
      }
      const progress = el("p", "dialog-text", "Starting…");
      progress.dataset["testid"] = "publish-progress";
      this.body.replaceChildren(progress);
      this.actions.replaceChildren();
      const report = await publish(paths, (event) => {
        if (event.type === "progress") {
          const p = event.progress;
          const count = p.total > 0 ? ` ${p.current}/${p.total}` : "";
          progress.textContent = `${STAGE_LABEL[p.stage]}${count}…`;
        } else {
          void this.ask(event.id, event.question, progress);
        }
      });
      this.dialog.close();
      return { kind: "published", report };
    } catch (e) {
      const error = asApiError(e);
      if (error.code === "NoIdentity" && (await this.askIdentity())) {
        this.dialog.close();
        return this.run(paths, title);
      }
      if (error.code === "Conflict" && error.conflicts?.length) {
        const settled = await this.settle(error.conflicts);
        if (settled === true) {
          this.dialog.close();
          return this.run(paths, title);
        }
        this.dialog.close();
        return settled === false ? { kind: "failed", code: error.code, message: error.message } : settled;
      }
      if (error.code === "IndexLocked" && error.indexLock) {
        const unlocked = await this.unlock(error.indexLock, error.message);
        this.dialog.close();
        if (unlocked === true) return this.run(paths, title);
        return unlocked === false ? { kind: "failed", code: error.code, message: error.message } : unlocked;
      }
      this.dialog.close();
      return { kind: "failed", code: error.code, message: error.message };
    }
  }

  /**
   * A `.git/index.lock` stopped the commit: says whose it is and how old, and offers to
   * remove it only when no git program runs (then true: publish again). While one runs,
   * "Try again" is offered instead (also true). False: the writer left it.
   */
  private async unlock(lock: IndexLock, message: string): Promise<boolean | PublishOutcome> {
    const view = lockView(lock, message);
    this.body.replaceChildren(view.element);
    const later = el("button", "button", "Cancel");
    const go = el("button", "button primary", view.stale ? "Remove the lock and publish" : "Try again");
    go.dataset["testid"] = view.stale ? "index-lock-remove" : "index-lock-retry";
    this.actions.replaceChildren(later, go);
    const chosen = await new Promise<boolean>((resolve) => {
      later.addEventListener("click", () => resolve(false));
      go.addEventListener("click", () => resolve(true));
      this.dialog.addEventListener("cancel", () => resolve(false), { once: true });
    });
    if (!chosen) return false;
    if (!view.stale) return true;
    try {
      await removeIndexLock();
      return true;
    } catch (e) {
      const error = asApiError(e);
      return { kind: "failed", code: error.code, message: error.message };
    }
  }

  /**
   * Shows the conflict and resolves it with the writer's texts. True when resolved (publish
   * again), false when the writer chose to leave it, or the failure of the resolution.
   */
  private async settle(conflicts: readonly Conflict[]): Promise<boolean | PublishOutcome> {
    const view = conflictView(conflicts);
    this.body.replaceChildren(view.element);
    const later = el("button", "button", "Leave it for now");
    const go = el("button", "button primary", "Publish this");
    go.dataset["testid"] = "conflict-resolve";
    this.actions.replaceChildren(later, go);
    const chosen = await new Promise<boolean>((resolve) => {
      later.addEventListener("click", () => resolve(false));
      go.addEventListener("click", () => resolve(true));
      this.dialog.addEventListener("cancel", () => resolve(false), { once: true });
    });
    if (!chosen) return false;
    try {
      await resolveConflicts(view.resolutions());
      return true;
    } catch (e) {
      const error = asApiError(e);
      return { kind: "failed", code: error.code, message: error.message };
    }
  }

  /** git does not know who is publishing: asks once and records it in the blog's repo. */
  private async askIdentity(): Promise<boolean> {
    const form = el("form", "dialog-form");
    form.append(el("p", "dialog-text", "Commits carry your name and email. Git does not know them yet on this computer."));
    const name = el("input", "dialog-input");
    name.placeholder = "Your name";
    name.dataset["testid"] = "identity-name";
    const email = el("input", "dialog-input");
    email.type = "email";
    email.placeholder = "you@example.com";
    email.dataset["testid"] = "identity-email";
    const error = el("p", "dialog-text error");
    const { row, cancel, submit: save } = formButtons("Cancel", "Save and publish");
    save.dataset["testid"] = "identity-save";
    form.append(name, email, error, row);
    this.body.replaceChildren(form);
    this.actions.replaceChildren();
    name.focus();
    return new Promise((resolve) => {
      cancel.addEventListener("click", () => resolve(false));
      form.addEventListener("submit", (e) => {
        e.preventDefault();
        setIdentity(name.value, email.value).then(
          () => resolve(true),
          (err) => (error.textContent = asApiError(err).message),
        );
      });
    });
  }

  private confirm(files: readonly string[], diff: string, checks: readonly Finding[], title: string): Promise<boolean> {
    const intro = el("p", "dialog-text", files.length ? `Publishing "${title}" commits and pushes:` : "Nothing new to commit; publishing pushes what is already committed.");
    const list = el("ul", "dialog-files");
    for (const file of files) list.append(el("li", "", file));
    const diffView = el("pre", "dialog-diff", diff || "(no text changes)");
    const errors = checks.filter((c) => c.severity === "error");
    this.body.replaceChildren(intro, list, ...checksView(checks, errors.length), diffView);
    return new Promise((resolve) => {
      const cancel = el("button", "button", "Cancel");
      const go = el("button", "button primary", "Publish");
      go.dataset["testid"] = "publish-confirm";
      // The published page would be broken: fix first (the dialog says where).
      go.disabled = errors.length > 0;
      cancel.addEventListener("click", () => resolve(false));
      go.addEventListener("click", () => resolve(true));
      this.dialog.addEventListener("cancel", () => resolve(false), { once: true });
      this.actions.replaceChildren(cancel, go);
      go.focus();
    });
  }

  /** Asks git's question in the dialog and sends the answer back. */
  private async ask(id: number, question: Question, progress: HTMLElement): Promise<void> {
    const form = el("form", "dialog-form");
    const inputs: HTMLInputElement[] = [];
    const field = (label: string, type: string, value = "") => {
      const input = el("input", "dialog-input");
      input.type = type;
      input.value = value;
      input.setAttribute("aria-label", label);
      input.placeholder = label;
      inputs.push(input);
      form.append(input);
    };
    let text: string;
    switch (question.kind) {
      case "passphrase":
        text = `The SSH key ${question.key} needs its passphrase. Folio does not store it.`;
        field("Passphrase", "password");
        break;
      case "credentials":
        text = `Sign in to ${question.url}.`;
        field("Username", "text", question.username ?? "");
        field("Password or token", "password");
        break;
      case "trustHost":
        text = `Folio has not seen ${question.host} before. Its ${question.keyType} key fingerprint is ${question.fingerprint}. Connect and remember it?`;
        break;
    }
    form.prepend(el("p", "dialog-text", text));
    const trust = question.kind === "trustHost";
    const { row, cancel: no, submit: yes } = formButtons(
      trust ? "Don't connect" : "Cancel",
      trust ? "Trust and connect" : "Continue",
    );
    form.append(row);
    this.body.replaceChildren(form);
    (inputs[0] ?? yes).focus();
    const answered = await new Promise<Answer>((resolve) => {
      no.addEventListener("click", () => resolve({ kind: "cancel" }));
      form.addEventListener("submit", (e) => {
        e.preventDefault();
        const [a = "", b = ""] = inputs.map((i) => i.value);
        if (question.kind === "passphrase") resolve({ kind: "passphrase", passphrase: a });
        else if (question.kind === "credentials") resolve({ kind: "credentials", username: a, password: b });
        else resolve({ kind: "trustHost", trust: true });
      });
    });
    for (const input of inputs) input.value = ""; // secrets do not linger in the page
    this.body.replaceChildren(progress);
    await answerPrompt(id, answered);
  }
}

/** The checks' findings, errors first; empty when there are none. */
function checksView(checks: readonly Finding[], errorCount: number): HTMLElement[] {
  if (checks.length === 0) return [];
  const summary =
    errorCount > 0
      ? `${errorCount === 1 ? "1 problem stops" : `${errorCount} problems stop`} this publish. Fix ${errorCount === 1 ? "it" : "them"} and publish again:`
      : "Worth a look before publishing:";
  const heading = el("p", errorCount > 0 ? "dialog-text error" : "dialog-text", summary);
  const list = el("ul", "dialog-checks");
  list.dataset["testid"] = "publish-checks";
  const rank = { error: 0, warning: 1, info: 2 } as const;
  for (const c of [...checks].sort((a, b) => rank[a.severity] - rank[b.severity])) {
    const where = c.line === null ? c.file : `${c.file}, line ${c.line}`;
    const item = el("li", `check ${c.severity}`, `${where}: ${c.message}`);
    item.dataset["severity"] = c.severity;
    list.append(item);
  }
  return [heading, list];
}
