//! The settings Folio gives WebKitGTK and GTK through the environment, made for its two
//! panes on a small laptop. The app sets them at start (`configure_webkit` in main.rs);
//! the window bench gives the same ones to an empty WebKit window, its memory baseline.
//! Each was measured in that bench (1,000-post blog, PSS of the app and its WebKit
//! processes).
//!
//! - WebKit composites pages with OpenGL and hands frames to the window as GPU buffers.
//!   The editor and preview gain nothing from either, and they cost memory: compositing
//!   took the web process from 124 to 216 MiB, the buffer renderer 5 MiB in the app.
//! - Without them the app's own process needs no OpenGL, yet GDK opens GLX to choose its
//!   visuals and WebKit opens EGL to find a GPU device for the web process: each loads
//!   Mesa, whose LLVM is 20 MiB in every process that maps it. `GDK_GL=disable` and naming
//!   no render device keep Mesa out of the app (237 to 221 MiB).
//! - The web process still loads Mesa (about 29 MiB), and no setting avoids it: WebKitGTK
//!   2.50 and 2.52 read the compositing preference of a new page before they apply the
//!   page's settings (`WebPage::updateAfterDrawingAreaCreation` calls the drawing area's
//!   `updatePreferences` first), see WebCore's default (on), and open an EGL display.
//!   WebKit's current code no longer makes that early call.
//! - JavaScriptCore's optimizing compilers (DFG, FTL) help long-running scripts; the
//!   window's are short handlers, and on two cores the compiler threads competed with
//!   the preview's round trip. Without them: 5 MiB less, and keystroke to preview p95
//!   12-13 ms instead of 14-16 (typed at 20 keys a second). The baseline JIT stays: with
//!   no JIT at all typing got slower (p95 18 ms).

/// Variable and value; a variable the user set is kept as it is.
pub(crate) const WEBKIT_ENV: [(&str, &str); 6] = [
    ("WEBKIT_DISABLE_COMPOSITING_MODE", "1"),
    ("WEBKIT_DISABLE_DMABUF_RENDERER", "1"),
    ("GDK_GL", "disable"),
    // Only the buffer renderer (off above) would open the device: name none (Debian
    // keeps /nonexistent from existing).
    ("WEBKIT_WEB_RENDER_DEVICE_FILE", "/nonexistent"),
    ("JSC_useDFGJIT", "false"),
    ("JSC_useFTLJIT", "false"),
];
