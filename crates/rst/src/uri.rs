//! Standalone URIs and e-mail addresses in running text, recognised as docutils' `uri`
//! pattern does, but at one start position and without backtracking over the input.
//!
//! The rules (docutils' `Inliner`): an absolute URI is a scheme (`[a-zA-Z][a-zA-Z0-9.+-]*`),
//! `:`, then URI characters (ASCII only: letters, digits and `-_.!~*'()[];/:@&=+$,%`) whose
//! last one is a letter, a digit or one of `_~*/=+` (any URI character when `>` follows),
//! with an optional `?query` and `#fragment` of the same shape; an e-mail address is a name
//! and a host of ASCII e-mail characters around `@`. Both must be followed by what may end
//! inline markup. Of all the ways to read a start, the longest hierarchical part is tried
//! first, then a query, then a fragment, as Python's regex engine does; each run of URI
//! characters is scanned a bounded number of times, so one attempt is linear in its run.
//!
//! A backslash escape counts as one URI character (docutils turns it into a NUL that its
//! character classes accept), so `http://a\_b` is one address.

/// Byte view of the text as docutils' inliner sees it: an escaping backslash reads as
/// [`NUL`], every other byte as itself; `suffix_ok(k)` says whether inline markup may end
/// before byte `k` (docutils' `end_string_suffix`, which also accepts an escape).
pub(crate) trait Subject {
    /// The byte at `k` (an escaping backslash reads [`NUL`]), `None` at the end.
    fn byte(&self, k: usize) -> Option<u8>;
    /// Whether markup may end before `k`.
    fn suffix_ok(&self, k: usize) -> bool;
}

/// What an escaping backslash reads as.
pub(crate) const NUL: u8 = 0;

/// A standalone URI or e-mail address found at a start position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Found {
    /// Where it ends (exclusive).
    pub(crate) end: usize,
    /// Where the scheme's `:` is, for an absolute URI; `None` for an e-mail address.
    pub(crate) colon: Option<usize>,
}

fn is_uric(b: u8) -> bool {
    b == NUL || b.is_ascii_alphanumeric() || b"-_.!~*'()[];/:@&=+$,%".contains(&b)
}

fn is_urilast(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"_~*/=+".contains(&b)
}

fn is_emailc(b: u8) -> bool {
    b == NUL || b.is_ascii_alphanumeric() || b"-_!~*'{|}/#?^`&=+$%".contains(&b)
}

fn is_scheme_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'+' | b'-')
}

/// The end of the run of bytes from `k` that `class` accepts.
fn run_end(s: &impl Subject, mut k: usize, class: fn(u8) -> bool) -> usize {
    while s.byte(k).is_some_and(class) {
        k += 1;
    }
    k
}

/// Whether the URI character at `k` may be the last one (docutils' `uri_end`).
fn may_end_at(s: &impl Subject, k: usize) -> bool {
    s.byte(k).is_some_and(is_urilast) || s.byte(k + 1) == Some(b'>')
}

/// The longest reading of `uric* uri_end` from `from` (whose run of URI characters ends at
/// `run`) that `then` accepts: `then(run)` for the whole run, else the ends inside it, where
/// only the end-string suffix can follow (no `?`, `#` or `>` is a URI character).
fn part(
    s: &impl Subject,
    from: usize,
    run: usize,
    then: impl Fn(usize) -> Option<usize>,
) -> Option<usize> {
    if run > from && may_end_at(s, run - 1) {
        if let Some(end) = then(run) {
            return Some(end);
        }
    }
    (from + 1..run).rev().find(|&p| s.byte(p - 1).is_some_and(is_urilast) && s.suffix_ok(p))
}

/// An optional `#fragment` at `at`, then the end-string suffix.
fn fragment(s: &impl Subject, at: usize) -> Option<usize> {
    if s.byte(at) == Some(b'#') {
        let run = run_end(s, at + 1, is_uric);
        if let Some(end) = part(s, at + 1, run, |p| s.suffix_ok(p).then_some(p)) {
            return Some(end);
        }
    }
    s.suffix_ok(at).then_some(at)
}

/// An optional `?query` at `at`, then [`fragment`].
fn query(s: &impl Subject, at: usize) -> Option<usize> {
    if s.byte(at) == Some(b'?') {
        let run = run_end(s, at + 1, is_uric);
        if let Some(end) = part(s, at + 1, run, |p| fragment(s, p)) {
            return Some(end);
        }
    }
    fragment(s, at)
}

