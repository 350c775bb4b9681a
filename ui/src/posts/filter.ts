import type { PostSummary } from "../bindings/PostSummary";

export type StatusFilter = "all" | "draft" | "published";

/**
 * The posts whose title or path contains every word of `query` (case and accents ignored),
 * with the given status. A post without a status field counts as published, as in Pelican.
 */
export function filterPosts(posts: readonly PostSummary[], query: string, status: StatusFilter): PostSummary[] {
  const fold = (s: string) => s.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  const words = fold(query).split(/\s+/).filter(Boolean);
  return posts.filter((post) => {
    const isDraft = post.status?.toLowerCase() === "draft";
    if (status === "draft" && !isDraft) return false;
    if (status === "published" && isDraft) return false;
    const haystack = fold(`${post.title} ${post.path}`);
    return words.every((w) => haystack.includes(w));
  });
}
