//! The numbers behind the five statistics routes, from the day indexes
//! (docs/cms.md#cms-buckets): a request costs the days and months of its
//! range, never a scan of users, groups or messages.

use crate::cms_index::{Top, Work};
use crate::gojson::Go;
use crate::gotime::{first_of_next_n_month, go_string, month_key, DAY};
use crate::state::State;

/// `GetRangeDate`: the buckets of `from..=to` (day numbers) as
/// `(start, end)` day numbers, both ends inclusive at 00:00.
///
/// - the same day: one bucket of 24 h;
/// - the same calendar month, or less than 30 days apart: one per day;
/// - otherwise monthly: `from` to the 1st of the next month, whole
///   months, and the 1st of `to`'s month to `to` 00:00 (the day `to`
///   itself is left out: the truncated last month);
/// - `from` after `to`: none.
pub fn buckets(from: i64, to: i64) -> Vec<(i64, i64)> {
    if from == to {
        return vec![(from, from + 1)];
    }
    let same_month = month_key(from) == month_key(to);
    if same_month || to - from < 30 {
        return (from..=to).map(|d| (d, d + 1)).collect();
    }
    let mut out = vec![(from, first_of_next_n_month(from, 1))];
    let mut i = 1;
    loop {
        let start = first_of_next_n_month(from, i);
        let end = first_of_next_n_month(start, 1);
        if end > to {
            out.push((start, to));
            return out;
        }
        out.push((start, end));
        i += 1;
    }
}

/// Rows counted up to each bucket's end, walking the days once.
struct Running {
    at: Option<(i64, i64)>,
}

impl Running {
    fn up_to(&mut self, counts: &crate::cms_index::DayCounts, end: i64, work: &mut Work) -> i64 {
        let before = match self.at {
            Some((day, n)) if day <= end => {
                n + counts.between(day, end, work) - counts.midnight(end)
            }
            _ => counts.before(end, work),
        };
        self.at = Some((end, before));
        before + counts.midnight(end)
    }
}

/// One bucket of a chart: its first day and its numbers.
pub struct Point {
    pub start: i64,
    pub nums: Vec<i64>,
}

/// get_user_statistics: (increase, active, total) and per bucket
/// (increase, active, total up to the bucket's end).
pub fn users(st: &State, from: i64, to: i64, work: &mut Work) -> ([i64; 3], Vec<Point>) {
    let ix = &st.cms;
    let totals = [
        ix.users.between(from, to + 1, work),
        ix.active_between(from, to + 1, work),
        st.users.len() as i64,
    ];
    let mut running = Running { at: None };
    let points = buckets(from, to)
        .into_iter()
        .map(|(s, e)| Point {
            start: s,
            nums: vec![
                ix.users.between(s, e, work),
                ix.active_between(s, e, work),
                running.up_to(&ix.users, e, work),
            ],
        })
        .collect();
    (totals, points)
}

/// get_group_statistics: (increase, total) and per bucket (increase,
/// total up to the bucket's end).
pub fn groups(st: &State, from: i64, to: i64, work: &mut Work) -> ([i64; 2], Vec<Point>) {
    let ix = &st.cms;
    let totals = [
        ix.groups.between(from, to + 1, work),
        st.groups.len() as i64,
    ];
    let mut running = Running { at: None };
    let points = buckets(from, to)
        .into_iter()
        .map(|(s, e)| Point {
            start: s,
            nums: vec![
                ix.groups.between(s, e, work),
                running.up_to(&ix.groups, e, work),
            ],
        })
        .collect();
    (totals, points)
}

/// get_messages_statistics: (private, group) and per bucket.
pub fn messages(st: &State, from: i64, to: i64, work: &mut Work) -> ([i64; 2], Vec<Point>) {
    let ix = &st.cms;
    let totals = [
        ix.messages_between(1, from, to + 1, work),
        ix.messages_between(2, from, to + 1, work),
    ];
    let points = buckets(from, to)
        .into_iter()
        .map(|(s, e)| Point {
            start: s,
            nums: vec![
                ix.messages_between(1, s, e, work),
                ix.messages_between(2, s, e, work),
            ],
        })
        .collect();
    (totals, points)
}

/// The top 12 of `top` over the whole range: (ID, messages).
pub fn top(st: &State, top: Top, from: i64, to: i64, work: &mut Work) -> Vec<(String, i64)> {
    st.cms.top(top, from, to + 1, 12, work)
}

/// A statistics answer: the totals under `names`, then one list per
/// `lists` entry (`(list key, number key)`) of `{"date", <number key>}`
/// items, `null` when there are no buckets.
pub fn render(names: &[&str], lists: &[(&str, &str)], totals: &[i64], points: &[Point]) -> Go {
    let mut obj = Go::obj();
    for (name, total) in names.iter().zip(totals) {
        obj = obj.field(name, Go::Int(*total));
    }
    for (i, (list, key)) in lists.iter().enumerate() {
        let items = points
            .iter()
            .map(|p| {
                Go::obj()
                    .field("date", Go::str(go_string(p.start * DAY)))
                    .field(key, Go::Int(p.nums[i]))
                    .build()
            })
            .collect();
        obj = obj.field(list, super::list_or_null(items));
    }
    obj.build()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gotime::days_from_civil as d;

    #[test]
    fn buckets_follow_get_range_date() {
        let day = |y, m, dd| d(y, m, dd);
        assert_eq!(buckets(day(2022, 5, 1), day(2022, 5, 1)).len(), 1);
        assert_eq!(buckets(day(2022, 5, 1), day(2022, 5, 31)).len(), 31);
        // Crossing a month end, under 30 days: daily.
        let b = buckets(day(2022, 5, 20), day(2022, 6, 10));
        assert_eq!(b.len(), 22);
        assert_eq!(b[21], (day(2022, 6, 10), day(2022, 6, 11)));
        // Monthly, the last bucket stopping at `to` 00:00.
        assert_eq!(
            buckets(day(2022, 1, 15), day(2022, 3, 10)),
            vec![
                (day(2022, 1, 15), day(2022, 2, 1)),
                (day(2022, 2, 1), day(2022, 3, 1)),
                (day(2022, 3, 1), day(2022, 3, 10)),
            ]
        );
        // `to` on a 1st: a last bucket of no length.
        let b = buckets(day(2022, 1, 15), day(2022, 3, 1));
        assert_eq!(b.last(), Some(&(day(2022, 3, 1), day(2022, 3, 1))));
        assert!(buckets(day(2022, 5, 2), day(2022, 5, 1)).is_empty());
        assert!(buckets(day(2022, 6, 2), day(2022, 5, 1)).is_empty());
    }
}
