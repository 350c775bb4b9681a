//! Markdown posts beside reST ones: listed with the metadata Pelican reads, their links and
//! images checked (never inside code), hidden and other statuses, and the check's warnings
//! that follow Pelican's. The listing is compared with Pelican's own readers.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use folio_blog::check::{CheckOptions, Finding, FindingKind, Severity};
use folio_blog::post::{pelican_date, pelican_status};
use folio_blog::{Blog, PostKind, PostSummary};
use folio_test_support::{oracle_python, write_file};

/// A blog with `files` under its root and a `pelicanconf.py` that puts content in `content/`.
fn blog(files: &[(&str, &str)]) -> (tempfile::TempDir, Blog) {
    let tmp = tempfile::tempdir().unwrap();
    write_file(tmp.path(), "pelicanconf.py", "PATH = 'content'\n");
    for (rel, text) in files {
        write_file(tmp.path(), rel, text);
    }
    let blog = Blog::open(tmp.path()).unwrap();
    (tmp, blog)
}

/// Posts in every metadata style Pelican reads, and a page of each status.
const POSTS: [(&str, &str); 11] = [
    (
        "content/meta-style.md",
        "Title: Meta Style\nDate: 2020-01-02 10:20\nCATEGORY: Notes\nTags: a, b; c\n\
         Status: Draft\nSlug: meta\nSummary: A summary\n    on two lines\n\nBody text.\n",
    ),
    (
        "content/front-matter.markdown",
        "---\ntitle: Front Matter\ndate: 2021-05-06_08:30\ntags: x, y\nstatus: hidden\n\
         ---\n\n# Heading\n\nBody.\n",
    ),
    ("content/2012-11-29-named.md", "Title: Dated By Name\n\nBody.\n"),
    ("content/2012-11-29-overridden.mkd", "Title: Own Date Wins\nDate: 2015/03/04\n\nBody.\n"),
    ("content/posts/tabbed.mdown", "title:   Spaced Out  \n  date: 2019-07-01\n\nBody.\n"),
    ("content/2013-01-02-rst-by-name.rst", "Named reST\n##########\n\n:category: Code\n\nBody.\n"),
    (
        "content/hidden-rst.rst",
        "Hidden reST\n###########\n\n:date: 2022-02-02\n:status: Hidden\n\nBody.\n",
    ),
    ("content/pages/about.md", "Title: About\nStatus: hidden\n\nAbout me.\n"),
    ("content/pages/contact.rst", "Contact\n#######\n\n:status: published\n\nMail me.\n"),
    ("content/pages/draft-page.md", "Title: Draft Page\nstatus: draft\n\nNot yet.\n"),
    // YAML lists need a Pelican plugin; the list reads them anyway (see the test below).
    (
        "content/yaml-lists.md",
        "---\ntitle: YAML Lists\ndate: 2023-03-03\ntags:\n  - one\n  - two\n---\n\nBody.\n",
    ),
];

/// Where the meta extension's reading is subtle: Pelican judges these in the oracle test.
const EDGES: [(&str, &str); 6] = [
    ("content/dots.md", "---\nTitle: Dots End\nDate: 2020-02-02\n...\nTitle: Body\n"),
    ("content/dashes.md", "----\nTitle: Four Dashes\nStatus: PUBLISHED\n----\n\nx\n"),
    ("content/repeat.md", "Title: Repeat\nTags: a\nDate: 2020-04-04\nTags: b\n    c\n\nBody: no\n"),
    ("content/bom.md", "\u{feff}Title: With BOM\nDate: 2020-03-03T10:11:12\n\nx\n"),
    (
        "content/crlf.md",
        "Title:\tCRLF Post\r\nDate: 2020-05-05\r\nSummary: one\r\n\ttwo\r\nCategory: \r\n\r\nx\r\n",
    ),
    ("content/pages/empty-status.md", "Title: Empty Status\nStatus:\nSlug:  \n\nx\n"),
];

fn listed(posts: &[PostSummary], path: &str) -> PostSummary {
    posts
        .iter()
        .find(|p| p.path == path)
        .cloned()
        .unwrap_or_else(|| panic!("{path} is not listed: {posts:#?}"))
}

