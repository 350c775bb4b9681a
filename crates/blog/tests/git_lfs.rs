//! Git LFS with the real `git-lfs` on real repositories: an imported image the blog's
//! `.gitattributes` gives to LFS is committed as its pointer, its content under
//! `.git/lfs/objects` and sent to the origin; a pointer file never downloaded is shown as
//! such, never as a broken image.

mod support;

use std::path::Path;
use std::process::Command;

use support::servers::require;
use support::{TestRepo, DRAFT, PNG};

const ATTRIBUTES: &str = "*.png filter=lfs diff=lfs merge=lfs -text\n";
const IMAGE: &str = "content/images/a-draft/desk.png";

fn git_in(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git").args(args).current_dir(dir).output().expect("run git");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// A blog whose committed `.gitattributes` gives PNGs to LFS, with `git lfs install`
/// run in it (so git itself knows the filter), and the draft and its image not committed.
fn lfs_blog() -> TestRepo {
    require("git-lfs", "git-lfs");
    let repo = TestRepo::new();
    git_in(&repo.root, &["lfs", "install", "--local"]);
    repo.write(".gitattributes", ATTRIBUTES);
    git_in(&repo.root, &["add", ".gitattributes"]);
    git_in(&repo.root, &["commit", "-q", "-m", "Images in LFS"]);
    git_in(&repo.root, &["push", "-q", "origin", "main"]);
    repo.with_draft()
}

fn sha256_hex(bytes: &[u8]) -> String {
    let mut child = Command::new("sha256sum")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(child.stdin.as_mut().unwrap(), bytes).unwrap();
    let out = child.wait_with_output().unwrap();
    String::from_utf8(out.stdout).unwrap().split_whitespace().next().unwrap().to_string()
}

#[test]
fn a_published_image_tracked_by_lfs_is_committed_as_its_pointer_with_the_object_stored() {
    let repo = lfs_blog();
    let report = repo.publish(&["content/a-draft.rst"]).unwrap();
    assert!(report.files.contains(&IMAGE.to_string()), "{:?}", report.files);
    // Folio's own view (libgit2, which has no LFS filter) sees nothing uncommitted either.
    assert_eq!(repo.dirty_paths(), Vec::<String>::new());

    // git-lfs itself sees the file as an LFS file of the commit.
    let listed = git_in(&repo.root, &["lfs", "ls-files", "--name-only"]);
    assert_eq!(listed, IMAGE);
    // The blob committed is the pointer, naming the image's SHA-256 and size.
    let oid = sha256_hex(PNG);
    let blob = git_in(&repo.root, &["show", &format!("HEAD:{IMAGE}")]);
    assert_eq!(
        blob,
        format!("version https://git-lfs.github.com/spec/v1\noid sha256:{oid}\nsize {}", PNG.len())
    );
    // The object is in .git/lfs/objects with the image's bytes, and the work tree keeps
    // the image itself; git sees nothing to commit.
    let object = repo.root.join(".git/lfs/objects").join(&oid[..2]).join(&oid[2..4]).join(&oid);
    assert_eq!(std::fs::read(&object).unwrap(), PNG);
    assert_eq!(std::fs::read(repo.root.join(IMAGE)).unwrap(), PNG);
    assert_eq!(git_in(&repo.root, &["status", "--porcelain"]), "");
    // The origin has the pointer on its branch and the object in its own LFS store.
    assert_eq!(repo.remote_text(IMAGE).unwrap().trim(), blob);
    let remote_object = repo.origin.join("lfs/objects").join(&oid[..2]).join(&oid[2..4]).join(&oid);
    assert_eq!(std::fs::read(&remote_object).unwrap(), PNG);
    // The post itself is not LFS's: committed as text.
    assert!(repo.remote_text("content/a-draft.rst").unwrap().contains("Still writing."));
    assert_ne!(repo.remote_text("content/a-draft.rst").unwrap(), DRAFT);
}

#[test]
fn a_pointer_file_that_was_never_downloaded_is_shown_as_stored_in_lfs() {
    let repo = lfs_blog();
    repo.publish(&["content/a-draft.rst"]).unwrap();
    // Another computer clones without LFS's smudge filter: the image stays a pointer.
    let clone = repo.origin.parent().unwrap().join("clone");
    let out = Command::new("git")
        .args(["clone", "-q"])
        .arg(&repo.origin)
        .arg(&clone)
        .env("GIT_LFS_SKIP_SMUDGE", "1")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let pointer = std::fs::read(clone.join(IMAGE)).unwrap();
    assert!(folio_blog::git::is_lfs_pointer(&pointer));
    assert!(!folio_blog::git::is_lfs_pointer(PNG));

    let blog = folio_blog::Blog::open(&clone).unwrap();
    let images = blog.list_post_images("content/a-draft.rst", None).unwrap();
    let image = images.iter().find(|i| i.path == IMAGE).expect("the image is listed");
    assert!(image.lfs_pointer);
    // The preview gets a picture that says so instead of the pointer's text.
    let asset = blog.read_asset(IMAGE).unwrap();
    assert_eq!(asset.mime, "image/svg+xml");
    assert!(String::from_utf8(asset.bytes).unwrap().contains("Stored in Git LFS"));
    // Where the image was downloaded, it is the image.
    let here = repo.blog().list_post_images("content/a-draft.rst", None).unwrap();
    assert!(here.iter().all(|i| !i.lfs_pointer));
    assert_eq!(repo.blog().read_asset(IMAGE).unwrap().bytes, PNG);
}

#[test]
fn an_update_that_brings_an_lfs_image_downloads_it_instead_of_leaving_its_pointer() {
    let repo = lfs_blog();
    repo.publish(&["content/a-draft.rst"]).unwrap();
    // Another computer with git-lfs adds an image and pushes it (git's own pre-push hook
    // sends the object to the origin's LFS store).
    let other = repo.origin.parent().unwrap().join("other");
    let out = Command::new("git").arg("clone").arg("-q").arg(&repo.origin).arg(&other).output();
    assert!(out.unwrap().status.success());
    git_in(&other, &["lfs", "install", "--local"]);
    let photo: &[u8] = b"\x89PNG\r\n\x1a\na photo from the other laptop";
    std::fs::write(other.join("content/images/a-draft/photo.png"), photo).unwrap();
    git_in(&other, &["add", "content/images/a-draft/photo.png"]);
    git_in(
        &other,
        &[
            "-c",
            "user.name=Other",
            "-c",
            "user.email=o@folio.invalid",
            "commit",
            "-q",
            "-m",
            "Photo",
        ],
    );
    git_in(&other, &["push", "-q", "origin", "main"]);

    let blog = repo.blog();
    let auth =
        folio_blog::git::AuthOptions { ssh_dir: support::sandbox().join(".ssh"), use_agent: false };
    let news =
        folio_blog::git::check_remote(&blog, &auth, std::time::Duration::from_secs(5)).unwrap();
    assert_eq!(news.new_commits, 1);
    let report = folio_blog::git::update_from_remote(&blog, &[], &[]).unwrap();
    assert_eq!(report.changed, ["content/images/a-draft/photo.png"]);
    assert!(report.not_downloaded.is_empty(), "{:?}", report.not_downloaded);
    // The work tree has the photo itself, and neither git nor libgit2 sees a change.
    assert_eq!(std::fs::read(repo.root.join("content/images/a-draft/photo.png")).unwrap(), photo);
    assert_eq!(repo.dirty_paths(), Vec::<String>::new());
    assert_eq!(git_in(&repo.root, &["status", "--porcelain"]), "");
}
