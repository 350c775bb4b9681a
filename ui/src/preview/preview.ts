// The preview pane: a sandboxed frame (no scripts, so post HTML can never run code or reach
// the app's IPC) whose document is built once and then patched. Its shell has the classes
// Pelican's themes style (`#content.body`, `.entry-title`, `.entry-content`), so a blog's
// own theme CSS dresses it as on the site; without one, Folio's clean default applies.
import type { Preview } from "../bindings/Preview";
import { patchChildren } from "./patch";
import previewCss from "./preview.css?raw";

export class PreviewPane {
  private title: HTMLElement | null = null;
  private body: HTMLElement | null = null;
  private stylesheets: readonly string[] = [];

  constructor(private readonly frame: HTMLIFrameElement) {}

  private ensureDocument(): boolean {
    if (this.body?.isConnected) return true;
    const doc = this.frame.contentDocument;
    if (!doc) return false;
    doc.open();
    doc.write("<!doctype html><html><head><meta charset='utf-8'></head><body></body></html>");
    doc.close();
    this.applyStyles(doc);
    const section = doc.createElement("section");
    section.id = "content";
    section.className = "body";
    const article = doc.createElement("article");
    const header = doc.createElement("header");
    this.title = doc.createElement("h1");
    this.title.className = "title entry-title";
    header.append(this.title);
    this.body = doc.createElement("div");
    this.body.className = "content entry-content";
    article.append(header, this.body);
    section.append(article);
    doc.body.append(section);
    return true;
  }

  /** Styles the preview with the blog theme's `stylesheets` (URLs), or Folio's default. */
  setTheme(stylesheets: readonly string[]): void {
    this.stylesheets = stylesheets;
    const doc = this.frame.contentDocument;
    if (doc && this.body?.isConnected) this.applyStyles(doc);
  }

  private applyStyles(doc: Document): void {
    for (const old of doc.head.querySelectorAll("[data-folio-style]")) old.remove();
    const styles: HTMLElement[] = [];
    if (this.stylesheets.length === 0) {
      const style = doc.createElement("style");
      style.textContent = previewCss;
      styles.push(style);
    }
    for (const href of this.stylesheets) {
      const link = doc.createElement("link");
      link.rel = "stylesheet";
      link.href = href;
      styles.push(link);
    }
    for (const style of styles) style.dataset["folioStyle"] = "";
    doc.head.append(...styles);
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