#[test]
fn markdown_posts_list_with_their_title_date_status_category_and_tags() {
    let (_tmp, blog) = blog(&POSTS);
    let posts = blog.list_posts().unwrap();
    assert_eq!(posts.len(), POSTS.len());

    let meta = listed(&posts, "content/meta-style.md");
    assert_eq!(meta.title, "Meta Style");
    assert_eq!(meta.date.as_deref(), Some("2020-01-02 10:20"));
    assert_eq!(meta.status.as_deref(), Some("draft"), "lowercased, as Pelican reads it");
    assert_eq!(meta.category.as_deref(), Some("Notes"), "keys are case-blind");
    assert_eq!(meta.tags, ["a, b", "c"], "split on ';' when there is one");
    assert!(!meta.editable);

    let front = listed(&posts, "content/front-matter.markdown");
    assert_eq!(front.title, "Front Matter");
    assert_eq!(front.status.as_deref(), Some("hidden"));
    assert_eq!(front.tags, ["x", "y"]);
    assert_eq!(
        pelican_date(front.date.as_deref().unwrap()).as_deref(),
        Some("2021-05-06T08:30:00")
    );

    assert_eq!(listed(&posts, "content/2012-11-29-named.md").date.as_deref(), Some("2012-11-29"));
    assert_eq!(
        listed(&posts, "content/2012-11-29-overridden.mkd").date.as_deref(),
        Some("2015/03/04"),
        "the post's own date wins over its file name's"
    );
    assert_eq!(
        listed(&posts, "content/2013-01-02-rst-by-name.rst").date.as_deref(),
        Some("2013-01-02"),
        "reST posts take their file name's date too"
    );
    let tabbed = listed(&posts, "content/posts/tabbed.mdown");
    assert_eq!(tabbed.title, "Spaced Out");
    assert_eq!(tabbed.date.as_deref(), Some("2019-07-01"), "up to three spaces before a key");

    let about = listed(&posts, "content/pages/about.md");
    assert_eq!((about.kind, about.status.as_deref()), (PostKind::Page, Some("hidden")));
    assert_eq!(listed(&posts, "content/hidden-rst.rst").status.as_deref(), Some("hidden"));
    assert_eq!(listed(&posts, "content/yaml-lists.md").tags, ["one", "two"]);
}

#[test]
fn a_changed_markdown_header_is_listed_anew() {
    let (tmp, blog) = blog(&[("content/a.md", "Title: Before\n\nx\n")]);
    assert_eq!(blog.list_posts().unwrap()[0].title, "Before");
    write_file(tmp.path(), "content/a.md", "Title: After, longer\n\nx\n");
    assert_eq!(blog.list_posts().unwrap()[0].title, "After, longer");
}

/// The category Pelican gives a post: its field, else (the list shows only the field) the
/// folder it is in (`USE_FOLDER_AS_CATEGORY`), else `DEFAULT_CATEGORY`, `misc`.
fn pelican_category(post: &PostSummary) -> String {
    let folder = Path::new(post.path.strip_prefix("content/").unwrap_or(&post.path))
        .parent()
        .and_then(|p| p.file_name())
        .map(|name| name.to_string_lossy().into_owned());
    post.category.clone().or(folder).unwrap_or_else(|| "misc".into())
}

#[test]
fn every_article_and_page_lists_as_pelicans_own_readers_read_it() {
    let files: Vec<(&str, &str)> = POSTS.iter().chain(&EDGES).copied().collect();
    let (tmp, blog) = blog(&files);
    let posts = blog.list_posts().unwrap();
    let content = tmp.path().join("content");
    let args: Vec<String> = posts
        .iter()
        .map(|p| {
            let rel = p.path.strip_prefix("content/").unwrap();
            let kind = if p.kind == PostKind::Page { "page" } else { "article" };
            format!("{rel}:{kind}")
        })
        .collect();
    let out = Command::new(oracle_python())
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pelican_readers.py"))
        .arg(&content)
        .args(&args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "Pelican's readers failed (run make venv: the oracle needs the markdown package):\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pelican: BTreeMap<String, serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(pelican.len(), posts.len());
    for post in &posts {
        let rel = post.path.strip_prefix("content/").unwrap();
        let theirs = &pelican[rel];
        let ours = serde_json::json!({
            "title": post.title,
            "date": post.date.as_deref().and_then(pelican_date),
            "status": pelican_status(post.status.as_deref()),
            "category": pelican_category(post),
        });
        let expected = serde_json::json!({
            "title": theirs["title"],
            "date": theirs["date"],
            "status": theirs["status"],
            "category": theirs["category"],
        });
        assert_eq!(ours, expected, "{rel}");
        // Pelican without a YAML plugin loses a YAML list; the list keeps it on purpose.
        if rel != "yaml-lists.md" {
            assert_eq!(serde_json::json!(post.tags), theirs["tags"], "{rel}");
        } else {
            assert_eq!(theirs["tags"], serde_json::json!([]), "core Pelican drops YAML lists");
        }
    }
}

fn findings_of<'a>(findings: &'a [Finding], file: &str) -> Vec<&'a Finding> {
    findings.iter().filter(|f| f.file == file).collect()
}

