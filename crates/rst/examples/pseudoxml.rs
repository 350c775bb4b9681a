//! Prints the pseudo-XML tree of a reST file: `cargo run -p folio-rst --example pseudoxml FILE`.
fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: pseudoxml FILE");
        std::process::exit(2);
    };
    match std::fs::read(&path) {
        Ok(bytes) => {
            let (_, doc, diags) = folio_rst::parse_bytes(&bytes);
            print!("{}", doc.pseudo_xml());
            for d in diags {
                println!("! {:?} {:?}: {}", d.severity, d.span, d.message);
            }
        }
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    }
}
