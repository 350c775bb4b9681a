import { describe, expect, it } from "vitest";
import { repoName } from "./clone-dialog";

describe("repoName", () => {
  it("takes the repository's name from ssh, https and path URLs", () => {
    expect(repoName("git@github.com:me/my-blog.git")).toBe("my-blog");
    expect(repoName("https://example.com/me/notes/")).toBe("notes");
    expect(repoName("/srv/git/blog.git")).toBe("blog");
    expect(repoName("")).toBe("blog");
  });
});
