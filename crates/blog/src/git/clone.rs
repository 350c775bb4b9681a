//! Cloning a blog from a URL, to set it up on a new computer.

use std::cell::RefCell;
use std::path::Path;

use git2::build::RepoBuilder;
use git2::FetchOptions;

use super::auth::{AuthOptions, Prompter, Session};
use super::{Progress, Stage};
use crate::error::Result;
use crate::Blog;

/// Clones `url` into `dir` (which must not exist or be empty) with the same credentials
/// and host-key checks as publishing, reporting fetch progress, and opens the blog.
pub fn clone_blog(
    url: &str,
    dir: &Path,
    auth: &AuthOptions,
    prompter: &mut dyn Prompter,
    mut on_progress: impl FnMut(Progress),
) -> Result<Blog> {
    let session = Session::new(auth, prompter, git2::Config::open_default().ok(), "origin", url);
    let progress: RefCell<&mut dyn FnMut(Progress)> = RefCell::new(&mut on_progress);
    let mut fetch = FetchOptions::new();
    fetch.remote_callbacks(session.callbacks(Stage::Fetch, &progress));
    RepoBuilder::new()
        .fetch_options(fetch)
        .clone(url, dir)
        .map_err(|e| session.network_error(e))?;
    Blog::open(dir)
}
