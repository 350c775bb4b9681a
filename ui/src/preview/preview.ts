// The preview pane: a sandboxed frame (no scripts, so post HTML can never run code or reach
// the app's IPC, and a theme's JavaScript never runs) whose document is built once and then
// patched. The body's blocks go in the page the blog's theme renders around the post
// ("Page"), or in Folio's shell ("Post"), which has the classes Pelican's themes style
// (`#content.body`, `.entry-title`, `.entry-content`), so a blog's own theme CSS dresses it
// as on the site; without one, Folio's clean default applies.
import type { PreviewPatch } from "../bindings/PreviewPatch";
import { pageForFrame } from "./page";
import { BlockList } from "./patch";
import previewCss from "./preview.css?raw";
import { anchorsOf, lineForTop, topForLine, type LineAnchor, type SyncSide } from "./scroll-sync";

/** How often the pane looks at the frame when nothing is going on there. */
const POLL_MS = 200;
/** After the frame scrolled, it is looked at every animation frame for this long. */
const BUSY_MS = 400;

/** Following the editor, the preview does not move for less than this. */
const DEAD_BAND_PX = 3;

/** What the pane tells the window. */
export interface PreviewEvents {
  /** The preview scrolled. */
  onScroll: () => void;
  /** The writer clicked the block from source `line`, shown `offset` pixels below the top. */
  onLineClick: (line: number, offset: number) => void;
  /** The number of lines of the source, for the end of the scroll mapping. */
  sourceLines: () => number;
}

export class PreviewPane implements SyncSide {
  private title: HTMLElement | null = null;
  private body: HTMLElement | null = null;
  private blocks: BlockList | null = null;
  private stylesheets: readonly string[] = [];
  /** Where the blocks with a source line are; measured when first needed after a change. */
  private anchorCache: LineAnchor[] | null = null;
  private lastScrollY = 0;
  private lastCaret: { node: Node; offset: number } | null = null;
  private framePolling = false;
  /** The image last seen pressed in the frame. */
  private pressedImage: Element | null = null;
  private busyUntil = 0;

  constructor(
    private readonly frame: HTMLIFrameElement,
    private readonly events: PreviewEvents,
  ) {
    this.watch();
  }

  /** Whether the frame's document had to be built (again): it shows nothing yet. */
  private rebuilt = false;
  /**
   * The page the blog's theme renders around the post, `<folio-body>` where the body goes;
   * null: Folio's own shell (the "Post" view, or the page could not be rendered).
   */
  private page: string | null = null;

  private ensureDocument(): boolean {
    if (this.body?.isConnected) return true;
    const doc = this.frame.contentDocument;
    if (!doc) return false;
    this.rebuilt = true;
    this.body = doc.createElement("div");
    this.body.className = "content entry-content";
    this.title = doc.createElement("h1");
    this.title.className = "title entry-title";
    // Links to anchors in the post scroll the preview (the base target below is for the rest).
    this.blocks = new BlockList(this.body, (block) => {
      for (const a of block.querySelectorAll('a[href^="#"]')) a.setAttribute("target", "_self");
    });
    // Observers run in this window, so they work in the script-less frame; images that
    // load and a frame that resizes move the blocks.
    new ResizeObserver(() => (this.anchorCache = null)).observe(this.body);
    this.build(doc);
    this.lastScrollY = 0;
    this.lastCaret = null;
    return true;
  }

  /**
   * Writes the frame's document around the body (which keeps its blocks): the theme's
   * page with the body where its `<folio-body>` is, or Folio's shell.
   */
  private build(doc: Document): void {
    const body = this.body;
    const title = this.title;
    if (!body || !title) return;
    body.remove();
    doc.open();
    const placed = this.page !== null && this.writePage(doc, this.page, body);
    if (!placed) {
      doc.write("<!doctype html><html><head><meta charset='utf-8'></head><body></body></html>");
      doc.close();
      this.applyStyles(doc);
      const section = doc.createElement("section");
      section.id = "content";
      section.className = "body";
      const article = doc.createElement("article");
      const header = doc.createElement("header");
      header.append(title);
      article.append(header, body);
      section.append(article);
      doc.body.append(section);
    }
    // Links never navigate the frame: a new window is what the sandbox (no allow-popups)
    // refuses, so every link opens nothing; links to anchors in the post get `_self`.
    for (const old of doc.querySelectorAll("base")) old.remove();
    const base = doc.createElement("base");
    base.target = "_blank";
    doc.head.prepend(base);
    this.anchorCache = null;
  }

