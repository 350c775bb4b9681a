// Folio's window: wires the post list, the editor and the preview to the backend.
import {
  asApiError,
  chooseFolder,
  assetUrl,
  clipboardText,
  completions,
  formattingToolbarHidden,
  setFormattingToolbarHidden,
  tableReadings,
  sectionStyles,
  deleteImage,
  setWordGoal,
  wordGoal,
  type Completions,
  importDroppedImage,
  importPastedImage,
  postImages,
  restoreImage,
  watchDrops,
  type DropEvent,
  type ImportedImage,
  type ImportProgress,
  type PostImage,
  newPost,
  openBlog,
  repoStatus,
  journalDiscard,
  journalRecord,
  journalRecordPreview,
  listPosts,
  searchPosts,
  spellAddWord,
  spellCheck,
  spellIgnore,
  spellSuggest,
  readPost,
  previewConnect,
  previewEdit,
  previewOpen,
  previewPage,
  savePost,
  setPreviewBodyOnly,
  settleSettings,
  start,
  trustBlog,
  watchBlog,
  type BlogChange,
} from "./api";
import type { ChangeSet } from "@codemirror/state";
import type { Diagnostic } from "./bindings/Diagnostic";
import type { PreviewPatch } from "./bindings/PreviewPatch";
import type { TextChange } from "./bindings/TextChange";
import type { JournalEntry } from "./bindings/JournalEntry";
import type { PostSummary } from "./bindings/PostSummary";
import { runCloneDialog } from "./blogs/clone-dialog";
import type { Workspace } from "./bindings/Workspace";
import type { SectionStyle } from "./bindings/SectionStyle";
import { diagnosticCount } from "./editor/diagnostic-count";
import { Editor } from "./editor/editor";
import { MetaForm } from "./editor/meta-form";
import { countWords, parseGoal, SessionWords, wordStatus } from "./editor/word-count";
import { ImagePanel } from "./images/panel";
import { ImportStatus } from "./images/import-status";
import { textHash } from "./editor/text-hash";
import { Notice } from "./notice";
import { facets, filterPosts, type StatusFilter } from "./posts/filter";
import { PostList } from "./posts/list";
import { askTitle, localDate } from "./posts/new-post";
import { PreviewPane } from "./preview/preview";
import { ScrollSync } from "./preview/scroll-sync";
import { PublishDialog } from "./publish/dialog";
import { HistoryPanel } from "./history/panel";
import { RemoteStatus } from "./sync/remote-status";
import { ShortcutsDialog } from "./shortcuts";
import { FormattingToolbar, keyLabel } from "./editor/toolbar";
import type { RepoStatus } from "./bindings/RepoStatus";
import { trace } from "./trace";

/** Autosave this long after the last keystroke. */
const AUTOSAVE_MS = 1500;
/** Journal unsaved text at most this often, so a crash loses well under a second. */
const JOURNAL_MS = 300;
/** Word count, outline and post details follow the text this long after the last change. */
const SIDE_PANELS_MS = 200;

/**
 * Records for the window bench (`window.__folioStartup`) when start-up first got `moment`
 * (the post list, the reopened post's preview) to a frame, in milliseconds since the epoch.
 */
function markPainted(moment: "list" | "preview"): void {
  const holder = window as { __folioStartup?: Record<string, number> };
  const marks = (holder.__folioStartup ??= {});
  requestAnimationFrame(() => {
    marks[moment] ??= performance.timeOrigin + performance.now();
  });
}

/** `n` with commas between thousands ("12,345"), as the status bar shows counts. */
function groupThousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

function byId<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`the page has no #${id}`);
  return el as T;
}

function byTestId<T extends HTMLElement>(id: string): T {
  const el = document.querySelector<T>(`[data-testid="${id}"]`);
  if (!el) throw new Error(`the page has no [data-testid=${id}]`);
  return el;
}

type SaveState = "saved" | "unsaved" | "saving" | "conflict" | "error";

/** One image to bring in: its name for the progress, and the import itself. */
interface ImportJob {
  name: string;
  run: (onProgress: (step: ImportProgress) => void) => Promise<ImportedImage>;
}

/** The lines that mention images: when they change, the image panel may change. */
const imageLines = (text: string) => text.split("\n").filter((l) => l.includes("images/")).join("\n");

const baseName = (path: string) => path.split(/[\\/]/).pop() ?? path;

interface OpenPost {
  post: PostSummary;
  /** The revision on disk the editor's text is based on. */
  revision: string | null;
}

class App {
  private readonly list = new PostList(byTestId("post-list"), (post) => void this.select(post));
  private readonly editor: Editor;
  private readonly metaForm: MetaForm;
  private readonly preview: PreviewPane;
  private readonly scrollSync: ScrollSync;
  private readonly notice = new Notice(byTestId("notice"));
  /** Asks whether to run the blog's pelicanconf.py; never in the way of the editor. */
  private readonly trustPrompt = new Notice(byTestId("trust-prompt"));
  private readonly settingsStatus = byTestId<HTMLButtonElement>("settings-source");
  private readonly trustToggle = byTestId<HTMLButtonElement>("trust-toggle");
  /** The open blog's trust and where its settings came from. */
  private trust: Workspace["trust"] = "nothingToRun";
  private settingsDetail = "";
  private readonly emptyState = byId("empty-state");
  private readonly publishButton = byTestId<HTMLButtonElement>("publish");
  private readonly search = byTestId<HTMLInputElement>("post-search");
  private readonly statusFilter = byTestId<HTMLSelectElement>("status-filter");
  private readonly categoryFilter = byTestId<HTMLSelectElement>("category-filter");
  private readonly tagFilter = byTestId<HTMLSelectElement>("tag-filter");
  /** Posts whose text matched the search box, once the blog has been searched for it. */
  private textMatches: { query: string; paths: Set<string> } | null = null;
  private searchTimer: number | undefined;
  private readonly publishDialog = new PublishDialog();
  private readonly historyPanel = new HistoryPanel();
  private readonly historyButton = byTestId<HTMLButtonElement>("history-open");
  private readonly shortcuts = new ShortcutsDialog();
  private readonly formatBar: FormattingToolbar;
  /** The style the open blog's posts give each section level, for new headings. */
  private sectionStyles: SectionStyle[] = [];
  private readonly imagePanel = new ImagePanel(byTestId("image-panel"), {
    insert: (image) => this.editor.insertImages(this.editor.cursor(), [image.rst]),
    delete: (image) => void this.deleteImage(image),
  });
  private readonly importStatus = new ImportStatus(byTestId("import-status"));
  /** The image lines of the text the image panel was last asked about. */
  private shownImageLines = "";
  private publishing = false;
  private readonly remoteStatus = new RemoteStatus(byTestId("remote-status"), {
    unsaved: () => (this.current && this.dirty ? [this.current.post.path] : []),
    editorText: (path) => (this.current?.post.path === path ? this.editor.text() : null),
    publishing: () => this.publishing,
    // The list, the open post (reloaded when it has no edits, or when the writer just chose
    // its text) and the images follow.
    updated: (report, resolved) => {
      const open = this.current?.post.path;
      if (open && resolved.some((p) => p === open || p.endsWith(`/${open}`))) this.dirty = false;
      return this.outsideChanges(report.changed.map((path) => ({ kind: "changed", path })));
    },
    tell: (message) => this.notice.show(message, [{ label: "OK", run: () => {} }]),
  });

