import { describe, expect, it } from "vitest";
import type { IndexLock } from "../bindings/IndexLock";
import { ageInWords, isStale, lockView } from "./index-lock";

const lock = (over: Partial<IndexLock>): IndexLock => ({
  path: "/blog/.git/index.lock",
  ageSeconds: 125,
  gitProcesses: [],
  processesKnown: true,
  ...over,
});

describe("the index.lock explanation", () => {
  it("gives the age in the largest whole unit", () => {
    expect(ageInWords(1)).toBe("1 second");
    expect(ageInWords(59)).toBe("59 seconds");
    expect(ageInWords(125)).toBe("2 minutes");
    expect(ageInWords(7200)).toBe("2 hours");
    expect(ageInWords(86400 * 3 + 5)).toBe("3 days");
  });

  it("offers removal only when Folio looked and no git program runs", () => {
    expect(isStale(lock({}))).toBe(true);
    expect(isStale(lock({ gitProcesses: [{ pid: 42, command: "git rebase -i" }] }))).toBe(false);
    expect(isStale(lock({ processesKnown: false }))).toBe(false);
  });

  it("names the file, its age and each running git program", () => {
    const busy = lockView(lock({ gitProcesses: [{ pid: 42, command: "git gc" }] }), "git is busy");
    expect(busy.stale).toBe(false);
    const text = busy.element.textContent ?? "";
    expect(text).toContain("/blog/.git/index.lock, written 2 minutes ago");
    expect(text).toContain("running: git gc (pid 42)");
    expect(text).toContain("Another git program is working");
    expect(text).toContain("Wait for it to finish");
    const stale = lockView(lock({}), "left behind").element.textContent ?? "";
    expect(stale).toContain("stopped before finishing");
    expect(stale).toContain("removing it is safe");
    const unknown = lockView(lock({ processesKnown: false }), "Folio cannot look for git programs here");
    expect(unknown.stale).toBe(false);
    expect(unknown.element.textContent).toContain("Folio cannot look for git programs here");
  });
});
