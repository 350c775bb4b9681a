//! The app's own settings (last opened blog, the writer's trust answers), kept as JSON in
//! the app data folder.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::atomic_write::write_atomic;
use crate::error::{io, Error, Result};

const FILE_NAME: &str = "settings.json";

/// What Folio remembers between runs.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Settings {
    /// The blog to open on start.
    pub last_blog: Option<PathBuf>,
    /// Blogs opened before, most recent first.
    pub recent: Vec<PathBuf>,
    /// The writer's answer, per blog (its canonical root), to whether the window may run
    /// that blog's `pelicanconf.py`: `true` trusted, `false` kept literal.
    pub python_trust: BTreeMap<PathBuf, bool>,
    /// The post last opened, per blog (its root): its path in the blog, to open again on
    /// start.
    pub last_post: BTreeMap<PathBuf, String>,
    /// The blogs (their roots) whose preview shows the post's body alone ("Post"); the
    /// others show it inside the theme's page ("Page").
    pub preview_body_only: std::collections::BTreeSet<PathBuf>,
    /// Whether the writer hid the formatting toolbar above the editor.
    pub formatting_toolbar_hidden: bool,
}

/// How many recent blogs are remembered.
const MAX_RECENT: usize = 8;

impl Settings {
    /// Records `blog` as the one to open next time and the most recent.
    pub fn opened(&mut self, blog: &Path) {
        self.last_blog = Some(blog.to_path_buf());
        self.recent.retain(|p| p != blog);
        self.recent.insert(0, blog.to_path_buf());
        self.recent.truncate(MAX_RECENT);
    }

    /// The writer's answer for the blog at `root`, `None` when never asked.
    pub fn python_trust(&self, root: &Path) -> Option<bool> {
        self.python_trust.get(root).copied()
    }

    /// The post last opened in the blog at `root`, if any.
    pub fn last_post(&self, root: &Path) -> Option<&str> {
        self.last_post.get(root).map(String::as_str)
    }

    /// Remembers `path` as the post last opened in the blog at `root`.
    pub fn set_last_post(&mut self, root: &Path, path: &str) {
        self.last_post.insert(root.to_path_buf(), path.to_string());
    }

    /// Remembers the writer's answer for the blog at `root`.
    pub fn set_python_trust(&mut self, root: &Path, trusted: bool) {
        self.python_trust.insert(root.to_path_buf(), trusted);
    }
}

impl Settings {
    /// Whether the blog at `root` previews the post's body alone.
    pub fn preview_body_only(&self, root: &Path) -> bool {
        self.preview_body_only.contains(root)
    }

    /// Remembers whether the blog at `root` previews the post's body alone.
    pub fn set_preview_body_only(&mut self, root: &Path, body_only: bool) {
        match body_only {
            true => self.preview_body_only.insert(root.to_path_buf()),
            false => self.preview_body_only.remove(root),
        };
    }
}