  private posts: PostSummary[] = [];
  /** The open blog's images and names for completion, once loaded. */
  private completionNames: Completions | null = null;
  private readonly sessionWords = new SessionWords();
  /** The open post's word-count goal, if it has one. */
  private goal: number | null = null;
  private readonly goalInput = byTestId<HTMLInputElement>("word-goal");
  /** The open blog's folder. */
  private root = "";
  private current: OpenPost | null = null;
  private dirty = false;
  /** Saving is paused while a conflict waits for the writer's choice. */
  private inConflict = false;
  /** The outline's headings as shown (see showOutline). */
  private outlineShown = "";
  /** The save under way, if any: outside changes are judged only after it settles. */
  private inFlightSave: Promise<boolean> | null = null;
  private autosaveTimer: number | undefined;
  private journalTimer: number | undefined;
  /**
   * The live preview. One request is in flight at a time; changes made meanwhile are
   * composed and go in the next one, so the latest text always wins and no answer is
   * applied out of order. `previewBase` numbers the last answer applied (null: the next
   * request sends the whole text).
   */
  private previewBase: number | null = null;
  private pendingChanges: ChangeSet | null = null;
  private previewBusy = false;
  private previewQueued = false;
  /** The next request checks the backend's text against the editor's (when typing pauses). */
  private verifyPreview = false;
  /** The answer whose text was last checked: each pause checks once. */
  private verifiedBase: number | null = null;
  /** Bumped when another post opens: answers about the one before are dropped. */
  private previewGeneration = 0;
  private sidePanelsTimer: number | undefined;
  /** "page": the post in the blog's theme; "post": the body alone. Remembered per blog. */
  private view: PreviewView = "page";
  /** Bumped for each page asked for: an answer about an older text is dropped. */
  private pageRequest = 0;

  constructor() {
    this.editor = new Editor(byTestId("editor"), {
      onChange: (changes) => this.changed(changes),
      onSave: () => void this.save(),
      onPasteImages: (files, pos) => void this.pasteImages(files, pos),
      spelling: {
        check: spellCheck,
        suggest: spellSuggest,
        ignore: spellIgnore,
        addWord: spellAddWord,
      },
      clipboardText,
      onSpellingError: (message) => this.notice.show(`Spell checking is off for this post: ${message}`, []),
      completion: () => ({ posts: this.posts, names: this.completionNames, thumbnailUrl: assetUrl }),
      formatting: {
        readings: tableReadings,
        refused: (message) => this.notice.show(message, []),
        sectionStyles: () => this.sectionStyles,
      },
    });
    this.goalInput.addEventListener("input", () => void this.goalChanged());
    this.formatBar = new FormattingToolbar(
      (id) => this.editor.format(id),
      (hidden) => void setFormattingToolbarHidden(hidden).catch(() => undefined),
      (key) => keyLabel(key, navigator.platform.startsWith("Mac") ? "⌘" : "Ctrl"),
    );
    byTestId("editor").before(this.formatBar.element);
    void formattingToolbarHidden()
      .catch(() => false)
      .then((hidden) => this.formatBar.setHidden(hidden, false));
    this.preview = new PreviewPane(byTestId<HTMLIFrameElement>("preview"), {
      onScroll: () => this.scrollSync.previewScrolled(),
      onLineClick: (line, offset) => {
        this.scrollSync.hold("editor");
        this.editor.placeCursor(line, offset);
      },
      sourceLines: () => this.editor.lineCount(),
    });
    this.scrollSync = new ScrollSync(this.editor, this.preview);
    this.editor.scroller.addEventListener("scroll", () => this.scrollSync.editorScrolled(), { passive: true });
    this.metaForm = new MetaForm(
      byTestId("meta-form"),
      () => this.editor.text(),
      (change) => this.editor.applyChange(change),
    );
    document.body.classList.add("no-post");
    window.addEventListener("beforeunload", () => void this.save());
    this.publishButton.addEventListener("click", () => void this.publishCurrent());
    this.historyButton.addEventListener("click", () => this.showHistory());
    byTestId("new-post").addEventListener("click", () => void this.createPost());
    this.search.addEventListener("input", () => this.searchChanged());
    for (const filter of [this.statusFilter, this.categoryFilter, this.tagFilter]) {
      filter.addEventListener("change", () => this.showPosts(this.posts));
    }
    window.addEventListener("keydown", (e) => {
      const mod = e.ctrlKey || e.metaKey;
      if (mod && e.shiftKey && e.key.toLowerCase() === "p") {
        e.preventDefault();
        void this.publishCurrent();
      } else if (mod && e.shiftKey && e.key.toLowerCase() === "h") {
        e.preventDefault();
        this.showHistory();
      } else if (mod && !e.shiftKey && e.key.toLowerCase() === "n") {
        e.preventDefault();
        void this.createPost();
      } else if (e.key === "F1") {
        e.preventDefault();
        this.shortcuts.show();
      }
    });
  }

