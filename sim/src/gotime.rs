//! Go's `time` as the CMS shows it: `time.Time.String()` of a UTC time,
//! `time.Parse` of `YYYY-MM-DD` and `YYYY-MM-DD HH:MM:SS` with Go's own
//! error texts, and the calendar arithmetic of the statistics buckets
//! (docs/cms.md#cms-conventions, docs/cms.md#cms-buckets). The sim plays a
//! server whose process, database connection and container run in UTC.

use std::fmt::Write as _;

pub const DAY: i64 = 86_400;

/// The day number (days since 1970-01-01, UTC) of a Unix time.
pub fn day_of(secs: i64) -> i64 {
    secs.div_euclid(DAY)
}

/// (year, month 1..=12, day 1..=31) of a day number.
pub fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// The day number of a civil date (month 1..=12; a day past the month's
/// end rolls over, as Go's `time.Date` normalises).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// 0 = Sunday … 6 = Saturday.
pub fn weekday(days: i64) -> u32 {
    (days + 4).rem_euclid(7) as u32
}

/// A month counted from year 0 (`year * 12 + month - 1`), for month keys.
pub fn month_key(days: i64) -> i64 {
    let (y, m, _) = civil(days);
    y * 12 + m as i64 - 1
}

/// The first day of the month `month_key`.
pub fn month_start(key: i64) -> i64 {
    days_from_civil(key.div_euclid(12), (key.rem_euclid(12) + 1) as u32, 1)
}

/// `getFirstDateOfNextNMonth`: the 1st of the month of `days`, plus `n` months.
pub fn first_of_next_n_month(days: i64, n: i64) -> i64 {
    month_start(month_key(days) + n)
}

/// `time.Time.String()` of a Unix time in UTC: `2022-05-01 10:11:12 +0000 UTC`.
pub fn go_string(secs: i64) -> String {
    let (y, m, d) = civil(day_of(secs));
    let s = secs.rem_euclid(DAY);
    let mut out = String::with_capacity(29);
    let _ = write!(
        out,
        "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02} +0000 UTC",
        s / 3600,
        s % 3600 / 60,
        s % 60
    );
    out
}

/// `YYYY-MM-DD HH:MM:SS` in UTC, as a `datetime` prints.
pub fn datetime(secs: i64) -> String {
    let (y, m, d) = civil(day_of(secs));
    let s = secs.rem_euclid(DAY);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02}",
        s / 3600,
        s % 3600 / 60,
        s % 60
    )
}

/// `YYYY-MM-DD` of a day number.
pub fn date(days: i64) -> String {
    let (y, m, d) = civil(days);
    format!("{y:04}-{m:02}-{d:02}")
}

