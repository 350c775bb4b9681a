// The status bar's import indicator: which file, which step, a bar.
import type { ImportProgress } from "../api";

const STEPS: Record<ImportProgress, { n: number; label: string }> = {
  Reading: { n: 1, label: "reading" },
  Processing: { n: 2, label: "processing" },
  Writing: { n: 3, label: "saving" },
  Done: { n: 4, label: "done" },
};

export class ImportStatus {
  private readonly bar: HTMLProgressElement;
  private readonly text: HTMLElement;

  constructor(private readonly root: HTMLElement) {
    this.bar = root.querySelector("progress") ?? document.createElement("progress");
    this.text = root.querySelector(".import-text") ?? root;
  }

  /** File `index` of `count`, named `name`, is at `step`. */
  show(name: string, index: number, count: number, step: ImportProgress): void {
    const { n, label } = STEPS[step];
    this.root.hidden = false;
    this.bar.max = count * 4;
    this.bar.value = index * 4 + n;
    const of = count > 1 ? ` (${index + 1} of ${count})` : "";
    this.text.textContent = `Importing ${name}${of}: ${label}…`;
  }

  hide(): void {
    this.root.hidden = true;
  }
}