/// An absolute URI whose scheme's `:` is at `colon`.
fn absolute_after(s: &impl Subject, colon: usize) -> Option<usize> {
    let run = run_end(s, colon + 1, is_uric);
    part(s, colon + 1, run, |p| query(s, p))
}

/// The host of an e-mail address starting at `at` and its final character.
fn host(s: &impl Subject, at: usize) -> Option<usize> {
    if !s.byte(at).is_some_and(is_emailc) {
        return None;
    }
    let run = run_end(s, at, |b| is_emailc(b) || b == b'.');
    // The final character may lie just past the run when `>` follows it.
    if s.byte(run).is_some_and(is_uric) && s.byte(run + 1) == Some(b'>') {
        return Some(run + 1);
    }
    (at + 2..=run).rev().find(|&e| s.byte(e - 1).is_some_and(is_urilast) && s.suffix_ok(e))
}

/// What one run of name characters leads to, shared by every start inside the run.
#[derive(Debug, Clone, Copy)]
struct NameRun {
    /// Where the run of e-mail name characters (and dots) ends.
    end: usize,
    /// The last `..` in the run (a name holds no empty part), as the offset of its first dot.
    last_double_dot: Option<usize>,
    /// Where the address ends, when an `@` and a host follow the run.
    address_end: Option<usize>,
}

/// Finds standalone URIs and e-mail addresses at the start positions of one text block,
/// visited in increasing order; what a run of characters leads to is worked out once for
/// all the starts inside it, so a block costs time linear in its length.
#[derive(Debug, Default)]
pub(crate) struct Finder {
    /// An absolute URI cannot start before this offset (the scheme run of a failed try).
    no_absolute_until: usize,
    name_run: Option<NameRun>,
}

impl Finder {
    /// The URI or e-mail address starting at `at`, where the caller has checked docutils'
    /// start-string prefix.
    pub(crate) fn at(&mut self, s: &impl Subject, at: usize) -> Option<Found> {
        let first = s.byte(at)?;
        if first.is_ascii_alphabetic() && at >= self.no_absolute_until {
            let colon = run_end(s, at, is_scheme_char);
            if s.byte(colon) == Some(b':') {
                if let Some(end) = absolute_after(s, colon) {
                    return Some(Found { end, colon: Some(colon) });
                }
            }
            self.no_absolute_until = colon;
        }
        if !is_emailc(first) {
            return None;
        }
        let run = match self.name_run {
            Some(r) if at < r.end => r,
            _ => {
                let r = name_run(s, at);
                self.name_run = Some(r);
                r
            }
        };
        let end = run.address_end?;
        let ok = run.last_double_dot.is_none_or(|d| d < at);
        ok.then_some(Found { end, colon: None })
    }
}

fn name_run(s: &impl Subject, at: usize) -> NameRun {
    let mut k = at;
    let mut last_double_dot = None;
    while let Some(b) = s.byte(k).filter(|&b| is_emailc(b) || b == b'.') {
        if b == b'.' && s.byte(k + 1) == Some(b'.') {
            last_double_dot = Some(k);
        }
        k += 1;
    }
    // The name ends in a name character (not a dot) and its `@` is not escaped.
    let at_sign = s.byte(k) == Some(b'@') && k > at && s.byte(k - 1).is_some_and(|b| b != b'.');
    let address_end = if at_sign && s.byte(k - 1) != Some(NUL) { host(s, k + 1) } else { None };
    NameRun { end: k, last_double_dot, address_end }
}

/// Whether all of `text` is an e-mail address (docutils' `adjust_uri` gives a named
/// target's such URI a `mailto:`).
pub(crate) fn is_email(text: &str) -> bool {
    struct Whole<'a>(&'a [u8]);
    impl Subject for Whole<'_> {
        fn byte(&self, k: usize) -> Option<u8> {
            self.0.get(k).copied()
        }
        fn suffix_ok(&self, k: usize) -> bool {
            k == self.0.len()
        }
    }
    let whole = Whole(text.as_bytes());
    let Some(&first) = text.as_bytes().first() else { return false };
    is_emailc(first) && name_run(&whole, 0).address_end == Some(text.len())
}

/// Whether docutils links a URI with this scheme (its `urischemes.schemes`); any other
/// scheme makes docutils give up on URIs for the rest of the text run.
pub(crate) fn known_scheme(scheme: &str) -> bool {
    let lower = scheme.to_ascii_lowercase();
    SCHEMES.binary_search(&lower.as_str()).is_ok()
}

