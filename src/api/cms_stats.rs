//! The CMS statistics (docs/cms.md#cms-statistics): the five requests of a
//! date range, and their answers read as series a chart draws, whatever
//! the generation's key style. Plain Rust, tested natively.

use serde_json::{json, Value};

use super::cms::{CmsRequest, Gen};
use super::group::{number, text};
use crate::model::days::{civil, days_from_civil};

/// The statistics routes, in the order the overview asks them.
pub const ROUTES: [&str; 5] = [
    "/statistics/get_user_statistics",
    "/statistics/get_messages_statistics",
    "/statistics/get_group_statistics",
    "/statistics/get_active_user",
    "/statistics/get_active_group",
];

/// A range's request: A/B's GET with `from` and `to`, C's POST body.
pub fn request(gen: Gen, route: &str, range: Range, operation_id: &str) -> CmsRequest {
    let (from, to) = (range.from_text(), range.to_text());
    match gen {
        Gen::C => CmsRequest::post(route, json!({ "from": from, "to": to }), operation_id),
        _ => CmsRequest::get(route, &[("from", from), ("to", to)]),
    }
}

/// A key as the generation writes it: A/B's snake case as it is, C's in
/// camel case with `id` as `ID` (`user_id` → `userID`).
pub fn key(gen: Gen, snake: &str) -> String {
    if gen != Gen::C {
        return snake.to_string();
    }
    let mut out = String::with_capacity(snake.len());
    for (i, word) in snake.split('_').enumerate() {
        match (i, word) {
            (0, w) => out.push_str(w),
            (_, "id") => out.push_str("ID"),
            (_, w) => {
                let mut chars = w.chars();
                out.extend(chars.next().map(|c| c.to_ascii_uppercase()));
                out.push_str(chars.as_str());
            }
        }
    }
    out
}

/// Days from `from` to `to`, both included (day numbers, UTC).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Range {
    pub from: i64,
    pub to: i64,
}

impl Range {
    /// The last `n` days up to `today`: daily buckets while `n` ≤ 30.
    pub fn days(today: i64, n: i64) -> Range {
        Range {
            from: today - (n - 1),
            to: today,
        }
    }

    /// The last twelve calendar months, this one included: whole months
    /// ending the day after `today`, so the server's truncated last month
    /// still holds today (docs/cms.md#cms-buckets).
    pub fn months(today: i64) -> Range {
        let (y, m, _) = civil(today);
        let (y, m) = if m == 12 { (y, 1) } else { (y - 1, m + 1) };
        Range {
            from: days_from_civil(y, m, 1),
            to: today + 1,
        }
    }

    pub fn from_text(self) -> String {
        crate::model::days::day_text(self.from)
    }

    pub fn to_text(self) -> String {
        crate::model::days::day_text(self.to)
    }

    /// Whether the server cuts the range by month: more than one calendar
    /// month and at least 30 days apart.
    pub fn monthly(self) -> bool {
        let (fy, fm, _) = civil(self.from);
        let (ty, tm, _) = civil(self.to);
        (fy, fm) != (ty, tm) && self.to - self.from >= 30
    }

    /// A monthly range ending on the 1st: its last bucket runs from that
    /// day's 00:00 to the same moment, and is always empty.
    fn ends_empty(self) -> bool {
        self.monthly() && civil(self.to).2 == 1
    }
}

/// One bucket: its start (`YYYY-MM-DD`) and number.
pub type Point = (String, u64);

/// A series of one route's answer: its total for the range and its points.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Series {
    pub total: u64,
    pub points: Vec<Point>,
}

/// The series under `total` and `list` (items' number under `item`) of a
/// statistics answer's `data`; the empty last bucket of a monthly range
/// ending on the 1st is left out.
pub fn series(gen: Gen, data: &Value, range: Range, names: [&str; 3]) -> Series {
    let [total, list, item] = names.map(|n| key(gen, n));
    let mut points: Vec<Point> = (data[&list].as_array().into_iter().flatten())
        .map(|p| {
            let date = text(p, "date");
            (
                date.chars().take(10).collect(),
                number(p, &item).max(0) as u64,
            )
        })
        .collect();
    if range.ends_empty() {
        points.pop();
    }
    Series {
        total: number(data, &total).max(0) as u64,
        points,
    }
}

/// A row of a top-12 list: the ID (empty where C loses it, T13), name
/// and messages.
pub type Top = (String, String, u64);

