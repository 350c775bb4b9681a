//! The judge of theme pages: for Pelican's built-in themes and two test themes of our own
//! (`theme_pages/judge`, `theme_pages/plain`), the real Pelican writes a small site and
//! `folio render --page` must print the same article and page HTML, after whitespace
//! between tags is normalized.
#![cfg(unix)]

use folio_test_support::oracle_python;
use std::path::Path;
use std::process::Command;

const POSTS: &[(&str, &str)] = &[
    (
        "content/first.rst",
        "First post: *really*\n####################\n\n:date: 2024-03-01 10:20\n:modified: 2024-03-05\n\
         :tags: rust, Python Things\n:category: Code & Tools\n:authors: Ann Writer, Bob\n\
         :summary: A *short* summary with \"quotes\" & more words than twenty characters.\n\n\
         Hello **world**. This is the first post.\n\nA section\n=========\n\nSome text here.\n",
    ),
    (
        "content/second.rst",
        "Second one\n##########\n\n:date: 2023-12-24\n:tags: rust\n:category: Code & Tools\n\n\
         Text of the second post. See `the first <{filename}first.rst>`_, `rust posts <{tag}rust>`_, \
         `home <{index}>`_, `Bob <{author}Bob>`_ and `a missing one <{filename}nope.rst>`_.\n\n\
         .. image:: {static}/images/pic.png\n   :alt: a picture\n",
    ),
    (
        "content/notes/2022-01-05-folder-post.rst",
        "A post in a folder\n##################\n\n:date: 2022-01-05 08:00\n:tags: notes\n\n\
         This post has no category field, so its folder names it, and no summary field, so \
         Pelican cuts its content after fifty words. Here come a good many more words to get \
         past that limit: one two three four five six seven eight nine ten eleven twelve \
         thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty twenty-one \
         twenty-two twenty-three and some *emphasis* with `a link <https://example.com/>`_ \
         near the end, which the cut leaves open and closes again.\n\nA second paragraph.\n",
    ),
    (
        "content/fr.rst",
        "Un billet\n#########\n\n:date: 2021-07-14 12:00\n:lang: fr\n:slug: un-billet\n\
         :author: Claude\n\nBonjour.\n",
    ),
    (
        "content/first-fr.rst",
        "Premier billet\n##############\n\n:date: 2024-03-02 09:00\n:lang: fr\n\
         :slug: first-post-really\n:tags: rust\n:category: Code & Tools\n\n\
         La traduction du premier billet.\n",
    ),
    ("content/pages/about.rst", "About us\n########\n\nAbout this blog.\n"),
];

const SETTINGS: &str = r#"
AUTHOR = 'Ann Writer'
SITENAME = 'Test & <b>Blog</b>'
SITESUBTITLE = 'Notes on things'
SITEURL = ''
PATH = 'content'
TIMEZONE = 'UTC'
DEFAULT_LANG = 'en'
LOCALE = ('C',)
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
ARTICLE_URL = 'posts/{date:%Y}/{slug}/'
ARTICLE_SAVE_AS = 'posts/{date:%Y}/{slug}/index.html'
ARTICLE_LANG_URL = 'posts/{lang}/{slug}/'
ARTICLE_LANG_SAVE_AS = 'posts/{lang}/{slug}/index.html'
PAGE_URL = '{slug}/'
PAGE_SAVE_AS = '{slug}/index.html'
TAG_URL = 'tags/{slug}/'
TAG_SAVE_AS = 'tags/{slug}/index.html'
CATEGORY_URL = 'cat/{slug}.html'
CATEGORY_SAVE_AS = 'cat/{slug}.html'
DEFAULT_DATE_FORMAT = '%A %-d %B %Y'
DATE_FORMATS = {'fr': '%d/%m/%Y'}
DISPLAY_PAGES_ON_MENU = True
DISPLAY_CATEGORIES_ON_MENU = True
MENUITEMS = (('Home', '/'), ('Archive', '/archives.html'), ('Feed', '/feed.xml'))
LINKS = (('Pelican', 'https://getpelican.com/'),)
SOCIAL = (('mastodon', 'https://example.com/@a'),)
FRIENDS = {'zoe': 3, 'adam': 1, 'mia': 2}
PLUGIN_PATHS = ['plugins']
PLUGINS = ['sitemap']
JINJA_GLOBALS = {'_': lambda text: text}
"#;

/// The file Pelican writes each post to, under these settings.
const OUTPUTS: &[(&str, &str)] = &[
    ("content/first.rst", "posts/2024/first-post-really/index.html"),
    ("content/second.rst", "posts/2023/second-one/index.html"),
    ("content/notes/2022-01-05-folder-post.rst", "posts/2022/a-post-in-a-folder/index.html"),
    ("content/fr.rst", "posts/fr/un-billet/index.html"),
    ("content/first-fr.rst", "posts/fr/first-post-really/index.html"),
    ("content/pages/about.rst", "about-us/index.html"),
];