/// docutils 0.23's `urischemes.schemes`, sorted.
const SCHEMES: &[&str] = &[
    "about",
    "acap",
    "addbook",
    "afp",
    "afs",
    "aim",
    "callto",
    "castanet",
    "chttp",
    "cid",
    "crid",
    "data",
    "dav",
    "dict",
    "dns",
    "eid",
    "fax",
    "feed",
    "file",
    "finger",
    "freenet",
    "ftp",
    "go",
    "gopher",
    "gsm-sms",
    "h323",
    "h324",
    "hdl",
    "hnews",
    "http",
    "https",
    "hydra",
    "iioploc",
    "ilu",
    "im",
    "imap",
    "info",
    "ior",
    "ipp",
    "irc",
    "iris.beep",
    "iseek",
    "jar",
    "javascript",
    "jdbc",
    "ldap",
    "lifn",
    "livescript",
    "lrq",
    "mailbox",
    "mailserver",
    "mailto",
    "md5",
    "mid",
    "mocha",
    "modem",
    "mtqp",
    "mupdate",
    "news",
    "nfs",
    "nntp",
    "opaquelocktoken",
    "phone",
    "pop",
    "pop3",
    "pres",
    "printer",
    "prospero",
    "rdar",
    "res",
    "rtsp",
    "rvp",
    "rwhois",
    "rx",
    "sdp",
    "service",
    "shttp",
    "sip",
    "sips",
    "smb",
    "snews",
    "snmp",
    "soap.beep",
    "soap.beeps",
    "ssh",
    "t120",
    "tag",
    "tcp",
    "tel",
    "telephone",
    "telnet",
    "tftp",
    "tip",
    "tn3270",
    "tv",
    "urn",
    "uuid",
    "vemmi",
    "videotex",
    "view-source",
    "wais",
    "whodp",
    "whois++",
    "x-man-page",
    "xmlrpc.beep",
    "xmlrpc.beeps",
    "z39.50r",
    "z39.50s",
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Plain text without escapes, where markup may end before whitespace, the end, and the
    /// ASCII punctuation docutils accepts there.
    struct Plain<'a>(&'a str);

    impl Subject for Plain<'_> {
        fn byte(&self, k: usize) -> Option<u8> {
            self.0.as_bytes().get(k).copied()
        }
        fn suffix_ok(&self, k: usize) -> bool {
            self.0[k..]
                .chars()
                .next()
                .is_none_or(|c| c.is_whitespace() || "-/:.,;!?\\'\")]}>".contains(c))
        }
    }

    fn found(text: &str) -> Option<&str> {
        Finder::default().at(&Plain(text), 0).map(|f| &text[..f.end])
    }

    #[test]
    fn schemes_are_sorted_so_they_can_be_searched() {
        assert!(SCHEMES.windows(2).all(|w| w[0] < w[1]));
        assert!(known_scheme("HTTP") && known_scheme("whois++") && !known_scheme("foo"));
    }

    #[test]
    fn a_uri_ends_before_a_non_ascii_character_it_cannot_end_on() {
        assert_eq!(found("http://え"), Some("http:/"));
        assert_eq!(found("https://例え.jp/パス"), Some("https:/"));
    }

    #[test]
    fn trailing_punctuation_is_not_part_of_a_uri_unless_an_angle_bracket_follows() {
        assert_eq!(found("http://a.b/c(d)"), Some("http://a.b/c(d"));
        assert_eq!(found("http://a.b/c.> y"), Some("http://a.b/c."));
        assert_eq!(found("http://a.b/? y"), Some("http://a.b/"));
        assert_eq!(found("http://a.b/?q.#f y"), Some("http://a.b/?q"));
        assert_eq!(found("http://a.b/#f. y"), Some("http://a.b/#f"));
    }

    #[test]
    fn an_email_name_may_start_with_punctuation_but_holds_no_empty_part() {
        assert_eq!(found("'c@e.g"), Some("'c@e.g"));
        assert_eq!(found("-e@e.o."), Some("-e@e.o"));
        assert_eq!(found("user@localhost"), Some("user@localhost"));
        assert_eq!(found("a..b@c.d"), None);
        assert_eq!(found("a.@c.d"), None);
        assert_eq!(found("a@b"), None);
        assert_eq!(found("a@c..d"), Some("a@c..d"));
    }

    #[test]
    fn starts_inside_one_run_share_its_work() {
        let text = format!("{}@", "-a".repeat(1000));
        let mut finder = Finder::default();
        for k in (0..text.len()).step_by(2) {
            assert_eq!(finder.at(&Plain(&text), k), None);
        }
        let ok = format!("{}@x.org", "-a".repeat(4));
        let mut finder = Finder::default();
        assert_eq!(finder.at(&Plain(&ok), 2).map(|f| f.end), Some(ok.len()));
    }
}