  /** The open post's versions; restoring one is an edit like typing (undo, journal, save). */
  private showHistory(): void {
    const open = this.current;
    if (!open || this.historyPanel.isOpen()) return;
    void this.historyPanel.open({
      path: open.post.path,
      title: open.post.title,
      editable: open.post.editable,
      currentText: () => this.editor.text(),
      restore: (text, label) => {
        if (this.current !== open) return;
        this.editor.replaceText(text, false);
        this.notice.show(`Restored the version “${label}” as an edit: Ctrl+Z takes it back.`, [
          { label: "OK", run: () => {} },
        ]);
      },
    });
  }

  /** Publishes the open post: save, show what will change, publish, say how it ended. */
  private async publishCurrent(): Promise<void> {
    const open = this.current;
    if (!open || !open.post.editable || this.publishing) return;
    if (!(await this.save())) return;
    this.publishing = true;
    this.publishButton.disabled = true;
    const outcome = await this.publishDialog.run([open.post.path], open.post.title);
    this.publishing = false;
    this.publishButton.disabled = false;
    void this.refreshGitStatus();
    switch (outcome.kind) {
      case "published": {
        this.remoteStatus.forget(); // the publish integrated whatever the remote had
        const commit = outcome.report.commit.slice(0, 7);
        this.notice.show(`Published "${open.post.title}": ${outcome.report.remote} now has commit ${commit}.`, [
          { label: "OK", run: () => {} },
        ]);
        break;
      }
      case "failed":
        if (outcome.code === "Offline") {
          this.notice.show(`Committed on this computer but not published: ${outcome.message}`, [
            { label: "Retry", run: () => void this.publishCurrent() },
            { label: "Later", run: () => {} },
          ]);
        } else {
          this.notice.show(`Not published: ${outcome.message}`, [{ label: "OK", run: () => {} }]);
        }
        break;
      case "cancelled":
        break;
    }
  }

  private async refreshGitStatus(): Promise<void> {
    let status: RepoStatus;
    try {
      status = await repoStatus();
    } catch {
      return; // not a git repository, or git unreadable: no badges, nothing to worry about
    }
    const badges = new Map<string, string>();
    for (const post of status.posts) {
      const badge =
        post.change === "new" ? "new" : post.change === "modified" ? "modified" : post.ahead ? "not pushed" : null;
      if (badge) badges.set(post.path, badge);
    }
    this.list.setBadges(badges);
  }

  async start(): Promise<void> {
    this.setSaveState(null);
    this.setUpSiteMenu();
    for (const button of document.querySelectorAll<HTMLButtonElement>(".view-switch button")) {
      button.addEventListener("click", () => this.setView(button.dataset["view"] === "post" ? "post" : "page"));
    }
    void watchDrops((event) => this.filesDragged(event));
    try {
      await previewConnect();
      await this.loadWorkspace(await start());
    } catch (e) {
      this.showError("Folio could not open a blog", asApiError(e).message);
    }
  }

  /** Shows a (newly) opened blog: its posts, what a crash left, its git state. */
  private async loadWorkspace(workspace: Workspace): Promise<void> {
    // A late answer about the blog before this one is dropped.
    const asked: SectionStyle[] = [];
    this.sectionStyles = asked;
    void sectionStyles()
      .then((styles) => {
        if (this.sectionStyles === asked) this.sectionStyles = styles;
      })
      .catch(() => undefined);
    this.root = workspace.root;
    this.current = null;
    this.dirty = false;
    this.inConflict = false;
    this.notice.hide();
    this.preview.clear();
    this.imagePanel.show(null);
    document.body.classList.add("no-post");
    this.publishButton.disabled = true;
    this.historyButton.disabled = true;
    this.historyPanel.close();
    byId("status-post").textContent = "";
    byId("site-name").textContent = workspace.siteName;
    const parts = workspace.root.split("/").filter(Boolean);
    const blog = byId("status-blog");
    blog.textContent = parts.slice(-2).join("/");
    blog.title = workspace.root;
    this.showRecent(workspace.recent);
    this.preview.setTheme(workspace.themeStylesheets);
    this.historyPanel.setTheme(workspace.themeStylesheets);
    this.view = workspace.previewBodyOnly ? "post" : "page";
    this.showView();
    this.preview.setPage(null);
    this.showPosts(workspace.posts);
    markPainted("list");
    this.showOutline();
    this.showSettings(workspace);
    this.offerRecovered(workspace.recovered);
    // The file the app was started on wins over the post open when the blog was left.
    if (!workspace.openPost) this.reopenLastPost(workspace);
    void this.refreshGitStatus();
    await watchBlog((changes) => void this.outsideChanges(changes));
    void this.remoteStatus.watch();
    if (workspace.launchError) this.showError("Folio could not open that file", workspace.launchError.message);
    const launched = workspace.posts.find((post) => post.path === workspace.openPost);
    if (launched) await this.select(launched);
    else if (workspace.openPost) this.showError(`${workspace.openPost} is not one of this blog's posts`, "Folio opened its blog.");
    void this.settleSettings(workspace.root);
  }

  /**
   * Once the blog is shown, has its Python read the settings (in the background; most
   * starts only check that last time's answer still holds) and shows the blog again if
   * that changed them.
   */
  private async settleSettings(root: string): Promise<void> {
    let workspace: Workspace | null;
    try {
      workspace = await settleSettings();
    } catch (e) {
      this.notice.show(`Could not read the blog's settings: ${asApiError(e).message}`, [{ label: "OK", run: () => {} }]);
      return;
    }
    // Another blog opened meanwhile, or the writer answered the trust question first.
    if (workspace && workspace.root === this.root && root === this.root) await this.settingsChanged(workspace);
  }

