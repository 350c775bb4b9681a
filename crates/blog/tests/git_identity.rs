//! Telling git who is publishing, once, in the blog's own repository.

use folio_blog::demo;

#[test]
fn identity_is_written_to_the_blogs_own_config_and_bad_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let blog = demo::create_demo(&dir.path().join("blog")).unwrap();
    assert!(folio_blog::git::set_identity(&blog, "", "a@b").is_err());
    assert!(folio_blog::git::set_identity(&blog, "Ann", "no-at-sign").is_err());
    folio_blog::git::set_identity(&blog, " Ann Writer ", "ann@example.com").unwrap();
    let config = std::fs::read_to_string(blog.root().join(".git/config")).unwrap();
    assert!(
        config.contains("name = Ann Writer") && config.contains("email = ann@example.com"),
        "{config}"
    );
}
