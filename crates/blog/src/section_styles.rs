//! The underline (and overline) styles a blog's reST posts give their section levels, so a
//! heading written in a post that has no heading of that level yet looks like the blog's
//! others. `post_section_styles` is pure; `Blog::read_section_styles` reads the posts.

use serde::Serialize;
use ts_rs::TS;

use crate::{Blog, Result};

/// A section level's adornment: its punctuation character, and whether it has an overline.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, TS)]
#[ts(export)]
pub struct SectionStyle {
    /// The adornment's character (`=`, `-`, `~`, ...).
    pub char: String,
    /// Whether the title has an overline of it too.
    pub over: bool,
}

/// The character of a line made of one punctuation character repeated (an adornment).
fn adornment(line: &str) -> Option<char> {
    let line = line.trim_end();
    let first = line.chars().next()?;
    (first.is_ascii_punctuation() && line.chars().all(|c| c == first)).then_some(first)
}

/// The styles of `text`'s section levels in the order docutils ranks them (first seen
/// first), leaving out the title a heading that opens the post is (docutils promotes it).
pub fn post_section_styles(text: &str) -> Vec<SectionStyle> {
    let lines: Vec<&str> = text.lines().collect();
    let mut styles: Vec<SectionStyle> = Vec::new();
    let mut opens_post = None;
    let mut i = 0;
    while i + 1 < lines.len() {
        let (title, under) = (lines[i], lines[i + 1]);
        let prev = if i > 0 { lines[i - 1] } else { "" };
        let is_title = !title.trim().is_empty()
            && !title.starts_with(' ')
            && adornment(title).is_none()
            && under.trim_end().chars().count() >= title.trim().chars().count();
        let Some(ch) = adornment(under).filter(|_| is_title) else {
            i += 1;
            continue;
        };
        let over = adornment(prev) == Some(ch) && prev.trim_end() == under.trim_end();
        if !over && !prev.trim().is_empty() {
            i += 1;
            continue;
        }
        let start = if over { i - 1 } else { i };
        opens_post.get_or_insert_with(|| lines[..start].iter().all(|l| l.trim().is_empty()));
        let style = SectionStyle { char: ch.to_string(), over };
        if !styles.contains(&style) {
            styles.push(style);
        }
        i += 2;
    }
    if opens_post == Some(true) {
        styles.remove(0);
    }
    styles
}

/// The blog's style for each section level: at each level, the one most of its posts use
/// there (the earlier post on a tie), never one a higher level already took.
pub fn blog_section_styles<'a>(posts: impl IntoIterator<Item = &'a str>) -> Vec<SectionStyle> {
    let per_post: Vec<Vec<SectionStyle>> = posts.into_iter().map(post_section_styles).collect();
    let depth = per_post.iter().map(Vec::len).max().unwrap_or(0);
    let mut chosen: Vec<SectionStyle> = Vec::new();
    for level in 0..depth {
        let mut counts: Vec<(SectionStyle, usize)> = Vec::new();
        for style in per_post.iter().filter_map(|p| p.get(level)) {
            match counts.iter_mut().find(|(s, _)| s == style) {
                Some((_, n)) => *n += 1,
                None => counts.push((style.clone(), 1)),
            }
        }
        let best = counts.into_iter().filter(|(s, _)| !chosen.contains(s)).fold(
            None::<(SectionStyle, usize)>,
            |best, (s, n)| match best {
                Some((_, m)) if m >= n => best,
                _ => Some((s, n)),
            },
        );
        match best {
            Some((style, _)) => chosen.push(style),
            None => break,
        }
    }
    chosen
}

impl Blog {
    /// Reads the blog's reST posts and gives the style of each section level they use.
    pub fn read_section_styles(&self) -> Result<Vec<SectionStyle>> {
        let mut texts = Vec::new();
        for post in self.list_posts()? {
            if post.path.ends_with(".rst") {
                // A post that cannot be read says nothing about the blog's style.
                if let Ok(text) = self.read_post(&post.path) {
                    texts.push(text.text);
                }
            }
        }
        Ok(blog_section_styles(texts.iter().map(String::as_str)))
    }
}

#[cfg(test)]
mod tests {
    use super::{blog_section_styles, post_section_styles, SectionStyle};

    fn style(c: char, over: bool) -> SectionStyle {
        SectionStyle { char: c.to_string(), over }
    }

    #[test]
    fn a_post_ranks_its_styles_as_first_seen_without_the_title_that_opens_it() {
        let post =
            "Title\n#####\n\n:date: 2024\n\n=====\nIntro\n=====\n\nA\n-\n\nB\n-\n\nDeep\n~~~~\n";
        assert_eq!(
            post_section_styles(post),
            [style('=', true), style('-', false), style('~', false)]
        );
        let no_title = ":title: T\n\nIntro\n*****\n\ntext\nNot a title\n-----------\n";
        assert_eq!(
            post_section_styles(no_title),
            [style('*', false)],
            "a title after text is none"
        );
    }

    #[test]
    fn the_blog_takes_each_levels_most_used_style_not_taken_above() {
        // Text before the first heading: it is a section, not the post's title.
        let a = ":date: 2024\n\nOne\n***\n\nTwo\n+++\n";
        let b = ":date: 2024\n\nOne\n***\n\nTwo\n+++\n\nThree\n%%%%%\n";
        let c = ":date: 2024\n\nOne\n+++\n";
        assert_eq!(
            blog_section_styles([a, b, c]),
            [style('*', false), style('+', false), style('%', false)]
        );
        assert_eq!(blog_section_styles(["Just text.\n"]), []);
    }
}
