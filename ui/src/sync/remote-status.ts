// The status bar's word on the remote: "3 new commits on origin" with "Update" once a
// check finds the remote ahead, nothing at all while it is current or unreachable. Update
// brings the commits in; a post with edits here that the remote changed goes through the
// conflict view first, and what the writer keeps stays an edit on top of the remote's text.
import { asApiError, updateFromRemote, watchRemote, type RemoteNews, type UpdateReport } from "../api";
import type { Conflict } from "../bindings/Conflict";
import type { Resolution } from "../bindings/Resolution";
import { el } from "../dom";
import { conflictView } from "../publish/conflicts";

export interface RemoteStatusHost {
  /** Blog paths of posts whose text in the editor is not saved yet. */
  unsaved(): string[];
  /** The editor's text of the post at this blog path, when it is the open one. */
  editorText(path: string): string | null;
  /** Whether a publish is running (Update waits for it to end). */
  publishing(): boolean;
  /**
   * The update changed these files: the list, the open post and the images follow.
   * `resolved` are the repository paths whose text the writer chose in the conflict view
   * (now on disk, to be taken into the editor as it is).
   */
  updated(report: UpdateReport, resolved: readonly string[]): Promise<void>;
  /** Says how an update ended, for the writer to acknowledge. */
  tell(message: string): void;
}

/** "1 new commit on origin", "3 new commits on origin". */
export function newCommitsText(news: Pick<RemoteNews, "newCommits" | "remote">): string {
  const n = news.newCommits;
  return `${n} new commit${n === 1 ? "" : "s"} on ${news.remote}`;
}

export class RemoteStatus {
  private readonly text = el("span", "remote-text");
  private readonly button = el("button", "remote-update", "Update");
  private news: RemoteNews | null = null;
  private updating = false;

  constructor(
    private readonly element: HTMLElement,
    private readonly host: RemoteStatusHost,
  ) {
    this.button.type = "button";
    this.button.dataset["testid"] = "remote-update";
    this.text.dataset["testid"] = "remote-text";
    this.button.addEventListener("click", () => void this.update([]));
    this.element.replaceChildren(this.text, this.button);
  }

  /** Starts watching the (newly) open blog's remote; the last blog's news is forgotten. */
  async watch(): Promise<void> {
    this.show(null);
    try {
      await watchRemote((news) => this.show(news));
    } catch {
      // No remote watch for this blog: the status bar simply says nothing about it.
    }
  }

  /** A publish just brought the remote's commits in: the news is old until the next check. */
  forget(): void {
    this.show(null);
  }

  private show(news: RemoteNews | null): void {
    // An unreachable remote is no news: what the last good check said stays.
    if (news && !news.reachable && this.news) return;
    this.news = news;
    const ahead = news !== null && news.newCommits > 0;
    this.element.hidden = !ahead;
    if (!news || !ahead) return;
    this.text.textContent = newCommitsText(news);
    this.element.title = news.reachable
      ? `The remote has commits this computer does not have yet`
      : `As of the last check: ${news.reason ?? "the remote did not answer"}`;
  }

  private async update(resolutions: Resolution[]): Promise<void> {
    if (this.updating || this.host.publishing()) return;
    this.updating = true;
    this.button.disabled = true;
    this.text.textContent = "Updating…";
    try {
      const report = await updateFromRemote(this.host.unsaved(), resolutions);
      this.news = null;
      this.element.hidden = true;
      await this.host.updated(
        report,
        resolutions.map((r) => r.path),
      );
      if (report.notDownloaded.length > 0) {
        this.host.tell(
          `Updated. Stored in Git LFS and not downloaded (git lfs pull fetches them): ${report.notDownloaded.join(", ")}`,
        );
      }
    } catch (e) {
      const error = asApiError(e);
      if (this.news) this.show({ ...this.news });
      if (error.code === "Conflict" && error.conflicts?.length) {
        const chosen = await this.choose(error.conflicts.map((c) => this.withEditorText(c)));
        this.updating = false;
        this.button.disabled = false;
        if (chosen) await this.update(chosen);
        return;
      }
      this.host.tell(`Not updated: ${error.message}`);
    } finally {
      this.updating = false;
      this.button.disabled = false;
      if (this.news && !this.element.hidden) this.text.textContent = newCommitsText(this.news);
    }
  }

  /** The conflict with "yours" as the editor has it, when the post is open (maybe unsaved). */
  private withEditorText(conflict: Conflict): Conflict {
    for (const path of this.host.unsaved()) {
      if (conflict.path !== path && !conflict.path.endsWith(`/${path}`)) continue;
      const text = this.host.editorText(path);
      if (text !== null) return { ...conflict, ours: text };
    }
    return conflict;
  }

  /** The conflict view in a dialog of its own; the writer's texts, or null to leave it. */
  private choose(conflicts: readonly Conflict[]): Promise<Resolution[] | null> {
    const dialog = el("dialog", "publish-dialog");
    dialog.dataset["testid"] = "update-dialog";
    const view = conflictView(
      conflicts,
      "The remote changed posts you have edited here. Nothing was updated and your text is as it was. Choose the text to keep for each post (it stays an edit of yours, on top of the remote's version):",
      "To keep",
    );
    const actions = el("div", "dialog-actions");
    const later = el("button", "button", "Leave it for now");
    later.type = "button";
    const go = el("button", "button primary", "Update with this");
    go.type = "button";
    go.dataset["testid"] = "update-resolve";
    actions.append(later, go);
    const body = el("div", "dialog-body");
    body.append(view.element);
    dialog.append(el("h2", "dialog-title", "Update from the remote"), body, actions);
    document.body.append(dialog);
    dialog.showModal();
    return new Promise((resolve) => {
      const done = (answer: Resolution[] | null) => {
        dialog.close();
        dialog.remove();
        resolve(answer);
      };
      later.addEventListener("click", () => done(null));
      go.addEventListener("click", () => done(view.resolutions()));
      dialog.addEventListener("cancel", () => done(null), { once: true });
    });
  }
}
