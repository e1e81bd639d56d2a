//! Calendar days as numbers (days since 1970-01-01, proleptic Gregorian,
//! UTC): what date inputs give, what the CMS statistics bucket by, and the
//! Go time strings the CMS writes.

/// Days since 1970-01-01 of `y-m-d`.
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The `(y, m, d)` of a day number.
pub fn civil(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// `YYYY-MM-DD` as a day number, only when it names a real day.
pub fn parse_day(text: &str) -> Option<i64> {
    let mut parts = text.trim().splitn(3, '-');
    let mut next = |len: usize| {
        let p = parts.next()?;
        (p.len() == len && p.bytes().all(|b| b.is_ascii_digit())).then(|| p.parse::<i64>().ok())?
    };
    let (y, m, d) = (next(4)?, next(2)?, next(2)?);
    let days = days_from_civil(y, m, d);
    (civil(days) == (y, m, d)).then_some(days)
}

/// A day number as `YYYY-MM-DD`.
pub fn day_text(days: i64) -> String {
    let (y, m, d) = civil(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Unix seconds as `YYYY-MM-DD HH:MM:SS` in UTC, as the CMS's block end
/// times are written (docs/cms.md#cms-block-user).
pub fn utc_text(secs: i64) -> String {
    let s = secs.rem_euclid(86_400);
    format!(
        "{} {:02}:{:02}:{:02}",
        day_text(secs.div_euclid(86_400)),
        s / 3600,
        s / 60 % 60,
        s % 60
    )
}

/// A Go time string (`2022-06-01 00:00:00 +0800 CST`, perhaps with a
/// fraction of a second) as Unix seconds.
pub fn go_time_secs(text: &str) -> Option<i64> {
    let mut words = text.split_whitespace();
    let day = parse_day(words.next()?)?;
    let clock = words.next()?;
    let clock = clock.split('.').next()?;
    let mut hms = clock.split(':').map(|p| p.parse::<i64>().ok());
    let (h, m, s) = (hms.next()??, hms.next()??, hms.next()??);
    let zone = words.next().unwrap_or("+0000");
    let (sign, hhmm) = match zone.as_bytes().first()? {
        b'+' => (1, &zone[1..]),
        b'-' => (-1, &zone[1..]),
        _ => return None,
    };
    let offset: i64 = hhmm.parse().ok().filter(|_| hhmm.len() == 4)?;
    let offset = sign * (offset / 100 * 3600 + offset % 100 * 60);
    Some(day * 86_400 + h * 3600 + m * 60 + s - offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_go_both_ways() {
        for days in [-800_000, -1, 0, 59, 60, 11_016, 19_000, 20_790, 2_932_896] {
            let (y, m, d) = civil(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(civil(0), (1970, 1, 1));
        assert_eq!(day_text(19_113), "2022-05-01");
        assert_eq!(parse_day("2024-02-29"), Some(19_782));
        assert_eq!(parse_day("2023-02-29"), None);
        assert_eq!(parse_day("2022-5-01"), None);
        assert_eq!(parse_day("2022-13-01"), None);
        assert_eq!(parse_day(""), None);
    }

    #[test]
    fn go_time_strings_carry_their_zone() {
        assert_eq!(
            go_time_secs("2022-06-01 00:00:00 +0800 CST"),
            Some(1_654_012_800)
        );
        assert_eq!(
            go_time_secs("2022-05-31 16:00:00.25 +0000 UTC"),
            Some(1_654_012_800)
        );
        assert_eq!(
            go_time_secs("2022-05-31 12:30:00 -0330 NDT"),
            Some(1_654_012_800)
        );
        assert_eq!(
            go_time_secs("0001-01-01 00:00:00 +0000 UTC"),
            Some(-62_135_596_800)
        );
        assert_eq!(go_time_secs("yesterday"), None);
        assert_eq!(utc_text(1_654_041_600 + 3_723), "2022-06-01 01:02:03");
    }
}
