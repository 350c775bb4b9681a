//! Reading OpenSSH's `known_hosts`: plain host patterns and hashed (`|1|salt|hash`) entries,
//! which Debian writes by default (`HashKnownHosts yes`).

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha1::Sha1;

/// What known_hosts says about a host's key.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Known {
    /// A line for this host has this key.
    Match,
    /// Lines for this host have a key of this type, but a different one.
    Changed,
    /// No line for this host and key type.
    Unknown,
}

/// Looks `host` (`name` or `[name]:port`) up in known_hosts text. Revoked (`@revoked`)
/// and CA (`@cert-authority`) lines are not used for matching.
pub(crate) fn lookup(text: &str, host: &str, key_type: &str, key: &[u8]) -> Known {
    let mut result = Known::Unknown;
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with('@') {
            continue;
        }
        let mut fields = line.split_whitespace();
        let (Some(hosts), Some(kind), Some(blob)) = (fields.next(), fields.next(), fields.next())
        else {
            continue;
        };
        if kind != key_type || !hosts_match(hosts, host) {
            continue;
        }
        if STANDARD.decode(blob).is_ok_and(|b| b == key) {
            return Known::Match;
        }
        result = Known::Changed;
    }
    result
}

fn hosts_match(patterns: &str, host: &str) -> bool {
    if let Some(hashed) = patterns.strip_prefix("|1|") {
        return hashed_matches(hashed, host);
    }
    // A `!pattern` excludes the host; wildcards are not used by Folio's lookups.
    let mut matched = false;
    for pattern in patterns.split(',') {
        match pattern.strip_prefix('!') {
            Some(negated) if negated == host => return false,
            Some(_) => {}
            None => matched |= pattern == host,
        }
    }
    matched
}

/// `|1|base64(salt)|base64(HMAC-SHA1(salt, host))`.
fn hashed_matches(hashed: &str, host: &str) -> bool {
    let Some((salt, hash)) = hashed.split_once('|') else { return false };
    let (Ok(salt), Ok(hash)) = (STANDARD.decode(salt), STANDARD.decode(hash)) else {
        return false;
    };
    let Ok(mut mac) = Hmac::<Sha1>::new_from_slice(&salt) else { return false };
    mac.update(host.as_bytes());
    mac.verify_slice(&hash).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_lines_match_by_host_port_and_key() {
        let key = b"key-bytes";
        let line = format!("[127.0.0.1]:2222,other ssh-ed25519 {}\n", STANDARD.encode(key));
        assert_eq!(lookup(&line, "[127.0.0.1]:2222", "ssh-ed25519", key), Known::Match);
        assert_eq!(lookup(&line, "[127.0.0.1]:2222", "ssh-ed25519", b"new"), Known::Changed);
        assert_eq!(lookup(&line, "127.0.0.1", "ssh-ed25519", key), Known::Unknown);
        assert_eq!(lookup(&line, "other", "ssh-rsa", key), Known::Unknown, "another key type");
    }

    #[test]
    fn hashed_lines_match_the_host_they_were_hashed_from() {
        // Written by `ssh-keygen -H` for host "example.com" (salt and HMAC-SHA1 computed here).
        let salt = b"0123456789abcdefghij";
        let mut mac = Hmac::<Sha1>::new_from_slice(salt).unwrap();
        mac.update(b"example.com");
        let hash = mac.finalize().into_bytes();
        let line = format!(
            "|1|{}|{} ssh-ed25519 {}",
            STANDARD.encode(salt),
            STANDARD.encode(hash),
            STANDARD.encode(b"k")
        );
        assert_eq!(lookup(&line, "example.com", "ssh-ed25519", b"k"), Known::Match);
        assert_eq!(lookup(&line, "example.org", "ssh-ed25519", b"k"), Known::Unknown);
    }
}
