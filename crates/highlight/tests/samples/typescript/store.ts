import { invoke } from "@tauri-apps/api/core";
import type { Post, Diagnostic } from "./bindings";

export interface State {
  posts: readonly Post[];
  selected?: string;
  errors: Map<string, Diagnostic[]>;
}

type Listener = (s: State) => void;

export enum Status {
  Idle = "idle",
  Loading = "loading",
  Failed = "failed",
}

/** Holds the posts the window shows. */
export class Store<T extends State = State> {
  private listeners: Listener[] = [];
  #status: Status = Status.Idle;

  constructor(private state: T) {}

  subscribe(fn: Listener): () => void {
    this.listeners.push(fn);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== fn);
    };
  }

  async load(root: string): Promise<void> {
    this.#status = Status.Loading;
    try {
      const posts = await invoke<Post[]>("list_posts", { root });
      this.state = { ...this.state, posts: posts.sort((a, b) => b.date.localeCompare(a.date)) };
    } catch (e: unknown) {
      this.#status = Status.Failed;
      console.error(`cannot list posts in ${root}:`, e);
      return;
    }
    this.#status = Status.Idle;
    for (const l of this.listeners) l(this.state);
  }

  get count(): number {
    return this.state.posts.length ?? 0;
  }
}

export const pageSize = 0x20 * 2;
export function title(p: Post | null): string {
  return p?.title?.trim() || "(untitled)";
}
