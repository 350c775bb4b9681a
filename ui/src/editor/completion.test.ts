import { describe, expect, it } from "vitest";
import { CompletionContext, type CompletionResult, type CompletionSource } from "@codemirror/autocomplete";
import { EditorState } from "@codemirror/state";
import { directives, inHeader, linkTargets, referenceNames, references, rolesAndFields, type CompletionData } from "./completion";

const data: CompletionData = {
  posts: [
    { path: "content/farewell-to-anaconda.rst", title: "Farewell to Anaconda" },
    { path: "content/pages/about.rst", title: "About me" },
    { path: "drafts/outside.rst", title: "Not in content" },
  ],
  names: {
    contentDir: "content",
    images: ["content/images/sea/Beach.jpg", "content/images/map.svg"],
    directives: ["code-block", "figure", "image", "note"],
    roles: ["abbr", "code", "emphasis"],
    fields: ["date", "slug", "tags", "title"],
  },
  thumbnailUrl: (path) => `folio://localhost/${path}`,
};

/** `text` with the cursor at `¦`, asked of `source` (typed, unless `explicit`). */
function ask(source: CompletionSource, text: string, explicit = false): CompletionResult | null {
  const pos = text.indexOf("¦");
  const state = EditorState.create({ doc: text.replace("¦", "") });
  const result = source(new CompletionContext(state, pos, explicit));
  if (result instanceof Promise) throw new Error("the sources answer at once");
  return result;
}

const labels = (r: CompletionResult | null) => r?.options.map((o) => o.label) ?? [];

describe("{filename}/ and images", () => {
  const source = linkTargets(() => data);

  it("offers the posts in the content folder by path, from the marker", () => {
    const r = ask(source, "See `it <{filename}/¦");
    expect(labels(r)).toEqual(["{filename}/farewell-to-anaconda.rst", "{filename}/pages/about.rst"]);
    expect(r?.from).toBe("See `it <".length);
    expect(r?.options[0]?.detail).toBe("Farewell to Anaconda");
  });

  it("finds a post by words of its title as well as its path", () => {
    expect(labels(ask(source, "`x <{filename}/about¦"))).toEqual(["{filename}/pages/about.rst"]);
    expect(labels(ask(source, "`x <{filename}/farewell anac¦"))).toEqual([]); // a space ends the path
    expect(labels(ask(source, "`x <{filename}/anaconda¦"))).toEqual(["{filename}/farewell-to-anaconda.rst"]);
    expect(labels(ask(source, "`x <{filename}/me¦"))).toEqual(["{filename}/pages/about.rst"]);
  });

  it("offers images after {static}/ with their thumbnails", () => {
    const r = ask(source, "![x]({static}/¦");
    expect(labels(r)).toEqual(["{static}/images/sea/Beach.jpg", "{static}/images/map.svg"]);
    expect((r?.options[0] as { thumbnail?: string }).thumbnail).toBe("folio://localhost/content/images/sea/Beach.jpg");
  });

  it("offers images as an image or figure directive's argument, written with {static}", () => {
    const r = ask(source, ".. figure:: bea¦");
    expect(labels(r)).toEqual(["{static}/images/sea/Beach.jpg"]);
    expect(r?.from).toBe(".. figure:: ".length);
    expect(labels(ask(source, "   .. image:: {static}/map¦"))).toEqual(["{static}/images/map.svg"]);
    expect(ask(source, ".. note:: ¦")).toBeNull();
  });
});

describe("references", () => {
  const text = "Post\n====\n\nFirst part\n----------\n\n.. _the docs: https://x.org\n.. _`odd: name`: https://y.org\n.. __: https://anon.org\n\n";

  it("lists the explicit targets and the section titles, not anonymous targets", () => {
    expect(referenceNames(EditorState.create({ doc: text }))).toEqual(["the docs", "odd: name", "Post", "First part"]);
  });

  it("completes after a backtick once something is typed, and closes the reference", () => {
    const source = references();
    const r = ask(source, `${text}Read \`fi¦`);
    expect(r?.from).toBe(`${text}Read \``.length);
    expect(labels(r)).toContain("First part");
    expect(ask(source, `${text}Read \`¦`)).toBeNull();
    expect(labels(ask(source, `${text}Read \`¦`, true))).toContain("the docs");
    // A role's text and an inline literal are not references.
    expect(ask(source, `${text}:emphasis:\`fi¦`)).toBeNull();
    expect(ask(source, `${text}\`\`fi¦`)).toBeNull();
  });
});

describe("roles, fields and directives", () => {
  const source = rolesAndFields(() => data);

  it("offers Pelican's fields at the start of a header line, leaving out those present", () => {
    const r = ask(source, "Post\n====\n\n:date: 2024-01-01\n:¦");
    expect(labels(r)).toEqual([":slug:", ":tags:", ":title:"]);
    expect(r?.options[0]?.apply).toBe(":slug: ");
    expect(labels(ask(source, ":¦\n"))).toContain(":title:"); // a post that starts with its fields
  });

  it("knows where the header ends", () => {
    const state = EditorState.create({ doc: "Post\n====\n\n:date: x\n   continued\n:tags: a\n\nBody\n:x" });
    expect(inHeader(state, 6)).toBe(true);
    expect(inHeader(state, 7)).toBe(true);
    expect(inHeader(state, 9)).toBe(false);
  });

  it("offers roles after a colon in text, not a directive's options", () => {
    const r = ask(source, "Post\n====\n\n:date: x\n\nSome :em¦");
    expect(labels(r)).toEqual([":abbr:", ":code:", ":emphasis:"]);
    expect(r?.from).toBe("Post\n====\n\n:date: x\n\nSome ".length);
    expect(ask(source, "Post\n====\n\n.. image:: x.png\n   :al¦")).toBeNull();
    expect(ask(source, "Post\n====\n\nsee http:¦")).toBeNull();
  });

  it("offers directive names after '.. ', not for targets or substitutions", () => {
    const d = directives(() => data);
    const r = ask(d, "Text\n\n.. fi¦");
    expect(labels(r)).toEqual(["code-block", "figure", "image", "note"]);
    expect(r?.options[1]?.apply).toBe("figure:: ");
    expect(ask(d, ".. _tar¦")).toBeNull();
    expect(ask(d, ".. |sub¦")).toBeNull();
  });

  it("offers nothing before the names are known", () => {
    const empty = { ...data, names: null };
    expect(ask(directives(() => empty), ".. ¦")).toBeNull();
    expect(ask(linkTargets(() => empty), "{static}/¦")).toBeNull();
  });
});