fn has(findings: &[Finding], file: &str, kind: FindingKind, line: u32, severity: Severity) -> bool {
    findings
        .iter()
        .any(|f| f.file == file && f.kind == kind && f.line == Some(line) && f.severity == severity)
}

const PNG: &str = "not really a png";

#[test]
fn images_only_markdown_posts_use_are_not_orphans_and_their_broken_links_are_found() {
    let (_tmp, blog) = blog(&[
        (
            "content/md-post.md",
            "Title: Pictures\nDate: 2024-01-01\n\n![A cat]({static}/images/cat.png)\n\n\
             <img src=\"{static}/images/raw.png\" alt=\"raw\">\n\n\
             See [the ref][r] and [gone]({filename}/nowhere.md) or ![lost]({static}/images/lost.png).\n\n\
             [r]: {static}/images/by-ref.png\n",
        ),
        ("content/images/cat.png", PNG),
        ("content/images/raw.png", PNG),
        ("content/images/by-ref.png", PNG),
        ("content/images/unused.png", PNG),
        ("content/images/in-code.png", PNG),
        (
            "content/code.md",
            "Title: Code\nDate: 2024-01-02\n\nWrite `![x]({static}/images/in-code.png)` or:\n\n\
             ```\n[x]({filename}/missing-in-fence.md)\n```\n\n    [y]({filename}/missing-indented.md)\n",
        ),
    ]);
    let findings = blog.check(&CheckOptions::default()).unwrap();
    let orphans: Vec<&str> = findings
        .iter()
        .filter(|f| f.kind == FindingKind::OrphanImage)
        .map(|f| f.file.as_str())
        .collect();
    assert_eq!(
        orphans,
        ["content/images/in-code.png", "content/images/unused.png"],
        "{findings:#?}"
    );

    let md = "content/md-post.md";
    assert!(has(&findings, md, FindingKind::BrokenLink, 8, Severity::Warning), "{findings:#?}");
    assert!(has(&findings, md, FindingKind::MissingImage, 8, Severity::Error), "{findings:#?}");
    assert_eq!(findings_of(&findings, md).len(), 2, "{findings:#?}");
    assert!(findings_of(&findings, "content/code.md").is_empty(), "links in code are text");

    let images = blog.list_post_images(md, None).unwrap();
    assert!(images.iter().any(|i| i.path == "content/images/cat.png" && !i.orphan), "{images:#?}");
}

#[test]
fn rst_literal_text_is_not_checked_as_links() {
    let (_tmp, blog) = blog(&[(
        "content/literal.rst",
        "Literal\n#######\n\n:date: 2024-01-01\n\nWrite it like this::\n\n    \
         `x <{filename}/missing.rst>`_\n\nOr ``{static}/images/missing.png`` inline.\n\n\
         .. code-block:: rst\n\n   .. image:: {static}/images/also-missing.png\n",
    )]);
    let findings = blog.check(&CheckOptions::default()).unwrap();
    assert!(findings.is_empty(), "{findings:#?}");
}

