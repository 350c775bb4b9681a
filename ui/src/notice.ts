// A bar over the editor for the few things that need the writer's decision now
// (recovered text, a post changed elsewhere).

export interface NoticeAction {
  label: string;
  run: () => void;
}

export class Notice {
  private readonly text: HTMLElement;
  private readonly actions: HTMLElement;

  constructor(private readonly root: HTMLElement) {
    this.text = root.querySelector(".notice-text") ?? root;
    this.actions = root.querySelector(".notice-actions") ?? root;
  }

  show(message: string, actions: readonly NoticeAction[]): void {
    this.text.textContent = message;
    this.actions.replaceChildren(
      ...actions.map((action) => {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "button";
        button.textContent = action.label;
        button.addEventListener("click", () => {
          this.hide();
          action.run();
        });
        return button;
      }),
    );
    this.root.hidden = false;
  }

  hide(): void {
    this.root.hidden = true;
  }
}
