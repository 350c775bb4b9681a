import type { PostSummary } from "../bindings/PostSummary";
import { compareText, fold } from "./collate";

export type StatusFilter = "all" | "draft" | "published" | "hidden";

/** What the list shows: words to find, a status, and optionally one category and one tag. */
export interface PostFilter {
  query: string;
  status: StatusFilter;
  /** A category name, or "" for any. */
  category: string;
  /** A tag, or "" for any. */
  tag: string;
  /** Paths whose text (not only title) matched `query`, when the blog was searched. */
  textMatches?: ReadonlySet<string> | undefined;
}


/**
 * The posts whose title or path contains every word of the query (case and accents
 * ignored), or whose text matched it, with the given status, category and tag. A post
 * without a status field counts as published, as in Pelican; a hidden one is built but
 * not listed on the site, so it is not counted as published. Categories and tags compare
 * without regard to case, as Pelican's slugs do.
 */
export function filterPosts(posts: readonly PostSummary[], filter: PostFilter): PostSummary[] {
  const words = fold(filter.query).split(/\s+/).filter(Boolean);
  const category = fold(filter.category);
  const tag = fold(filter.tag);
  return posts.filter((post) => {
    if (filter.status !== "all" && statusOf(post) !== filter.status) return false;
    if (category && fold(post.category ?? "") !== category) return false;
    if (tag && !post.tags.some((t) => fold(t) === tag)) return false;
    if (filter.textMatches?.has(post.path)) return true;
    const haystack = fold(`${post.title} ${post.path}`);
    return words.every((w) => haystack.includes(w));
  });
}

/**
 * The post's status as the list filters it: no `status` field is published; a value
 * Pelican refuses, or `skip`, is none of the three.
 */
export function statusOf(post: PostSummary): "draft" | "published" | "hidden" | "other" {
  const status = post.status?.toLowerCase() ?? "published";
  return status === "draft" || status === "published" || status === "hidden" ? status : "other";
}

/** The blog's categories and tags, each once (first spelling wins), sorted for a menu. */
export function facets(posts: readonly PostSummary[]): { categories: string[]; tags: string[] } {
  const categories = new Map<string, string>();
  const tags = new Map<string, string>();
  for (const post of posts) {
    if (post.category) categories.set(fold(post.category), categories.get(fold(post.category)) ?? post.category);
    for (const t of post.tags) tags.set(fold(t), tags.get(fold(t)) ?? t);
  }
  const sorted = (m: Map<string, string>) => [...m.values()].sort(compareText);
  return { categories: sorted(categories), tags: sorted(tags) };
}
