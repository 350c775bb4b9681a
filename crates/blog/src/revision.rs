//! A fingerprint of a file's bytes, to notice that it changed on disk under the editor.

/// The revision of a file's content: 64-bit FNV-1a of its bytes, as 16 hex digits.
/// It detects change, not tampering: a cheap, stable hash that needs no dependency and is the
/// same across runs and builds (the journal stores it).
pub fn revision_of(bytes: &[u8]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::revision_of;

    #[test]
    fn equal_bytes_give_equal_revisions_and_any_change_a_different_one() {
        assert_eq!(revision_of(b"post"), revision_of(b"post"));
        assert_ne!(revision_of(b"post"), revision_of(b"posT"));
        assert_eq!(revision_of(b""), "cbf29ce484222325", "the FNV-1a offset basis, stable forever");
    }
}
