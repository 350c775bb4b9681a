// The history panel: every committed version of the open post, newest first, each shown
// as a word diff against the editor's text and as a rendered preview, with "Restore this
// version", which hands the text to the editor as an ordinary edit. Nothing here changes
// the repository.
import { asApiError, postHistory, postVersion, versionPreview } from "../api";
import type { PostHistory } from "../bindings/PostHistory";
import type { PostVersion } from "../bindings/PostVersion";
import { el } from "../dom";
import { PreviewPane } from "../preview/preview";
import { showDiff } from "./diff-view";
import { diffSummary, versionRows } from "./versions";
import "./history.css";

/** A history that takes longer than this to read shows a spinner meanwhile. */
const SPINNER_DELAY_MS = 150;

/** The post the panel is about, and what it asks of the window. */
export interface HistorySubject {
  path: string;
  title: string;
  /** Whether the editor may change the post (restore is offered only then). */
  editable: boolean;
  /** The editor's text now, saved or not. */
  currentText: () => string;
  /** Puts a version's text in the editor as an edit; `label` names the version. */
  restore: (text: string, label: string) => void;
}

type Tab = "changes" | "preview";

export class HistoryPanel {
  private readonly dialog: HTMLDialogElement;
  private readonly heading: HTMLElement;
  private readonly list: HTMLUListElement;
  private readonly status: HTMLElement;
  private readonly summary: HTMLElement;
  private readonly diff: HTMLElement;
  private readonly frameWrap: HTMLElement;
  /** The chosen version's side: hidden while there is no version to choose. */
  private readonly main: HTMLElement;
  private readonly preview: PreviewPane;
  private readonly restoreButton: HTMLButtonElement;
  private readonly tabs: Record<Tab, HTMLButtonElement>;
  private subject: HistorySubject | null = null;
  /** The version chosen and its text, once read. */
  private chosen: { version: PostVersion; text: string | null } | null = null;
  /** Bumped by every request: answers about an earlier choice are dropped. */
  private request = 0;

  constructor() {
    this.dialog = el("dialog", "history-panel");
    this.dialog.dataset["testid"] = "history-panel";
    const head = el("div", "history-head");
    this.heading = el("h2", "dialog-title", "History");
    const close = el("button", "button", "Close");
    close.dataset["testid"] = "history-close";
    close.addEventListener("click", () => this.close());
    head.append(this.heading, close);

    const side = el("div", "history-side");
    this.status = el("div", "history-status");
    this.status.dataset["testid"] = "history-status";
    this.list = el("ul", "history-list");
    this.list.dataset["testid"] = "history-list";
    this.list.setAttribute("aria-label", "Versions");
    side.append(this.status, this.list);

    const main = el("div", "history-main");
    this.main = main;
    const bar = el("div", "history-bar");
    const tabGroup = el("span", "history-tabs");
    tabGroup.setAttribute("role", "group");
    tabGroup.setAttribute("aria-label", "Show");
    this.tabs = {
      changes: el("button", "", "Changes"),
      preview: el("button", "", "Preview"),
    };
    for (const [tab, button] of Object.entries(this.tabs) as [Tab, HTMLButtonElement][]) {
      button.type = "button";
      button.dataset["testid"] = `history-tab-${tab}`;
      button.addEventListener("click", () => this.showTab(tab));
      tabGroup.append(button);
    }
    this.restoreButton = el("button", "button primary", "Restore this version");
    this.restoreButton.dataset["testid"] = "history-restore";
    this.restoreButton.disabled = true;
    this.restoreButton.addEventListener("click", () => this.restoreChosen());
    bar.append(tabGroup, el("span", "spacer"), this.restoreButton);
    this.summary = el("p", "history-summary");
    this.summary.dataset["testid"] = "history-summary";
    this.diff = el("div", "history-diff");
    this.diff.dataset["testid"] = "history-diff";
    this.frameWrap = el("div", "history-preview");
    const frame = el("iframe", "preview");
    frame.title = "This version, rendered";
    frame.dataset["testid"] = "history-preview";
    // As the live preview's frame: no scripts, nothing the post holds can run.
    frame.setAttribute("sandbox", "allow-same-origin");
    this.frameWrap.append(frame);
    main.append(bar, this.summary, this.diff, this.frameWrap);

    const body = el("div", "history-body");
    body.append(side, main);
    this.dialog.append(head, body);
    document.body.append(this.dialog);
    this.preview = new PreviewPane(frame, { onScroll: () => {}, onLineClick: () => {}, sourceLines: () => 0 });
    this.dialog.addEventListener("close", () => {
      this.subject = null;
      this.request++;
    });
    this.showTab("changes");
  }

  /** Whether the panel is showing. */
  isOpen(): boolean {
    return this.dialog.open;
  }

  /** Styles the version's preview as the live one is (the theme's stylesheets). */
  setTheme(stylesheets: readonly string[]): void {
    this.preview.setTheme(stylesheets);
  }

