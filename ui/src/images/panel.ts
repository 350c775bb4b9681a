// The image panel: thumbnails of the open post's images. Drag one into the editor (or
// double-click it) to insert its reST; images no post uses are marked; delete moves one
// into the blog's trash.
import { assetUrl, type PostImage } from "../api";
import { el } from "../dom";
import { IMAGE_DRAG_TYPE } from "../editor/editor";

export interface ImagePanelActions {
  /** Insert the image's reST at the cursor. */
  insert: (image: PostImage) => void;
  delete: (image: PostImage) => void;
}

export class ImagePanel {
  private readonly list: HTMLElement;
  /** What is shown, to leave the thumbnails alone when nothing changed. */
  private shown = "";

  constructor(
    private readonly root: HTMLElement,
    private readonly actions: ImagePanelActions,
  ) {
    this.list = root.querySelector(".image-list") ?? root;
  }

  /** Shows `images`, or, with none, how to add one. `null` hides the panel (no post). */
  show(images: readonly PostImage[] | null): void {
    this.root.hidden = images === null;
    const key = JSON.stringify(images);
    if (key === this.shown) return;
    this.shown = key;
    if (images === null) return;
    if (images.length === 0) {
      this.list.replaceChildren(
        el("li", "image-empty", "No images yet. Drop image files on the editor, or paste one."),
      );
      return;
    }
    this.list.replaceChildren(...images.map((image) => this.item(image)));
  }

  private item(image: PostImage): HTMLElement {
    const item = el("li", "image-item");
    item.dataset["testid"] = "image-item";
    item.dataset["path"] = image.path;
    item.draggable = true;
    item.title = `${image.path}\nDrag into the text, or double-click to insert at the cursor`;
    item.classList.toggle("orphan", image.orphan);
    const thumb = el("img", "image-thumb");
    thumb.src = assetUrl(image.path);
    thumb.alt = "";
    thumb.draggable = false;
    thumb.loading = "lazy";
    const name = el("span", "image-name", image.name);
    item.append(thumb, name);
    if (image.lfsPointer) {
      const badge = el("span", "image-badge", "not downloaded");
      badge.dataset["testid"] = "lfs-badge";
      badge.title = "Stored in Git LFS, not downloaded (git lfs pull fetches it)";
      item.append(badge);
    }
    if (image.orphan) {
      const badge = el("span", "image-badge", "unused");
      badge.dataset["testid"] = "orphan-badge";
      badge.title = "No post uses this image";
      item.append(badge);
    }
    const remove = el("button", "image-delete", "×");
    remove.type = "button";
    remove.dataset["testid"] = "image-delete";
    remove.title = `Move ${image.name} to the trash`;
    remove.setAttribute("aria-label", remove.title);
    remove.addEventListener("click", (e) => {
      e.stopPropagation();
      this.actions.delete(image);
    });
    item.append(remove);
    item.addEventListener("dragstart", (e) => {
      e.dataTransfer?.setData(IMAGE_DRAG_TYPE, image.rst);
      e.dataTransfer?.setData("text/plain", image.rst);
      if (e.dataTransfer) e.dataTransfer.effectAllowed = "copy";
    });
    item.addEventListener("dblclick", () => this.actions.insert(image));
    return item;
  }
}