#[test]
fn the_check_warns_where_pelican_warns_and_errs_where_pelican_drops_the_post() {
    let (_tmp, blog) = blog(&[
        ("content/images/pic.png", PNG),
        ("content/target.rst", "Target\n######\n\n:date: 2024-01-01\n\n.. image:: {static}/images/pic.png\n   :alt: a picture\n"),
        (
            "content/markers.md",
            "Title: Markers\nDate: 2024-01-01\n\n[pic]({filename}/images/pic.png)\n\n\
             [post]({static}/target.rst)\n\n![]({static}/images/pic.png)\n\n\
             <img alt=\"\" src=\"{static}/images/pic.png\">\n\n<img src=\"{static}/images/pic.png\">\n",
        ),
        ("content/no-alt.rst", "No Alt\n######\n\n:date: 2024-01-01\n\n.. image:: {static}/images/pic.png\n   :width: 10\n"),
        ("content/bad-status.md", "Title: Bad\nDate: 2024-01-01\nStatus: unlisted\n\nx\n"),
        ("content/bad-date.md", "Title: Bad date\nDate: next tuesday\n\nx\n"),
        ("content/untitled.md", "Date: 2024-01-01\n\nNo title.\n"),
        ("content/bad-status.rst", "Bad reST\n########\n\n:date: 2024-01-01\n:status: secret\n\nx\n"),
        ("content/skip.md", "Title: Skipped on purpose\nStatus: skip\n\nx\n"),
    ]);
    let findings = blog.check(&CheckOptions::default()).unwrap();
    let m = "content/markers.md";
    assert!(has(&findings, m, FindingKind::WrongLinkMarker, 4, Severity::Warning), "{findings:#?}");
    assert!(has(&findings, m, FindingKind::WrongLinkMarker, 6, Severity::Warning), "{findings:#?}");
    assert!(has(&findings, m, FindingKind::EmptyAlt, 8, Severity::Warning), "{findings:#?}");
    assert!(has(&findings, m, FindingKind::EmptyAlt, 10, Severity::Warning), "{findings:#?}");
    assert_eq!(findings_of(&findings, m).len(), 4, "no alt at all is not Pelican's warning");
    assert!(has(&findings, "content/no-alt.rst", FindingKind::EmptyAlt, 6, Severity::Warning));
    assert!(findings_of(&findings, "content/target.rst").is_empty(), "{findings:#?}");

    assert!(has(&findings, "content/bad-status.md", FindingKind::SkippedPost, 3, Severity::Error));
    assert!(has(&findings, "content/bad-date.md", FindingKind::SkippedPost, 2, Severity::Error));
    let untitled = findings_of(&findings, "content/untitled.md");
    assert!(untitled.iter().any(|f| f.kind == FindingKind::SkippedPost), "{findings:#?}");
    let rst = findings_of(&findings, "content/bad-status.rst");
    assert!(rst.iter().any(|f| f.kind == FindingKind::SkippedPost), "{findings:#?}");
    assert!(findings_of(&findings, "content/skip.md").is_empty(), "skip is a status Pelican knows");
}

#[test]
fn folio_status_shows_hidden_and_draft_as_pelican_reads_them() {
    let (tmp, blog) = blog(&POSTS);
    git2::Repository::init(tmp.path()).unwrap();
    let status = folio_blog::git::read_status(&blog).unwrap();
    let of = |path: &str| {
        status.posts.iter().find(|p| p.path == path).map(|p| (p.status.as_str(), p.draft))
    };
    assert_eq!(of("content/pages/about.md"), Some(("hidden", false)));
    assert_eq!(of("content/hidden-rst.rst"), Some(("hidden", false)));
    assert_eq!(of("content/meta-style.md"), Some(("draft", true)));
    assert_eq!(of("content/pages/contact.rst"), Some(("published", false)));
    assert_eq!(of("content/2012-11-29-named.md"), Some(("published", false)), "none set");
}