  /**
   * Says where the blog's settings came from, and asks once whether to run its
   * pelicanconf.py when it has one the writer was not asked about (the list is already
   * there, read with the literal reader: nothing waits for the answer).
   */
  private showSettings(workspace: Workspace): void {
    const { settings, trust } = workspace;
    this.trust = trust;
    this.settingsDetail = settings.detail;
    this.settingsStatus.textContent = settings.summary;
    this.settingsStatus.title = settings.detail;
    this.settingsStatus.dataset["python"] = String(settings.python);
    this.settingsStatus.dataset["trust"] = trust;
    const summary = byTestId("settings-menu").querySelector(".settings-summary");
    if (summary) summary.textContent = settings.summary;
    this.trustToggle.hidden = trust === "nothingToRun";
    this.trustToggle.textContent =
      trust === "trusted" ? "Stop running pelicanconf.py (literal reader)" : "Run pelicanconf.py with Python…";
    if (trust !== "notAsked") {
      this.trustPrompt.hide();
      return;
    }
    const python = settings.interpreter ?? "the blog's Python (none found yet)";
    this.trustPrompt.show(
      `This blog's pelicanconf.py is Python code. Run it with ${python} to read its settings, as pelican does?`,
      [
        { label: "Trust and run", run: () => void this.answerTrust(true) },
        { label: "Not now / Keep literal", run: () => void this.answerTrust(false) },
      ],
    );
  }

  /**
   * Remembers the writer's answer and reads the blog again as it says; the open post
   * stays open and its preview renders with the settings now in force.
   */
  private async answerTrust(trusted: boolean): Promise<void> {
    this.trustPrompt.hide();
    if (trusted) this.settingsStatus.textContent = "Running pelicanconf.py…";
    let workspace: Workspace;
    try {
      workspace = await trustBlog(trusted);
    } catch (e) {
      this.notice.show(`Could not read the blog's settings: ${asApiError(e).message}`, [{ label: "OK", run: () => {} }]);
      return;
    }
    await this.settingsChanged(workspace);
  }

  /** Shows the open blog read again with other settings; the open post stays open. */
  private async settingsChanged(workspace: Workspace): Promise<void> {
    byId("site-name").textContent = workspace.siteName;
    this.preview.setTheme(workspace.themeStylesheets);
    this.historyPanel.setTheme(workspace.themeStylesheets);
    // The same posts are not drawn again: a click on the list must not meet a new one.
    if (JSON.stringify(workspace.posts) !== JSON.stringify(this.posts)) this.showPosts(workspace.posts);
    this.showSettings(workspace);
    const open = this.current;
    if (open) {
      const post = workspace.posts.find((p) => p.path === open.post.path);
      if (post) open.post = post;
      this.reopenPreview();
    }
    // The blog was opened again: its watcher starts again with it.
    await watchBlog((changes) => void this.outsideChanges(changes));
  }

  private setUpSiteMenu(): void {
    const button = byTestId("site-menu");
    const menu = byTestId("site-menu-items");
    const close = () => (menu.hidden = true);
    button.addEventListener("click", (e) => {
      e.stopPropagation();
      menu.hidden = !menu.hidden;
    });
    document.addEventListener("click", close);
    window.addEventListener("keydown", (e) => e.key === "Escape" && close());
    menu.querySelector("[data-action=open]")?.addEventListener("click", async () => {
      close();
      const folder = await chooseFolder().catch(() => null);
      if (folder) await this.switchBlog(() => openBlog(folder));
    });
    this.trustToggle.addEventListener("click", () => {
      close();
      void this.answerTrust(this.trust !== "trusted");
    });
    this.settingsStatus.addEventListener("click", () => {
      const actions = [{ label: "OK", run: () => {} }];
      if (this.trust !== "nothingToRun") {
        const label = this.trust === "trusted" ? "Keep literal from now on" : "Trust and run";
        actions.unshift({ label, run: () => void this.answerTrust(this.trust !== "trusted") });
      }
      this.notice.show(`Settings: ${this.settingsDetail}`, actions);
    });
    menu.querySelector("[data-action=shortcuts]")?.addEventListener("click", () => {
      close();
      this.shortcuts.show();
    });
    menu.querySelector("[data-action=format-bar]")?.addEventListener("click", () => {
      close();
      this.formatBar.setHidden(!this.formatBar.hidden);
    });
    menu.querySelector("[data-action=clone]")?.addEventListener("click", async () => {
      close();
      const parent = this.root.split("/").slice(0, -1).join("/") || "/";
      if (!(await this.save())) return;
      const workspace = await runCloneDialog(parent);
      if (workspace) await this.loadWorkspace(workspace);
    });
  }

  private showRecent(recent: readonly string[]): void {
    const section = byId("recent-blogs");
    section.replaceChildren();
    if (recent.length === 0) return;
    const label = document.createElement("div");
    label.className = "menu-label";
    label.textContent = "Recent";
    section.append(label);
    for (const path of recent) {
      const item = document.createElement("button");
      item.type = "button";
      item.setAttribute("role", "menuitem");
      item.dataset["testid"] = "recent-blog";
      item.textContent = path.split("/").filter(Boolean).slice(-2).join("/");
      item.title = path;
      item.addEventListener("click", () => void this.switchBlog(() => openBlog(path)));
      section.append(item);
    }
  }

  /** Saves the open post, then opens another blog; a failure leaves the current one open. */
  private async switchBlog(open: () => Promise<Workspace>): Promise<void> {
    byTestId("site-menu-items").hidden = true;
    if (!(await this.save())) return;
    try {
      await this.loadWorkspace(await open());
    } catch (e) {
      const error = asApiError(e);
      // A repository whose blog is a folder or two down: offer those folders.
      const offers = (error.code === "NotABlog" ? (error.candidates ?? []) : []).map((folder) => ({
        label: `Open the blog in ${folder.name}/`,
        run: () => void this.switchBlog(() => openBlog(folder.path)),
      }));
      const message = offers.length
        ? "That folder is not a Pelican blog, but a folder in it is."
        : `Could not open that blog: ${error.message}`;
      this.notice.show(message, [...offers, { label: offers.length ? "Cancel" : "OK", run: () => {} }]);
    }
  }

