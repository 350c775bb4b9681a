// The post list in the sidebar.
import type { PostSummary } from "../bindings/PostSummary";
import { sortPosts } from "./sort";

export class PostList {
  private selected: string | null = null;
  private badges = new Map<string, string>();

  constructor(
    private readonly root: HTMLElement,
    private readonly onSelect: (post: PostSummary) => void,
  ) {}

  /** Shows `posts`; `emptyMessage` explains an empty list. */
  show(posts: readonly PostSummary[], emptyMessage = "No posts yet. Create one with New."): void {
    this.root.replaceChildren();
    if (posts.length === 0) {
      const empty = document.createElement("li");
      empty.className = "post-list-empty";
      empty.textContent = emptyMessage;
      this.root.append(empty);
      return;
    }
    for (const post of sortPosts(posts)) {
      this.root.append(this.item(post));
    }
  }

  /** Git state per post path ("new", "modified", "not pushed"); shown beside the title. */
  setBadges(badges: Map<string, string>): void {
    this.badges = badges;
    for (const el of this.root.querySelectorAll<HTMLElement>("[data-testid=post-item]")) {
      this.renderBadge(el, badges.get(el.dataset["path"] ?? ""));
    }
  }

  private renderBadge(item: HTMLElement, badge: string | undefined): void {
    item.querySelector(".git-badge")?.remove();
    if (!badge) return;
    const span = document.createElement("span");
    span.className = "git-badge";
    span.dataset["testid"] = "git-badge";
    span.textContent = badge;
    item.querySelector(".post-meta")?.append(span);
  }

  select(path: string): void {
    this.selected = path;
    for (const el of this.root.querySelectorAll<HTMLElement>("[data-testid=post-item]")) {
      el.classList.toggle("selected", el.dataset["path"] === path);
      el.setAttribute("aria-selected", String(el.dataset["path"] === path));
    }
  }

  private item(post: PostSummary): HTMLElement {
    const li = document.createElement("li");
    li.className = "post-item";
    li.dataset["testid"] = "post-item";
    li.dataset["path"] = post.path;
    li.tabIndex = 0;
    li.setAttribute("role", "option");
    li.classList.toggle("selected", post.path === this.selected);

    const title = document.createElement("div");
    title.className = "post-title";
    title.textContent = post.title;
    const meta = document.createElement("div");
    meta.className = "post-meta";
    const date = post.date?.slice(0, 10) ?? (post.kind === "page" ? null : "no date");
    meta.textContent = [date, post.kind === "page" ? "page" : null, post.status, post.editable ? null : "read-only"]
      .filter(Boolean)
      .join(" · ");
    li.append(title, meta);
    this.renderBadge(li, this.badges.get(post.path));

    const choose = () => this.onSelect(post);
    li.addEventListener("click", choose);
    li.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        choose();
      }
    });
    return li;
  }
}
