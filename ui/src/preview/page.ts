// The theme's page as the preview frame gets it. The frame runs no script, but a page can
// still act without one: `<meta http-equiv="refresh">` navigates the frame (to the live
// site, say) and `<base href>` changes where every relative URL goes. Those are taken out;
// the rest of the page is the theme's, as Pelican would write it.

/** The `page` with its meta refreshes and base elements taken out, ready for the frame. */
export function pageForFrame(page: string): string {
  const doc = new DOMParser().parseFromString(page, "text/html");
  for (const meta of doc.querySelectorAll("meta[http-equiv]")) {
    if (meta.getAttribute("http-equiv")?.trim().toLowerCase() === "refresh") meta.remove();
  }
  for (const base of doc.querySelectorAll("base")) base.remove();
  const doctype = doc.doctype ? `<!DOCTYPE ${doc.doctype.name}>` : "";
  return doctype + doc.documentElement.outerHTML;
}
