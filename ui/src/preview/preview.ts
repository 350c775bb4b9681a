// The preview pane: a sandboxed frame (no scripts, so post HTML can never run code or reach
// the app's IPC) whose document is built once and then patched.
import type { PreviewPatch } from "../bindings/PreviewPatch";
import { BlockList } from "./patch";
import previewCss from "./preview.css?raw";

export class PreviewPane {
  private title: HTMLElement | null = null;
  private body: HTMLElement | null = null;
  private blocks: BlockList | null = null;

  constructor(private readonly frame: HTMLIFrameElement) {}

  private ensureDocument(): boolean {
    if (this.body?.isConnected) return true;
    const doc = this.frame.contentDocument;
    if (!doc) return false;
    doc.open();
    doc.write("<!doctype html><html><head><meta charset='utf-8'></head><body></body></html>");
    doc.close();
    const style = doc.createElement("style");
    style.textContent = previewCss;
    doc.head.append(style);
    const article = doc.createElement("article");
    this.title = doc.createElement("h1");
    this.title.className = "title";
    this.body = doc.createElement("div");
    this.body.className = "content";
    article.append(this.title, this.body);
    doc.body.append(article);
    this.blocks = new BlockList(this.body);
    return true;
  }

  /** Applies what changed; `fresh` starts from an empty body (a post opened, a resync). */
  show(patch: PreviewPatch, fresh: boolean): void {
    if (!this.ensureDocument() || !this.title || !this.blocks) return;
    const title = patch.title ?? "";
    if (this.title.innerHTML !== title) this.title.innerHTML = title;
    this.title.hidden = title === "";
    if (fresh) this.blocks.reset();
    this.blocks.apply(patch);
  }

  clear(): void {
    if (!this.ensureDocument() || !this.title || !this.blocks) return;
    this.title.replaceChildren();
    this.title.hidden = true;
    this.blocks.reset();
  }
}