  private showPosts(posts: PostSummary[]): void {
    if (posts !== this.posts) {
      this.posts = posts;
      this.metaForm.setSuggestions(posts);
      const { categories, tags } = facets(posts);
      fillOptions(this.categoryFilter, categories);
      fillOptions(this.tagFilter, tags);
    }
    const query = this.search.value;
    const shown = filterPosts(posts, {
      query,
      status: this.statusFilter.value as StatusFilter,
      category: this.categoryFilter.value,
      tag: this.tagFilter.value,
      textMatches: this.textMatches?.query === query ? this.textMatches.paths : undefined,
    });
    this.list.show(shown, posts.length ? "No posts match." : undefined, this.current?.post.path);
  }

  /** Titles filter at once; the posts' text is searched once typing pauses. */
  private searchChanged(): void {
    this.showPosts(this.posts);
    window.clearTimeout(this.searchTimer);
    const query = this.search.value.trim();
    if (!query) return;
    this.searchTimer = window.setTimeout(() => {
      void searchPosts(query)
        .then((paths) => {
          if (this.search.value.trim() !== query) return;
          this.textMatches = { query: this.search.value, paths: new Set(paths) };
          this.showPosts(this.posts);
        })
        .catch(() => {}); // titles still filter; a failed text search only finds less
    }, 200);
  }

  private async createPost(): Promise<void> {
    const title = await askTitle();
    if (!title) return;
    try {
      const path = await newPost(title, localDate());
      this.showPosts(await listPosts());
      const post = this.posts.find((p) => p.path === path);
      if (post) await this.select(post);
      void this.refreshGitStatus();
    } catch (e) {
      this.notice.show(`Could not create the post: ${asApiError(e).message}`, [{ label: "OK", run: () => {} }]);
    }
  }

  private async select(post: PostSummary): Promise<boolean> {
    if (this.current?.post.path === post.path) return true;
    if (!(await this.save())) return false; // never drop unsaved text by switching away
    try {
      const { text, revision } = await readPost(post.path);
      this.current = { post, revision };
      this.dirty = false;
      this.inConflict = false;
      this.notice.hide();
      this.list.select(post.path);
      this.editor.open(post.path, text, post.editable);
      document.body.classList.remove("no-post");
      byId("status-post").textContent = post.path;
      this.setSaveState(post.editable ? "saved" : null);
      this.publishButton.disabled = !post.editable;
      this.publishButton.title = post.editable ? "Publish this post (Ctrl+Shift+P)" : "Folio publishes reST posts";
      this.historyButton.disabled = false;
      this.historyButton.title = "Every version of this post (Ctrl+Shift+H)";
      this.countWords(text);
      void this.loadGoal(post.path);
      this.reopenPreview();
      this.shownImageLines = imageLines(text);
      void this.refreshImages();
      return true;
    } catch (e) {
      this.showError(`Could not open ${post.path}`, asApiError(e).message);
      return false;
    }
  }

  private changed(changes: ChangeSet): void {
    if (!this.current) return;
    this.pendingChanges = this.pendingChanges ? this.pendingChanges.compose(changes) : changes;
    this.dirty = true;
    if (!this.inConflict) this.setSaveState("unsaved");
    // The round trip starts now, while the editor still has to redraw (see Editor); an
    // answer under way takes these changes when it is back.
    void this.renderNow();
    this.scheduleJournal();
    window.clearTimeout(this.autosaveTimer);
    this.autosaveTimer = window.setTimeout(() => void this.save(), AUTOSAVE_MS);
  }

  private scheduleJournal(): void {
    if (this.journalTimer !== undefined) return;
    this.journalTimer = window.setTimeout(() => void this.journalNow(), JOURNAL_MS);
  }

  /**
   * Keeps the text safe from a crash. While typing, the backend journals the text of the
   * last preview answer, which it holds already: the window does not send the whole post.
   */
  private async journalNow(): Promise<void> {
    this.journalTimer = undefined;
    const open = this.current;
    if (!open || !this.dirty) return;
    const seq = this.previewBase;
    // Changes not in that answer yet: journal again once they are.
    const behind = this.pendingChanges !== null || this.previewBusy;
    try {
      const kept = seq !== null && (await journalRecordPreview(open.post.path, seq, open.revision));
      if (!kept) await journalRecord(open.post.path, this.editor.text(), open.revision);
      if (behind) this.scheduleJournal();
    } catch (e) {
      this.setSaveState("error", `Could not keep a recovery copy: ${asApiError(e).message}`);
    }
  }

  /** Saves the open post if it has changes. Resolves false when it could not. */
  private async save(): Promise<boolean> {
    while (this.inFlightSave) await this.inFlightSave;
    this.inFlightSave = this.saveNow();
    try {
      return await this.inFlightSave;
    } finally {
      this.inFlightSave = null;
    }
  }

  private async saveNow(): Promise<boolean> {
    window.clearTimeout(this.autosaveTimer);
    const open = this.current;
    if (!open || !this.dirty || !open.post.editable) return true;
    if (this.inConflict) return false;
    const text = this.editor.text();
    this.setSaveState("saving");
    try {
      const revision = await savePost(open.post.path, text, open.revision);
      open.revision = revision;
      // Typing during the save keeps the post dirty; the next autosave takes it.
      if (this.current === open && this.editor.text() === text) {
        this.dirty = false;
        this.setSaveState("saved");
      }
      void this.refreshGitStatus();
      return true;
    } catch (e) {
      const error = asApiError(e);
      if (error.code === "ChangedOnDisk") {
        this.conflict(open);
      } else {
        this.setSaveState("error", error.message);
      }
      return false;
    }
  }

