// The one typed door to the backend: every Tauri command name appears here and nowhere else.
import { invoke } from "@tauri-apps/api/core";
import type { ApiError } from "./bindings/ApiError";
import type { Preview } from "./bindings/Preview";
import type { Workspace } from "./bindings/Workspace";

export type { ApiError, Preview, Workspace };

/** Opens the last blog, or creates the demo blog on first run. */
export const start = (): Promise<Workspace> => invoke("start");

export const openBlog = (path: string): Promise<Workspace> => invoke("open_blog", { path });

/** `path` is relative to the blog root, `/`-separated. */
export const readPost = (path: string): Promise<string> => invoke("read_post", { path });

export const savePost = (path: string, text: string): Promise<void> =>
  invoke("save_post", { path, text });

export const renderPreview = (text: string): Promise<Preview> => invoke("render_preview", { text });

/** Commands reject with an ApiError; anything else (a bug, a lost IPC) becomes one too. */
export function asApiError(e: unknown): ApiError {
  if (typeof e === "object" && e !== null && "code" in e && "message" in e) {
    return e as ApiError;
  }
  return { code: "Internal", message: String(e) };
}
