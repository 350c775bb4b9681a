//! The post list as the blog's own Pelican reads it, judged by Pelican: test blogs whose
//! configs compute their paths and use every setting that decides a post's metadata or
//! which files are posts, read by Folio through the blog's Python (`Blog::open_with`) and
//! by the real Pelican's generators (`pelican_content.py`), compared post by post and
//! field by field. `folio check` on the same blogs must raise no error on a post Pelican
//! builds and call no file an orphan that a setting names.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, UNIX_EPOCH};

use folio_blog::check::{CheckOptions, FindingKind, Severity};
use folio_blog::post::{pelican_date, pelican_status};
use folio_blog::{Blog, OpenOptions, PostKind, ReadOptions, SettingsReader, SettingsSource};
use folio_test_support::{oracle_python, write_file};
use serde_json::{json, Value};

/// Opens the blog with the oracle's Python, as `folio` does with the blog's own.
fn open(root: &Path) -> Blog {
    let options = ReadOptions {
        python: Some(oracle_python()),
        timeout: Duration::from_secs(60),
        cache_file: None,
    };
    let blog = Blog::open_with(root, &OpenOptions::run_python(SettingsReader::new(options)))
        .expect("the blog opens");
    match blog.settings_source() {
        SettingsSource::Python { pelican_version: Some(_), unusable, .. } => {
            assert!(unusable.is_empty(), "settings Folio could not use: {unusable:?}")
        }
        other => panic!("the settings did not come from Pelican: {other}"),
    }
    blog
}

/// What Pelican made of the blog: the content it built, by source path relative to PATH.
struct PelicanRun {
    content: BTreeMap<String, Value>,
    static_files: BTreeSet<String>,
}

fn run_pelican(root: &Path) -> PelicanRun {
    let out = Command::new(oracle_python())
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pelican_content.py"))
        .arg(root)
        // `DEFAULT_DATE = 'fs'` takes the machine's zone; Folio takes UTC.
        .env("TZ", "UTC")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "Pelican failed (run make venv: the oracle needs pelican and markdown):\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let last = stdout.lines().last().unwrap_or_default();
    let found: Value = serde_json::from_str(last).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    let content = found["content"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["source"].as_str().unwrap().to_string(), c.clone()))
        .collect();
    let static_files =
        found["static"].as_array().unwrap().iter().map(|s| s.as_str().unwrap().into()).collect();
    PelicanRun { content, static_files }
}

/// A draft without a date gets `datetime.max` from Pelican: no date, for the list.
fn date_of(pelican: &Value) -> Value {
    match pelican["date"].as_str() {
        Some(d) if d.starts_with("9999-12-31") => Value::Null,
        _ => pelican["date"].clone(),
    }
}

/// Compares Folio's list with Pelican's content field by field. `unbuilt` are the posts
/// Folio lists that Pelican leaves out (no title, …). Returns how many posts and fields
/// were compared; fails with every difference, readably.
fn judge(blog: &Blog, pelican: &PelicanRun, unbuilt: &[&str]) -> (usize, usize) {
    let content_prefix = format!("{}/", blog.content_dir());
    let posts = blog.list_posts().unwrap();
    let mut differences = Vec::new();
    let mut ours_sources = BTreeSet::new();
    let mut fields = 0;
    for post in &posts {
        let source = post.path.strip_prefix(&content_prefix).unwrap_or(&post.path).to_string();
        ours_sources.insert(source.clone());
        let Some(theirs) = pelican.content.get(&source) else {
            if !unbuilt.contains(&source.as_str()) {
                differences.push(format!("{source}: Folio lists it, Pelican built nothing"));
            }
            continue;
        };
        let kind = if post.kind == PostKind::Page { "page" } else { "article" };
        let ours = json!({
            "kind": kind,
            "title": post.title,
            "date": post.date.as_deref().and_then(pelican_date),
            "category": post.category,
            "slug": post.slug,
            "status": pelican_status(post.status.as_deref()),
        });
        let expected = json!({
            "kind": theirs["kind"],
            "title": theirs["title"],
            "date": date_of(theirs),
            "category": theirs["category"],
            "slug": theirs["slug"],
            "status": theirs["status"],
        });
        for (name, value) in ours.as_object().unwrap() {
            fields += 1;
            if *value != expected[name] {
                differences.push(format!(
                    "{source}: {name}: Folio {value}, Pelican {} ({})",
                    expected[name], theirs["list"]
                ));
            }
        }
    }
    for source in pelican.content.keys() {
        if !ours_sources.contains(source) {
            differences.push(format!("{source}: Pelican built it, Folio does not list it"));
        }
    }
    assert!(
        differences.is_empty(),
        "Folio's list differs from Pelican's:\n{}",
        differences.join("\n")
    );
    (pelican.content.len(), fields)
}

