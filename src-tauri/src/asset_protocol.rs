//! `folio://localhost/<path>`: the preview's images, read from the open blog on the
//! blocking pool. `Blog::read_asset` refuses anything outside the blog folder.

use tauri::http::{header, Request, Response, StatusCode};
use tauri::{Manager, Runtime, UriSchemeContext, UriSchemeResponder};

use crate::state::AppState;

/// The scheme's name, and the URL prefix the preview's image URLs get.
pub(crate) const SCHEME: &str = "folio";

#[cfg(not(windows))]
pub(crate) const URL_PREFIX: &str = "folio://localhost/";
#[cfg(windows)]
pub(crate) const URL_PREFIX: &str = "http://folio.localhost/";

pub(crate) fn handle<R: Runtime>(
    ctx: UriSchemeContext<'_, R>,
    request: Request<Vec<u8>>,
    responder: UriSchemeResponder,
) {
    let app = ctx.app_handle().clone();
    let path = request.uri().path().to_string();
    tauri::async_runtime::spawn_blocking(move || {
        let asset =
            app.state::<AppState>().blog().ok().and_then(|blog| blog.read_asset(&path).ok());
        let response = match asset {
            Some(asset) => Response::builder()
                .header(header::CONTENT_TYPE, asset.mime)
                // The page may not sniff a different type out of a user's file.
                .header(header::X_CONTENT_TYPE_OPTIONS, "nosniff")
                .body(asset.bytes),
            None => Response::builder().status(StatusCode::NOT_FOUND).body(Vec::new()),
        };
        responder.respond(response.unwrap_or_else(|_| Response::new(Vec::new())));
    });
}
