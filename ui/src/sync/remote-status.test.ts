import { describe, expect, it } from "vitest";
import { newCommitsText } from "./remote-status";

describe("the status bar's word on the remote", () => {
  it("counts one commit in the singular and more in the plural, naming the remote", () => {
    expect(newCommitsText({ newCommits: 1, remote: "origin" })).toBe("1 new commit on origin");
    expect(newCommitsText({ newCommits: 3, remote: "origin" })).toBe("3 new commits on origin");
    expect(newCommitsText({ newCommits: 12, remote: "backup" })).toBe("12 new commits on backup");
  });
});