impl Settings {
    /// Reads the settings in `data_dir`; a missing file gives the defaults.
    pub fn load(data_dir: &Path) -> Result<Settings> {
        let path = data_dir.join(FILE_NAME);
        match std::fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes)
                .map_err(|e| Error::Settings { path, message: e.to_string() }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Settings::default()),
            Err(e) => Err(io("read", &path)(e)),
        }
    }

    /// Loads the settings in `data_dir`, lets `change` change them, and writes them back
    /// when it says it did (returns `true`). One update at a time in this process, so two
    /// features remembering things at once (the last post, a trust answer, the preview's
    /// Page/Post choice) cannot undo each other. A file that cannot be read as settings is
    /// kept beside as `settings.json.unreadable` and the update starts from the defaults.
    pub fn update(data_dir: &Path, change: impl FnOnce(&mut Settings) -> bool) -> Result<()> {
        static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());
        let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut settings = match Settings::load(data_dir) {
            Ok(settings) => settings,
            Err(Error::Settings { path, .. }) => {
                let aside = path.with_extension("json.unreadable");
                std::fs::rename(&path, &aside).map_err(io("rename", &path))?;
                Settings::default()
            }
            Err(e) => return Err(e),
        };
        if change(&mut settings) {
            settings.save(data_dir)?;
        }
        Ok(())
    }

    /// Writes the settings into `data_dir` atomically.
    pub fn save(&self, data_dir: &Path) -> Result<()> {
        std::fs::create_dir_all(data_dir).map_err(io("create folder", data_dir))?;
        let path = data_dir.join(FILE_NAME);
        let json = serde_json::to_vec_pretty(self)
            .map_err(|e| Error::Settings { path: path.clone(), message: e.to_string() })?;
        write_atomic(&path, &json)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn updates_from_many_threads_at_once_all_land() {
        let data = tempfile::tempdir().unwrap();
        let threads: Vec<_> = (0..16)
            .map(|i| {
                let dir = data.path().to_path_buf();
                std::thread::spawn(move || {
                    let root = PathBuf::from(format!("/blogs/{i}"));
                    Settings::update(&dir, |s| {
                        s.set_last_post(&root, "content/a.rst");
                        true
                    })
                    .unwrap();
                    Settings::update(&dir, |s| {
                        s.set_python_trust(&root, i % 2 == 0);
                        true
                    })
                    .unwrap();
                })
            })
            .collect();
        for thread in threads {
            thread.join().unwrap();
        }
        let settings = Settings::load(data.path()).unwrap();
        assert_eq!(settings.last_post.len(), 16, "{settings:?}");
        assert_eq!(settings.python_trust.len(), 16, "{settings:?}");
    }

    #[test]
    fn an_unreadable_settings_file_is_kept_aside_not_overwritten() {
        let data = tempfile::tempdir().unwrap();
        std::fs::write(data.path().join(FILE_NAME), "{ not json").unwrap();
        Settings::update(data.path(), |s| {
            s.set_python_trust(Path::new("/blogs/one"), true);
            true
        })
        .unwrap();
        let aside = std::fs::read_to_string(data.path().join("settings.json.unreadable")).unwrap();
        assert_eq!(aside, "{ not json");
        assert_eq!(
            Settings::load(data.path()).unwrap().python_trust(Path::new("/blogs/one")),
            Some(true)
        );
    }

    #[test]
    fn the_last_opened_post_is_remembered_per_blog_across_a_restart() {
        let data = tempfile::tempdir().unwrap();
        let (one, two) = (Path::new("/blogs/one"), Path::new("/blogs/two"));
        crate::remember_post(data.path(), one, "content/first.rst").unwrap();
        crate::remember_post(data.path(), two, "content/other.rst").unwrap();
        crate::remember_post(data.path(), one, "content/second.rst").unwrap();
        assert_eq!(crate::last_post(data.path(), one).as_deref(), Some("content/second.rst"));
        assert_eq!(crate::last_post(data.path(), two).as_deref(), Some("content/other.rst"));
        assert_eq!(crate::last_post(data.path(), Path::new("/blogs/three")), None);
    }

    #[test]
    fn settings_written_before_the_last_post_was_kept_still_load() {
        let data = tempfile::tempdir().unwrap();
        std::fs::write(data.path().join(FILE_NAME), r#"{"lastBlog": "/blogs/one"}"#).unwrap();
        let settings = Settings::load(data.path()).unwrap();
        assert_eq!(settings.last_blog.as_deref(), Some(Path::new("/blogs/one")));
        assert!(settings.last_post.is_empty());
    }

    #[test]
    fn the_preview_view_is_remembered_per_blog_across_a_save_and_a_load() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (Path::new("/blogs/a"), Path::new("/blogs/b"));
        let mut settings = Settings::default();
        settings.set_preview_body_only(a, true);
        settings.save(dir.path()).unwrap();
        let mut loaded = Settings::load(dir.path()).unwrap();
        assert!(loaded.preview_body_only(a) && !loaded.preview_body_only(b));
        loaded.set_preview_body_only(a, false);
        loaded.save(dir.path()).unwrap();
        assert!(!Settings::load(dir.path()).unwrap().preview_body_only(a));
    }

    #[test]
    fn settings_written_before_the_preview_view_existed_still_load() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE_NAME), r#"{"lastBlog": "/blogs/a"}"#).unwrap();
        let settings = Settings::load(dir.path()).unwrap();
        assert!(!settings.preview_body_only(Path::new("/blogs/a")));
    }
}