/// A blog with the posts above and `theme`, written by the real Pelican into `output/`.
fn site(theme: &str, extra: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let blog = tmp.path();
    for (path, text) in POSTS {
        let file = blog.join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, text).unwrap();
    }
    std::fs::create_dir_all(blog.join("content/images")).unwrap();
    std::fs::write(blog.join("content/images/pic.png"), b"not really a png").unwrap();
    // A plugin of the blog's own, so `plugin_enabled` has a real plugin to find.
    std::fs::create_dir_all(blog.join("plugins")).unwrap();
    std::fs::write(blog.join("plugins/sitemap.py"), "def register():\n    pass\n").unwrap();
    let ours = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/theme_pages").join(theme);
    let theme_setting = if ours.is_dir() {
        copy_dir(&ours, &blog.join("themes").join(theme));
        format!("themes/{theme}")
    } else {
        theme.to_string()
    };
    let conf = format!("{SETTINGS}\nTHEME = '{theme_setting}'\n{extra}\n");
    std::fs::write(blog.join("pelicanconf.py"), conf).unwrap();
    let out = Command::new(oracle_python())
        .args(["-m", "pelican", "content", "-o", "output", "-s", "pelicanconf.py", "-q"])
        .current_dir(blog)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "Pelican failed on the {theme} site: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    tmp
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The HTML with the whitespace between tags made one line break, each line trimmed.
fn normalize(html: &str) -> Vec<String> {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find('>') {
        out.push_str(&rest[..=at]);
        rest = &rest[at + 1..];
        let trimmed = rest.trim_start();
        if trimmed.starts_with('<') && trimmed.len() != rest.len() {
            out.push('\n');
            rest = trimmed;
        }
    }
    out.push_str(rest);
    out.lines().map(|l| l.trim().to_string()).filter(|l| !l.is_empty()).collect()
}

/// Where two normalized pages part, with a few lines of each around it.
fn difference(pelican: &[String], folio: &[String]) -> Option<String> {
    let first = (0..pelican.len().max(folio.len())).find(|&i| pelican.get(i) != folio.get(i))?;
    let from = first.saturating_sub(3);
    let show = |lines: &[String]| {
        lines
            .iter()
            .enumerate()
            .skip(from)
            .take(10)
            .map(|(i, l)| format!("  {:>4} {l}\n", i + 1))
            .collect::<String>()
    };
    Some(format!(
        "first difference at line {}\nPelican:\n{}Folio:\n{}",
        first + 1,
        show(pelican),
        show(folio)
    ))
}

