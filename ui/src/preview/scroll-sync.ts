// Scroll sync between the editor and the preview, through the source lines the engine puts
// on the preview's block elements (`data-line`). Both sides map to a fractional source
// line: the editor by its line heights, the preview by interpolating between the tops of
// the elements before and after that line.

/** A preview element with a source line: where it starts, in document coordinates. */
export interface LineAnchor {
  line: number;
  top: number;
}

/**
 * The anchors of `doc`'s `[data-line]` elements that have a box, in document order, kept
 * only while both line and top grow (a nested element on its parent's line adds nothing,
 * and anything out of order would make the mapping jump back).
 */
export function anchorsOf(doc: Document): LineAnchor[] {
  const scrollY = doc.defaultView?.scrollY ?? 0;
  const anchors: LineAnchor[] = [];
  for (const el of doc.querySelectorAll("[data-line]")) {
    const line = Number(el.getAttribute("data-line"));
    const rect = el.getBoundingClientRect();
    if (!Number.isFinite(line) || (rect.width === 0 && rect.height === 0)) continue;
    const top = rect.top + scrollY;
    const last = anchors[anchors.length - 1];
    if (last && (line <= last.line || top < last.top)) continue;
    anchors.push({ line, top });
  }
  return anchors;
}

/** The preview's scroll top that shows fractional source `line` at the top. */
export function topForLine(anchors: readonly LineAnchor[], line: number, end: LineAnchor): number {
  const all = withEnds(anchors, end);
  let i = all.length - 1;
  while (i > 0 && all[i]!.line > line) i--;
  const a = all[i]!;
  const b = all[i + 1];
  if (!b) return a.top;
  const t = Math.min(Math.max((line - a.line) / (b.line - a.line), 0), 1);
  return a.top + t * (b.top - a.top);
}

/** The fractional source line at the preview's scroll top `top`. */
export function lineForTop(anchors: readonly LineAnchor[], top: number, end: LineAnchor): number {
  const all = withEnds(anchors, end);
  let i = all.length - 1;
  while (i > 0 && all[i]!.top > top) i--;
  const a = all[i]!;
  const b = all[i + 1];
  if (!b || b.top === a.top) return a.line;
  const t = Math.min(Math.max((top - a.top) / (b.top - a.top), 0), 1);
  return a.line + t * (b.line - a.line);
}

/** The anchors between the document's start (line 1 at 0) and `end`. */
function withEnds(anchors: readonly LineAnchor[], end: LineAnchor): LineAnchor[] {
  const all: LineAnchor[] = [{ line: 1, top: 0 }];
  for (const a of anchors) if (a.line > all[all.length - 1]!.line && a.top >= all[all.length - 1]!.top) all.push(a);
  const last = all[all.length - 1]!;
  if (end.line > last.line && end.top >= last.top) all.push(end);
  return all;
}

/** One side of the sync: where it is scrolled, as a fractional source line. */
export interface SyncSide {
  /** The fractional line at the top, or null when there is nothing to sync. */
  topLine(): number | null;
  /** Scrolls so that fractional `line` is at the top. */
  scrollToLine(line: number): void;
  /** Scrolled to the very end: the other side goes to its end too. */
  atEnd(): boolean;
  scrollToEnd(): void;
}

/**
 * After scrolling a side for the other, its scroll events are ignored for this long and
 * this many animation frames (the editor aims again once it has measured the lines it
 * scrolled to, and a loaded machine can take 50 ms a frame).
 */
const ECHO_MS = 150;
const ECHO_FRAMES = 6;

type Side = "editor" | "preview";

/**
 * Keeps two sides scrolled to the same source line. The side the writer scrolls leads; the
 * scroll events its follower fires in answer are ignored, so the two never chase each other.
 */
export class ScrollSync {
  private quietUntil = { editor: 0, preview: 0 };
  private quietFrames = { editor: 0, preview: 0 };
  private counting = false;
  private leader: Side | null = null;

  constructor(
    private readonly editor: SyncSide,
    private readonly preview: SyncSide,
  ) {}

  /** The editor scrolled (by the writer, or by itself following the cursor). */
  editorScrolled(): void {
    this.scrolled("editor");
  }

  previewScrolled(): void {
    this.scrolled("preview");
  }

  /** Ignores `side`'s scroll events for a moment: it is being scrolled on purpose. */
  hold(side: Side): void {
    this.quietUntil[side] = performance.now() + ECHO_MS;
    this.quietFrames[side] = ECHO_FRAMES;
    if (this.counting) return;
    this.counting = true;
    const tick = () => {
      this.quietFrames.editor = Math.max(this.quietFrames.editor - 1, 0);
      this.quietFrames.preview = Math.max(this.quietFrames.preview - 1, 0);
      if (this.quietFrames.editor || this.quietFrames.preview) requestAnimationFrame(tick);
      else this.counting = false;
    };
    requestAnimationFrame(tick);
  }

  private scrolled(side: Side): void {
    if (performance.now() < this.quietUntil[side] || this.quietFrames[side] > 0) return;
    if (this.leader === null) requestAnimationFrame(() => this.follow());
    this.leader = side;
  }

  private follow(): void {
    const side = this.leader;
    this.leader = null;
    if (!side) return;
    const [from, to] = side === "editor" ? [this.editor, this.preview] : [this.preview, this.editor];
    const line = from.topLine();
    if (line === null) return;
    this.hold(side === "editor" ? "preview" : "editor");
    if (from.atEnd()) to.scrollToEnd();
    else to.scrollToLine(line);
  }
}