fn days_in(m: u32, y: i64) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// One element of a layout: a literal prefix or a number.
#[derive(Clone, Copy)]
enum Elem {
    Lit(&'static str),
    /// "2006": exactly four digits.
    Year,
    /// "01", "02", "04", "05": exactly two digits.
    Two(&'static str),
    /// "15": one or two digits.
    Hour,
}

const DATE: [Elem; 5] = [
    Elem::Year,
    Elem::Lit("-"),
    Elem::Two("01"),
    Elem::Lit("-"),
    Elem::Two("02"),
];

const DATE_TIME: [Elem; 11] = [
    Elem::Year,
    Elem::Lit("-"),
    Elem::Two("01"),
    Elem::Lit("-"),
    Elem::Two("02"),
    Elem::Lit(" "),
    Elem::Hour,
    Elem::Lit(":"),
    Elem::Two("04"),
    Elem::Lit(":"),
    Elem::Two("05"),
];

/// Go's `quote`: the value in double quotes, `"` and `\` escaped.
fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `time.Parse(layout, value)` for the two layouts the CMS uses, in UTC:
/// Unix seconds or Go's `ParseError` text.
fn parse(layout: &str, elems: &[Elem], value: &str) -> Result<i64, String> {
    let cannot = |rest: &str, elem: &str| {
        format!(
            "parsing time {} as {}: cannot parse {} as {}",
            quote(value),
            quote(layout),
            quote(rest),
            quote(elem)
        )
    };
    let range = |what: &str| format!("parsing time {}: {what} out of range", quote(value));
    let digit = |s: &str, i: usize| s.as_bytes().get(i).is_some_and(u8::is_ascii_digit);
    let mut rest = value;
    let mut nums = [0i64; 6];
    let mut slot = 0;
    for elem in elems {
        match *elem {
            Elem::Lit(lit) => match rest.strip_prefix(lit) {
                Some(r) => rest = r,
                None => return Err(cannot(rest, lit)),
            },
            Elem::Year => {
                if rest.len() < 4 || !(0..4).all(|i| digit(rest, i)) {
                    return Err(cannot(rest, "2006"));
                }
                nums[slot] = rest[..4].parse().unwrap_or(0);
                rest = &rest[4..];
                slot += 1;
            }
            Elem::Two(name) => {
                if !digit(rest, 0) || !digit(rest, 1) {
                    return Err(cannot(rest, name));
                }
                let n: i64 = rest[..2].parse().unwrap_or(0);
                match name {
                    "01" if !(1..=12).contains(&n) => return Err(range("month")),
                    "04" if n >= 60 => return Err(range("minute")),
                    "05" if n >= 60 => return Err(range("second")),
                    _ => {}
                }
                nums[slot] = n;
                rest = &rest[2..];
                slot += 1;
            }
            Elem::Hour => {
                if !digit(rest, 0) {
                    return Err(cannot(rest, "15"));
                }
                let len = if digit(rest, 1) { 2 } else { 1 };
                let n: i64 = rest[..len].parse().unwrap_or(0);
                if n >= 24 {
                    return Err(range("hour"));
                }
                nums[slot] = n;
                rest = &rest[len..];
                slot += 1;
            }
        }
    }
    if !rest.is_empty() {
        return Err(format!(
            "parsing time {}: extra text: {}",
            quote(value),
            quote(rest)
        ));
    }
    let (y, m, d) = (nums[0], nums[1] as u32, nums[2] as u32);
    if d < 1 || d > days_in(m, y) {
        return Err(range("day"));
    }
    let days = days_from_civil(y, m, d);
    Ok(days * DAY + nums[3] * 3600 + nums[4] * 60 + nums[5])
}

/// `time.Parse("2006-01-02", s)`: the day's 00:00 UTC in Unix seconds.
pub fn parse_date(s: &str) -> Result<i64, String> {
    parse("2006-01-02", &DATE, s)
}

/// `time.Parse("2006-01-02 15:04:05", s)` in UTC.
pub fn parse_datetime(s: &str) -> Result<i64, String> {
    parse("2006-01-02 15:04:05", &DATE_TIME, s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trips() {
        for days in [-1, 0, 59, 11_016, 19_113, 20_000, 20_454, 30_000] {
            let (y, m, d) = civil(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(civil(19_113), (2022, 5, 1));
        assert_eq!(weekday(19_113), 0, "2022-05-01 was a Sunday");
        assert_eq!(days_from_civil(2022, 2, 31), days_from_civil(2022, 3, 3));
    }

    #[test]
    fn go_strings() {
        assert_eq!(go_string(1_651_370_400), "2022-05-01 02:00:00 +0000 UTC");
        assert_eq!(go_string(0), "1970-01-01 00:00:00 +0000 UTC");
        assert_eq!(date(19_113), "2022-05-01");
        assert_eq!(datetime(1_651_370_401), "2022-05-01 02:00:01");
    }

    #[test]
    fn months() {
        let jan15 = days_from_civil(2022, 1, 15);
        assert_eq!(first_of_next_n_month(jan15, 1), days_from_civil(2022, 2, 1));
        assert_eq!(
            first_of_next_n_month(jan15, 12),
            days_from_civil(2023, 1, 1)
        );
        assert_eq!(month_start(month_key(jan15)), days_from_civil(2022, 1, 1));
    }

    #[test]
    fn parses_like_go() {
        assert_eq!(parse_date("2022-05-01"), Ok(19_113 * DAY));
        assert_eq!(parse_datetime("2022-05-01 02:00:01"), Ok(1_651_370_401));
        let err = |s: &str| parse_date(s).unwrap_err();
        assert_eq!(
            err(""),
            r#"parsing time "" as "2006-01-02": cannot parse "" as "2006""#
        );
        assert_eq!(
            err("2022/05/01"),
            r#"parsing time "2022/05/01" as "2006-01-02": cannot parse "/05/01" as "-""#
        );
        assert_eq!(
            err("2022-5-01"),
            r#"parsing time "2022-5-01" as "2006-01-02": cannot parse "5-01" as "01""#
        );
        assert_eq!(
            err("2022-13-01"),
            r#"parsing time "2022-13-01": month out of range"#
        );
        assert_eq!(
            err("2022-02-30"),
            r#"parsing time "2022-02-30": day out of range"#
        );
        assert_eq!(
            err("2022-05-01x"),
            r#"parsing time "2022-05-01x": extra text: "x""#
        );
        assert_eq!(
            parse_datetime("2022-05-01").unwrap_err(),
            r#"parsing time "2022-05-01" as "2006-01-02 15:04:05": cannot parse "" as " ""#
        );
    }
}
