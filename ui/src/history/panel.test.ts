import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { PostHistory } from "../bindings/PostHistory";

const api = vi.hoisted(() => ({
  postHistory: vi.fn(),
  postVersion: vi.fn(),
  versionPreview: vi.fn(),
}));

vi.mock("../api", () => ({
  ...api,
  asApiError: (e: unknown) => e as { code: string; message: string },
}));

import { HistoryPanel, type HistorySubject } from "./panel";

const history: PostHistory = {
  path: "content/hello.rst",
  uncommitted: true,
  versions: [
    { commit: "b".repeat(40), date: "2024-03-02T11:30:00+01:00", author: "Ann", message: "Second", path: "content/hello.rst", published: false },
    { commit: "a".repeat(40), date: "2024-03-01T10:00:00+01:00", author: "Ann", message: "First", path: "content/hello.rst", published: true },
  ],
};

function subject(restore = vi.fn()): HistorySubject & { restore: ReturnType<typeof vi.fn> } {
  return { path: "content/hello.rst", title: "Hello", editable: true, currentText: () => "A new text.\n", restore };
}

const query = (id: string) => document.querySelector<HTMLElement>(`[data-testid=${id}]`);
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("HistoryPanel", () => {
  beforeAll(() => {
    globalThis.ResizeObserver ??= class {
      observe() {}
      unobserve() {}
      disconnect() {}
    } as unknown as typeof ResizeObserver;
    // jsdom's dialogs may not open; the panel only needs `open` to follow.
    HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
      this.setAttribute("open", "");
    };
    HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
      this.removeAttribute("open");
      this.dispatchEvent(new Event("close"));
    };
  });

  afterEach(() => {
    document.body.replaceChildren();
    vi.useRealTimers();
    vi.clearAllMocks();
  });

  it("shows a spinner while a long history is read, then the versions under the autosave", async () => {
    vi.useFakeTimers();
    let answer: (h: PostHistory) => void = () => {};
    api.postHistory.mockReturnValue(new Promise<PostHistory>((resolve) => (answer = resolve)));
    const panel = new HistoryPanel();
    const opened = panel.open(subject());
    await vi.advanceTimersByTimeAsync(200);
    expect(query("history-loading")?.textContent).toContain("Reading the post’s history");
    answer(history);
    await opened;
    expect(query("history-loading")).toBeNull();
    const rows = [...document.querySelectorAll<HTMLElement>("[data-testid=history-version]")];
    expect(rows.map((r) => r.dataset["published"])).toEqual(["false", "true"]);
    expect(query("history-uncommitted")?.textContent).toContain("Not committed yet");
  });

  it("restores the chosen version's text through the window, once it is read", async () => {
    api.postHistory.mockResolvedValue(history);
    api.postVersion.mockResolvedValue({ text: "An old text.\n", diff: [{ kind: "removed", text: "old" }] });
    api.versionPreview.mockResolvedValue({ seq: 0, title: "Hello", at: [], start: 0, remove: 0, insert: [], lineShift: 0, diagnostics: [] });
    const restore = vi.fn();
    const panel = new HistoryPanel();
    await panel.open(subject(restore));
    const restoreButton = query("history-restore") as HTMLButtonElement;
    expect(restoreButton.disabled).toBe(true);
    document.querySelectorAll<HTMLElement>("[data-testid=history-version]")[1]?.click();
    await settle();
    expect(api.postVersion).toHaveBeenCalledWith("content/hello.rst", "a".repeat(40), "A new text.\n");
    expect(query("history-diff")?.querySelector("del")?.textContent).toBe("old");
    expect(restoreButton.disabled).toBe(false);
    restoreButton.click();
    expect(restore).toHaveBeenCalledWith("An old text.\n", "First");
    expect(panel.isOpen()).toBe(false);
  });

  it("says so in plain words when the blog is not a git repository", async () => {
    api.postHistory.mockRejectedValue({ code: "NotARepository", message: "not a repo" });
    const panel = new HistoryPanel();
    await panel.open(subject());
    expect(query("history-empty")?.textContent).toContain("This blog is not a git repository");
    expect(document.querySelector<HTMLElement>(".history-main")?.hidden).toBe(true);
  });
});
