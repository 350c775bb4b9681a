//! What the editor completes besides the posts (which the window already lists): the blog's
//! images, the directive and role names the engine and the blog's plugins know, and
//! Pelican's header fields.

use serde::Serialize;
use ts_rs::TS;

use crate::check::{walk, IMAGE_EXTENSIONS};
use crate::error::Result;
use crate::Blog;

/// The names and files a post of this blog may refer to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Completions {
    /// The content folder, relative to the blog root (`content`); `{filename}/` and
    /// `{static}/` paths start there.
    pub content_dir: String,
    /// The image files under the content folder, relative to the blog root, `/`-separated,
    /// sorted.
    pub images: Vec<String>,
    /// Directive names, in the blog's language and English, Pelican's and the plugins'.
    pub directives: Vec<String>,
    /// Role names, as `directives`.
    pub roles: Vec<String>,
    /// The header fields Pelican reads.
    pub fields: Vec<String>,
}

impl Blog {
    /// What the editor completes in this blog's posts. Lists the content folder.
    pub fn list_completions(&self) -> Result<Completions> {
        let content_dir = self.content_dir().to_string();
        let content = self.root.join(&content_dir);
        let mut images = Vec::new();
        walk(&content, &mut |path| {
            let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase());
            if !ext.is_some_and(|e| IMAGE_EXTENSIONS.contains(&e.as_str())) {
                return;
            }
            if let Ok(rel) = path.strip_prefix(&self.root) {
                let parts: Vec<String> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                images.push(parts.join("/"));
            }
        })?;
        images.sort();
        let reader = self.reader_settings();
        Ok(Completions {
            content_dir,
            images,
            directives: reader.directive_names(),
            roles: reader.role_names(),
            fields: folio_pelican::metadata::FIELDS.iter().map(|f| f.to_string()).collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completions_list_the_content_folders_images_and_the_engines_names() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("pelicanconf.py"), "PATH = 'content'\n").unwrap();
        std::fs::create_dir_all(root.join("content/images/trip")).unwrap();
        std::fs::create_dir_all(root.join("theme/static")).unwrap();
        std::fs::write(root.join("content/post.rst"), "Post\n====\n").unwrap();
        std::fs::write(root.join("content/images/trip/Sea.JPG"), b"jpg").unwrap();
        std::fs::write(root.join("content/images/map.svg"), b"<svg/>").unwrap();
        std::fs::write(root.join("content/images/notes.txt"), b"text").unwrap();
        std::fs::write(root.join("theme/static/logo.png"), b"png").unwrap();
        let blog = Blog::open(root).unwrap();
        let completions = blog.list_completions().unwrap();
        assert_eq!(completions.content_dir, "content");
        // Not the text file, and not the theme's image: `{static}/` starts in content/.
        assert_eq!(completions.images, ["content/images/map.svg", "content/images/trip/Sea.JPG"]);
        assert!(completions.directives.iter().any(|d| d == "figure"));
        assert!(completions.roles.iter().any(|r| r == "abbr"));
        assert!(completions.fields.iter().any(|f| f == "tags"));
    }
}