/// Every post's page from `folio render --page` against the page Pelican wrote.
/// Each `(post, marker)`: the marker must be in the page Pelican wrote for every article
/// whose path contains `post`, so the theme really took those paths.
fn judge(theme: &str, extra: &str, markers: &[(&str, &str)]) {
    let tmp = site(theme, extra);
    let blog = tmp.path();
    let mut failures = Vec::new();
    for (post, output) in OUTPUTS {
        let written = std::fs::read_to_string(blog.join("output").join(output))
            .unwrap_or_else(|e| panic!("Pelican wrote no {output} with {theme}: {e}"));
        let mine = markers.iter().filter(|(p, _)| !post.contains("pages/") && post.contains(p));
        for (_, marker) in mine {
            assert!(written.contains(marker), "{theme}'s {output} has no {marker:?}:\n{written}");
        }
        let out = Command::new(env!("CARGO_BIN_EXE_folio"))
            .args(["--python-timeout", "60", "--python"])
            .arg(oracle_python())
            .args(["render", "--page"])
            .arg(blog.join(post))
            .output()
            .unwrap();
        if !out.status.success() {
            failures.push(format!(
                "{theme} {post}: folio failed: {}",
                String::from_utf8_lossy(&out.stderr)
            ));
            continue;
        }
        let ours = String::from_utf8_lossy(&out.stdout);
        if let Some(diff) = difference(&normalize(&written), &normalize(&ours)) {
            failures.push(format!("{theme} {post} ({output}): {diff}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} pages differ:\n{}",
        failures.len(),
        OUTPUTS.len(),
        failures.join("\n")
    );
}

#[test]
fn notmyidea_pages_are_the_pages_pelican_writes() {
    judge(
        "notmyidea",
        "",
        &[
            ("", "<footer class=\"post-info\">"),
            ("second", "href=\"/posts/2024/first-post-really/\">the first"),
            // notmyidea's translations.html: each side of the pair links the other.
            ("first.rst", "href=\"/posts/fr/first-post-really/\" hreflang=\"fr\">fr</a>"),
            ("first-fr", "href=\"/posts/2024/first-post-really/\" hreflang=\"en\">en</a>"),
        ],
    );
}

#[test]
fn simple_pages_are_the_pages_pelican_writes_with_relative_urls() {
    judge("simple", "RELATIVE_URLS = True", &[("", "href=\"../../..")]);
}

#[test]
fn a_theme_using_macros_namespaces_groupby_and_dates_renders_as_pelican_renders_it() {
    judge(
        "judge",
        "",
        &[
            ("", "sitemap on"),
            ("", "no search"),
            ("", "<h3>Code & Tools</h3>"),
            ("", "<li>Adam: 1</li>"),
            ("", "1/3 Home"),
            ("", "class=\"summary\">"),
        ],
    );
}

#[test]
fn a_theme_extending_the_built_in_simple_templates_renders_as_pelican_renders_it() {
    judge(
        "plain",
        "RELATIVE_URLS = True",
        &[("", "| plain</title>"), ("", "<section class=\"more\">")],
    );
}

#[test]
fn a_blog_without_pelican_gets_a_plain_reason_and_a_failure() {
    let tmp = tempfile::tempdir().unwrap();
    let blog = tmp.path();
    std::fs::create_dir_all(blog.join("content")).unwrap();
    std::fs::write(blog.join("content/a.rst"), "A\n#\n\n:date: 2024-01-01\n\nText.\n").unwrap();
    std::fs::write(blog.join("pelicanconf.py"), "SITENAME = 'x'\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["--no-python", "render", "--page"])
        .arg(blog.join("content/a.rst"))
        .output()
        .unwrap();
    assert!(!out.status.success(), "a page without the blog's Python must fail");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("theme is unknown"), "{stderr}");
}

#[test]
fn the_demo_blogs_pages_are_the_pages_pelican_writes_draft_included() {
    let tmp = tempfile::tempdir().unwrap();
    let blog = tmp.path().join("blog");
    let made = Command::new(env!("CARGO_BIN_EXE_folio")).arg("new").arg(&blog).output().unwrap();
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    let out = Command::new(oracle_python())
        .args(["-m", "pelican", "content", "-o", "output", "-s", "pelicanconf.py", "-q"])
        .current_dir(&blog)
        .output()
        .unwrap();
    assert!(out.status.success(), "Pelican failed: {}", String::from_utf8_lossy(&out.stderr));
    let pages = [
        ("content/welcome-to-folio.rst", "welcome-to-folio.html"),
        ("content/notes-on-rest.rst", "notes-on-rest.html"),
        ("content/farewell-to-anaconda.rst", "farewell-to-anaconda.html"),
        ("content/draft-ideas.rst", "drafts/ideas-for-next-month.html"),
    ];
    for (post, output) in pages {
        let written = std::fs::read_to_string(blog.join("output").join(output))
            .unwrap_or_else(|e| panic!("Pelican wrote no {output}: {e}"));
        let ours = Command::new(env!("CARGO_BIN_EXE_folio"))
            .args(["--python-timeout", "60", "--python"])
            .arg(oracle_python())
            .args(["render", "--page"])
            .arg(blog.join(post))
            .output()
            .unwrap();
        assert!(ours.status.success(), "{post}: {}", String::from_utf8_lossy(&ours.stderr));
        let ours = String::from_utf8_lossy(&ours.stdout);
        if let Some(diff) = difference(&normalize(&written), &normalize(&ours)) {
            panic!("the demo blog's {post} differs from Pelican's {output}: {diff}");
        }
    }
}

#[test]
fn dates_in_a_timezone_other_than_utc_are_written_as_pelican_writes_them() {
    judge(
        "notmyidea",
        "TIMEZONE = 'Europe/Paris'\nDEFAULT_DATE_FORMAT = '%a %d %B %Y %H:%M %Z %z'",
        &[
            // Winter in Paris: CET, an hour east of UTC.
            ("first.rst", "Fri 01 March 2024 10:20 CET +0100"),
            ("first.rst", "2024-03-01T10:20:00+01:00"),
            // Summer: CEST, two hours.
            ("content/fr.rst", "2021-07-14T12:00:00+02:00"),
        ],
    );
}

#[test]
fn period_archives_by_year_month_and_day_are_the_ones_pelican_builds() {
    judge(
        "judge",
        "YEAR_ARCHIVE_SAVE_AS = 'posts/{date:%Y}/index.html'\n\
         YEAR_ARCHIVE_URL = 'posts/{date:%Y}/'\n\
         MONTH_ARCHIVE_SAVE_AS = 'posts/{date:%Y}/{date:%b}/index.html'\n\
         MONTH_ARCHIVE_URL = 'posts/{date:%Y}/{date:%b}/'\n\
         DAY_ARCHIVE_SAVE_AS = 'days/{date:%Y}/{date:%m}/{date:%d}.html'",
        &[
            ("", "year: 2024 (2024) posts/2024/ posts/2024/index.html"),
            ("", "month: 2024 March (2024-3) posts/2024/Mar/"),
            ("", "day: 2021 July 14 (2021-7-14)  days/2021/07/14.html 1: Un billet"),
        ],
    );
}
