import type { PostSummary } from "../bindings/PostSummary";
import { compareText } from "./collate";

/** Newest first by the `date` field; undated posts last, by title. */
export function sortPosts(posts: readonly PostSummary[]): PostSummary[] {
  return [...posts].sort((a, b) => {
    if (a.date && b.date && a.date !== b.date) return a.date < b.date ? 1 : -1;
    if (a.date && !b.date) return -1;
    if (!a.date && b.date) return 1;
    return compareText(a.title, b.title);
  });
}
