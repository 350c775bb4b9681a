// The one typed door to the backend: every Tauri command name appears here and nowhere else.
import { Channel, invoke } from "@tauri-apps/api/core";
import type { ApiError } from "./bindings/ApiError";
import type { BlogChange } from "./bindings/BlogChange";
import type { PostSummary } from "./bindings/PostSummary";
import type { PostText } from "./bindings/PostText";
import type { Preview } from "./bindings/Preview";
import type { Workspace } from "./bindings/Workspace";

export type { ApiError, BlogChange, PostText, Preview, Workspace };

/** Opens the last blog, or creates the demo blog on first run. */
export const start = (): Promise<Workspace> => invoke("start");

export const openBlog = (path: string): Promise<Workspace> => invoke("open_blog", { path });

export const listPosts = (): Promise<PostSummary[]> => invoke("list_posts");

/** Calls `onChange` with each batch of changes other programs make to the open blog. */
export function watchBlog(onChange: (changes: BlogChange[]) => void): Promise<void> {
  const channel = new Channel<BlogChange[]>();
  channel.onmessage = onChange;
  return invoke("watch_blog", { onChange: channel });
}

/** `path` is relative to the blog root, `/`-separated. */
export const readPost = (path: string): Promise<PostText> => invoke("read_post", { path });

/**
 * Saves unless the file changed on disk since `base` (then rejects with code "ChangedOnDisk").
 * Resolves to the new revision.
 */
export const savePost = (path: string, text: string, base: string | null): Promise<string> =>
  invoke("save_post", { path, text, base });

/** Keeps unsaved text safe from a crash until it is saved. */
export const journalRecord = (path: string, text: string, base: string | null): Promise<void> =>
  invoke("journal_record", { path, text, base });

export const journalDiscard = (path: string): Promise<void> => invoke("journal_discard", { path });

export const renderPreview = (text: string): Promise<Preview> => invoke("render_preview", { text });

/** Commands reject with an ApiError; anything else (a bug, a lost IPC) becomes one too. */
export function asApiError(e: unknown): ApiError {
  if (typeof e === "object" && e !== null && "code" in e && "message" in e) {
    return e as ApiError;
  }
  return { code: "Internal", message: String(e) };
}