/// A blog seeded with what Pelican warns about or drops, in reST and Markdown, and with the
/// same links in code, where Pelican sees none.
const PELICAN_JUDGES: [(&str, &str); 20] = [
    // Articles need a date (a draft gets one, a page needs none, nor does a dated file name).
    ("content/undated.md", "Title: Undated\n\nx\n"),
    ("content/undated.rst", "Undated reST\n############\n\nx\n"),
    ("content/undated-draft.md", "Title: Undated draft\nStatus: draft\n\nx\n"),
    ("content/2024-03-03-named.md", "Title: Named\n\nx\n"),
    ("content/images/pic.png", PNG),
    // Neither a post nor in STATIC_PATHS: `{filename}` cannot find the first; the second is
    // static content because a post links it with `{static}`.
    ("content/files/alone.txt", "a document"),
    ("content/files/linked.txt", "a document"),
    (
        "content/files-links.md",
        "Title: Files\nDate: 2024-01-05\n\n[a]({filename}/files/alone.txt) \
         [l]({filename}/files/linked.txt)\n",
    ),
    ("content/static-links.md", "Title: Static\nDate: 2024-01-06\n\n[l]({static}/files/linked.txt)\n"),
    (
        "content/target.rst",
        "Target\n######\n\n:date: 2024-01-01\n\n.. image:: {static}/images/pic.png\n   :alt: a picture\n",
    ),
    (
        "content/markers.md",
        "Title: Markers\nDate: 2024-01-01\n\n[pic]({filename}/images/pic.png)\n\n\
         [post]({static}/target.rst)\n\n![]({static}/images/pic.png)\n\n\
         <img src=\"{static}/images/pic.png\">\n",
    ),
    (
        "content/raw-alt.md",
        "Title: Raw alt\nDate: 2024-01-01\n\n<img alt=\"\" src=\"{static}/images/pic.png\">\n",
    ),
    (
        "content/links.md",
        "Title: Links\nDate: 2024-01-02\n\n[gone]({filename}/nowhere.md), ![lost]({static}/images/lost.png), \
         [ref][r] and `[x]({filename}/in-span.md)`.\n\n```\n[y]({filename}/in-fence.md)\n```\n\n\
         [r]: {filename}/by-ref.md\n",
    ),
    (
        "content/literal.rst",
        "Literal\n#######\n\n:date: 2024-01-01\n\nLike this::\n\n    `x <{filename}/in-block.rst>`_\n\n\
         Or ``{static}/images/inline.png``. But `real <{filename}/missing.rst>`_.\n\n\
         .. image:: {static}/images/gone.png\n   :alt: gone\n",
    ),
    (
        "content/no-alt.rst",
        "No Alt\n######\n\n:date: 2024-01-01\n\n.. image:: {static}/images/pic.png\n   :width: 10\n",
    ),
    ("content/bad-status.md", "Title: Bad\nDate: 2024-01-01\nStatus: unlisted\n\nx\n"),
    ("content/bad-date.md", "Title: Bad date\nDate: next tuesday\n\nx\n"),
    ("content/untitled.md", "Date: 2024-01-01\n\nNo title.\n"),
    ("content/bad-status.rst", "Bad reST\n########\n\n:date: 2024-01-01\n:status: secret\n\nx\n"),
    ("content/pages/skip.md", "Title: Skipped on purpose\nStatus: skip\n\nx\n"),
];

/// A finding or a Pelican log line as `what file-or-target`, for comparing the two.
fn judged(kind: &str, subject: &str) -> String {
    format!("{kind} {subject}")
}