/// `folio check` raises no error on a post Pelican built, reports nothing on a file
/// Pelican reads neither as content nor as a static file except the posts it leaves out
/// (`unbuilt`), and calls no file an orphan that a setting names (`named`, relative to the
/// content folder; each one Pelican copies as a static file).
fn check_agrees(
    blog: &Blog,
    pelican: &PelicanRun,
    unbuilt: &[&str],
    named: &[&str],
) -> Vec<String> {
    let content_prefix = format!("{}/", blog.content_dir());
    let findings = blog.check(&CheckOptions::default()).unwrap();
    let mut wrong = Vec::new();
    for name in named {
        if !pelican.static_files.contains(*name) {
            wrong.push(format!("{name} is not a static file Pelican copies"));
        }
    }
    for f in &findings {
        let source = f.file.strip_prefix(&content_prefix).unwrap_or(&f.file);
        if f.severity == Severity::Error && pelican.content.contains_key(source) {
            wrong.push(format!("error on a post Pelican builds: {f:?}"));
        }
        let read = pelican.content.contains_key(source)
            || pelican.static_files.contains(source)
            || unbuilt.contains(&source);
        if !read {
            wrong.push(format!("a finding on a file Pelican does not read: {f:?}"));
        }
        if f.kind == FindingKind::OrphanImage && named.contains(&source) {
            wrong.push(format!("orphan that a setting names: {f:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    findings
        .iter()
        .map(|f| format!("{:?} {:?} {}: {}", f.severity, f.kind, f.file, f.message))
        .collect()
}

const PNG: &str = "not really a png";

/// A blog whose config computes its content folder from a sibling module, reads its name
/// from a file, and sets every path-metadata and content-file setting.
fn metadata_blog(root: &Path) {
    write_file(root, "blogpaths.py", "CONTENT = 'site'\n");
    write_file(root, "sitename.txt", "Judged Blog\n");
    write_file(
        root,
        "pelicanconf.py",
        r#"import os
from blogpaths import CONTENT

MYDIR = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(MYDIR, 'sitename.txt')) as f:
    SITENAME = f.read().strip()
PATH = os.path.join(MYDIR, CONTENT)
TIMEZONE = 'UTC'
ARTICLE_PATHS = ['posts', 'notes']
PAGE_PATHS = ['pages']
ARTICLE_EXCLUDES = ['posts/old']
PAGE_EXCLUDES = ['pages/wip']
IGNORE_FILES = ['.#*', '_*']
STATIC_PATHS = ['images', 'extra/robots.txt']
FILENAME_METADATA = r'(?P<date>\d{4}-\d{2}-\d{2})_(?P<slug>.*)'
PATH_METADATA = r'notes/(?P<category>[^/]+)/(?P<status>[a-z]+)/.*'
EXTRA_PATH_METADATA = {
    'extra/robots.txt': {'path': 'robots.txt'},
    'images/og.png': {'path': 'og.png'},
    'posts/travel': {'category': 'Travel', 'status': 'hidden'},
    'pages/legal.md': {'slug': 'legal-notice'},
}
USE_FOLDER_AS_CATEGORY = True
DEFAULT_CATEGORY = 'General'
DEFAULT_DATE = (2019, 5, 6, 7, 8)
DEFAULT_METADATA = {'status': 'draft'}
SLUG_SUBSTITUTIONS = [('C#', 'csharp')]
SITEURL = 'https://blog.example'
SITELOGO = SITEURL + '/images/logo.png'
WITH_FUTURE_DATES = False
FAVICON = 'images/favicon.png'
"#,
    );
    let rst = |title: &str, fields: &str| {
        format!("{title}\n{}\n\n{fields}\n\nBody.\n", "#".repeat(title.chars().count()))
    };
    write_file(root, "site/posts/2020-01-02_first-post.rst", &rst("First Post", ":tags: a, b"));
    write_file(
        root,
        "site/posts/python/2021-03-04_typed.md",
        "Title: Typed\nStatus: published\n\nx\n",
    );
    write_file(root, "site/posts/travel/lisbon.md", "Title: Lisbon\nDate: 2022-06-01\n\nx\n");
    write_file(
        root,
        "site/posts/travel/porto.rst",
        &rst("Porto", ":status: published\n:category: Cities"),
    );
    write_file(root, "site/posts/undated.rst", &rst("Undated", ":status: published"));
    write_file(root, "site/posts/learning.md", "Title: Learning C#\nStatus: published\n\nx\n");
    // Files Pelican does not read as posts, each with what `folio check` would call an
    // error in a post: an unknown status, no title, a date Pelican cannot read.
    write_file(root, "site/posts/old/ancient.rst", &rst("Ancient", ":status: lost"));
    write_file(root, "site/posts/_scratch.md", "Date: 2020-01-01\n\nNo title.\n");
    write_file(root, "site/posts/.#lock.rst", &rst("Lock", ":date: someday"));
    write_file(root, "site/posts/.hidden.md", "Title: Hidden Dot File\nDate: 2020-02-02\n\nx\n");
    write_file(
        root,
        "site/posts/future.md",
        "Title: Future\nDate: 2999-01-01\nStatus: published\n\nx\n",
    );
    write_file(
        root,
        "site/posts/untitled.md",
        "Date: 2020-01-01\nStatus: published\n\nNo title.\n",
    );
    write_file(
        root,
        "site/notes/rust/hidden/borrow.md",
        "Title: Borrowing\nDate: 2023-03-03\n\nx\n",
    );
    write_file(root, "site/notes/loose.md", "Title: Loose Note\n\nx\n");
    write_file(root, "site/pages/about.rst", &rst("About", ":status: published"));
    write_file(root, "site/pages/legal.md", "Title: Legal\n\nx\n");
    write_file(root, "site/pages/hidden.md", "Title: Hidden Page\nStatus: hidden\n\nx\n");
    write_file(root, "site/pages/wip/todo.md", "Status: unfinished\n\nx\n");
    write_file(root, "site/other/elsewhere.rst", &rst("Elsewhere", ":status: nowhere"));
    for image in ["logo", "favicon", "og", "unused"] {
        write_file(root, &format!("site/images/{image}.png"), PNG);
    }
    write_file(root, "site/extra/robots.txt", "User-agent: *\n");
}

#[test]
fn a_blog_using_every_path_metadata_setting_lists_as_its_pelican_builds_it() {
    let tmp = tempfile::tempdir().unwrap();
    metadata_blog(tmp.path());
    let blog = open(tmp.path());
    assert_eq!(blog.content_dir(), "site", "PATH computed from a sibling module");
    let pelican = run_pelican(tmp.path());
    let (posts, fields) = judge(&blog, &pelican, &["posts/untitled.md"]);
    eprintln!("judged {posts} posts, {fields} fields equal");
    assert_eq!(posts, 13, "10 articles and 3 pages Pelican builds");
    assert_eq!(pelican.content["posts/future.md"]["list"], "drafts", "WITH_FUTURE_DATES");
    assert_eq!(pelican.content["posts/travel/lisbon.md"]["status"], "hidden", "by path");

    let findings = check_agrees(
        &blog,
        &pelican,
        &["posts/untitled.md"],
        &["images/logo.png", "images/favicon.png", "images/og.png"],
    );
    eprintln!("folio check:\n{}", findings.join("\n"));
    let untitled = findings.iter().any(|f| f.contains("SkippedPost site/posts/untitled.md"));
    assert!(untitled, "the post Pelican skips for want of a title is an error: {findings:#?}");
    let unused = findings.iter().any(|f| f.contains("OrphanImage site/images/unused.png"));
    assert!(unused, "an image nothing names is still an orphan: {findings:#?}");
}

/// A blog dated by file times, slugged by file name with its own substitutions, without
/// folder categories.
fn slug_blog(root: &Path) {
    write_file(
        root,
        "pelicanconf.py",
        r#"PATH = 'content'
TIMEZONE = 'UTC'
DEFAULT_DATE = 'fs'
SLUGIFY_SOURCE = 'basename'
SLUG_REGEX_SUBSTITUTIONS = [
    (r'c\+\+', 'cpp'),
    (r'[^\w\s-]', ''),
    (r'(?u)\A\s*', ''),
    (r'(?u)\s*\Z', ''),
    (r'[-\s]+', '_'),
]
USE_FOLDER_AS_CATEGORY = False
DEFAULT_CATEGORY = 'Misc Stuff'
FORMATTED_FIELDS = ['summary', 'subtitle']
"#,
    );
    write_file(root, "content/C++ Tips.md", "Title: Tips for C++\nDate: 2020-01-01\n\nx\n");
    write_file(root, "content/sub/2020-02-02-dated.rst", "Dated\n#####\n\n:subtitle: *sub*\n\nx\n");
    write_file(root, "content/sub/no date.md", "Title: No Date\nSummary: *short*\n\nx\n");
    write_file(root, "content/sub/own-slug.md", "Title: Own\nSlug: mine\nCategory: Set\n\nx\n");
    write_file(root, "content/pages/Contact Me.rst", "Contact\n#######\n\nx\n");
    // A fixed file time, so Pelican and Folio read the same one.
    let time = UNIX_EPOCH + Duration::from_secs(1_625_735_411);
    for rel in ["content/sub/no date.md", "content/C++ Tips.md"] {
        fs::File::options().write(true).open(root.join(rel)).unwrap().set_modified(time).unwrap();
    }
}

#[test]
fn a_blog_dated_by_file_times_and_slugged_by_file_names_lists_as_its_pelican_builds_it() {
    let tmp = tempfile::tempdir().unwrap();
    slug_blog(tmp.path());
    let blog = open(tmp.path());
    let pelican = run_pelican(tmp.path());
    let (posts, fields) = judge(&blog, &pelican, &[]);
    eprintln!("judged {posts} posts, {fields} fields equal");
    assert_eq!(posts, 5);
    let findings = check_agrees(&blog, &pelican, &[], &[]);
    eprintln!("folio check:\n{}", findings.join("\n"));
    let slug = |path: &str| {
        blog.list_posts().unwrap().into_iter().find(|p| p.path == path).and_then(|p| p.slug)
    };
    assert_eq!(slug("content/C++ Tips.md").as_deref(), Some("cpp_tips"));
}

#[test]
fn without_python_the_metadata_settings_are_named_as_not_read() {
    let tmp = tempfile::tempdir().unwrap();
    slug_blog(tmp.path());
    let blog = Blog::open(tmp.path()).unwrap();
    let SettingsSource::Literal { unread, .. } = blog.settings_source() else {
        panic!("Blog::open reads literals");
    };
    for name in ["DEFAULT_DATE", "SLUGIFY_SOURCE", "SLUG_REGEX_SUBSTITUTIONS", "DEFAULT_CATEGORY"] {
        assert!(unread.iter().any(|n| n == name), "{name} is not named: {unread:?}");
    }
    // Pelican's defaults stand in: the folder is the category, the title makes the slug.
    let posts = blog.list_posts().unwrap();
    let own = posts.iter().find(|p| p.path == "content/sub/2020-02-02-dated.rst").unwrap();
    assert_eq!(
        (own.category.as_deref(), own.slug.as_deref(), own.date.as_deref()),
        (Some("sub"), Some("dated"), Some("2020-02-02"))
    );
}

#[test]
fn a_file_name_pattern_folio_cannot_run_is_named_and_the_blog_still_lists() {
    let tmp = tempfile::tempdir().unwrap();
    write_file(
        tmp.path(),
        "pelicanconf.py",
        "PATH = 'content'\nFILENAME_METADATA = r'(?P<slug>[a-z]+)(?=-draft)'\n",
    );
    write_file(
        tmp.path(),
        "content/2020-01-01-post-draft.md",
        "Title: Post\nDate: 2021-01-01\n\nx\n",
    );
    let options = ReadOptions {
        python: Some(oracle_python()),
        timeout: Duration::from_secs(60),
        cache_file: None,
    };
    let blog = Blog::open_with(tmp.path(), &OpenOptions::run_python(SettingsReader::new(options)))
        .unwrap();
    let SettingsSource::Python { unusable, .. } = blog.settings_source() else {
        panic!("{}", blog.settings_source());
    };
    assert!(
        unusable.iter().any(|u| u.starts_with("FILENAME_METADATA (") && u.contains("lookaround")),
        "{unusable:?}"
    );
    assert!(blog.settings_source().to_string().contains("not used: FILENAME_METADATA"));
    let posts = blog.list_posts().unwrap();
    assert_eq!(posts.len(), 1);
    assert_eq!(posts[0].slug.as_deref(), Some("post"), "the title's slug, as without a pattern");
}

#[test]
fn with_typogrify_on_the_list_shows_the_text_of_the_title_pelican_publishes() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write_file(root, "pelicanconf.py", "PATH = 'content'\nTIMEZONE = 'UTC'\nTYPOGRIFY = True\n");
    let titles = [
        ("field", ":title: \"Hello\" -- the CSS world's end...\n:date: 2020-01-01\n\nx\n"),
        (
            "document",
            "\"Doc\" title -- NASA & co\n########################\n\n:date: 2020-01-01\n\nx\n",
        ),
        ("plain", ":title: Nothing to change\n:date: 2020-01-01\n\nx\n"),
    ];
    for (name, text) in titles {
        write_file(root, &format!("content/{name}.rst"), text);
    }
    let pelican = run_pelican(root);
    let blog = open(root);
    let posts = blog.list_posts().unwrap();
    assert_eq!(posts.len(), 3);
    for post in &posts {
        let source = post.path.trim_start_matches("content/");
        let published = pelican.content[source]["title"].as_str().unwrap().to_string();
        // The text a reader sees of Pelican's title: its tags out, its entities read.
        let out = Command::new(oracle_python())
            .args(["-c", "import html, re, sys; print(html.unescape(re.sub('<[^>]*>', '', sys.argv[1])), end='')"])
            .arg(&published)
            .output()
            .unwrap();
        let expected = String::from_utf8(out.stdout).unwrap();
        assert_eq!(post.title, expected, "{source}: Pelican publishes {published}");
    }
    let field = posts.iter().find(|p| p.path.ends_with("field.rst")).unwrap();
    assert_eq!(
        field.title,
        "\u{201c}Hello\u{201d} \u{2014} the CSS world\u{2019}s\u{a0}end\u{2026}"
    );
}
