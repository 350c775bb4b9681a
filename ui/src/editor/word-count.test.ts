import { describe, expect, it } from "vitest";
import { countWords, parseGoal, SessionWords, wordStatus } from "./word-count";

describe("word count", () => {
  it("counts runs of non-space characters", () => {
    expect(countWords("Title\n=====\n\n  Two words.\n")).toBe(4);
    expect(countWords("")).toBe(0);
  });

  it("counts the words written this session over every post opened, none for a shortened post", () => {
    const session = new SessionWords();
    session.counted("a.rst", 100);
    session.counted("a.rst", 130);
    session.counted("b.rst", 50);
    session.counted("b.rst", 20);
    expect(session.written()).toBe(30);
    session.counted("b.rst", 60);
    expect(session.written()).toBe(40);
  });

  it("takes a positive whole number as the goal, anything else as none", () => {
    expect(parseGoal(" 1000 ")).toBe(1000);
    expect(parseGoal("")).toBeNull();
    expect(parseGoal("0")).toBeNull();
    expect(parseGoal("-5")).toBeNull();
    expect(parseGoal("12.5")).toBeNull();
  });

  it("says the session's words and the progress to the goal", () => {
    expect(wordStatus(840, 312, 1000)).toBe("312 words this session · 840/1000");
    expect(wordStatus(840, 0, null)).toBe("840 words");
    expect(wordStatus(840, 12, null)).toBe("840 words · 12 this session");
    expect(wordStatus(1200, 0, 1500, (n) => n.toLocaleString("en"))).toBe("0 words this session · 1,200/1,500");
  });
});
