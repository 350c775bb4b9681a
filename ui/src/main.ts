// Folio's window: wires the post list, the editor and the preview to the backend.
import { asApiError, readPost, renderPreview, savePost, start } from "./api";
import type { PostSummary } from "./bindings/PostSummary";
import type { Diagnostic } from "./bindings/Diagnostic";
import { Editor } from "./editor/editor";
import { PostList } from "./posts/list";
import { PreviewPane } from "./preview/preview";

/** Autosave this long after the last keystroke. */
const AUTOSAVE_MS = 1500;

function byId<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`the page has no #${id}`);
  return el as T;
}

function byTestId<T extends HTMLElement>(id: string): T {
  const el = document.querySelector<T>(`[data-testid="${id}"]`);
  if (!el) throw new Error(`the page has no [data-testid=${id}]`);
  return el;
}

type SaveState = "saved" | "unsaved" | "saving" | "error";

class App {
  private readonly list = new PostList(byTestId("post-list"), (post) => void this.select(post));
  private readonly editor: Editor;
  private readonly preview = new PreviewPane(byTestId<HTMLIFrameElement>("preview"));
  private readonly emptyState = byId("empty-state");

  private current: PostSummary | null = null;
  private dirty = false;
  private autosaveTimer: number | undefined;
  /** Latest-wins preview: each request is numbered; older answers are dropped. */
  private requested = 0;
  private applied = 0;
  private framePending = false;

  constructor() {
    this.editor = new Editor(byTestId("editor"), {
      onChange: () => this.changed(),
      onSave: () => void this.save(),
    });
    document.body.classList.add("no-post");
    window.addEventListener("beforeunload", () => void this.save());
  }

  async start(): Promise<void> {
    this.setSaveState(null);
    try {
      const workspace = await start();
      byId("site-name").textContent = workspace.siteName;
      const parts = workspace.root.split("/").filter(Boolean);
      const blog = byId("status-blog");
      blog.textContent = parts.slice(-2).join("/");
      blog.title = workspace.root;
      this.list.show(workspace.posts);
    } catch (e) {
      this.showError("Folio could not open a blog", asApiError(e).message);
    }
  }

  private async select(post: PostSummary): Promise<void> {
    if (this.current?.path === post.path) return;
    if (!(await this.save())) return; // never drop unsaved text by switching away
    try {
      const text = await readPost(post.path);
      this.current = post;
      this.dirty = false;
      this.list.select(post.path);
      this.editor.open(post.path, text, post.editable);
      document.body.classList.remove("no-post");
      byId("status-post").textContent = post.path;
      this.setSaveState(post.editable ? "saved" : null);
      this.countWords(text);
      this.schedulePreview();
    } catch (e) {
      this.showError(`Could not open ${post.path}`, asApiError(e).message);
    }
  }

  private changed(): void {
    if (!this.current) return;
    this.dirty = true;
    this.setSaveState("unsaved");
    this.schedulePreview();
    window.clearTimeout(this.autosaveTimer);
    this.autosaveTimer = window.setTimeout(() => void this.save(), AUTOSAVE_MS);
  }

  /** Saves the open post if it has changes. Resolves false when the save failed. */
  private async save(): Promise<boolean> {
    window.clearTimeout(this.autosaveTimer);
    const post = this.current;
    if (!post || !this.dirty || !post.editable) return true;
    const text = this.editor.text();
    this.setSaveState("saving");
    try {
      await savePost(post.path, text);
      // Typing during the save keeps the post dirty; the next autosave takes it.
      if (this.current === post && this.editor.text() === text) {
        this.dirty = false;
        this.setSaveState("saved");
      }
      return true;
    } catch (e) {
      this.setSaveState("error", asApiError(e).message);
      return false;
    }
  }

  private schedulePreview(): void {
    if (this.framePending) return;
    this.framePending = true;
    requestAnimationFrame(() => {
      this.framePending = false;
      void this.renderNow();
    });
  }

  private async renderNow(): Promise<void> {
    const ticket = ++this.requested;
    const text = this.editor.text();
    try {
      const preview = await renderPreview(text);
      if (ticket < this.applied) return;
      this.applied = ticket;
      this.preview.show(preview);
      this.editor.showDiagnostics(preview.diagnostics);
      this.showDiagnosticCount(preview.diagnostics);
      this.countWords(text);
    } catch (e) {
      this.setSaveState("error", `Preview failed: ${asApiError(e).message}`);
    }
  }

  private countWords(text: string): void {
    const words = text.split(/\s+/).filter(Boolean).length;
    byId("status-words").textContent = `${words.toLocaleString()} words`;
  }

  private showDiagnosticCount(diagnostics: readonly Diagnostic[]): void {
    const problems = diagnostics.filter((d) => d.severity !== "info").length;
    const el = byId("status-diagnostics");
    el.textContent = problems === 0 ? "No problems" : `${problems} problem${problems === 1 ? "" : "s"}`;
    el.classList.toggle("warn", problems > 0);
  }

  private setSaveState(state: SaveState | null, detail?: string): void {
    const el = byId("status-save");
    const label: Record<SaveState, string> = {
      saved: "Saved",
      unsaved: "Unsaved changes",
      saving: "Saving…",
      error: `Not saved: ${detail ?? "unknown error"}`,
    };
    el.textContent = state ? label[state] : "";
    el.dataset["state"] = state ?? "";
    el.title = detail ?? "";
  }

  private showError(title: string, message: string): void {
    document.body.classList.add("no-post");
    this.emptyState.replaceChildren();
    const heading = document.createElement("p");
    heading.className = "empty-title error";
    heading.textContent = title;
    const detail = document.createElement("p");
    detail.className = "empty-hint";
    detail.textContent = message;
    this.emptyState.append(heading, detail);
  }
}

void new App().start();
