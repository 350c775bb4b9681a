import { describe, expect, it } from "vitest";
import { pageForFrame } from "./page";

const page = (head: string) =>
  `<!DOCTYPE html><html lang="en"><head>${head}<title>T</title></head>` +
  `<body><div class="entry-content"><folio-body></folio-body></div></body></html>`;

describe("pageForFrame", () => {
  it("takes out a meta refresh, in any letter case, and keeps other meta elements", () => {
    const out = pageForFrame(
      page(
        `<meta charset="utf-8"><META HTTP-EQUIV=" Refresh " content="0; url=https://example.com/">` +
          `<meta http-equiv="X-UA-Compatible" content="IE=edge">`,
      ),
    );
    expect(out).not.toMatch(/refresh/i);
    expect(out).toContain('http-equiv="X-UA-Compatible"');
    expect(out).toContain('<meta charset="utf-8">');
  });

  it("takes out base elements, so the theme's relative URLs stay the page's", () => {
    const out = pageForFrame(page(`<base href="https://example.com/">`));
    expect(out).not.toContain("<base");
  });

  it("keeps the doctype, the body's placeholder and the rest of the page", () => {
    const out = pageForFrame(page(""));
    expect(out.startsWith("<!DOCTYPE html><html lang=\"en\">")).toBe(true);
    expect(out).toContain('<div class="entry-content"><folio-body></folio-body></div>');
    expect(out).toContain("<title>T</title>");
  });
});
