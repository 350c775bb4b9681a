//! A post's metadata as its Pelican has it: the post's own fields over what its path and
//! the blog's settings give it ([`folio_pelican::path_metadata`]), and the slug Pelican
//! makes when none is written.

use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use folio_pelican::date::PelicanDate;
use folio_pelican::path_metadata::DefaultDate;

use crate::post::{Header, PostKind};
use crate::Blog;

/// The fields the list and the check need, each as Pelican ends up with it (dates still
/// as written: the caller reads them with `get_date`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct PostMeta {
    pub(crate) title: Option<String>,
    pub(crate) date: Option<String>,
    pub(crate) status: Option<String>,
    pub(crate) category: Option<String>,
    pub(crate) slug: Option<String>,
}

impl Blog {
    /// The metadata of the post at `path` (under `content`, the content folder) with the
    /// `header` read from it; `modified` is the file's time, for `DEFAULT_DATE = 'fs'`.
    /// With `WITH_FUTURE_DATES = False`, an article dated after now (the clock, as UTC) is
    /// a draft, as Pelican makes it one.
    pub(crate) fn post_meta(
        &self,
        content: &Path,
        path: &Path,
        kind: PostKind,
        header: &Header,
        modified: Option<SystemTime>,
    ) -> PostMeta {
        let source = path.strip_prefix(content).unwrap_or(path);
        let source = source.to_string_lossy().replace('\\', "/");
        let file_time = match self.rules.default_date() {
            DefaultDate::FileTime => modified.and_then(iso_time),
            _ => None,
        };
        let mut from_path = self.rules.for_path(&source, file_time.as_deref());
        let own = |field: &Option<String>| field.clone().filter(|v| !v.trim().is_empty());
        let mut take = |name: &str| from_path.remove(name).filter(|v| !v.trim().is_empty());
        let title = own(&header.title).or_else(|| take("title"));
        let date = own(&header.date).or_else(|| take("date"));
        let mut status = own(&header.status).or_else(|| take("status"));
        if kind == PostKind::Article && !self.rules.with_future_dates() {
            let now = iso_time(SystemTime::now()).unwrap_or_default();
            let date = date.as_deref().and_then(crate::post::pelican_date);
            // Both are naive ISO 8601: their first 19 characters compare as times do.
            if date.is_some_and(|d| d.get(..19) > now.get(..19)) {
                status = Some("draft".to_string());
            }
        }
        let category =
            own(&header.category).map(|c| c.trim().to_string()).or_else(|| take("category"));
        let slug = own(&header.slug)
            .or_else(|| take("slug"))
            .or_else(|| self.rules.slug(title.as_deref(), &source));
        PostMeta { title, date, status, category, slug }
    }
}

/// A file time as ISO 8601, in UTC (Pelican takes the machine's zone), to the microsecond
/// as Python has it: `os.stat` gives the time as a float of seconds, which `fromtimestamp`
/// rounds half to even.
fn iso_time(time: SystemTime) -> Option<String> {
    let since = time.duration_since(UNIX_EPOCH).ok()?;
    let float = since.as_secs() as f64 + f64::from(since.subsec_nanos()) * 1e-9;
    let whole = float.trunc();
    let mut micros = ((float - whole) * 1e6).round_ties_even() as u32;
    let mut seconds = whole as i64;
    if micros >= 1_000_000 {
        seconds += 1;
        micros -= 1_000_000;
    }
    PelicanDate::from_unix_time(seconds, micros).map(|d| d.to_string())
}
