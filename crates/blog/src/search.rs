//! Full-text search over the blog's posts: which posts contain every word of a query.

use std::fs;

use crate::{Blog, Result};

/// Folds text for matching: lowercase, and accents dropped (`Déjà` matches `deja`).
fn fold(text: &str) -> String {
    if text.is_ascii() {
        text.to_ascii_lowercase()
    } else {
        deunicode::deunicode(text).to_lowercase()
    }
}

impl Blog {
    /// The paths (relative to the root, `/`-separated) of the posts whose whole file
    /// contains every word of `query`, ignoring case and accents, in listing order. An
    /// empty query matches nothing. A file that cannot be read is skipped: search is a
    /// convenience, and the list already shows every post.
    pub fn search_posts(&self, query: &str) -> Result<Vec<String>> {
        let words: Vec<String> = fold(query).split_whitespace().map(str::to_owned).collect();
        if words.is_empty() {
            return Ok(Vec::new());
        }
        let mut found = Vec::new();
        for post in self.list_posts()? {
            let Ok(bytes) = fs::read(self.root().join(&post.path)) else { continue };
            let text = fold(&String::from_utf8_lossy(&bytes));
            if words.iter().all(|w| text.contains(w.as_str())) {
                found.push(post.path);
            }
        }
        Ok(found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blog_with(posts: &[(&str, &str)]) -> (tempfile::TempDir, Blog) {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("pelicanconf.py"), "PATH = 'content'\n").unwrap();
        fs::create_dir(dir.path().join("content")).unwrap();
        for (name, text) in posts {
            fs::write(dir.path().join("content").join(name), text).unwrap();
        }
        let blog = Blog::open(dir.path()).unwrap();
        (dir, blog)
    }

    #[test]
    fn finds_posts_containing_every_word_in_their_text() {
        let (_dir, blog) = blog_with(&[
            ("a.rst", "Trip\n####\n\nWe ate pastéis de nata in Belém.\n"),
            ("b.rst", "Code\n####\n\nThe borrow checker said no.\n"),
            ("c.rst", "Both\n####\n\nNata and the Borrow checker.\n"),
        ]);
        let mut hits = blog.search_posts("NATA belem").unwrap();
        hits.sort();
        assert_eq!(hits, ["content/a.rst"]);
        let mut hits = blog.search_posts("borrow  checker").unwrap();
        hits.sort();
        assert_eq!(hits, ["content/b.rst", "content/c.rst"]);
        assert!(blog.search_posts("   ").unwrap().is_empty());
        assert!(blog.search_posts("absent").unwrap().is_empty());
    }
}