#[test]
fn the_check_reports_what_pelican_itself_warns_about_and_drops() {
    let (tmp, blog) = blog(&PELICAN_JUDGES);
    let findings = blog.check(&CheckOptions::default()).unwrap();
    let content = format!("{}/content/", tmp.path().display());
    let target_of = |message: &str| {
        let at = message.find('{').unwrap_or(0);
        let link = message[at..].split_whitespace().next().unwrap_or_default();
        link.split_once('}').map(|(_, t)| t.to_string()).unwrap_or_default()
    };
    let ours: std::collections::BTreeSet<String> = findings
        .iter()
        .filter_map(|f| {
            let file = f.file.strip_prefix("content/").unwrap_or(&f.file);
            match f.kind {
                FindingKind::WrongLinkMarker if f.message.starts_with("{filename}") => {
                    Some(judged("filename-for-static", file))
                }
                FindingKind::WrongLinkMarker
                | FindingKind::BrokenLink
                | FindingKind::MissingImage => Some(judged("unresolved", &target_of(&f.message))),
                FindingKind::EmptyAlt => Some(judged("empty-alt", file)),
                FindingKind::SkippedPost => Some(judged("skipped", file)),
                _ => None,
            }
        })
        .collect();

    let records = pelican_log(tmp.path());
    let theirs: std::collections::BTreeSet<String> = records
        .iter()
        .filter_map(|r| {
            let msg = r["msg"].as_str().unwrap_or_default();
            let args: Vec<&str> = r["args"]
                .as_array()
                .map(|a| a.iter().filter_map(|v| v.as_str()).collect())
                .unwrap_or_default();
            let file = |s: &str| {
                s.strip_prefix(content.as_str()).or(s.strip_prefix("./")).unwrap_or(s).to_string()
            };
            if msg.starts_with("{filename} used for linking to static content") {
                Some(judged("filename-for-static", &file(args[1])))
            } else if msg.starts_with("Unable to find") {
                Some(judged("unresolved", args[0]))
            } else if msg.starts_with("Cannot get modification stamp") {
                // A `{static}` link to a missing file: Pelican goes to copy it, and cannot.
                Some(judged("unresolved", &format!("/{}", file(args[0]))))
            } else if msg.starts_with("Empty alt attribute") {
                Some(judged("empty-alt", &file(args[1])))
            } else if msg.starts_with("Unknown status") || msg.starts_with("Could not process") {
                Some(judged("skipped", &file(args[if msg.starts_with("Unknown") { 1 } else { 0 }])))
            } else if msg.starts_with("Skipping %s: could not find") {
                Some(judged("skipped", &file(args[0])))
            } else {
                None
            }
        })
        .collect();
    assert_eq!(ours, theirs, "ours (left) and Pelican's (right)\n{findings:#?}\n{records:#?}");
    // Not one finding is about something written in code.
    assert!(!ours.iter().any(|f| f.contains("in-")), "{ours:#?}");
}

#[test]
fn a_markdown_post_and_a_rst_post_with_one_slug_collide_and_a_scoped_check_sees_it() {
    let (_tmp, blog) = blog(&[
        ("content/a-first.rst", "Same Name\n#########\n\n:date: 2024-01-01\n\nx\n"),
        ("content/b-second.md", "Title: Same name\nDate: 2024-01-02\n\n[x]({filename}/gone.md)\n"),
        ("content/c-third.md", "Title: Other\nSlug: same-name\nDate: 2024-01-03\n\nx\n"),
    ]);
    let whole = blog.check(&CheckOptions::default()).unwrap();
    let duplicates: Vec<&str> = whole
        .iter()
        .filter(|f| f.kind == FindingKind::DuplicateSlug)
        .map(|f| f.file.as_str())
        .collect();
    assert_eq!(duplicates, ["content/b-second.md", "content/c-third.md"], "{whole:#?}");

    let chosen = vec!["content/b-second.md".to_string()];
    let scoped = blog.check_files(&chosen, &CheckOptions::default()).unwrap();
    let expected: Vec<Finding> = whole.into_iter().filter(|f| f.file == chosen[0]).collect();
    assert_eq!(scoped, expected);
    assert!(scoped.iter().any(|f| f.kind == FindingKind::BrokenLink), "{scoped:#?}");
}

/// Runs `pelican_warnings.py` on the blog at `root`: what Pelican logs, as JSON values.
fn pelican_log(root: &Path) -> Vec<serde_json::Value> {
    let out = Command::new(oracle_python())
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pelican_warnings.py"))
        .arg(root)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "Pelican failed (run make venv: the oracle needs the markdown package):\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    serde_json::from_str(stdout.lines().last().unwrap_or_default()).unwrap()
}

#[test]
fn an_undated_article_is_fine_when_default_date_dates_it() {
    let (tmp, blog) = blog(&[("content/undated.md", "Title: Undated\n\nx\n")]);
    let undated = |blog: &Blog| {
        let findings = blog.check(&CheckOptions::default()).unwrap();
        findings.iter().any(|f| f.kind == FindingKind::SkippedPost)
    };
    let skipped_by_pelican = |root: &Path| {
        pelican_log(root)
            .iter()
            .any(|r| r["msg"].as_str().is_some_and(|m| m.starts_with("Skipping")))
    };
    assert!(undated(&blog));
    assert!(skipped_by_pelican(tmp.path()));

    write_file(tmp.path(), "pelicanconf.py", "PATH = 'content'\nDEFAULT_DATE = 'fs'\n");
    let blog = Blog::open(tmp.path()).unwrap();
    assert!(!undated(&blog));
    assert!(!skipped_by_pelican(tmp.path()));
}
