// The post-details form over the header's fields: it reads the text and writes into it,
// so typing in either place is the same edit (one undo history, one save).
import { readHeader, setFieldChange, setTitleChange, type Change } from "./metadata";

/** `2020-03-20 14:30` (Pelican) <-> `2020-03-20T14:30` (datetime-local). */
const toInputDate = (value: string) => (/^\d{4}-\d{2}-\d{2}[ T_]\d{2}:\d{2}/.test(value) ? value.slice(0, 16).replace(/[ _]/, "T") : /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00` : "");
const fromInputDate = (value: string) => value.replace("T", " ");

export class MetaForm {
  private readonly inputs: (HTMLInputElement | HTMLSelectElement)[];

  constructor(
    root: HTMLElement,
    private readonly text: () => string,
    private readonly apply: (change: Change) => void,
  ) {
    this.inputs = Array.from(root.querySelectorAll<HTMLInputElement | HTMLSelectElement>("[data-field]"));
    for (const input of this.inputs) {
      input.addEventListener(input instanceof HTMLSelectElement ? "change" : "input", () => this.edit(input));
    }
  }

  /** Offers the blog's categories and tags as suggestions. */
  setSuggestions(posts: readonly { category: string | null; tags: string[] }[]): void {
    const fill = (id: string, values: Iterable<string>) => {
      const list = document.getElementById(id);
      if (!list) return;
      list.replaceChildren(
        ...[...new Set(values)].sort().map((value) => {
          const option = document.createElement("option");
          option.value = value;
          return option;
        }),
      );
    };
    fill("known-categories", posts.flatMap((p) => (p.category ? [p.category] : [])));
    fill("known-tags", posts.flatMap((p) => p.tags));
  }

  /** Shows the header of `text`; the field being typed in is left alone. */
  refresh(text: string): void {
    const header = readHeader(text);
    for (const input of this.inputs) {
      if (input === document.activeElement) continue;
      const name = input.dataset["field"] ?? "";
      const raw = name === "title" ? (header.title?.value ?? "") : (header.fields.get(name)?.value ?? "");
      input.value = name === "date" ? toInputDate(raw) : raw;
    }
  }

  private edit(input: HTMLInputElement | HTMLSelectElement): void {
    const name = input.dataset["field"] ?? "";
    const text = this.text();
    const change =
      name === "title"
        ? setTitleChange(text, input.value)
        : setFieldChange(text, name, name === "date" ? fromInputDate(input.value) : input.value);
    if (change) this.apply(change);
  }
}