  /** Writes the theme's `page` with `body` in its placeholder; false when it has none. */
  private writePage(doc: Document, page: string, body: HTMLElement): boolean {
    doc.write(pageForFrame(page));
    doc.close();
    const placeholder = doc.querySelector("folio-body");
    if (!placeholder) {
      doc.open();
      return false;
    }
    placeholder.replaceWith(body);
    return true;
  }

  /**
   * Shows the post inside the theme's `page` (null: in Folio's shell). The body and its
   * blocks stay as they are; only what is around them is written again.
   */
  setPage(page: string | null): void {
    if (page === this.page) return;
    this.page = page;
    const doc = this.frame.contentDocument;
    if (!doc || !this.body?.isConnected) return; // the next show builds it
    const scrollY = this.frame.contentWindow?.scrollY ?? 0;
    this.build(doc);
    this.frame.contentWindow?.scrollTo(0, scrollY);
  }

  /** Whether the post shows inside the theme's page. */
  inPage(): boolean {
    return this.page !== null;
  }

  /** Styles the preview with the blog theme's `stylesheets` (URLs), or Folio's default. */
  setTheme(stylesheets: readonly string[]): void {
    this.stylesheets = stylesheets;
    const doc = this.frame.contentDocument;
    if (doc && this.body?.isConnected && this.page === null) this.applyStyles(doc);
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

  /**
   * The frame runs no script, and WebKit gives event listeners nothing from a document
   * whose scripts are off, not even this window's. So the pane looks instead: every
   * `POLL_MS`, and every frame while the preview has focus or was just scrolled, it reads
   * the frame's scroll position and caret. A new caret is where the writer clicked.
   */
  private watch(): void {
    window.setInterval(() => this.poll(), POLL_MS);
    // Focus going into the frame (a click there) blurs this window.
    window.addEventListener("blur", () => this.pollEveryFrame());
  }

  private pollEveryFrame(): void {
    this.busyUntil = performance.now() + BUSY_MS;
    if (this.framePolling) return;
    this.framePolling = true;
    const loop = () => {
      this.poll();
      // Not the frame's own hasFocus(): WebKit leaves it true after the editor took the
      // focus back, and this loop would then run for as long as the writer types.
      const focused = document.activeElement === this.frame;
      if (focused || performance.now() < this.busyUntil) requestAnimationFrame(loop);
      else this.framePolling = false;
    };
    requestAnimationFrame(loop);
  }

  private poll(): void {
    const doc = this.frame.contentDocument;
    const win = this.frame.contentWindow;
    if (!doc || !win || !this.body?.isConnected) return;
    if (win.scrollY !== this.lastScrollY) {
      this.lastScrollY = win.scrollY;
      this.events.onScroll();
      this.pollEveryFrame();
    }
    this.imagePressed(doc);
    const selection = doc.getSelection();
    if (!doc.hasFocus()) {
      // Forget the caret, so a click on the same spot later is seen as a click again.
      if (selection && selection.rangeCount > 0) selection.removeAllRanges();
      this.lastCaret = null;
      return;
    }
    if (!selection || selection.rangeCount === 0 || !selection.isCollapsed || !selection.anchorNode) return;
    const caret = { node: selection.anchorNode, offset: selection.anchorOffset };
    if (this.lastCaret && this.lastCaret.node === caret.node && this.lastCaret.offset === caret.offset) return;
    this.lastCaret = caret;
    const at = caret.node.nodeType === Node.ELEMENT_NODE ? (caret.node as Element) : caret.node.parentElement;
    if (at) this.clicked(at);
  }

  /** The writer clicked `at`: the cursor goes to its block's line, unless it is in a link. */
  private clicked(at: Element): void {
    if (at.closest("a[href]")) return; // a link was clicked, not the block
    const block = at.closest("[data-line]");
    if (!block) return;
    this.events.onLineClick(Number(block.getAttribute("data-line")), block.getBoundingClientRect().top);
  }

  /**
   * A click on an image may move no caret, so the caret cannot always tell it; but while
   * the button is down the image is `:active`, and the pane looks every frame while the
   * frame has the focus (a press gives it the focus).
   */
  private imagePressed(doc: Document): void {
    const pressed = doc.querySelectorAll(":active");
    const image = pressed[pressed.length - 1] ?? null;
    if (!image || image.nodeName !== "IMG") {
      this.pressedImage = null;
      return;
    }
    if (image === this.pressedImage) return;
    this.pressedImage = image;
    this.clicked(image);
  }

  private anchors(): LineAnchor[] {
    const doc = this.frame.contentDocument;
    if (!doc) return [];
    this.anchorCache ??= anchorsOf(doc);
    return this.anchorCache;
  }

  private end(): LineAnchor {
    const el = this.frame.contentDocument?.documentElement;
    return { line: this.events.sourceLines() + 1, top: el ? el.scrollHeight : 0 };
  }

  topLine(): number | null {
    const win = this.frame.contentWindow;
    if (!win || !this.body?.isConnected) return null;
    return lineForTop(this.anchors(), win.scrollY, this.end());
  }

  scrollToLine(line: number): void {
    const win = this.frame.contentWindow;
    if (!win || !this.body?.isConnected) return;
    const top = topForLine(this.anchors(), line, this.end());
    // A few pixels are rounding, or the editor settling: moving for them would be jitter.
    if (Math.abs(top - win.scrollY) < DEAD_BAND_PX) return;
    win.scrollTo(0, top);
    this.lastScrollY = win.scrollY; // our own scroll: not the writer's
  }

  atEnd(): boolean {
    const win = this.frame.contentWindow;
    const el = this.frame.contentDocument?.documentElement;
    return !!win && !!el && win.scrollY > 0 && win.scrollY + win.innerHeight >= el.scrollHeight - 1;
  }

  scrollToEnd(): void {
    const el = this.frame.contentDocument?.documentElement;
    const win = this.frame.contentWindow;
    if (!el || !win) return;
    win.scrollTo(0, el.scrollHeight);
    this.lastScrollY = win.scrollY;
  }

  /**
   * Applies what changed; `fresh` starts from an empty body (a post opened, a resync).
   * Returns false when a change could not be applied (the frame's document was new, or
   * the change is in a section it does not show): then the whole preview must be sent
   * again.
   */
  show(patch: PreviewPatch, fresh: boolean): boolean {
    if (!this.ensureDocument() || !this.title || !this.blocks) return true; // no frame: nothing to show
    if (this.rebuilt && !fresh) return false;
    this.rebuilt = false;
    const title = patch.title ?? "";
    if (this.title.innerHTML !== title) this.title.innerHTML = title;
    this.title.hidden = title === "";
    // Sent whole: the blocks that came out the same stay the nodes they are.
    if (fresh && patch.at.length === 0 && patch.start === 0) {
      this.blocks.replaceAll(patch.insert);
      this.anchorCache = null;
      return true;
    }
    if (fresh) this.blocks.reset();
    const applied = this.blocks.apply(patch);
    this.anchorCache = null;
    return applied;
  }

  clear(): void {
    if (!this.ensureDocument() || !this.title || !this.blocks) return;
    this.title.replaceChildren();
    this.title.hidden = true;
    this.blocks.reset();
    this.rebuilt = false;
    this.anchorCache = null;
  }
}
