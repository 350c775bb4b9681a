//! Directive option values: how each option's text is checked and normalised, and the words
//! docutils uses when one is not acceptable.
//!
//! docutils gives each option of a directive a conversion (`flag`, `nonnegative_int`,
//! `length_or_unitless`, `class_option`, a choice among fixed words, ...). A failed
//! conversion makes the whole directive an error; its message quotes the option, the value
//! as Python's `repr` prints it and the reason, because Pelican users see exactly that text.

use crate::resolve::make_id;

/// The units of CSS3 lengths that reST accepts, in docutils' order (its messages list them).
const LENGTH_UNITS: [&str; 15] =
    ["em", "ex", "ch", "rem", "vw", "vh", "vmin", "vmax", "cm", "mm", "Q", "in", "pt", "pc", "px"];

/// How a directive option's value is converted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Conversion {
    /// No value allowed.
    Flag,
    /// Any text, or none.
    Unchanged,
    /// Any text, but some.
    UnchangedRequired,
    /// A path: line breaks and the spaces around them removed.
    Path,
    /// A URI: unescaped whitespace removed.
    Uri,
    /// Python's `int()`.
    Int,
    /// An integer of zero or more.
    NonnegativeInt,
    /// An integer with an optional `%`.
    Percentage,
    /// A length, or a number without unit.
    Length,
    /// A length, a percentage, or a number without unit.
    LengthOrPercentage,
    /// `image`, or a length or percentage (a bare number meaning pixels): `:figwidth:`.
    FigureWidth,
    /// Space-separated class names, each made an id.
    Class,
    /// One of fixed lower-case words.
    Choice(&'static [&'static str]),
    /// One of the words, or positive integers separated by commas or spaces (`:widths:`).
    WordOrWidths(&'static [&'static str]),
    /// No value, or Python's `int()` (the code directive's `:number-lines:`).
    OptionalInt,
    /// One character, or a character code.
    Char,
    /// One character, a character code, `tab` or `space` (csv-table's `:delim:`).
    CharOrWhitespace,
    /// A text encoding's name.
    Encoding,
}

/// Converts `value` (`None` when the option has no text) as `conversion` says: the
/// normalised value, or the reason docutils gives for refusing it.
pub(crate) fn convert(conversion: Conversion, value: Option<&str>) -> Result<String, String> {
    match conversion {
        Conversion::Flag => match value {
            Some(v) if !v.trim().is_empty() => {
                Err(format!("no argument is allowed; \"{v}\" supplied"))
            }
            _ => Ok(String::new()),
        },
        Conversion::Unchanged => Ok(value.unwrap_or("").to_string()),
        Conversion::UnchangedRequired => required(value).map(str::to_string),
        Conversion::Path => Ok(required(value)?.lines().map(str::trim).collect()),
        Conversion::Uri => Ok(uri(required(value)?)),
        Conversion::Int => python_int(value).map(|n| n.to_string()),
        Conversion::NonnegativeInt => nonnegative_int(value).map(|n| n.to_string()),
        Conversion::Percentage => {
            nonnegative_int(value.map(|v| v.trim_end_matches([' ', '%']))).map(|n| n.to_string())
        }
        Conversion::Length => measure(value, &[""]),
        Conversion::LengthOrPercentage => length_or_percentage(value, ""),
        Conversion::FigureWidth => match value {
            Some(v) if v.eq_ignore_ascii_case("image") => Ok("image".into()),
            _ => length_or_percentage(value, "px"),
        },
        Conversion::Class => {
            let value = required(value)?;
            let mut classes = Vec::new();
            for name in value.split_whitespace() {
                let class = make_id(name);
                if class.is_empty() {
                    return Err(format!("cannot make \"{name}\" into a class name"));
                }
                classes.push(class);
            }
            Ok(classes.join(" "))
        }
        Conversion::Choice(words) => choice(value, words),
        Conversion::WordOrWidths(words) => match value {
            Some(v) if words.contains(&v) => Ok(v.into()),
            Some(v) => {
                let parts: Vec<&str> = if v.contains(',') {
                    v.split(',').collect()
                } else {
                    v.split_whitespace().collect()
                };
                let mut widths = Vec::with_capacity(parts.len());
                for part in parts {
                    let n = python_int(Some(part))?;
                    if n < 1 {
                        return Err("negative or zero value; must be positive".into());
                    }
                    widths.push(n.to_string());
                }
                Ok(widths.join(" "))
            }
            None => Err("'NoneType' object has no attribute 'split'".into()),
        },
        Conversion::OptionalInt => match value {
            None => Ok(String::new()),
            Some(_) => python_int(value).map(|n| n.to_string()),
        },
        Conversion::Char => single_char(value),
        Conversion::CharOrWhitespace => match value {
            Some("tab") => Ok("\t".into()),
            Some("space") => Ok(" ".into()),
            _ => single_char(value),
        },
        Conversion::Encoding => {
            let v = value.unwrap_or("");
            if known_encoding(v) {
                Ok(v.to_string())
            } else {
                Err(format!("unknown encoding: \"{v}\""))
            }
        }
    }
}

