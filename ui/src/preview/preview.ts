// The preview pane: a sandboxed frame (no scripts, so post HTML can never run code or reach
// the app's IPC) whose document is built once and then patched.
import type { Preview } from "../bindings/Preview";
import { patchChildren } from "./patch";
import previewCss from "./preview.css?raw";

export class PreviewPane {
  private title: HTMLElement | null = null;
  private body: HTMLElement | null = null;

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
    return true;
  }

  show(preview: Preview): void {
    if (!this.ensureDocument() || !this.title || !this.body) return;
    const title = preview.title ?? "";
    if (this.title.innerHTML !== title) this.title.innerHTML = title;
    this.title.hidden = title === "";
    patchChildren(this.body, preview.html);
  }

  clear(): void {
    if (!this.ensureDocument() || !this.title || !this.body) return;
    this.title.replaceChildren();
    this.title.hidden = true;
    this.body.replaceChildren();
  }
}
