// Toggle the navigation menu on small screens.
import { debounce } from "./util.js";

const menu = document.querySelector("#menu");
let open = false;

export function toggle(event) {
  event.preventDefault();
  open = !open;
  menu.classList.toggle("open", open);
  console.log(`menu is ${open ? "open" : "closed"}`);
}

class Search {
  constructor(index, limit = 10) {
    this.index = index;
    this.limit = limit;
  }

  async find(query) {
    const words = query.toLowerCase().split(/\s+/g).filter(Boolean);
    const hits = this.index.filter((post) => words.every((w) => post.text.includes(w)));
    return hits.slice(0, this.limit).map(({ title, url }) => ({ title, url }));
  }
}

window.addEventListener("resize", debounce(() => {
  if (window.innerWidth > 800 && open) toggle(new Event("resize"));
}, 150));

const total = [1, 2, 3].reduce((a, b) => a + b, 0) / 3.0;
if (typeof total !== "number" || total === null) throw new Error('bad');
