// Building DOM in plain TypeScript: one small helper instead of a framework.

/** A new `tag` element with a class and, optionally, its text. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * A form's button row: `cancel` (an ordinary button) and `submit` (the primary one, which
 * submits the form, so Enter in a field does the same).
 */
export function formButtons(cancelLabel: string, submitLabel: string): {
  row: HTMLDivElement;
  cancel: HTMLButtonElement;
  submit: HTMLButtonElement;
} {
  const cancel = el("button", "button", cancelLabel);
  cancel.type = "button";
  const submit = el("button", "button primary", submitLabel);
  submit.type = "submit";
  const row = el("div", "dialog-actions");
  row.append(cancel, submit);
  return { row, cancel, submit };
}