/// Python's `repr()` of an option's text, as docutils' messages quote it.
pub(crate) fn repr(value: Option<&str>) -> String {
    let Some(v) = value else { return "None".into() };
    let quote = if v.contains('\'') && !v.contains('"') { '"' } else { '\'' };
    let mut out = String::new();
    out.push(quote);
    for c in v.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

fn required(value: Option<&str>) -> Result<&str, String> {
    value.ok_or_else(|| "argument required but none supplied".to_string())
}

/// Python's `int()` of a string: surrounding whitespace, a sign, digits with single
/// underscores between them.
fn python_int(value: Option<&str>) -> Result<i64, String> {
    let Some(v) = value else {
        return Err(
            "int() argument must be a string, a bytes-like object or a real number, not 'NoneType'"
                .into(),
        );
    };
    let invalid = || format!("invalid literal for int() with base 10: {}", repr(Some(v)));
    let t = v.trim();
    let (negative, digits) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    if digits.is_empty()
        || digits.starts_with('_')
        || digits.ends_with('_')
        || digits.contains("__")
        || !digits.bytes().all(|b| b.is_ascii_digit() || b == b'_')
    {
        return Err(invalid());
    }
    let n: i64 = digits.replace('_', "").parse().map_err(|_| invalid())?;
    Ok(if negative { -n } else { n })
}

fn nonnegative_int(value: Option<&str>) -> Result<i64, String> {
    let n = python_int(value)?;
    if n < 0 {
        return Err("negative value; must be positive or zero".into());
    }
    Ok(n)
}

/// docutils' `get_measure`: a number of zero or more and one of `units` (`""`: no unit),
/// written back without the space between them.
fn measure(value: Option<&str>, extra_units: &[&str]) -> Result<String, String> {
    let Some(v) = value else {
        return Err("expected string or bytes-like object, got 'NoneType'".into());
    };
    let (number, unit) = parse_measure(v)?;
    let known = LENGTH_UNITS.contains(&unit) || extra_units.contains(&unit);
    if number.starts_with('-') || !known {
        let mut names: Vec<&str> = LENGTH_UNITS.to_vec();
        names.extend(extra_units.iter().filter(|u| !u.is_empty()));
        return Err(format!(
            "not a positive number or measure of one of the following units:\n{}",
            names.join(", ")
        ));
    }
    Ok(format!("{number}{unit}"))
}

/// docutils' `length_or_percentage_or_unitless`: a length or percentage, else a bare
/// number followed by `default`; the first reason when both fail.
fn length_or_percentage(value: Option<&str>, default: &str) -> Result<String, String> {
    match measure(value, &["%"]) {
        Ok(m) => Ok(m),
        Err(first) => match value.map(parse_measure) {
            Some(Ok((number, ""))) if !number.starts_with('-') => Ok(format!("{number}{default}")),
            _ => Err(first),
        },
    }
}

/// A measure's number (as Python prints the int or float it reads) and its unit: a run of
/// ASCII letters or µ, or one `%`, after optional spaces.
fn parse_measure(v: &str) -> Result<(String, &str), String> {
    let invalid = || format!("\"{v}\" is no valid measure.");
    let digits_end = v
        .char_indices()
        .find(|&(k, c)| !(c.is_ascii_digit() || c == '.' || (k == 0 && c == '-')))
        .map_or(v.len(), |(k, _)| k);
    let (number, rest) = v.split_at(digits_end);
    let unit = rest.trim_start_matches(' ');
    let unit_ok = unit == "%" || unit.chars().all(|c| c.is_ascii_alphabetic() || c == 'µ');
    let body = number.strip_prefix('-').unwrap_or(number);
    if body.is_empty() || !unit_ok {
        return Err(invalid());
    }
    let shown = match number.parse::<i64>() {
        Ok(n) => n.to_string(),
        Err(_) => match number.parse::<f64>() {
            Ok(f) if body.bytes().filter(|&b| b == b'.').count() == 1 => python_float(f),
            _ => return Err(invalid()),
        },
    };
    Ok((shown, unit))
}

/// A float as Python's `str()` prints it (at least one decimal).
fn python_float(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e16 {
        format!("{f:.1}")
    } else {
        format!("{f}")
    }
}

fn choice(value: Option<&str>, words: &[&str]) -> Result<String, String> {
    let listed = || {
        let (last, rest) = words.split_last().map_or(("", &[][..]), |(l, r)| (*l, r));
        let rest: Vec<String> = rest.iter().map(|w| format!("\"{w}\"")).collect();
        format!("{}, or \"{last}\"", rest.join(", "))
    };
    let Some(v) = value else {
        return Err(format!("must supply an argument; choose from {}", listed()));
    };
    let word = v.trim().to_lowercase();
    if words.contains(&word.as_str()) {
        Ok(word)
    } else {
        Err(format!("\"{v}\" unknown; choose from {}", listed()))
    }
}

/// docutils' `unicode_code`: a decimal number, a hexadecimal one (`0x`, `x`, `\x`, `U+`,
/// `u`, `\u`) or `&#x...;` becomes its character; other text stays as it is.
pub(crate) fn unicode_code(code: &str) -> Result<String, String> {
    let number = if !code.is_empty() && code.chars().all(|c| c.is_ascii_digit()) {
        Some((code, 10))
    } else {
        hex_code(code).map(|h| (h, 16))
    };
    let Some((digits, radix)) = number else { return Ok(code.to_string()) };
    match u64::from_str_radix(digits, radix) {
        Ok(n) => match u32::try_from(n).ok().and_then(char::from_u32) {
            Some(c) => Ok(c.to_string()),
            // Python's `chr` takes a C int, then checks the range.
            None if n > i32::MAX as u64 => {
                Err("code too large (Python int too large to convert to C int)".into())
            }
            None if n > 0x10ffff => Err("chr() arg not in range(0x110000)".into()),
            // A surrogate: Python makes a lone surrogate, Rust text cannot hold one.
            None => Ok(char::REPLACEMENT_CHARACTER.to_string()),
        },
        Err(_) => Err("code too large (Python int too large to convert to C int)".into()),
    }
}

/// The hexadecimal digits of a character code, if `code` is one.
fn hex_code(code: &str) -> Option<&str> {
    let lower = code.to_ascii_lowercase();
    let hexdigits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_hexdigit());
    if let Some(rest) = lower.strip_prefix("&#x") {
        let digits = rest.strip_suffix(';')?;
        return hexdigits(digits).then(|| &code[3..3 + digits.len()]);
    }
    for prefix in ["0x", "\\x", "u+", "\\u", "x", "u"] {
        if let Some(rest) = lower.strip_prefix(prefix) {
            if hexdigits(rest) {
                return Some(&code[prefix.len()..]);
            }
        }
    }
    None
}

