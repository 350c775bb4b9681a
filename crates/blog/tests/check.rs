//! `Blog::check` on the demo blog and on a blog seeded with one fault of each kind.

use std::fs;
use std::io::Cursor;

use folio_blog::check::{CheckOptions, Finding, FindingKind, Severity};
use folio_blog::{demo, Blog};
use image::{DynamicImage, ImageFormat, RgbImage};

fn png(width: u32, height: u32) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    DynamicImage::ImageRgb8(RgbImage::new(width, height))
        .write_to(&mut out, ImageFormat::Png)
        .unwrap();
    out.into_inner()
}

fn find<'a>(findings: &'a [Finding], kind: FindingKind, file: &str) -> &'a Finding {
    findings
        .iter()
        .find(|f| f.kind == kind && f.file == file)
        .unwrap_or_else(|| panic!("no {kind:?} finding for {file} in {findings:#?}"))
}

#[test]
fn the_demo_blog_has_no_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let blog = demo::create_demo(&tmp.path().join("demo")).unwrap();
    let findings = blog.check(&CheckOptions::default()).unwrap();
    let errors: Vec<_> = findings.iter().filter(|f| f.severity == Severity::Error).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert!(
        !findings.iter().any(|f| f.kind == FindingKind::OrphanImage),
        "the welcome post uses the demo image: {findings:#?}"
    );
}

#[test]
fn a_broken_blog_reports_each_seeded_fault_at_its_file_and_line() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let images = root.join("content/images/first");
    fs::create_dir_all(&images).unwrap();
    fs::write(root.join("pelicanconf.py"), "PATH = 'content'\n").unwrap();
    fs::write(images.join("used.png"), png(4, 4)).unwrap();
    fs::write(images.join("forgotten.png"), png(4, 4)).unwrap();
    fs::write(images.join("huge.png"), png(2100, 10)).unwrap();
    fs::write(
        root.join("content/first.rst"),
        "First\n#####\n\n:slug: same\n\n.. image:: {static}/images/first/used.png\n\n\
         .. image:: {static}/images/first/huge.png\n\n\
         .. image:: {static}/images/first/gone.png\n   :alt: gone\n\n\
         See `the other <{filename}/missing post.rst>`_ and |filename|second.rst.\n\n\
         Escape `x <{static}/../../etc/passwd>`_.\n",
    )
    .unwrap();
    fs::write(
        root.join("content/second.rst"),
        "Second\n######\n\n:slug: same\n\nSome *open text\n",
    )
    .unwrap();
    fs::write(root.join("content/latin1.rst"), b"Caf\xe9\n====\n").unwrap();

    let blog = Blog::open(root).unwrap();
    let findings = blog.check(&CheckOptions::default()).unwrap();

    let missing = find(&findings, FindingKind::MissingImage, "content/first.rst");
    assert_eq!((missing.line, missing.severity), (Some(10), Severity::Error));
    assert!(missing.message.contains("gone.png"), "{}", missing.message);

    let broken = find(&findings, FindingKind::BrokenLink, "content/first.rst");
    assert_eq!(broken.line, Some(13));
    assert_eq!(broken.severity, Severity::Warning, "Pelican only warns about these");
    assert!(broken.message.contains("missing post.rst"), "{}", broken.message);
    assert!(
        !findings
            .iter()
            .any(|f| f.message.contains("second.rst") && f.kind == FindingKind::BrokenLink),
        "the old |filename| form to an existing post is fine: {findings:#?}"
    );
    assert!(
        findings.iter().any(|f| f.line == Some(15)
            && f.message.contains("outside the blog")
            && f.severity == Severity::Error),
        "{findings:#?}"
    );

    let orphan = find(&findings, FindingKind::OrphanImage, "content/images/first/forgotten.png");
    assert_eq!(orphan.severity, Severity::Warning);
    assert!(!findings
        .iter()
        .any(|f| f.kind == FindingKind::OrphanImage && f.file.ends_with("used.png")));

    let oversized = find(&findings, FindingKind::OversizedImage, "content/images/first/huge.png");
    assert!(oversized.message.contains("2100"), "{}", oversized.message);

    let duplicate = find(&findings, FindingKind::DuplicateSlug, "content/second.rst");
    assert_eq!(duplicate.severity, Severity::Error);
    assert!(duplicate.message.contains("content/first.rst"), "{}", duplicate.message);

    let markup = find(&findings, FindingKind::Markup, "content/second.rst");
    assert_eq!(markup.line, Some(6));

    let latin1 = find(&findings, FindingKind::NotUtf8, "content/latin1.rst");
    assert_eq!(latin1.severity, Severity::Error);
    assert_eq!(
        fs::read(root.join("content/latin1.rst")).unwrap(),
        b"Caf\xe9\n====\n",
        "reported, not mangled"
    );
}