  /** Opens the panel on `subject` and reads its history in the background. */
  async open(subject: HistorySubject): Promise<void> {
    this.subject = subject;
    this.chosen = null;
    const request = ++this.request;
    this.heading.textContent = `History of “${subject.title}”`;
    this.list.replaceChildren();
    this.clearVersion("Choose a version on the left to compare it with your text.");
    this.status.replaceChildren();
    this.main.hidden = true;
    if (!this.dialog.open) this.dialog.showModal();
    const spinner = window.setTimeout(() => {
      if (request === this.request) this.status.replaceChildren(spinnerLine("Reading the post’s history…"));
    }, SPINNER_DELAY_MS);
    let history: PostHistory;
    try {
      history = await postHistory(subject.path);
    } catch (e) {
      if (request !== this.request) return;
      const error = asApiError(e);
      this.status.replaceChildren(
        error.code === "NotARepository"
          ? emptyState(
              "This blog is not a git repository",
              "So Folio has no earlier versions of its posts. Once the blog is in git (a first commit or publish), every version is kept here.",
            )
          : emptyState("Folio could not read this post’s history", error.message),
      );
      return;
    } finally {
      window.clearTimeout(spinner);
    }
    if (request !== this.request) return;
    this.status.replaceChildren();
    this.showList(history);
  }

  close(): void {
    if (this.dialog.open) this.dialog.close();
  }

  private showList(history: PostHistory): void {
    const items: HTMLLIElement[] = [];
    if (history.uncommitted) {
      const item = el("li", "history-item uncommitted");
      item.dataset["testid"] = "history-uncommitted";
      item.append(
        el("span", "history-message", "Not committed yet"),
        el("span", "history-meta", "Your saved edits since the last commit; the editor has them."),
      );
      items.push(item);
    }
    for (const row of versionRows(history)) {
      const item = el("li", "history-item");
      item.tabIndex = 0;
      item.dataset["testid"] = "history-version";
      item.dataset["commit"] = row.version.commit;
      item.dataset["published"] = String(row.version.published);
      item.title = `${row.version.commit}\n${row.version.path}`;
      const state = el("span", row.version.published ? "history-badge published" : "history-badge", row.state);
      const meta = el("span", "history-meta", `${row.when} · ${row.version.author}`);
      item.append(el("span", "history-message", row.version.message || "(no message)"), meta, state);
      if (row.renamed) item.append(el("span", "history-renamed", row.renamed));
      const choose = () => void this.choose(row.version, row.when, item);
      item.addEventListener("click", choose);
      item.addEventListener("keydown", (e) => {
        if (e.key === "Enter" || e.key === " ") {
          e.preventDefault();
          choose();
        } else if (e.key === "ArrowDown" || e.key === "ArrowUp") {
          e.preventDefault();
          const next = e.key === "ArrowDown" ? item.nextElementSibling : item.previousElementSibling;
          if (next instanceof HTMLElement && next.dataset["commit"]) next.focus();
        }
      });
      items.push(item);
    }
    this.list.replaceChildren(...items);
    this.main.hidden = history.versions.length === 0;
    if (history.versions.length === 0) {
      this.status.replaceChildren(
        emptyState(
          "No committed versions yet",
          "This post has never been committed. Its first version is kept when you publish it.",
        ),
      );
    }
  }

  /** Shows `version`: its diff against the editor's text now, and its rendered preview. */
  private async choose(version: PostVersion, when: string, item: HTMLElement): Promise<void> {
    const subject = this.subject;
    if (!subject) return;
    for (const other of this.list.querySelectorAll(".history-item")) {
      other.classList.toggle("selected", other === item);
      other.setAttribute("aria-selected", String(other === item));
    }
    const request = ++this.request;
    this.chosen = { version, text: null };
    this.restoreButton.disabled = true;
    this.summary.replaceChildren(spinnerLine("Reading this version…"));
    try {
      const comparison = await postVersion(subject.path, version.commit, subject.currentText());
      if (request !== this.request) return;
      this.chosen = { version, text: comparison.text };
      this.summary.textContent = `${when}, ${version.author}: ${diffSummary(comparison.diff)}`;
      showDiff(this.diff, comparison.diff);
      this.restoreButton.disabled = !subject.editable;
      this.restoreButton.title = subject.editable
        ? "Puts this text in the editor as an edit (Ctrl+Z takes it back)"
        : "Folio edits reST posts only";
      const patch = await versionPreview(subject.path, comparison.text);
      if (request !== this.request) return;
      this.preview.show(patch, true);
    } catch (e) {
      if (request !== this.request) return;
      this.summary.textContent = `Could not show this version: ${asApiError(e).message}`;
    }
  }

  private restoreChosen(): void {
    const subject = this.subject;
    const chosen = this.chosen;
    if (!subject || !chosen || chosen.text === null || !subject.editable) return;
    const label = `${chosen.version.message || chosen.version.commit.slice(0, 7)}`;
    this.close();
    subject.restore(chosen.text, label);
  }

  private clearVersion(hint: string): void {
    this.summary.textContent = hint;
    this.diff.replaceChildren();
    this.preview.clear();
    this.restoreButton.disabled = true;
  }

  private showTab(tab: Tab): void {
    for (const [name, button] of Object.entries(this.tabs)) button.setAttribute("aria-pressed", String(name === tab));
    this.diff.hidden = tab !== "changes";
    this.frameWrap.hidden = tab !== "preview";
  }
}

function spinnerLine(text: string): HTMLElement {
  const line = el("p", "history-loading");
  line.dataset["testid"] = "history-loading";
  line.append(el("span", "spinner"), document.createTextNode(` ${text}`));
  return line;
}

function emptyState(title: string, hint: string): HTMLElement {
  const box = el("div", "history-empty");
  box.dataset["testid"] = "history-empty";
  box.append(el("p", "empty-title", title), el("p", "empty-hint", hint));
  return box;
}