  /** The post changed on disk while it had unsaved edits: the writer chooses. */
  private conflict(open: OpenPost): void {
    this.inConflict = true;
    this.setSaveState("conflict");
    this.notice.show(`"${open.post.title}" was changed by another program while you were editing it.`, [
      {
        label: "Keep my version",
        run: () => void this.resolveConflict(open, "mine"),
      },
      {
        label: "Use the version on disk",
        run: () => void this.resolveConflict(open, "theirs"),
      },
    ]);
  }

  private async resolveConflict(open: OpenPost, keep: "mine" | "theirs"): Promise<void> {
    try {
      const disk = await readPost(open.post.path);
      this.inConflict = false;
      open.revision = disk.revision;
      if (keep === "theirs") {
        this.editor.replaceText(disk.text, true);
        this.dirty = false;
        await journalDiscard(open.post.path);
        this.setSaveState("saved");
        this.reopenPreview();
      } else {
        this.dirty = true;
        await this.save();
      }
    } catch (e) {
      this.setSaveState("error", asApiError(e).message);
    }
  }

  private async outsideChanges(changes: BlogChange[]): Promise<void> {
    void this.refreshGitStatus();
    // The page shows the settings, the theme's files and the other posts' titles and fields;
    // the open post's own saves change none of them (its fields are compared as typed).
    const openPath = this.current?.post.path;
    if (changes.some((c) => c.path !== openPath)) void this.refreshPage(true);
    void this.refreshImages();
    try {
      this.showPosts(await listPosts());
    } catch (e) {
      this.setSaveState("error", asApiError(e).message);
    }
    const open = this.current;
    const mine = open && changes.find((c) => c.path === open.post.path);
    // Already asking the writer about this post: the question stands as it is.
    if (!open || !mine || this.inConflict) return;
    if (mine.kind === "removed") {
      this.dirty = true;
      this.setSaveState("unsaved");
      this.notice.show(`"${open.post.title}" was deleted on disk. Your text is still here; saving writes it back.`, []);
      return;
    }
    // Our own save may be landing right now; its answer carries the new revision. A real
    // outside change during it is caught by the save itself (it names its base revision).
    while (this.inFlightSave) await this.inFlightSave;
    const disk = await readPost(open.post.path).catch(() => null);
    if (!disk || disk.revision === open.revision || this.inConflict) return;
    if (this.dirty) {
      this.conflict(open);
    } else {
      open.revision = disk.revision;
      this.editor.replaceText(disk.text, true);
      this.reopenPreview();
    }
  }

  /** Files from another program dragged over the window: show where they would go, import. */
  private filesDragged(event: DropEvent): void {
    const pane = byTestId("editor");
    const open = this.current;
    const target = (x: number, y: number) => open !== null && open.post.editable && this.editor.contains(x, y);
    if (event.kind === "over") {
      pane.classList.toggle("drop-target", target(event.x, event.y));
      return;
    }
    pane.classList.remove("drop-target");
    if (event.kind === "leave" || event.paths.length === 0) return;
    if (!open || !target(event.x, event.y)) {
      this.notice.show("To add images, open a reST post and drop them on its text.", [{ label: "OK", run: () => {} }]);
      return;
    }
    const post = open.post.path;
    const jobs = event.paths.map((path) => ({
      name: baseName(path),
      run: (onProgress: (step: ImportProgress) => void) => importDroppedImage(post, path, onProgress),
    }));
    void this.importImages(jobs, this.editor.posAtPoint(event.x, event.y));
  }

  private async pasteImages(files: File[], pos: number): Promise<void> {
    const open = this.current;
    if (!open) return;
    const jobs = files.map((file) => {
      const name = file.name || `pasted.${file.type.split("/")[1] ?? "png"}`;
      return {
        name,
        run: async () => importPastedImage(open.post.path, name, new Uint8Array(await file.arrayBuffer())),
      };
    });
    await this.importImages(jobs, pos);
  }

  /**
   * Imports the images one after another with progress, then inserts the reST of those
   * that came in at `pos` (followed through edits made meanwhile), the first one's alt
   * text selected. Files that could not be imported are named with the reason.
   */
  private async importImages(jobs: readonly ImportJob[], pos: number): Promise<void> {
    const at = this.editor.track(pos);
    const snippets: string[] = [];
    const failures: string[] = [];
    for (const [index, job] of jobs.entries()) {
      const progress = (step: ImportProgress) => this.importStatus.show(job.name, index, jobs.length, step);
      progress("Reading");
      try {
        snippets.push((await job.run(progress)).rst);
      } catch (e) {
        failures.push(asApiError(e).message);
      }
    }
    this.importStatus.hide();
    this.editor.untrack(at);
    if (snippets.length > 0) {
      if (this.editor.openPath() === at.path && this.current?.post.path === at.path) {
        this.editor.insertImages(at.pos, snippets);
      } else {
        failures.push(`${snippets.length} image(s) were imported, but their post is no longer open`);
      }
    }
    if (failures.length > 0) {
      const what = failures.length === 1 ? "Could not add the image" : "Could not add these images";
      this.notice.show(`${what}: ${failures.join("; ")}.`, [{ label: "OK", run: () => {} }]);
    }
    void this.refreshImages();
  }

  private async refreshImages(): Promise<void> {
    const open = this.current;
    if (!open) return;
    void this.refreshCompletions();
    try {
      const images = await postImages(open.post.path);
      if (this.current === open) this.imagePanel.show(images);
    } catch {
      if (this.current === open) this.imagePanel.show([]); // the post is gone or unreadable
    }
  }

  /** The blog's images and names as completion offers them (an image just imported included). */
  private async refreshCompletions(): Promise<void> {
    try {
      this.completionNames = await completions();
    } catch {
      // Completion then offers what it had; nothing else depends on it.
    }
  }