#[test]
fn checking_chosen_files_finds_what_the_whole_check_finds_for_them_and_nothing_else() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let images = root.join("content/images");
    fs::create_dir_all(&images).unwrap();
    fs::write(root.join("pelicanconf.py"), "PATH = 'content'\n").unwrap();
    // Sorts before the chosen post, so the chosen one is the duplicate.
    fs::write(
        root.join("content/a-earlier.rst"),
        "Earlier\n#######\n\n:slug: shared\n\n.. image:: {static}/images/used.png\n",
    )
    .unwrap();
    fs::write(
        root.join("content/chosen.rst"),
        "Chosen\n######\n\n:slug: shared\n\nSee `nowhere`_.\n\n\
         .. image:: {static}/images/gone.png\n   :alt: gone\n",
    )
    .unwrap();
    // Not chosen, and broken in every way the chosen post is.
    fs::write(
        root.join("content/unchosen.rst"),
        "Unchosen\n########\n\n:slug: shared\n\n`elsewhere`_ *open\n\n\
         .. image:: {static}/images/lost.png\n",
    )
    .unwrap();
    fs::write(root.join("content/latin1.rst"), b"Caf\xe9\n====\n").unwrap();
    fs::write(images.join("used.png"), png(4, 4)).unwrap();
    fs::write(images.join("forgotten.png"), png(2100, 4)).unwrap();

    let blog = Blog::open(root).unwrap();
    let options = CheckOptions::default();
    let chosen: Vec<String> =
        ["content/chosen.rst", "content/latin1.rst", "content/images/used.png"]
            .into_iter()
            .chain(["content/images/forgotten.png", "content/not-there.rst"])
            .map(String::from)
            .collect();
    let scoped = blog.check_files(&chosen, &options).unwrap();
    let whole = blog.check(&options).unwrap();
    let expected: Vec<Finding> =
        whole.iter().filter(|f| chosen.contains(&f.file)).cloned().collect();
    assert_eq!(scoped, expected);

    let markup = find(&scoped, FindingKind::Markup, "content/chosen.rst");
    assert_eq!((markup.line, markup.severity), (Some(6), Severity::Error), "unknown target");
    let duplicate = find(&scoped, FindingKind::DuplicateSlug, "content/chosen.rst");
    assert!(duplicate.message.contains("content/a-earlier.rst"), "{}", duplicate.message);
    find(&scoped, FindingKind::MissingImage, "content/chosen.rst");
    find(&scoped, FindingKind::NotUtf8, "content/latin1.rst");
    find(&scoped, FindingKind::OrphanImage, "content/images/forgotten.png");
    find(&scoped, FindingKind::OversizedImage, "content/images/forgotten.png");
    assert!(
        !scoped.iter().any(|f| f.file == "content/images/used.png"),
        "an unchosen post uses it: {scoped:#?}"
    );

    find(&whole, FindingKind::MissingImage, "content/unchosen.rst");
    assert!(
        scoped.iter().all(|f| chosen.contains(&f.file)),
        "nothing of the unchosen posts: {scoped:#?}"
    );
}

#[test]
fn findings_serialize_as_a_json_list_with_plain_keys() {
    let finding = Finding {
        file: "content/a.rst".into(),
        line: Some(3),
        severity: Severity::Error,
        kind: FindingKind::MissingImage,
        message: "m".into(),
    };
    let json = serde_json::to_value(vec![finding]).unwrap();
    assert_eq!(
        json,
        serde_json::json!([{"file": "content/a.rst", "line": 3, "severity": "error", "kind": "missing-image", "message": "m"}])
    );
}
