//! Python's `datetime.strftime` in the C locale, as Pelican formats `locale_date` and its
//! `strftime` filter, with glibc's `%-d` (no padding) that Pelican's own `strftime` adds
//! on every platform.

use std::fmt::Write;

use crate::date::PelicanDate;

const DAYS: [&str; 7] =
    ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Days since 1970-01-01 of a proleptic Gregorian date.
pub(crate) fn days_from_civil(year: i64, month: u8, day: u8) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// 0 for Monday to 6 for Sunday (Python's `weekday()`).
pub(crate) fn weekday(date: &PelicanDate) -> usize {
    // 1970-01-01 was a Thursday (3).
    (days_from_civil(i64::from(date.year), date.month, date.day) + 3).rem_euclid(7) as usize
}

fn day_of_year(date: &PelicanDate) -> i64 {
    days_from_civil(i64::from(date.year), date.month, date.day)
        - days_from_civil(i64::from(date.year), 1, 1)
        + 1
}

/// The time zone's name `%Z` writes: the zone Pelican attached (`TIMEZONE`), empty for a
/// naive date, Python's `UTC±HH:MM` for a fixed offset read from the text.
fn zone_name(date: &PelicanDate, zone: Option<&str>) -> String {
    match (date.utc_offset, zone) {
        (None, _) => String::new(),
        (Some(_), Some(zone)) => zone.to_string(),
        (Some(0), None) => "UTC".to_string(),
        (Some(offset), None) => {
            let sign = if offset < 0 { '-' } else { '+' };
            let abs = offset.unsigned_abs();
            format!("UTC{sign}{:02}:{:02}", abs / 3600, abs % 3600 / 60)
        }
    }
}

/// `date.strftime(format)`; `zone` is the name of the zone the date was put in, if any.
pub fn strftime(date: &PelicanDate, zone: Option<&str>, format: &str) -> String {
    let mut out = String::with_capacity(format.len() + 16);
    let mut chars = format.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let unpadded = chars.peek() == Some(&'-');
        if unpadded {
            chars.next();
        }
        let Some(spec) = chars.next() else {
            out.push('%');
            break;
        };
        let num = |out: &mut String, value: i64, width: usize| {
            if unpadded {
                let _ = write!(out, "{value}");
            } else {
                let _ = write!(out, "{value:0width$}");
            }
        };
        let hour12 = match date.hour % 12 {
            0 => 12,
            h => h,
        };
        let wd = weekday(date);
        match spec {
            'a' => out.push_str(&DAYS[wd][..3]),
            'A' => out.push_str(DAYS[wd]),
            'b' | 'h' => out.push_str(&MONTHS[usize::from(date.month - 1)][..3]),
            'B' => out.push_str(MONTHS[usize::from(date.month - 1)]),
            'd' => num(&mut out, i64::from(date.day), 2),
            'e' => {
                let _ = write!(out, "{:>2}", date.day);
            }
            'm' => num(&mut out, i64::from(date.month), 2),
            'y' => num(&mut out, i64::from(date.year % 100), 2),
            'Y' => {
                let _ = write!(out, "{}", date.year);
            }
            'H' => num(&mut out, i64::from(date.hour), 2),
            'I' => num(&mut out, i64::from(hour12), 2),
            'M' => num(&mut out, i64::from(date.minute), 2),
            'S' => num(&mut out, i64::from(date.second), 2),
            'f' => {
                let _ = write!(out, "{:06}", date.microsecond);
            }
            'p' => out.push_str(if date.hour < 12 { "AM" } else { "PM" }),
            'j' => num(&mut out, day_of_year(date), 3),
            'w' => {
                let _ = write!(out, "{}", (wd + 1) % 7);
            }
            'u' => {
                let _ = write!(out, "{}", wd + 1);
            }
            'U' => {
                let sunday_based = (wd + 1) % 7;
                num(&mut out, (day_of_year(date) + 6 - sunday_based as i64) / 7, 2);
            }
            'W' => num(&mut out, (day_of_year(date) + 6 - wd as i64) / 7, 2),
            'c' => {
                let _ = write!(
                    out,
                    "{} {} {:>2} {:02}:{:02}:{:02} {}",
                    &DAYS[wd][..3],
                    &MONTHS[usize::from(date.month - 1)][..3],
                    date.day,
                    date.hour,
                    date.minute,
                    date.second,
                    date.year
                );
            }
            'x' => {
                let _ = write!(out, "{:02}/{:02}/{:02}", date.month, date.day, date.year % 100);
            }
            'X' | 'T' => {
                let _ = write!(out, "{:02}:{:02}:{:02}", date.hour, date.minute, date.second);
            }
            'D' => {
                let _ = write!(out, "{:02}/{:02}/{:02}", date.month, date.day, date.year % 100);
            }
            'F' => {
                let _ = write!(out, "{}-{:02}-{:02}", date.year, date.month, date.day);
            }
            'R' => {
                let _ = write!(out, "{:02}:{:02}", date.hour, date.minute);
            }
            'z' => {
                if let Some(offset) = date.utc_offset {
                    let sign = if offset < 0 { '-' } else { '+' };
                    let abs = offset.unsigned_abs();
                    let _ = write!(out, "{sign}{:02}{:02}", abs / 3600, abs % 3600 / 60);
                }
            }
            'Z' => out.push_str(&zone_name(date, zone)),
            'n' => out.push('\n'),
            't' => out.push('\t'),
            '%' => out.push('%'),
            other => {
                out.push('%');
                if unpadded {
                    out.push('-');
                }
                out.push(other);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(year: u16, month: u8, day: u8, hour: u8) -> PelicanDate {
        PelicanDate {
            year,
            month,
            day,
            hour,
            minute: 5,
            second: 9,
            microsecond: 0,
            utc_offset: None,
        }
    }

    #[test]
    fn pelicans_default_date_format_names_the_weekday_and_month() {
        assert_eq!(strftime(&date(2024, 3, 1, 10), None, "%a %d %B %Y"), "Fri 01 March 2024");
    }

    #[test]
    fn a_dash_drops_the_padding_and_twelve_hour_clocks_start_at_twelve() {
        assert_eq!(strftime(&date(2021, 1, 3, 0), None, "%-d/%-m %I%p"), "3/1 12AM");
        assert_eq!(strftime(&date(2021, 12, 31, 13), None, "%j %U %W %w"), "365 52 52 5");
    }
}
