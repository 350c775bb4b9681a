// The one typed door to the backend: every Tauri command name appears here and nowhere else.
import { Channel, invoke } from "@tauri-apps/api/core";
import type { SectionStyle } from "./bindings/SectionStyle";
import type { Answer } from "./bindings/Answer";
import type { ApiError } from "./bindings/ApiError";
import type { BlogChange } from "./bindings/BlogChange";
import type { PostSummary } from "./bindings/PostSummary";
import type { PostText } from "./bindings/PostText";
import type { PageView } from "./bindings/PageView";
import type { PreviewPatch } from "./bindings/PreviewPatch";
import type { TextChange } from "./bindings/TextChange";
import type { GitEvent } from "./bindings/GitEvent";
import type { PublishPlan } from "./bindings/PublishPlan";
import type { Resolution } from "./bindings/Resolution";
import type { PublishReport } from "./bindings/PublishReport";
import type { RepoStatus } from "./bindings/RepoStatus";
import type { RemoteNews } from "./bindings/RemoteNews";
import type { UpdateReport } from "./bindings/UpdateReport";
import type { PostHistory } from "./bindings/PostHistory";
import type { VersionComparison } from "./bindings/VersionComparison";
import type { Workspace } from "./bindings/Workspace";
import type { DropEvent } from "./bindings/DropEvent";
import type { ImportedImage } from "./bindings/ImportedImage";
import type { ImportProgress } from "./bindings/ImportProgress";
import type { PostImage } from "./bindings/PostImage";
import type { SpellingFinding } from "./bindings/SpellingFinding";
import type { Completions } from "./bindings/Completions";

export type { Completions, DropEvent, ImportedImage, ImportProgress, PostImage, RemoteNews, UpdateReport };
export type { Answer, ApiError, BlogChange, PostText, PreviewPatch, TextChange, GitEvent, PublishPlan, PublishReport, RepoStatus, Workspace };

/** Opens the last blog, or creates the demo blog on first run. */
export const start = (): Promise<Workspace> => invoke("start");

export const openBlog = (path: string): Promise<Workspace> => invoke("open_blog", { path });

/**
 * Remembers whether the open blog may run its pelicanconf.py and opens it again as the
 * answer says: with its Python when `trusted`, else with the literal reader.
 */
export const trustBlog = (trusted: boolean): Promise<Workspace> => invoke("trust_blog", { trusted });

/**
 * Reads the open blog's settings with its Python, after the window showed what was known
 * at once (last time's settings, else the literal reader): the workspace again when that
 * changed what the window shows, else `null`.
 */
export const settleSettings = (): Promise<Workspace | null> => invoke("settle_settings");

export const listPosts = (): Promise<PostSummary[]> => invoke("list_posts");

/** The paths of the posts whose text contains every word of `query`. */
export const searchPosts = (query: string): Promise<string[]> => invoke("search_posts", { query });

/** Calls `onChange` with each batch of changes other programs make to the open blog. */
export function watchBlog(onChange: (changes: BlogChange[]) => void): Promise<void> {
  const channel = new Channel<BlogChange[]>();
  channel.onmessage = onChange;
  return invoke("watch_blog", { onChange: channel });
}

/**
 * Calls `onNews` with what each check of the open blog's remote finds: on opening, then
 * every few minutes (quiet when the remote cannot be reached: `reachable` is false).
 */
export function watchRemote(onNews: (news: RemoteNews) => void): Promise<void> {
  const channel = new Channel<RemoteNews>();
  channel.onmessage = onNews;
  return invoke("watch_remote", { onNews: channel });
}

/**
 * Brings the remote's new commits in. Posts in `unsaved`, and any with uncommitted edits
 * the remote changed, are left alone (rejects with code "Conflict" and both texts) unless
 * `resolutions` says which text to keep.
 */
export const updateFromRemote = (unsaved: string[], resolutions: Resolution[]): Promise<UpdateReport> =>
  invoke("update_from_remote", { unsaved, resolutions });

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

/**
 * Journals the text the preview answer numbered `seq` was for, which the backend holds;
 * resolves false when it no longer does (then use journalRecord).
 */
export const journalRecordPreview = (path: string, seq: number, base: string | null): Promise<boolean> =>
  invoke("journal_record_preview", { path, seq, base });

export const journalDiscard = (path: string): Promise<void> => invoke("journal_discard", { path });

