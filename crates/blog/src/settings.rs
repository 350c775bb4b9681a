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
    /// The writer's word-count goals, per blog (its root) and post (its path in the blog).
    pub word_goals: BTreeMap<PathBuf, BTreeMap<String, u32>>,
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
    /// The word-count goal of the post at `path` in the blog at `root`.
    pub fn word_goal(&self, root: &Path, path: &str) -> Option<u32> {
        self.word_goals.get(root)?.get(path).copied()
    }

    /// Sets or clears (`None`, or 0) a post's goal; says whether that changed anything.
    pub fn set_word_goal(&mut self, root: &Path, path: &str, goal: Option<u32>) -> bool {
        match goal.filter(|&g| g > 0) {
            Some(goal) => {
                let goals = self.word_goals.entry(root.to_path_buf()).or_default();
                goals.insert(path.to_string(), goal) != Some(goal)
            }
            None => {
                let Some(goals) = self.word_goals.get_mut(root) else { return false };
                let removed = goals.remove(path).is_some();
                if goals.is_empty() {
                    self.word_goals.remove(root);
                }
                removed
            }
        }
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
    fn a_word_goal_is_kept_per_blog_and_post_until_cleared() {
        let data = tempfile::tempdir().unwrap();
        let (one, two) = (Path::new("/blogs/one"), Path::new("/blogs/two"));
        crate::set_word_goal(data.path(), one, "content/a.rst", Some(1000)).unwrap();
        crate::set_word_goal(data.path(), two, "content/a.rst", Some(300)).unwrap();
        assert_eq!(crate::word_goal(data.path(), one, "content/a.rst").unwrap(), Some(1000));
        assert_eq!(crate::word_goal(data.path(), two, "content/a.rst").unwrap(), Some(300));
        assert_eq!(crate::word_goal(data.path(), one, "content/b.rst").unwrap(), None);
        crate::set_word_goal(data.path(), one, "content/a.rst", None).unwrap();
        assert_eq!(crate::word_goal(data.path(), one, "content/a.rst").unwrap(), None);
        // A goal of 0 is no goal, and clearing the last one leaves no empty blog entry.
        crate::set_word_goal(data.path(), two, "content/a.rst", Some(0)).unwrap();
        assert!(Settings::load(data.path()).unwrap().word_goals.is_empty());
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
