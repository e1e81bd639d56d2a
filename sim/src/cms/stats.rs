//! The numbers behind the five statistics routes, from the day indexes
//! (docs/cms.md#cms-buckets): a request costs the days and months of its
//! range, never a scan of users, groups or messages.

use super::metered;
use crate::cms_index::{Top, Work};
use crate::gojson::Go;
use crate::gotime::{first_of_next_n_month, go_string, month_key, DAY};
use crate::sim::Sim;
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

/// The points of `from..=to`'s buckets, `nums` giving each bucket's
/// numbers from its `(start, end)`.
fn points(from: i64, to: i64, mut nums: impl FnMut(i64, i64) -> Vec<i64>) -> Vec<Point> {
    (buckets(from, to).into_iter())
        .map(|(s, e)| Point {
            start: s,
            nums: nums(s, e),
        })
        .collect()
}

/// A chart's totals and points.
type Numbers = (Vec<i64>, Vec<Point>);

/// get_user_statistics: (increase, active, total) and per bucket
/// (increase, active, total up to the bucket's end).
fn users(st: &State, from: i64, to: i64, work: &mut Work) -> Numbers {
    let ix = &st.cms;
    let totals = vec![
        ix.users.between(from, to + 1, work),
        ix.active_between(from, to + 1, work),
        st.users.len() as i64,
    ];
    let mut running = Running { at: None };
    let points = points(from, to, |s, e| {
        vec![
            ix.users.between(s, e, work),
            ix.active_between(s, e, work),
            running.up_to(&ix.users, e, work),
        ]
    });
    (totals, points)
}

/// get_group_statistics: (increase, total) and per bucket (increase,
/// total up to the bucket's end).
fn groups(st: &State, from: i64, to: i64, work: &mut Work) -> Numbers {
    let ix = &st.cms;
    let totals = vec![
        ix.groups.between(from, to + 1, work),
        st.groups.len() as i64,
    ];
    let mut running = Running { at: None };
    let points = points(from, to, |s, e| {
        vec![
            ix.groups.between(s, e, work),
            running.up_to(&ix.groups, e, work),
        ]
    });
    (totals, points)
}

/// get_messages_statistics: (private, group) and per bucket.
fn messages(st: &State, from: i64, to: i64, work: &mut Work) -> Numbers {
    let ix = &st.cms;
    let totals = vec![
        ix.messages_between(1, from, to + 1, work),
        ix.messages_between(2, from, to + 1, work),
    ];
    let points = points(from, to, |s, e| {
        vec![
            ix.messages_between(1, s, e, work),
            ix.messages_between(2, s, e, work),
        ]
    });
    (totals, points)
}

/// Which generation's answer keys: A/B's snake_case or C's camelCase
/// (docs/cms.md#cms-statistics gives both for every route).
#[derive(Clone, Copy)]
pub enum Case {
    Snake,
    Camel,
}

/// A chart route: its numbers for `from..=to` (day numbers), the totals'
/// names and per list (list key, its items' number key), each `[A/B, C]`.
pub struct Chart {
    compute: fn(&State, i64, i64, &mut Work) -> Numbers,
    names: &'static [[&'static str; 2]],
    lists: &'static [[(&'static str, &'static str); 2]],
}

/// docs/cms.md#cms-get-messages-statistics
pub const MESSAGES: Chart = Chart {
    compute: messages,
    names: &[
        ["private_message_num", "privateMessageNum"],
        ["group_message_num", "groupMessageNum"],
    ],
    lists: &[
        [
            ("private_message_num_list", "message_num"),
            ("privateMessageNumList", "messageNum"),
        ],
        [
            ("group_message_num_list", "message_num"),
            ("groupMessageNumList", "messageNum"),
        ],
    ],
};

