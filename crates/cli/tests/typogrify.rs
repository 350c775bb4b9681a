//! `folio render` of a post in a blog with `TYPOGRIFY = True` against Pelican's own reader
//! on the same blog (the oracle Python, found through `ORACLE_PYTHON`).

use folio_test_support::oracle_python;
use std::process::Command;

const CONF: &str = "AUTHOR = 'A'\nSITENAME = 'S'\nTIMEZONE = 'UTC'\nTYPOGRIFY = True\n\
    TYPOGRIFY_DASHES = 'oldschool'\nTYPOGRIFY_IGNORE_TAGS = ['h3', 'span.nt']\n";

const POSTS: [&str; 3] = [
    "A \"quoted\" NASA post\n######################\n\n:date: 2020-01-01\n:summary: It's \"short\"\n\n\
     It's NASA -- and A & B --- done... in the '80s.\n\n\
     Section\n=======\n\n- \"one\" item\n- 'two' items\n\n::\n\n    \"literal\" -- NASA\n\n\
     Sub \"ignored\"\n--------------\n\nText with ``\"code\" --`` and *\"emphasis\"* here.\n",
    "Dots... and U.S.A.\n##################\n\n:date: 2021-02-03\n\n\
     \"Hello,\" she said, 'it's 1912--2004'.\n\n> quoted\n\n.. note::\n\n   A \"note\" -- here.\n",
    "Plain\n#####\n\n:date: 2022-01-01\n\n.. raw:: html\n\n   <span class=\"nt\">\"raw\" -- NASA</span>\n\n\
     After the raw \"HTML\" -- words.\n",
];

const PELICAN_READ: &str = r#"
import json, sys
from pelican.readers import Readers
from pelican.settings import read_settings
blog, names = sys.argv[1], sys.argv[2:]
readers = Readers(read_settings(blog + "/pelicanconf.py"))
out = []
for name in names:
    post = readers.read_file(base_path=blog + "/content", path=name)
    out.append({"title": post.metadata["title"], "content": post.content,
                "summary": post.metadata.get("summary")})
json.dump(out, sys.stdout)
"#;

#[test]
fn render_in_a_typogrify_blog_gives_what_pelicans_reader_gives() {
    let python = oracle_python();
    let tmp = tempfile::tempdir().unwrap();
    let blog = tmp.path();
    std::fs::create_dir(blog.join("content")).unwrap();
    std::fs::write(blog.join("pelicanconf.py"), CONF).unwrap();
    let names: Vec<String> = (0..POSTS.len()).map(|i| format!("post{i}.rst")).collect();
    for (name, text) in names.iter().zip(POSTS) {
        std::fs::write(blog.join("content").join(name), text).unwrap();
    }
    let pelican =
        Command::new(&python).args(["-c", PELICAN_READ]).arg(blog).args(&names).output().unwrap();
    assert!(pelican.status.success(), "{}", String::from_utf8_lossy(&pelican.stderr));
    let expected: Vec<serde_json::Value> = serde_json::from_slice(&pelican.stdout).unwrap();
    let folio = Command::new(env!("CARGO_BIN_EXE_folio"))
        .arg("--python")
        .arg(&python)
        .args(["render", "--json"])
        .args(names.iter().map(|n| blog.join("content").join(n)))
        .output()
        .unwrap();
    assert!(folio.status.success(), "{}", String::from_utf8_lossy(&folio.stderr));
    let rendered = String::from_utf8(folio.stdout).unwrap();
    let rendered: Vec<serde_json::Value> =
        rendered.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(rendered.len(), expected.len());
    for ((name, ours), theirs) in names.iter().zip(&rendered).zip(&expected) {
        assert_eq!(ours["content"], theirs["content"], "{name}: content");
        assert_eq!(ours["title"], theirs["title"], "{name}: title");
        if !theirs["summary"].is_null() {
            assert_eq!(ours["metadata"]["summary"], theirs["summary"], "{name}: summary");
        }
    }
    let first = rendered[0]["content"].as_str().unwrap();
    assert!(first.contains("<span class=\"caps\">NASA</span> &#8211;"), "{first}");
}
