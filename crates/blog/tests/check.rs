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