/// docs/cms.md#cms-get-user-statistics
pub const USERS: Chart = Chart {
    compute: users,
    names: &[
        ["increase_user_num", "increaseUserNum"],
        ["active_user_num", "activeUserNum"],
        ["total_user_num", "totalUserNum"],
    ],
    lists: &[
        [
            ("increase_user_num_list", "increase_user_num"),
            ("increaseUserNumList", "increaseUserNum"),
        ],
        [
            ("active_user_num_list", "active_user_num"),
            ("activeUserNumList", "activeUserNum"),
        ],
        [
            ("total_user_num_list", "total_user_num"),
            ("totalUserNumList", "totalUserNum"),
        ],
    ],
};

/// docs/cms.md#cms-get-group-statistics
pub const GROUPS: Chart = Chart {
    compute: groups,
    names: &[
        ["increase_group_num", "increaseGroupNum"],
        ["total_group_num", "totalGroupNum"],
    ],
    lists: &[
        [
            ("increase_group_num_list", "increase_group_num"),
            ("increaseGroupNumList", "increaseGroupNum"),
        ],
        [
            ("total_group_num_list", "total_group_num"),
            ("totalGroupNumList", "totalGroupNum"),
        ],
    ],
};

/// A statistics answer: the totals under their names, then one list per
/// `lists` entry of `{"date", <number key>}` items, `null` when there are
/// no buckets.
fn render(chart: &Chart, case: Case, totals: &[i64], points: &[Point]) -> Go {
    let mut obj = Go::obj();
    for (names, total) in chart.names.iter().zip(totals) {
        obj = obj.field(names[case as usize], Go::Int(*total));
    }
    for (i, keys) in chart.lists.iter().enumerate() {
        let (list, key) = keys[case as usize];
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

/// A chart's answer when the range does not parse: zeros, no lists.
pub fn zero(chart: &Chart, case: Case) -> Go {
    render(chart, case, &vec![0; chart.names.len()], &[])
}

/// A chart's answer for `range` (day numbers), its cost kept.
pub fn chart(sim: &mut Sim, chart: &Chart, case: Case, range: (i64, i64)) -> Go {
    let (totals, points) = metered(sim, |sim, work| {
        (chart.compute)(&sim.state, range.0, range.1, work)
    });
    render(chart, case, &totals, &points)
}

/// The keys of an active-user or active-group answer, `[A/B, C]`: the
/// list, then its items' name, ID and message count.
pub type TopKeys = [[&'static str; 4]; 2];

/// docs/cms.md#cms-get-active-user
pub const ACTIVE_USERS: TopKeys = [
    ["active_user_list", "nick_name", "user_id", "message_num"],
    ["activeUserList", "nickName", "userID", "messageNum"],
];

/// docs/cms.md#cms-get-active-group
pub const ACTIVE_GROUPS: TopKeys = [
    ["active_group_list", "group_name", "group_id", "message_num"],
    ["activeGroupList", "groupName", "groupID", "messageNum"],
];

/// The top 12 of `top` over `range` (day numbers), its cost kept: (ID,
/// the user's nickname or the group's name, messages).
pub fn top(sim: &mut Sim, top: Top, range: (i64, i64)) -> Vec<(String, String, i64)> {
    let rows = metered(sim, |sim, work| {
        sim.state.cms.top(top, range.0, range.1 + 1, 12, work)
    });
    let st = &sim.state;
    (rows.into_iter())
        .map(|(id, n)| {
            let name = match top {
                Top::Senders => st.user(&id).map(|u| u.nickname.clone()),
                Top::Groups | Top::GroupsAndSuper => st.group(&id).map(|g| g.group_name.clone()),
            };
            (id, name.unwrap_or_default(), n)
        })
        .collect()
}

/// `{<list>: [{<name>, <id>, <num>}]}`, the list `null` when empty.
pub fn render_top(keys: &TopKeys, case: Case, rows: Vec<(String, String, i64)>) -> Go {
    let [list, name_key, id_key, num_key] = keys[case as usize];
    let items = (rows.into_iter())
        .map(|(id, name, n)| {
            Go::obj()
                .field(name_key, Go::str(name))
                .field(id_key, Go::str(id))
                .field(num_key, Go::Int(n))
                .build()
        })
        .collect();
    Go::obj().field(list, super::list_or_null(items)).build()
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