/**
 * Starts the live preview over the whole `text`; the answer inserts every block. With the
 * post's `path`, its images load from the blog folder.
 */
export const previewOpen = (text: string, path: string | null): Promise<PreviewPatch> =>
  invoke("preview_open", { text, path });

/**
 * The page the blog's theme renders around the post at `path` (its body left out) with
 * `text`, or when null with the live preview's text of it (the backend has it: typing
 * sends no 100 KB post); unless `force`, `unchanged` when the text's title and fields are
 * as last time.
 */
export const previewPage = (path: string, text: string | null, force: boolean): Promise<PageView> =>
  invoke("preview_page", { path, text, force });

/** Remembers, for the open blog, whether its preview shows the post's body alone. */
export const setPreviewBodyOnly = (bodyOnly: boolean): Promise<void> =>
  invoke("set_preview_body_only", { bodyOnly });

/** The preview's answers arrive on a channel: its messages reach the page in one step. */
let previewAnswered: ((answer: PreviewPatch | null) => void) | null = null;
let previewChannel: Promise<void> | null = null;

/** Gives the backend the channel for the preview's answers; call once at start. */
export const previewConnect = (): Promise<void> => {
  if (!previewChannel) {
    const answers = new Channel<PreviewPatch | null>();
    answers.onmessage = (answer) => {
      const answered = previewAnswered;
      previewAnswered = null;
      answered?.(answer);
    };
    previewChannel = invoke("preview_answers", { onAnswer: answers });
  }
  return previewChannel;
};

/**
 * Sends the editor's changes since the answer numbered `base` (UTF-16 offsets, text now
 * `length` long, and with `hash`, its textHash); resolves to what changed in the preview,
 * or null when the preview is out of step and needs previewOpen. One at a time. The
 * request leaves at once (before the caller's task ends) once previewConnect is done.
 */
export const previewEdit = (
  base: number,
  changes: TextChange[],
  length: number,
  hash: number | null,
): Promise<PreviewPatch | null> =>
  new Promise((resolve, reject) => {
    previewAnswered = resolve;
    invoke("preview_edit", { base, changes, length, hash }).catch((e: unknown) => {
      if (previewAnswered === resolve) previewAnswered = null;
      reject(e);
    });
  });

/** Git state of the blog and each post; does not contact the remote. */
export const repoStatus = (): Promise<RepoStatus> => invoke("repo_status");

/** The commits that changed the post, newest first (following renames), and whether it has uncommitted edits. */
export const postHistory = (path: string): Promise<PostHistory> => invoke("post_history", { path });

/** The post's text at a commit and a word diff from it to the editor's current text. */
export const postVersion = (path: string, commit: string, current: string): Promise<VersionComparison> =>
  invoke("post_version", { path, commit, current });

/** An older version's text of the post at `path`, rendered as the live preview renders, apart from it. */
export const versionPreview = (path: string, text: string): Promise<PreviewPatch> =>
  invoke("version_preview", { path, text });

/** Removes a stale .git/index.lock; refused while a git program runs in the repository. */
export const removeIndexLock = (): Promise<void> => invoke("remove_index_lock");

/** What publishing these posts would commit: files and a diff. */
export const planPublish = (paths: string[]): Promise<PublishPlan> => invoke("plan_publish", { paths });

/**
 * Commits, integrates, pushes and verifies. Resolves only when the remote holds the commit;
 * progress and git's questions arrive on `onEvent` (answer questions with answerPrompt).
 */
/** Settles a publish's conflict with the writer's chosen texts (a merge; nothing is forced). */
export const resolveConflicts = (resolutions: Resolution[]): Promise<void> => invoke("resolve_conflicts", { resolutions });

export function publish(paths: string[], onEvent: (event: GitEvent) => void): Promise<PublishReport> {
  const channel = new Channel<GitEvent>();
  channel.onmessage = onEvent;
  return invoke("publish", { paths, onEvent: channel });
}

/** Creates a draft post titled `title`; resolves to its path. */
export const newPost = (title: string, date: string): Promise<string> => invoke("new_post", { title, date });

/** The system's folder picker; null when cancelled. */
export const chooseFolder = (): Promise<string | null> => invoke("choose_folder");

/** Clones the blog at `url` into `dir` and opens it; progress and questions on `onEvent`. */
export function cloneBlog(url: string, dir: string, onEvent: (event: GitEvent) => void): Promise<Workspace> {
  const channel = new Channel<GitEvent>();
  channel.onmessage = onEvent;
  return invoke("clone_blog", { url, dir, onEvent: channel });
}