  /** Shows the goal of the post just opened (a later answer for another post is dropped). */
  private async loadGoal(path: string): Promise<void> {
    this.goal = null;
    this.goalInput.value = "";
    const goal = await wordGoal(path).catch(() => null);
    if (this.current?.post.path !== path) return;
    this.goal = goal;
    this.goalInput.value = goal === null ? "" : String(goal);
    this.countWords(this.editor.text());
  }

  private async goalChanged(): Promise<void> {
    const open = this.current;
    if (!open) return;
    this.goal = parseGoal(this.goalInput.value);
    this.countWords(this.editor.text());
    try {
      await setWordGoal(open.post.path, this.goal);
    } catch (e) {
      this.showError("Could not keep the word goal", asApiError(e).message);
    }
  }

  private async deleteImage(image: PostImage): Promise<void> {
    try {
      const trashed = await deleteImage(image.path);
      const still = image.inPost ? " This post still refers to it." : "";
      this.notice.show(`Moved ${image.name} to the trash.${still}`, [
        { label: "Undo", run: () => void restoreImage(trashed).then(() => this.refreshImages()) },
        { label: "OK", run: () => {} },
      ]);
    } catch (e) {
      this.notice.show(`Could not delete ${image.name}: ${asApiError(e).message}`, [{ label: "OK", run: () => {} }]);
    }
    await this.refreshImages();
  }

  /** Opens the post open when the blog was last left, unless a crash left text to offer. */
  private reopenLastPost(workspace: Workspace): void {
    if (workspace.recovered.length > 0 || this.current) return;
    const post = this.posts.find((p) => p.path === workspace.lastPost);
    if (post) void this.select(post);
  }

  /** After a crash: offers back the text the journal kept. */
  private offerRecovered(entries: readonly JournalEntry[]): void {
    const first = entries[0];
    if (!first) return;
    const post = this.posts.find((p) => p.path === first.path);
    const name = post ? `"${post.title}"` : first.path;
    const more = entries.length > 1 ? ` (and ${entries.length - 1} more)` : "";
    this.notice.show(`Folio kept unsaved text of ${name}${more} from last time.`, [
      { label: "Restore", run: () => void this.restore(first, entries.slice(1)) },
      { label: "Discard", run: () => void this.discard(first, entries.slice(1)) },
    ]);
  }

  private async restore(entry: JournalEntry, rest: readonly JournalEntry[]): Promise<void> {
    const post = this.posts.find((p) => p.path === entry.path);
    if (post && (await this.select(post))) {
      this.editor.replaceText(entry.text, false); // an edit: it is saved like typing
    }
    this.offerRecovered(rest);
  }

  private async discard(entry: JournalEntry, rest: readonly JournalEntry[]): Promise<void> {
    await journalDiscard(entry.path).catch((e) => this.setSaveState("error", asApiError(e).message));
    this.offerRecovered(rest);
  }

  /** The editor's text was replaced as a whole: the preview starts over from it. */
  private reopenPreview(): void {
    void this.refreshPage(true);
    this.previewGeneration++;
    this.previewBase = null;
    this.pendingChanges = null;
    this.verifyPreview = false;
    this.schedulePreview();
  }

  /** Sends the changes once the current task (a keystroke's handlers) is done. */
  private schedulePreview(): void {
    if (this.previewQueued) return;
    this.previewQueued = true;
    queueMicrotask(() => {
      this.previewQueued = false;
      void this.renderNow();
    });
  }

  private async renderNow(): Promise<void> {
    if (this.previewBusy || !this.current) return; // the answer under way sends the rest
    const generation = this.previewGeneration;
    const path = this.current.post.path;
    this.previewBusy = true;
    try {
      let patch: PreviewPatch | null = null;
      const base = this.previewBase;
      let verified = false;
      if (base !== null) {
        if (!this.pendingChanges && !this.verifyPreview) return;
        const changes = this.pendingChanges ? textChanges(this.pendingChanges) : [];
        const hash = this.verifyPreview ? textHash(this.editor.text()) : null;
        this.pendingChanges = null;
        verified = this.verifyPreview;
        this.verifyPreview = false;
        trace("folio:edit-sent");
        patch = await previewEdit(base, changes, this.editor.length(), hash);
        trace("folio:edit-answered");
      }
      if (generation !== this.previewGeneration) return;
      const fresh = !patch;
      if (!patch) {
        // Opening a post, or the backend lost step: send the whole text once.
        this.pendingChanges = null;
        patch = await previewOpen(this.editor.text(), path);
        if (generation !== this.previewGeneration) return;
      }
      this.previewBase = patch.seq;
      if (verified || fresh) this.verifiedBase = patch.seq;
      if (!this.preview.show(patch, fresh)) {
        this.reopenPreview();
        return;
      }
      trace("folio:preview-shown");
      markPainted("preview");
      if (patch.diagnostics) {
        this.editor.showDiagnostics(patch.diagnostics);
        this.showDiagnosticCount(patch.diagnostics);
      }
      this.scheduleSidePanels();
    } catch (e) {
      this.previewBase = null; // start over from the whole text next time
      this.setSaveState("error", `Preview failed: ${asApiError(e).message}`);
    } finally {
      this.previewBusy = false;
      // Changes typed meanwhile, a check asked for, or another post opened: one more round.
      const more = this.pendingChanges || this.verifyPreview || generation !== this.previewGeneration;
      if (this.current && more) this.schedulePreview();
    }
  }

  /** Word count, outline and the post-details form: not needed at every keystroke. */
  private scheduleSidePanels(): void {
    window.clearTimeout(this.sidePanelsTimer);
    this.sidePanelsTimer = window.setTimeout(() => {
      if (!this.current) return;
      const text = this.editor.text();
      this.countWords(text);
      this.showOutline();
      this.metaForm.refresh(text);
      // Typing paused: the page around the body, if the title or fields changed.
      void this.refreshPage(false);
      // The image panel follows the text as typed (the backend has it from the preview).
      const lines = imageLines(text);
      if (lines !== this.shownImageLines) {
        this.shownImageLines = lines;
        void this.refreshImages();
      }
      // Typing paused: check once that the backend's copy of the text is the editor's
      // (a mismatch makes the next request send the whole text).
      if (this.previewBase !== null && this.previewBase !== this.verifiedBase) {
        this.verifyPreview = true;
        this.schedulePreview();
      }
    }, SIDE_PANELS_MS);
  }

