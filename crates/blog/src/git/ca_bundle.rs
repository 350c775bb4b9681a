//! libgit2 without the system's CA bundle parsed at start: the certificate authorities an
//! https remote is checked against are read when an https remote is first used.
//!
//! libgit2 sets up OpenSSL when it starts (the first git call of the process), and that
//! set-up parses the CA bundle file named by `SSL_CERT_FILE` (git2 fills it in): about
//! 150 certificates, 4 MiB kept for good, though only an https remote needs any (a local
//! folder or an SSH remote never does). OpenSSL also looks certificates up in a folder
//! of them named by hash (`SSL_CERT_DIR`, Debian's `/etc/ssl/certs`), reading only the
//! one a connection needs, when it needs it. When that folder exists,
//! [`start_without_ca_bundle`] starts libgit2 with an empty bundle file, so the folder is
//! what an https connection is checked against.

use std::ffi::OsString;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

const CERT_FILE: &str = "SSL_CERT_FILE";
const CERT_DIR: &str = "SSL_CERT_DIR";

static DEFERRED: AtomicBool = AtomicBool::new(false);

/// Starts libgit2 without parsing the CA bundle, when OpenSSL can find the certificates
/// it needs in the system's hashed certificate folder instead, and leaves the
/// environment as it was (children such as Python do not see the empty bundle). Does
/// nothing when the user names a bundle in `SSL_CERT_FILE`, when there is no hashed
/// folder, or when libgit2 already started.
///
/// Changes the process's environment for a moment: call it first thing in `main`, before
/// any other thread exists.
pub fn start_without_ca_bundle() {
    if !cfg!(target_os = "linux") || std::env::var_os(CERT_FILE).is_some() {
        return;
    }
    let hashed = openssl_probe::probe().cert_dir.is_some_and(|dir| holds_hashed_certificates(&dir));
    if !hashed {
        return;
    }
    let cert_dir: Option<OsString> = std::env::var_os(CERT_DIR);
    // A file that exists everywhere and holds no certificate: git2 keeps a bundle that
    // exists, and OpenSSL reads nothing from it.
    std::env::set_var(CERT_FILE, "/dev/null");
    // Any git2 call starts libgit2 (git2 first fills in SSL_CERT_DIR when unset).
    let started = git2::Config::new().is_ok();
    std::env::remove_var(CERT_FILE);
    match cert_dir {
        Some(dir) => std::env::set_var(CERT_DIR, dir),
        None => std::env::remove_var(CERT_DIR),
    }
    DEFERRED.store(started, Ordering::Relaxed);
}

/// Whether libgit2 started without the CA bundle ([`start_without_ca_bundle`]).
pub fn ca_bundle_deferred() -> bool {
    DEFERRED.load(Ordering::Relaxed)
}

/// Whether `dir` holds certificates by subject hash (`5ad8a5d6.0`), as `c_rehash` and
/// Debian's `update-ca-certificates` leave them.
fn holds_hashed_certificates(dir: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else { return false };
    entries.flatten().any(|entry| {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        name.split_once('.').is_some_and(|(hash, n)| {
            hash.len() == 8
                && hash.bytes().all(|b| b.is_ascii_hexdigit())
                && n.bytes().all(|b| b.is_ascii_digit())
        })
    })
}
