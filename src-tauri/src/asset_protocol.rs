//! `folio://localhost/<path>`: the preview's images, read from the open blog on the
//! blocking pool. `Blog::read_asset` refuses anything outside the blog folder. Below
//! [`SITE_PATH`], the page preview's `SITEURL`, are the theme's static files:
//! `Blog::read_theme_static` refuses anything outside the theme's `static/` folder.

use tauri::http::{header, Request, Response, StatusCode};
use tauri::{Manager, Runtime, UriSchemeContext, UriSchemeResponder};

use crate::state::AppState;

/// The scheme's name, and the URL prefix the preview's image URLs get.
pub(crate) const SCHEME: &str = "folio";

#[cfg(not(windows))]
pub(crate) const URL_PREFIX: &str = "folio://localhost/";
#[cfg(windows)]
pub(crate) const URL_PREFIX: &str = "http://folio.localhost/";

/// The path below the scheme that the page preview's `SITEURL` names. It starts with a
/// dot so that it is no folder a blog is likely to have.
pub(crate) const SITE_PATH: &str = ".folio-site";

/// The page preview's `SITEURL`: the theme links its files below it.
pub(crate) fn site_url() -> String {
    format!("{URL_PREFIX}{SITE_PATH}")
}

pub(crate) fn handle<R: Runtime>(
    ctx: UriSchemeContext<'_, R>,
    request: Request<Vec<u8>>,
    responder: UriSchemeResponder,
) {
    let app = ctx.app_handle().clone();
    let path = request.uri().path().to_string();
    tauri::async_runtime::spawn_blocking(move || {
        let blog = app.state::<AppState>().blog().ok();
        let site = path.strip_prefix('/').and_then(|p| p.strip_prefix(SITE_PATH));
        let asset = blog.and_then(|blog| match site {
            Some(rest) => blog.read_theme_static(rest).ok(),
            None => blog.read_asset(&path).ok(),
        });
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