  /** The writer chose "Page" or "Post": remembered for this blog. */
  private setView(view: PreviewView): void {
    if (view === this.view) return;
    this.view = view;
    setPreviewBodyOnly(view === "post").catch((e) =>
      this.notice.show(`Could not remember the preview's view: ${asApiError(e).message}`, [
        { label: "OK", run: () => {} },
      ]),
    );
    this.showView();
    void this.refreshPage(true);
  }

  private showView(): void {
    for (const button of document.querySelectorAll<HTMLButtonElement>(".view-switch button")) {
      button.setAttribute("aria-pressed", String(button.dataset["view"] === this.view));
    }
  }

  /**
   * Puts the open post in the page its blog's theme renders around it ("Page"), or in
   * Folio's shell ("Post", or when the page cannot be rendered: the bar says why). Unless
   * `force`, the backend answers `unchanged` while the post's title and fields are.
   */
  private async refreshPage(force: boolean): Promise<void> {
    const open = this.current;
    const status = byTestId("page-status");
    const request = ++this.pageRequest;
    if (!open || this.view === "post" || !open.post.editable) {
      this.preview.setPage(null);
      status.textContent = "";
      status.title = "";
      return;
    }
    try {
      trace("folio:page-asked");
      // A forced page may come before the live preview has the text; while typing it has.
      const answer = await previewPage(open.post.path, force ? this.editor.text() : null, force);
      if (request !== this.pageRequest || this.current !== open) return;
      if (answer.kind === "page") {
        this.preview.setPage(answer.html);
        status.textContent = "";
        status.title = "";
        trace("folio:page-shown");
      } else if (answer.kind === "failed") {
        this.preview.setPage(null);
        const why = `The theme's page cannot be shown: ${answer.reason}`;
        status.textContent = answer.advice ?? why;
        status.title = why;
      }
    } catch (e) {
      if (request !== this.pageRequest) return;
      this.preview.setPage(null);
      status.textContent = `The theme's page cannot be shown: ${asApiError(e).message}`;
    }
  }

  /** The open post's sections in the sidebar; a click goes to the heading. */
  private showOutline(): void {
    const nav = byTestId("outline");
    const list = nav.querySelector("ul");
    if (!list) return;
    const headings = this.current ? this.editor.headings().filter((h) => h.level > 1) : [];
    nav.hidden = headings.length === 0;
    // Unchanged headings keep their elements: a click that a rebuild met half-way (the
    // press on the old entry, the release on the new one) would go nowhere.
    const key = JSON.stringify(headings.map((h) => [h.level, h.line, h.title]));
    if (key === this.outlineShown) return;
    this.outlineShown = key;
    list.replaceChildren(
      ...headings.map((h) => {
        const item = document.createElement("li");
        item.className = `outline-item level-${Math.min(h.level, 4)}`;
        item.textContent = h.title;
        item.tabIndex = 0;
        item.dataset["line"] = String(h.line);
        item.addEventListener("click", () => this.editor.goToLine(h.line));
        item.addEventListener("keydown", (e) => {
          if (e.key === "Enter") this.editor.goToLine(h.line);
        });
        return item;
      }),
    );
  }

  private countWords(text: string): void {
    const words = countWords(text);
    if (this.current) this.sessionWords.counted(this.current.post.path, words);
    const el = byId("status-words");
    el.textContent = wordStatus(words, this.sessionWords.written(), this.goal, groupThousands);
    el.classList.toggle("goal-reached", this.goal !== null && words >= this.goal);
  }

  private showDiagnosticCount(diagnostics: readonly Diagnostic[]): void {
    const el = byId("status-diagnostics");
    el.textContent = diagnosticCount(diagnostics);
    el.classList.toggle("warn", diagnostics.some((d) => d.severity !== "info"));
  }

  private setSaveState(state: SaveState | null, detail?: string): void {
    const el = byId("status-save");
    const label: Record<SaveState, string> = {
      saved: "Saved",
      unsaved: "Unsaved changes",
      saving: "Saving…",
      conflict: "Changed on disk: not saved",
      error: `Not saved: ${detail ?? "unknown error"}`,
    };
    const text = state ? label[state] : "";
    // Every keystroke says "unsaved": the status bar is redrawn only when that is news.
    if (el.textContent === text && el.title === (detail ?? "")) return;
    el.textContent = text;
    el.dataset["state"] = state ?? "";
    el.title = detail ?? "";
  }

  private showError(title: string, message: string): void {
    document.body.classList.add("no-post");
    this.emptyState.replaceChildren();
    const heading = document.createElement("p");
    heading.className = "empty-title error";
    heading.textContent = title;
    const detail = document.createElement("p");
    detail.className = "empty-hint";
    detail.textContent = message;
    this.emptyState.append(heading, detail);
  }
}

/** Replaces a filter menu's choices (after its first, "any"), keeping the chosen one. */
function fillOptions(select: HTMLSelectElement, values: readonly string[]): void {
  const chosen = select.value;
  const any = select.options[0];
  const options = values.map((v) => new Option(v, v));
  select.replaceChildren(...(any ? [any] : []), ...options);
  select.value = values.includes(chosen) ? chosen : "";
}

/** CodeMirror's changes as the backend takes them: UTF-16 ranges of the text before. */
function textChanges(changes: ChangeSet): TextChange[] {
  const out: TextChange[] = [];
  changes.iterChanges((from, to, _fromB, _toB, inserted) => out.push({ from, to, insert: inserted.toString() }));
  return out;
}

void new App().start();

/** How the preview shows the post: in the blog's theme, or the body alone. */
type PreviewView = "page" | "post";