/** Tells git who is publishing (in the blog's repository). */
export const setIdentity = (name: string, email: string): Promise<void> => invoke("set_identity", { name, email });

export const answerPrompt = (id: number, answer: Answer): Promise<void> => invoke("answer_prompt", { id, answer });

/**
 * Calls `onDrop` as files from other programs are dragged over the window and dropped.
 * The page never sees those files itself: the window takes the OS drop.
 */
export function watchDrops(onDrop: (event: DropEvent) => void): Promise<void> {
  const channel = new Channel<DropEvent>();
  channel.onmessage = onDrop;
  return invoke("watch_drops", { onDrop: channel });
}

/** Imports a file dropped on the window into the images of the post at `post`. */
export function importDroppedImage(
  post: string,
  path: string,
  onProgress: (progress: ImportProgress) => void,
): Promise<ImportedImage> {
  const channel = new Channel<ImportProgress>();
  channel.onmessage = onProgress;
  return invoke("import_dropped_image", { post, path, onProgress: channel });
}

/** Imports image bytes (a paste) named `name` into the images of the post at `post`. */
export const importPastedImage = (post: string, name: string, bytes: Uint8Array): Promise<ImportedImage> =>
  invoke("import_pasted_image", bytes, {
    headers: { "x-post": encodeURIComponent(post), "x-name": encodeURIComponent(name) },
  });

/** The post's images: its folder and what it refers to, orphans marked. */
export const postImages = (post: string): Promise<PostImage[]> => invoke("post_images", { post });

/** Moves an image into the blog's trash; resolves to its place there, for restoreImage. */
export const deleteImage = (path: string): Promise<string> => invoke("delete_image", { path });

export const restoreImage = (trashPath: string): Promise<string> => invoke("restore_image", { trashPath });

/** The URL the window loads a blog file from (`path` relative to the blog root). */
export function assetUrl(path: string): string {
  const prefix = navigator.userAgent.includes("Windows") ? "http://folio.localhost/" : "folio://localhost/";
  return prefix + path.split("/").map(encodeURIComponent).join("/");
}

/** Commands reject with an ApiError; anything else (a bug, a lost IPC) becomes one too. */
export function asApiError(e: unknown): ApiError {
  if (typeof e === "object" && e !== null && "code" in e && "message" in e) {
    return e as ApiError;
  }
  return { code: "Internal", message: String(e) };
}

/** The misspellings of the open post's `text` in lines `first..=last` (1-based), or in all of it. */
export const spellCheck = (text: string, first: number | null, last: number | null): Promise<SpellingFinding[]> =>
  invoke("spell_check", { text, first, last });

/** Corrections for a misspelt word, best first. */
export const spellSuggest = (word: string): Promise<string[]> => invoke("spell_suggest", { word });

/** Accepts `word` until the window closes. */
export const spellIgnore = (word: string): Promise<void> => invoke("spell_ignore", { word });

/** Adds `word` to the blog's dictionary, `.folio/words.txt`. */
export const spellAddWord = (word: string): Promise<void> => invoke("spell_add_word", { word });

/** The text on the system clipboard, or null (the page itself may not read it). */
export const clipboardText = (): Promise<string | null> => invoke("clipboard_text");

/** What the editor completes in the open blog's posts: its images, directive and role names, header fields. */
export const completions = (): Promise<Completions> => invoke("completions");

/** The word-count goal of the post at `path`, or null (kept by Folio, never in the post). */
export const wordGoal = (path: string): Promise<number | null> => invoke("word_goal", { path });

/** Sets the post's word-count goal; null clears it. */
export const setWordGoal = (path: string, goal: number | null): Promise<void> => invoke("set_word_goal", { path, goal });
/** Whether the writer hid the formatting toolbar (remembered in the app's settings). */
export const formattingToolbarHidden = (): Promise<boolean> => invoke("formatting_toolbar_hidden");

export const setFormattingToolbarHidden = (hidden: boolean): Promise<void> =>
  invoke("set_formatting_toolbar_hidden", { hidden });

/** The style the blog's posts give each section level (level 1 first). */
export const sectionStyles = (): Promise<SectionStyle[]> => invoke("section_styles");

/** How docutils reads the first table in each text; `null` for no table or one in error. */
export const tableReadings = (texts: string[]): Promise<(string | null)[]> => invoke("table_readings", { texts });
