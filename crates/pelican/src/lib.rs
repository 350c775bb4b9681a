//! Pelican's rules, as the blog's own Pelican applies them.
//!
//! Owns what Pelican decides about a post beyond the reST engine: how metadata values are
//! read (dates the way `pelican.utils.get_date` reads them, list fields, status), the
//! metadata a post's path and the settings give it (`path_metadata`), which files are
//! posts (`content_files`), slugs, the blog's settings as its own Python evaluates them,
//! typogrify, and theme pages (`theme`: the Jinja environment and the context Pelican
//! builds). It runs no git and touches no window; the one process it may start is the
//! blog's own Python, with a limit on its processor time (`child_time`).

pub mod child_time;
pub mod content_files;
pub mod date;
pub mod metadata;
pub mod path_metadata;
pub mod python_regex;
pub mod settings;
pub mod slug;
pub mod strftime;
pub mod theme;
pub mod typogrify;
