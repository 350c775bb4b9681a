// The post list in the sidebar. Only the rows in view (and a few around them) are in the
// DOM: laying out ten thousand rows costs WebKit over half a second and megabytes of memory,
// while a screenful costs next to nothing. Rows have one fixed height (set in styles.css),
// which is what makes the window arithmetic exact.
import type { PostSummary } from "../bindings/PostSummary";
import { sortPosts } from "./sort";

/** Rows rendered above and below the visible ones, so fast scrolling shows no gaps. */
const OVERSCAN = 12;
/** The row height used until a rendered row can be measured. */
const FALLBACK_ROW_HEIGHT = 52;

/** The half-open range of row indexes to render for a scroll position. */
export function visibleRows(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  count: number,
  overscan = OVERSCAN,
): { start: number; end: number } {
  if (count === 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const shown = Math.ceil(Math.max(0, viewportHeight) / rowHeight) + 1;
  const start = Math.min(Math.max(0, first - overscan), count);
  const end = Math.min(count, first + shown + overscan);
  return { start, end: Math.max(start, end) };
}

export class PostList {
  private selected: string | null = null;
  private badges = new Map<string, string>();
  private rows: PostSummary[] = [];
  private rowHeight = 0;
  private readonly before: HTMLElement;
  private readonly after: HTMLElement;
  private framePending = false;

  constructor(
    private readonly root: HTMLElement,
    private readonly onSelect: (post: PostSummary) => void,
  ) {
    this.before = spacer();
    this.after = spacer();
    root.addEventListener("scroll", () => this.scheduleRender(), { passive: true });
    // One listener for every row: rows are kept by path across redraws, so a click on a
    // row that the blog's settings redrew meanwhile still opens its post.
    const rowOf = (e: Event) => {
      const li = (e.target as Element | null)?.closest<HTMLElement>("[data-testid=post-item]");
      const index = Number(li?.dataset["index"]);
      const post = li ? this.rows[index] : undefined;
      return post && post.path === li?.dataset["path"] ? { post, index } : undefined;
    };
    root.addEventListener("click", (e) => {
      const row = rowOf(e);
      if (row) this.onSelect(row.post);
    });
    root.addEventListener("keydown", (e) => {
      const row = rowOf(e);
      if (!row) return;
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        this.onSelect(row.post);
      } else if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        this.focusRow(row.index + (e.key === "ArrowDown" ? 1 : -1));
      }
    });
    new ResizeObserver(() => this.scheduleRender()).observe(root);
  }

  /**
   * Shows `posts`, newest first; `emptyMessage` explains an empty list. With `selected`,
   * that post is marked as the open one and scrolled into view, as `select` does, in the
   * same rendering.
   */
  show(posts: readonly PostSummary[], emptyMessage = "No posts yet. Create one with New.", selected?: string): void {
    this.rows = sortPosts(posts);
    if (selected !== undefined) {
      this.selected = selected;
      this.scrollToRow(this.rows.findIndex((p) => p.path === selected));
    }
    this.root.dataset["count"] = String(this.rows.length);
    if (this.rows.length === 0) {
      const empty = document.createElement("li");
      empty.className = "post-list-empty";
      empty.textContent = emptyMessage;
      this.root.replaceChildren(empty);
      return;
    }
    this.render(true);
  }

  /** Git state per post path ("new", "modified", "not pushed"); shown beside the title. */
  setBadges(badges: Map<string, string>): void {
    this.badges = badges;
    for (const el of this.renderedItems()) {
      this.renderBadge(el, badges.get(el.dataset["path"] ?? ""));
    }
  }

  /** Marks the post at `path` as the open one and scrolls it into view if it is not. */
  select(path: string): void {
    this.selected = path;
    this.scrollToRow(this.rows.findIndex((p) => p.path === path));
    this.render(true);
  }

  /** Scrolls the least needed to show row `index` whole. */
  private scrollToRow(index: number): void {
    if (index < 0) return;
    const height = this.rowHeight || FALLBACK_ROW_HEIGHT;
    const top = index * height;
    const view = this.root;
    if (top < view.scrollTop) view.scrollTop = top;
    else if (top + height > view.scrollTop + view.clientHeight) view.scrollTop = top + height - view.clientHeight;
  }

  private scheduleRender(): void {
    if (this.framePending) return;
    this.framePending = true;
    requestAnimationFrame(() => {
      this.framePending = false;
      this.render(false);
    });
  }

  /** Renders the rows in view; `force` rebuilds them even when the range is unchanged. */
  private render(force: boolean): void {
    if (this.rows.length === 0) return;
    const height = this.rowHeight || FALLBACK_ROW_HEIGHT;
    const { start, end } = visibleRows(this.root.scrollTop, this.root.clientHeight, height, this.rows.length);
    const items = this.renderedItems();
    const first = items[0];
    const unchanged = first && Number(first.dataset["index"]) === start && items.length === end - start;
    if (!force && unchanged && this.before.isConnected) return;
    const kept = new Map(items.map((li) => [li.dataset["path"], li]));
    const fresh = this.rows.slice(start, end).map((post, i) => this.item(post, start + i, kept.get(post.path)));
    this.before.style.height = `${start * height}px`;
    this.after.style.height = `${(this.rows.length - end) * height}px`;
    const children = [this.before, ...fresh, this.after];
    const current = this.root.children;
    const same = current.length === children.length && children.every((child, i) => current[i] === child);
    if (!same) this.root.replaceChildren(...children);
    if (!this.rowHeight && fresh[0]) {
      const measured = fresh[0].getBoundingClientRect().height;
      if (measured > 0 && Math.abs(measured - height) > 0.5) {
        this.rowHeight = measured;
        this.render(true);
      } else if (measured > 0) {
        this.rowHeight = measured;
      }
    }
  }

  private renderedItems(): HTMLElement[] {
    return Array.from(this.root.querySelectorAll<HTMLElement>("[data-testid=post-item]"));
  }

  /** Shows `badge` beside the row's date, touching the row only when it changes. */
  private renderBadge(item: HTMLElement, badge: string | undefined): void {
    const shown = item.querySelector<HTMLElement>(".git-badge");
    if (shown && badge) {
      setText(shown, badge);
      return;
    }
    shown?.remove();
    if (!badge) return;
    const span = document.createElement("span");
    span.className = "git-badge";
    span.dataset["testid"] = "git-badge";
    span.textContent = badge;
    item.querySelector(".post-meta")?.append(span);
  }

  /**
   * The row of `post`: `li`, the element it had before, updated in place when given. Only
   * what changed is written, and the row's children stay the same elements: a press on a
   * row before a redraw and the release after it still make a click (WebKit drops a click
   * whose press landed on an element that was taken out of the page).
   */
  private item(post: PostSummary, index: number, li: HTMLElement = newRow()): HTMLElement {
    li.dataset["path"] = post.path;
    li.dataset["index"] = String(index);
    const selected = post.path === this.selected;
    li.classList.toggle("selected", selected);
    li.setAttribute("aria-selected", String(selected));
    const title = li.querySelector<HTMLElement>(".post-title");
    const meta = li.querySelector<HTMLElement>(".post-meta");
    if (title) {
      setText(title, post.title);
      if (title.title !== post.title) title.title = post.title;
    }
    const date = post.date?.slice(0, 10) ?? (post.kind === "page" ? null : "no date");
    const line = [date, post.kind === "page" ? "page" : null, post.status, post.editable ? null : "read-only"]
      .filter(Boolean)
      .join(" · ");
    const text = meta?.firstChild;
    if (text instanceof Text) {
      if (text.data !== line) text.data = line;
    } else {
      meta?.prepend(line);
    }
    this.renderBadge(li, this.badges.get(post.path));
    return li;
  }

  /** Moves keyboard focus to row `index`, scrolling it into view. */
  private focusRow(index: number): void {
    if (index < 0 || index >= this.rows.length) return;
    this.scrollToRow(index);
    this.render(false);
    this.root.querySelector<HTMLElement>(`[data-index="${index}"]`)?.focus();
  }
}

/** An empty row: its title, and its meta line (date, kind, status, git badge). */
function newRow(): HTMLElement {
  const li = document.createElement("li");
  li.className = "post-item";
  li.dataset["testid"] = "post-item";
  li.tabIndex = 0;
  li.setAttribute("role", "option");
  const title = document.createElement("div");
  title.className = "post-title";
  const meta = document.createElement("div");
  meta.className = "post-meta";
  meta.append(document.createTextNode(""));
  li.append(title, meta);
  return li;
}

/** Sets an element's text only when it differs (a write replaces its text node). */
function setText(el: HTMLElement, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

function spacer(): HTMLElement {
  const li = document.createElement("li");
  li.className = "post-list-spacer";
  li.setAttribute("aria-hidden", "true");
  return li;
}
