//! Python's `str.format` as Pelican expands `ARTICLE_URL`, `CATEGORY_SAVE_AS` and the rest:
//! `{slug}`, `{date:%Y}`, `{date.year}`, `{{` and `}}`.

use crate::date::PelicanDate;
use crate::strftime::strftime;

/// A value a URL pattern can name.
#[derive(Clone, Debug)]
pub(crate) enum Field<'a> {
    Text(&'a str),
    Date(&'a PelicanDate),
}

/// Why a URL pattern cannot be expanded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UrlPatternError {
    /// The pattern names a field the content does not have (Python's `KeyError`).
    #[error("the URL pattern {pattern:?} names {{{field}}}, which this content does not have")]
    UnknownField {
        /// The setting's value.
        pattern: String,
        /// The field it names.
        field: String,
    },
    /// A `{` without its `}`, or a lone `}`.
    #[error("the URL pattern {pattern:?} has an unmatched brace")]
    Unbalanced {
        /// The setting's value.
        pattern: String,
    },
}

/// Expands `pattern` with the fields `lookup` finds.
pub(crate) fn expand<'a>(
    pattern: &str,
    lookup: impl Fn(&str) -> Option<Field<'a>>,
) -> Result<String, UrlPatternError> {
    let unbalanced = || UrlPatternError::Unbalanced { pattern: pattern.to_string() };
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut rest = pattern;
    while let Some(at) = rest.find(['{', '}']) {
        out.push_str(&rest[..at]);
        let brace = &rest[at..];
        if let Some(tail) = brace.strip_prefix("{{") {
            out.push('{');
            rest = tail;
            continue;
        }
        if let Some(tail) = brace.strip_prefix("}}") {
            out.push('}');
            rest = tail;
            continue;
        }
        if brace.starts_with('}') {
            return Err(unbalanced());
        }
        let end = brace.find('}').ok_or_else(unbalanced)?;
        let field = &brace[1..end];
        rest = &brace[end + 1..];
        let (name, spec) = field.split_once(':').unwrap_or((field, ""));
        let (key, attribute) = name.split_once('.').unwrap_or((name, ""));
        let unknown = || UrlPatternError::UnknownField {
            pattern: pattern.to_string(),
            field: name.to_string(),
        };
        let value = lookup(key).ok_or_else(unknown)?;
        match (value, attribute) {
            (Field::Text(text), "") => out.push_str(text),
            (Field::Date(date), "") if spec.is_empty() => out.push_str(&python_str(date)),
            (Field::Date(date), "") => out.push_str(&strftime(date, None, spec)),
            (Field::Date(date), attribute) => {
                let number = match attribute {
                    "year" => u32::from(date.year),
                    "month" => u32::from(date.month),
                    "day" => u32::from(date.day),
                    "hour" => u32::from(date.hour),
                    "minute" => u32::from(date.minute),
                    "second" => u32::from(date.second),
                    _ => return Err(unknown()),
                };
                out.push_str(&format_number(number, spec));
            }
            (Field::Text(_), _) => return Err(unknown()),
        }
    }
    out.push_str(rest);
    Ok(out)
}

/// An integer with a format spec such as `02d` or `02`.
fn format_number(number: u32, spec: &str) -> String {
    let spec = spec.trim_end_matches('d');
    match spec.strip_prefix('0').and_then(|w| w.parse::<usize>().ok()) {
        Some(width) => format!("{number:0width$}"),
        None => number.to_string(),
    }
}

/// `str(datetime)`: the ISO form with a space between date and time.
pub(crate) fn python_str(date: &PelicanDate) -> String {
    date.to_string().replacen('T', " ", 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pattern_takes_text_fields_and_formats_dates() {
        let date = PelicanDate {
            year: 2024,
            month: 3,
            day: 7,
            hour: 0,
            minute: 0,
            second: 0,
            microsecond: 0,
            utc_offset: None,
        };
        let look = |key: &str| match key {
            "slug" => Some(Field::Text("hello")),
            "date" => Some(Field::Date(&date)),
            _ => None,
        };
        assert_eq!(
            expand("{date:%Y}/{date.month:02d}/{slug}/{{x}}", look).as_deref(),
            Ok("2024/03/hello/{x}")
        );
        assert!(matches!(expand("{nope}.html", look), Err(UrlPatternError::UnknownField { .. })));
    }
}