/// `get_active_user` (`who` "user") or `get_active_group` ("group").
pub fn top(gen: Gen, data: &Value, who: &str) -> Vec<Top> {
    let list = key(gen, &format!("active_{who}_list"));
    let (id, name) = match who {
        "user" => ("user_id", "nick_name"),
        _ => ("group_id", "group_name"),
    };
    let [id, name, n] = [id, name, "message_num"].map(|k| key(gen, k));
    (data[&list].as_array().into_iter().flatten())
        .map(|r| (text(r, &id), text(r, &name), number(r, &n).max(0) as u64))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::days::parse_day;

    fn range(from: &str, to: &str) -> Range {
        Range {
            from: parse_day(from).unwrap(),
            to: parse_day(to).unwrap(),
        }
    }

    #[test]
    fn keys_follow_the_generation() {
        assert_eq!(key(Gen::B, "active_user_list"), "active_user_list");
        assert_eq!(key(Gen::C, "active_user_list"), "activeUserList");
        assert_eq!(key(Gen::C, "user_id"), "userID");
        assert_eq!(key(Gen::C, "nick_name"), "nickName");
        assert_eq!(
            key(Gen::C, "private_message_num_list"),
            "privateMessageNumList"
        );
    }

    #[test]
    fn presets_ask_for_what_the_server_buckets_evenly() {
        let today = parse_day("2026-12-03").unwrap();
        assert_eq!(Range::days(today, 7), range("2026-11-27", "2026-12-03"));
        let month = Range::days(today, 30);
        assert_eq!(month, range("2026-11-04", "2026-12-03"));
        assert!(!month.monthly());
        let year = Range::months(today);
        assert_eq!(year, range("2026-01-01", "2026-12-04"));
        assert!(year.monthly());
        let january = Range::months(parse_day("2026-01-31").unwrap());
        assert_eq!(january, range("2025-02-01", "2026-02-01"));
        assert!(january.ends_empty());
        // One calendar month of 31 days stays daily.
        assert!(!range("2026-01-01", "2026-01-31").monthly());
        assert!(range("2026-01-15", "2026-02-14").monthly());
        assert!(!range("2026-01-15", "2026-02-13").monthly());
    }

    #[test]
    fn requests_carry_the_range_as_each_generation_wants() {
        let r = range("2022-05-01", "2022-05-02");
        let ab = request(Gen::A, ROUTES[0], r, "op");
        assert_eq!(
            ab.path,
            "/statistics/get_user_statistics?from=2022-05-01&to=2022-05-02"
        );
        let c = request(Gen::C, ROUTES[1], r, "op-9");
        let body: Value = serde_json::from_str(c.body.as_deref().unwrap()).unwrap();
        assert_eq!(
            body,
            json!({"from": "2022-05-01", "to": "2022-05-02", "operationID": "op-9"})
        );
    }

    #[test]
    fn answers_read_as_series_in_either_key_style() {
        let ab: Value = serde_json::from_str(r#"{"private_message_num":5,"group_message_num":7,"private_message_num_list":[{"date":"2022-05-01 00:00:00 +0000 UTC","message_num":2},{"date":"2022-05-02 00:00:00 +0000 UTC","message_num":3}],"group_message_num_list":[{"date":"2022-05-01 00:00:00 +0000 UTC","message_num":7},{"date":"2022-05-02 00:00:00 +0000 UTC","message_num":0}]}"#).unwrap();
        let r = range("2022-05-01", "2022-05-02");
        let names = ["group_message_num", "group_message_num_list", "message_num"];
        let s = series(Gen::B, &ab, r, names);
        assert_eq!(s.total, 7);
        assert_eq!(
            s.points,
            [("2022-05-01".to_string(), 7), ("2022-05-02".to_string(), 0)]
        );
        let c: Value = serde_json::from_str(r#"{"increaseUserNum":3,"totalUserNum":40,"totalUserNumList":[{"date":"2022-05-01 00:00:00 +0000 UTC","totalUserNum":38}]}"#).unwrap();
        let total = series(
            Gen::C,
            &c,
            r,
            ["total_user_num", "total_user_num_list", "total_user_num"],
        );
        assert_eq!((total.total, total.points.len()), (40, 1));
        // Lists written as null (from after to) read as empty.
        let none = series(Gen::C, &json!({"totalUserNumList": null}), r, names);
        assert_eq!(none, Series::default());
        // The empty bucket of a monthly range ending on the 1st goes.
        let months = json!({"total_user_num": 2, "total_user_num_list": [
            {"date": "2026-11-01 00:00:00 +0000 UTC", "total_user_num": 1},
            {"date": "2026-12-01 00:00:00 +0000 UTC", "total_user_num": 0}]});
        let monthly = series(
            Gen::A,
            &months,
            range("2026-10-01", "2026-12-01"),
            ["total_user_num", "total_user_num_list", "total_user_num"],
        );
        assert_eq!(monthly.points, [("2026-11-01".to_string(), 1)]);
    }

    #[test]
    fn top_lists_keep_what_the_generation_gives() {
        let ab = json!({"active_user_list": [{"nick_name": "Alice", "user_id": "u1", "message_num": 9}]});
        assert_eq!(
            top(Gen::A, &ab, "user"),
            [("u1".to_string(), "Alice".to_string(), 9)]
        );
        let c = json!({"activeGroupList": [{"groupName": "g1", "groupID": "x", "messageNum": 30}],
            "activeUserList": [{"nickName": "Bob", "userID": "", "messageNum": 2}]});
        assert_eq!(top(Gen::C, &c, "group")[0].0, "x");
        assert_eq!(top(Gen::C, &c, "user")[0].0, "");
        assert!(top(Gen::B, &json!({"active_group_list": null}), "group").is_empty());
    }
}