fn single_char(value: Option<&str>) -> Result<String, String> {
    let c = unicode_code(value.unwrap_or(""))?;
    if c.chars().count() > 1 {
        return Err(format!(
            "{} invalid; must be a single character or a Unicode code",
            repr(Some(&c))
        ));
    }
    Ok(c)
}

/// Encodings Python knows by these common names (the engine reads no files; the option is
/// checked so a misspelt one is reported as docutils reports it).
fn known_encoding(name: &str) -> bool {
    let n = name.trim().to_ascii_lowercase().replace(['-', ' '], "_");
    matches!(
        n.as_str(),
        "utf_8"
            | "utf8"
            | "utf_8_sig"
            | "utf_16"
            | "utf_32"
            | "ascii"
            | "us_ascii"
            | "latin_1"
            | "latin1"
            | "iso_8859_1"
            | "iso8859_1"
            | "iso_8859_15"
            | "cp1252"
            | "windows_1252"
            | "shift_jis"
            | "euc_jp"
            | "gbk"
            | "gb2312"
            | "big5"
            | "koi8_r"
    )
}

/// docutils' `directives.uri` (also its embedded URIs): whitespace goes, except escaped
/// whitespace, which is one space; other backslash escapes give the character.
pub(crate) fn uri(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(n) if n.is_whitespace() => out.push(' '),
                Some(n) => out.push(n),
                None => {}
            },
            c if c.is_whitespace() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_are_read_as_python_reads_them() {
        assert_eq!(convert(Conversion::NonnegativeInt, Some(" 12 ")), Ok("12".into()));
        assert_eq!(convert(Conversion::Int, Some("1_000")), Ok("1000".into()));
        assert_eq!(
            convert(Conversion::NonnegativeInt, Some("two")),
            Err("invalid literal for int() with base 10: 'two'".into())
        );
        assert_eq!(
            convert(Conversion::Percentage, Some("-50")),
            Err("negative value; must be positive or zero".into())
        );
        assert_eq!(convert(Conversion::Percentage, Some("50 %")), Ok("50".into()));
    }

    #[test]
    fn lengths_keep_their_unit_and_lose_the_space() {
        assert_eq!(convert(Conversion::Length, Some("3 pt")), Ok("3pt".into()));
        assert_eq!(convert(Conversion::LengthOrPercentage, Some("50%")), Ok("50%".into()));
        assert_eq!(convert(Conversion::FigureWidth, Some("200")), Ok("200px".into()));
        assert_eq!(convert(Conversion::Length, Some("2.50em")), Ok("2.5em".into()));
        let e = convert(Conversion::Length, Some("40%")).unwrap_err();
        assert!(e.starts_with("not a positive number or measure"), "{e}");
        assert!(e.ends_with("pc, px"), "{e}");
        assert_eq!(
            convert(Conversion::Length, Some("abc")),
            Err("\"abc\" is no valid measure.".into())
        );
    }

    #[test]
    fn choices_list_their_words_in_the_message() {
        assert_eq!(
            convert(Conversion::Choice(&["left", "center", "right"]), Some("top")),
            Err("\"top\" unknown; choose from \"left\", \"center\", or \"right\"".into())
        );
        assert_eq!(
            convert(Conversion::Choice(&["left", "right"]), Some(" Left")),
            Ok("left".into())
        );
    }

    #[test]
    fn class_names_become_ids_or_are_refused() {
        assert_eq!(convert(Conversion::Class, Some("My_Class two")), Ok("my-class two".into()));
        assert_eq!(
            convert(Conversion::Class, Some("1")),
            Err("cannot make \"1\" into a class name".into())
        );
        assert_eq!(
            convert(Conversion::Class, None),
            Err("argument required but none supplied".into())
        );
    }

    #[test]
    fn python_repr_quotes_as_python_does() {
        assert_eq!(repr(Some("it's")), "\"it's\"");
        assert_eq!(repr(Some("a\nb")), "'a\\nb'");
        assert_eq!(repr(None), "None");
    }

    #[test]
    fn character_codes_become_characters() {
        assert_eq!(unicode_code("U+262E"), Ok("\u{262e}".into()));
        assert_eq!(unicode_code("&#x262E;"), Ok("\u{262e}".into()));
        assert_eq!(unicode_code("169"), Ok("\u{a9}".into()));
        assert_eq!(unicode_code("copy"), Ok("copy".into()));
        assert!(unicode_code("0x11111111").is_err());
    }
}
