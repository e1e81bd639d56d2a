//! The five statistics routes (docs/cms.md#cms-statistics): the documented
//! examples byte for byte, every number checked against counts made here
//! from `/_sim/state` with the bucket rules of docs/cms.md#cms-buckets
//! (daily, monthly, the truncated last month, inclusive ends), and the cost
//! of a year of statistics over a million messages counted in day buckets.

mod common;
use common::*;
use openim_sim::gotime::{civil, days_from_civil};
use openim_sim::{Config, Release};
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap, HashSet};

const DAY: i64 = 86_400;

/// Unix seconds of a UTC date and time.
fn at(y: i64, m: u32, d: u32, secs: i64) -> i64 {
    days_from_civil(y, m, d) * DAY + secs
}

fn ymd(days: i64) -> String {
    let (y, m, d) = civil(days);
    format!("{y:04}-{m:02}-{d:02}")
}

fn label(days: i64) -> String {
    format!("{} 00:00:00 +0000 UTC", ymd(days))
}

/// The buckets of docs/cms.md#cms-buckets, written again here from the doc.
fn buckets(from: i64, to: i64) -> Vec<(i64, i64)> {
    let month = |d: i64| {
        let (y, m, _) = civil(d);
        (y, m)
    };
    let first_after = |d: i64, n: i64| {
        let (y, m) = month(d);
        let k = y * 12 + i64::from(m) - 1 + n;
        days_from_civil(k.div_euclid(12), k.rem_euclid(12) as u32 + 1, 1)
    };
    if from == to {
        return vec![(from, from + 1)];
    }
    if from > to {
        return vec![];
    }
    if month(from) == month(to) || to - from < 30 {
        return (from..=to).map(|d| (d, d + 1)).collect();
    }
    let mut out = vec![(from, first_after(from, 1))];
    let mut start = first_after(from, 1);
    loop {
        let end = first_after(start, 1);
        if end > to {
            out.push((start, to));
            return out;
        }
        out.push((start, end));
        start = end;
    }
}

// --- the documented examples -------------------------------------------

const RANGE_AB: &str = "from=2022-05-01&to=2022-05-02";

/// Users u01.. created on 2022-04-01, the admins on 2022-01-01.
async fn users(main: &Server, ids: &[&str], created: i64) {
    let rows: Vec<Value> = ids
        .iter()
        .map(|id| json!({"userID": id, "nickname": format!("n-{id}"), "createTime": created}))
        .collect();
    main.control("/_sim/users", json!(rows)).await;
}

async fn messages(main: &Server, rows: Vec<Value>) {
    main.control("/_sim/messages", json!(rows)).await;
}

fn private(from: &str, to: &str, secs: i64) -> Value {
    json!({"sendID": from, "recvID": to, "content": "x", "sendTime": secs * 1000})
}

fn grouped(from: &str, group: &str, secs: i64) -> Value {
    json!({"sendID": from, "groupID": group, "content": "x", "sendTime": secs * 1000})
}

/// The world of each documented example, on a bare server of `release`.
async fn example_world(release: Release, which: &str) -> (Server, Server, String) {
    let (main, cms, _) = cms_bare(release);
    let may1 = at(2022, 5, 1, 36_000);
    let may2 = at(2022, 5, 2, 36_000);
    match which {
        "messages" => {
            users(&main, &["u1", "u2"], may1).await;
            main.control(
                "/_sim/groups",
                json!({"groupID": "g", "ownerUserID": "u1", "createTime": may1}),
            )
            .await;
            let mut rows = vec![private("u1", "u2", may1), private("u2", "u1", may1 + 1)];
            rows.extend((0..3).map(|i| private("u1", "u2", may2 + i)));
            rows.extend((0..7).map(|i| grouped("u1", "g", may1 + 100 + i)));
            messages(&main, rows).await;
        }
        "users" => {
            let admins = ["openIM123456", "openIM654321", "openIM333", "openIMAdmin"];
            users(&main, &admins, at(2022, 1, 1, 0) + 1).await;
            let old: Vec<String> = (1..=33).map(|i| format!("u{i:02}")).collect();
            let old: Vec<&str> = old.iter().map(String::as_str).collect();
            users(&main, &old, at(2022, 4, 1, 0) + 1).await;
            users(&main, &["n1"], may1).await;
            users(&main, &["n2", "n3"], may2).await;
            messages(
                &main,
                vec![
                    private("u01", "u02", may1),
                    private("u02", "u01", may1),
                    private("u03", "u01", may1),
                    private("u03", "u01", may2),
                    private("u04", "u01", may2),
                ],
            )
            .await;
        }
        "groups" => {
            let rows: Vec<Value> = (0..11)
                .map(|i| json!({"groupID": format!("old{i}"), "createTime": at(2022, 4, 1, 0) + 1}))
                .chain([json!({"groupID": "new", "createTime": may2})])
                .collect();
            main.control("/_sim/groups", json!(rows)).await;
        }
        "active_user" => {
            users(&main, &["u2"], may1).await;
            main.control(
                "/_sim/users",
                json!({"userID": "u1", "nickname": "Alice", "createTime": may1}),
            )
            .await;
            messages(
                &main,
                (0..9).map(|i| private("u1", "u2", may1 + i)).collect(),
            )
            .await;
        }
        "active_group" => {
            users(&main, &["u1"], may1).await;
            main.control(
                "/_sim/groups",
                json!({"groupID": "a1b2", "groupName": "g1", "ownerUserID": "u1", "createTime": may1}),
            )
            .await;
            messages(
                &main,
                (0..30).map(|i| grouped("u1", "a1b2", may1 + i)).collect(),
            )
            .await;
        }
        _ => unreachable!(),
    }
    let token = main.admin().await;
    (main, cms, token)
}

/// The `data` of each example as docs/cms.md writes it (A/B, then C).
const EXAMPLES: [(&str, &str, &str, &str); 5] = [
    (
        "messages",
        "get_messages_statistics",
        r#"{"private_message_num":5,"group_message_num":7,"private_message_num_list":[{"date":"2022-05-01 00:00:00 +0000 UTC","message_num":2},{"date":"2022-05-02 00:00:00 +0000 UTC","message_num":3}],"group_message_num_list":[{"date":"2022-05-01 00:00:00 +0000 UTC","message_num":7},{"date":"2022-05-02 00:00:00 +0000 UTC","message_num":0}]}"#,
        r#"{"privateMessageNum":5,"groupMessageNum":7,"privateMessageNumList":[{"date":"2022-05-01 00:00:00 +0000 UTC","messageNum":2},{"date":"2022-05-02 00:00:00 +0000 UTC","messageNum":3}],"groupMessageNumList":[{"date":"2022-05-01 00:00:00 +0000 UTC","messageNum":7},{"date":"2022-05-02 00:00:00 +0000 UTC","messageNum":0}]}"#,
    ),
    (
        "users",
        "get_user_statistics",
        r#"{"increase_user_num":3,"active_user_num":4,"total_user_num":40,"increase_user_num_list":[{"date":"2022-05-01 00:00:00 +0000 UTC","increase_user_num":1},{"date":"2022-05-02 00:00:00 +0000 UTC","increase_user_num":2}],"active_user_num_list":[{"date":"2022-05-01 00:00:00 +0000 UTC","active_user_num":3},{"date":"2022-05-02 00:00:00 +0000 UTC","active_user_num":2}],"total_user_num_list":[{"date":"2022-05-01 00:00:00 +0000 UTC","total_user_num":38},{"date":"2022-05-02 00:00:00 +0000 UTC","total_user_num":40}]}"#,
        r#"{"increaseUserNum":3,"activeUserNum":4,"totalUserNum":40,"increaseUserNumList":[{"date":"2022-05-01 00:00:00 +0000 UTC","increaseUserNum":1},{"date":"2022-05-02 00:00:00 +0000 UTC","increaseUserNum":2}],"activeUserNumList":[{"date":"2022-05-01 00:00:00 +0000 UTC","activeUserNum":3},{"date":"2022-05-02 00:00:00 +0000 UTC","activeUserNum":2}],"totalUserNumList":[{"date":"2022-05-01 00:00:00 +0000 UTC","totalUserNum":38},{"date":"2022-05-02 00:00:00 +0000 UTC","totalUserNum":40}]}"#,
    ),
    (
        "groups",
        "get_group_statistics",
        r#"{"increase_group_num":1,"total_group_num":12,"increase_group_num_list":[{"date":"2022-05-01 00:00:00 +0000 UTC","increase_group_num":0},{"date":"2022-05-02 00:00:00 +0000 UTC","increase_group_num":1}],"total_group_num_list":[{"date":"2022-05-01 00:00:00 +0000 UTC","total_group_num":11},{"date":"2022-05-02 00:00:00 +0000 UTC","total_group_num":12}]}"#,
        r#"{"increaseGroupNum":1,"totalGroupNum":12,"increaseGroupNumList":[{"date":"2022-05-01 00:00:00 +0000 UTC","increaseGroupNum":0},{"date":"2022-05-02 00:00:00 +0000 UTC","increaseGroupNum":1}],"totalGroupNumList":[{"date":"2022-05-01 00:00:00 +0000 UTC","totalGroupNum":11},{"date":"2022-05-02 00:00:00 +0000 UTC","totalGroupNum":12}]}"#,
    ),
    (
        "active_user",
        "get_active_user",
        r#"{"active_user_list":[{"nick_name":"Alice","user_id":"u1","message_num":9}]}"#,
        r#"{"activeUserList":[{"nickName":"Alice","userID":"","messageNum":9}]}"#,
    ),
    (
        "active_group",
        "get_active_group",
        r#"{"active_group_list":[{"group_name":"g1","group_id":"a1b2","message_num":30}]}"#,
        r#"{"activeGroupList":[{"groupName":"g1","groupID":"a1b2","messageNum":30}]}"#,
    ),
];

#[tokio::test]
async fn the_documented_examples_byte_for_byte() {
    for (world, route, ab, c) in EXAMPLES {
        for release in [Release::V2_0_8, Release::V2_2_0] {
            let (_main, cms, token) = example_world(release, world).await;
            let admin = cms.signed(&token);
            let path = cms_path(release, &format!("/statistics/{route}?{RANGE_AB}"));
            let r = admin.get(&path).await;
            r.assert(200, &format!(r#"{{"code":0,"err_msg":"","data":{ab}}}"#));
        }
        for release in [Release::V2_3_2, Release::V2_3_3] {
            let (_main, cms, token) = example_world(release, world).await;
            let admin = cms.signed(&token);
            let body = json!({"from": "2022-05-01", "to": "2022-05-02", "operationID": "s"});
            let r = admin.post(&format!("/cms/statistics/{route}"), body).await;
            r.assert(200, &format!(r#"{{"data":{c},"errCode":0,"errMsg":""}}"#));
        }
    }
}

#[tokio::test]
async fn bad_dates_and_missing_ranges() {
    let (_main, cms, token) = example_world(Release::V2_0_8, "messages").await;
    let admin = cms.signed(&token);
    for (query, want) in [
        (
            "get_messages_statistics?from=2022-05-01&to=May",
            r#"{"code":803,"err_msg":"args failed","data":{"private_message_num":0,"group_message_num":0,"private_message_num_list":null,"group_message_num_list":null}}"#,
        ),
        (
            "get_active_user?from=2022-05-01&to=May",
            r#"{"code":802,"err_msg":"db failed","data":{"active_user_list":null}}"#,
        ),
        (
            "get_user_statistics?from=2022-05-01",
            r#"{"code":803,"err_msg":"args failed","data":null}"#,
        ),
        // `from` after `to`: no buckets.
        (
            "get_group_statistics?from=2022-05-03&to=2022-05-01",
            r#"{"code":0,"err_msg":"","data":{"increase_group_num":0,"total_group_num":1,"increase_group_num_list":null,"total_group_num_list":null}}"#,
        ),
    ] {
        let r = admin.get(&format!("/api/statistics/{query}")).await;
        r.assert(200, want);
    }

    let (_main, cms, token) = example_world(Release::V2_3_3, "messages").await;
    let admin = cms.signed(&token);
    for (route, body, status, want) in [
        (
            "get_user_statistics",
            json!({"from": "2022-05-01", "to": "2022-13-01", "operationID": "s"}),
            200,
            r#"{"data":{"increaseUserNum":0,"activeUserNum":0,"totalUserNum":0,"increaseUserNumList":null,"activeUserNumList":null,"totalUserNumList":null},"errCode":802,"errMsg":"parsing time \"2022-13-01\": month out of range"}"#,
        ),
        (
            "get_active_group",
            json!({"from": "2022-05-01"}),
            400,
            r#"{"errCode":400,"errMsg":"Key: 'GetActiveGroupRequest.StatisticsRequest.To' Error:Field validation for 'To' failed on the 'required' tag\nKey: 'GetActiveGroupRequest.StatisticsRequest.OperationID' Error:Field validation for 'OperationID' failed on the 'required' tag"}"#,
        ),
    ] {
        let r = admin.post(&format!("/cms/statistics/{route}"), body).await;
        r.assert(status, want);
    }
}

/// The last monthly bucket stops at `to` 00:00, and bucket ends are
/// inclusive: a message at exactly 00:00:00 counts in two buckets.
#[tokio::test]
async fn the_truncated_last_month_and_inclusive_ends() {
    let (main, cms, _) = cms_bare(Release::V2_1_0);
    users(&main, &["u1", "u2"], at(2022, 1, 1, 1)).await;
    messages(
        &main,
        vec![
            private("u1", "u2", at(2022, 1, 20, 36_000)),
            private("u1", "u2", at(2022, 2, 10, 36_000)),
            private("u1", "u2", at(2022, 3, 5, 36_000)),
            private("u2", "u1", at(2022, 3, 10, 0)),
            private("u1", "u2", at(2022, 3, 10, 36_000)),
        ],
    )
    .await;
    let token = main.admin().await;
    let admin = cms.signed(&token);
    let get = |route: &str, range: &str| {
        let path = format!("/cms/statistics/{route}?{range}");
        async move { admin.get(&path).await.json()["data"].clone() }
    };
    let d = get("get_messages_statistics", "from=2022-01-15&to=2022-03-10").await;
    let list: Vec<(String, i64)> = (d["private_message_num_list"].as_array().unwrap().iter())
        .map(|p| {
            (
                p["date"].as_str().unwrap().to_string(),
                p["message_num"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        list,
        [
            (label(days_from_civil(2022, 1, 15)), 1),
            (label(days_from_civil(2022, 2, 1)), 1),
            (label(days_from_civil(2022, 3, 1)), 2),
        ]
    );
    assert_eq!(
        d["private_message_num"], 5,
        "the totals include the day `to`"
    );
    // Daily: the midnight message is in both days around it.
    let d = get("get_messages_statistics", "from=2022-03-09&to=2022-03-10").await;
    let nums: Vec<i64> = (d["private_message_num_list"].as_array().unwrap().iter())
        .map(|p| p["message_num"].as_i64().unwrap())
        .collect();
    assert_eq!(
        (nums, d["private_message_num"].as_i64()),
        (vec![1, 2], Some(2))
    );
    let d = get("get_user_statistics", "from=2022-03-09&to=2022-03-10").await;
    let active: Vec<i64> = (d["active_user_num_list"].as_array().unwrap().iter())
        .map(|p| p["active_user_num"].as_i64().unwrap())
        .collect();
    assert_eq!(active, [1, 2], "u2's midnight message is also on the 9th");
    // `to` on a 1st: a last bucket of no length holds only midnight rows.
    let d = get("get_messages_statistics", "from=2022-01-15&to=2022-03-01").await;
    let last = d["private_message_num_list"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(
        last,
        json!({"date": label(days_from_civil(2022, 3, 1)), "message_num": 0})
    );
}

// --- against counts from the state ------------------------------------

struct Counts {
    users: Vec<i64>,
    groups: Vec<i64>,
    /// (stat seconds, session, sender, receiver group)
    messages: Vec<(i64, i64, String, String)>,
    nick: HashMap<String, String>,
    group_name: HashMap<String, String>,
}

fn counts(st: &Value, by_create_time: bool) -> Counts {
    let arr = |k: &str| st[k].as_array().unwrap().clone();
    let key = if by_create_time {
        "createTime"
    } else {
        "sendTime"
    };
    Counts {
        users: arr("users")
            .iter()
            .map(|u| u["createTime"].as_i64().unwrap())
            .collect(),
        groups: arr("groups")
            .iter()
            .map(|g| g["createTime"].as_i64().unwrap())
            .collect(),
        messages: arr("messages")
            .iter()
            .map(|m| {
                (
                    m[key].as_i64().unwrap().div_euclid(1000),
                    m["sessionType"].as_i64().unwrap(),
                    m["sendID"].as_str().unwrap().to_string(),
                    m["groupID"].as_str().unwrap().to_string(),
                )
            })
            .collect(),
        nick: arr("users")
            .iter()
            .map(|u| {
                (
                    u["userID"].as_str().unwrap().into(),
                    u["nickname"].as_str().unwrap().into(),
                )
            })
            .collect(),
        group_name: arr("groups")
            .iter()
            .map(|g| {
                (
                    g["groupID"].as_str().unwrap().into(),
                    g["groupName"].as_str().unwrap().into(),
                )
            })
            .collect(),
    }
}

impl Counts {
    fn within(t: i64, s: i64, e: i64) -> bool {
        s * DAY <= t && t <= e * DAY
    }

    fn count(list: &[i64], s: i64, e: i64) -> i64 {
        list.iter().filter(|&&t| Self::within(t, s, e)).count() as i64
    }

    fn upto(list: &[i64], e: i64) -> i64 {
        list.iter().filter(|&&t| t <= e * DAY).count() as i64
    }

    fn msgs(&self, session: i64, s: i64, e: i64) -> i64 {
        (self.messages.iter())
            .filter(|m| m.1 == session && Self::within(m.0, s, e))
            .count() as i64
    }

    fn active(&self, s: i64, e: i64) -> i64 {
        (self.messages.iter())
            .filter(|m| Self::within(m.0, s, e))
            .map(|m| m.2.as_str())
            .collect::<HashSet<_>>()
            .len() as i64
    }

    fn top(&self, sessions: &[i64], by_sender: bool, s: i64, e: i64) -> Vec<(String, i64)> {
        let mut n: BTreeMap<String, i64> = BTreeMap::new();
        for m in &self.messages {
            if sessions.contains(&m.1) && Self::within(m.0, s, e) {
                let k = if by_sender { &m.2 } else { &m.3 };
                *n.entry(k.clone()).or_default() += 1;
            }
        }
        let mut v: Vec<(String, i64)> = n.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        v.truncate(12);
        v
    }
}

fn series(points: &[(i64, i64)], key: &str, f: impl Fn(i64, i64) -> i64) -> Value {
    let items: Vec<Value> = points
        .iter()
        .map(|&(s, e)| json!({"date": label(s), key: f(s, e)}))
        .collect();
    if items.is_empty() {
        Value::Null
    } else {
        json!(items)
    }
}

/// Every number of the five routes for `from..=to` (day numbers), from
/// the state, in the A/B keys.
fn expected_ab(c: &Counts, from: i64, to: i64) -> [Value; 5] {
    let b = buckets(from, to);
    let (f, t) = (from, to + 1);
    let messages = json!({
        "private_message_num": c.msgs(1, f, t),
        "group_message_num": c.msgs(2, f, t),
        "private_message_num_list": series(&b, "message_num", |s, e| c.msgs(1, s, e)),
        "group_message_num_list": series(&b, "message_num", |s, e| c.msgs(2, s, e)),
    });
    let users = json!({
        "increase_user_num": Counts::count(&c.users, f, t),
        "active_user_num": c.active(f, t),
        "total_user_num": c.users.len(),
        "increase_user_num_list": series(&b, "increase_user_num", |s, e| Counts::count(&c.users, s, e)),
        "active_user_num_list": series(&b, "active_user_num", |s, e| c.active(s, e)),
        "total_user_num_list": series(&b, "total_user_num", |_, e| Counts::upto(&c.users, e)),
    });
    let groups = json!({
        "increase_group_num": Counts::count(&c.groups, f, t),
        "total_group_num": c.groups.len(),
        "increase_group_num_list": series(&b, "increase_group_num", |s, e| Counts::count(&c.groups, s, e)),
        "total_group_num_list": series(&b, "total_group_num", |_, e| Counts::upto(&c.groups, e)),
    });
    let active_users: Vec<Value> = (c.top(&[1], true, f, t).into_iter())
        .map(|(id, n)| json!({"nick_name": c.nick[&id], "user_id": id, "message_num": n}))
        .collect();
    let active_groups: Vec<Value> = (c.top(&[2], false, f, t).into_iter())
        .map(|(id, n)| json!({"group_name": c.group_name[&id], "group_id": id, "message_num": n}))
        .collect();
    [
        messages,
        users,
        groups,
        json!({"active_user_list": active_users}),
        json!({"active_group_list": active_groups}),
    ]
}

const ROUTES: [&str; 5] = [
    "get_messages_statistics",
    "get_user_statistics",
    "get_group_statistics",
    "get_active_user",
    "get_active_group",
];

fn today() -> i64 {
    now_secs().div_euclid(DAY)
}

/// The demo history (about 13 months up to start-up) read through the
/// routes equals what the state says, daily and monthly.
#[tokio::test]
async fn the_demo_history_reads_back_exactly_on_gen_b() {
    let config = Config {
        users: 240,
        seed: 7,
        messages: 3_000,
        control: true,
        quiet: true,
        release: Release::V2_1_0,
        ..Config::default()
    };
    let (main, cms, _) = with_cms(config);
    let token = main.admin().await;
    let admin = cms.signed(&token);
    let c = counts(&main.state().await, true);
    assert_eq!(
        c.messages.len(),
        3_002,
        "two fixed messages and the history"
    );
    let d = today();
    for (from, to) in [
        (d - 20, d - 1),
        (d - 200, d - 3),
        (d - 400, d),
        (d - 7, d - 7),
    ] {
        let want = expected_ab(&c, from, to);
        for (route, want) in ROUTES.iter().zip(want) {
            let path = format!("/cms/statistics/{route}?from={}&to={}", ymd(from), ymd(to));
            let got = admin.get(&path).await.json();
            assert_eq!(got["code"], 0);
            assert_eq!(got["data"], want, "{route} {} {}", ymd(from), ymd(to));
        }
    }
    // The history has shape: growth, and quieter weekends.
    let per_day = |s: i64| c.msgs(1, s, s + 1) + c.msgs(2, s, s + 1);
    let early: i64 = (d - 390..d - 300).map(per_day).sum();
    let late: i64 = (d - 90..d).map(per_day).sum();
    assert!(late > early * 2, "growth: {early} then {late}");
    let (mut weekend, mut weekday) = (0, 0);
    for s in d - 364..d {
        // 1970-01-01 was a Thursday.
        if matches!((s + 4).rem_euclid(7), 0 | 6) {
            weekend += per_day(s);
        } else {
            weekday += per_day(s);
        }
    }
    assert!(
        weekend * 5 < weekday * 2 * 8 / 10,
        "weekends quieter: {weekend} vs {weekday}"
    );
    let new_users: i64 = Counts::count(&c.users, d - 400, d + 1);
    assert!(
        new_users >= 240,
        "the generated users joined over the history"
    );
}

/// Gen C counts by send time, groups and super groups for the top groups,
/// and no user IDs in the top users.
#[tokio::test]
async fn the_demo_history_reads_back_exactly_on_gen_c() {
    let config = Config {
        users: 120,
        seed: 3,
        messages: 1_500,
        control: true,
        quiet: true,
        release: Release::V2_3_3,
        ..Config::default()
    };
    let (main, cms, _) = with_cms(config);
    let token = main.admin().await;
    let admin = cms.signed(&token);
    let c = counts(&main.state().await, false);
    let d = today();
    for (from, to) in [(d - 25, d - 2), (d - 150, d - 10)] {
        let [messages, users, groups, _, _] = expected_ab(&c, from, to);
        let range = json!({"from": ymd(from), "to": ymd(to), "operationID": "s"});
        let post = |route: &str| {
            let range = range.clone();
            let path = format!("/cms/statistics/{route}");
            async move { admin.post(&path, range).await.json()["data"].clone() }
        };
        let got = post("get_messages_statistics").await;
        assert_eq!(got["privateMessageNum"], messages["private_message_num"]);
        assert_eq!(got["groupMessageNum"], messages["group_message_num"]);
        let got = post("get_user_statistics").await;
        assert_eq!(got["activeUserNum"], users["active_user_num"]);
        assert_eq!(
            got["totalUserNumList"].as_array().map(Vec::len),
            users["total_user_num_list"].as_array().map(Vec::len)
        );
        for (i, p) in users["active_user_num_list"]
            .as_array()
            .unwrap()
            .iter()
            .enumerate()
        {
            assert_eq!(
                got["activeUserNumList"][i]["activeUserNum"],
                p["active_user_num"]
            );
        }
        let got = post("get_group_statistics").await;
        assert_eq!(got["increaseGroupNum"], groups["increase_group_num"]);
        let got = post("get_active_user").await;
        let want: Vec<Value> = (c.top(&[1], true, from, to + 1).into_iter())
            .map(|(id, n)| json!({"nickName": c.nick[&id], "userID": "", "messageNum": n}))
            .collect();
        assert_eq!(got["activeUserList"], json!(want));
        let got = post("get_active_group").await;
        let want: Vec<Value> = (c.top(&[2, 3], false, from, to + 1).into_iter())
            .map(|(id, n)| json!({"groupName": c.group_name[&id], "groupID": id, "messageNum": n}))
            .collect();
        assert_eq!(got["activeGroupList"], json!(want));
    }
}

/// A year of statistics over a million messages costs day (and month)
/// buckets, not messages; a chat-log search by day and sender costs the
/// smaller of those two lists.
#[tokio::test]
async fn a_year_over_a_million_messages_touches_only_buckets() {
    let config = Config {
        users: 2_000,
        seed: 5,
        messages: 1_000_000,
        control: true,
        quiet: true,
        release: Release::V2_3_3,
        ..Config::default()
    };
    let (main, cms, shared) = with_cms(config);
    let token = main.admin().await;
    let admin = cms.signed(&token);
    let d = today();
    let (from, to) = (ymd(d - 400), ymd(d));
    let work = |shared: &openim_sim::http::Shared| shared.lock().unwrap().cms_work;
    let body = json!({"from": from, "to": to, "operationID": "y"});

    let r = admin
        .post("/cms/statistics/get_messages_statistics", body.clone())
        .await;
    let v = r.json();
    let total = v["data"]["privateMessageNum"].as_i64().unwrap()
        + v["data"]["groupMessageNum"].as_i64().unwrap();
    assert_eq!(total, 1_000_000);
    let w = work(&shared);
    eprintln!("get_messages_statistics: {w:?}");
    assert_eq!(w.messages, 0);
    assert!(w.days <= 4 * 402, "{w:?}");

    let r = admin
        .post("/cms/statistics/get_user_statistics", body.clone())
        .await;
    assert_eq!(r.json()["errCode"], 0);
    let w = work(&shared);
    eprintln!("get_user_statistics: {w:?}");
    assert_eq!((w.messages, w.entries), (0, 0), "{w:?}");
    // Totals, then each monthly bucket's increase, active and running total.
    assert!(w.days <= 6 * 402, "{w:?}");

    for route in ["get_active_user", "get_active_group"] {
        let r = admin
            .post(&format!("/cms/statistics/{route}"), body.clone())
            .await;
        assert_eq!(r.json()["errCode"], 0);
        let w = work(&shared);
        eprintln!("{route}: {w:?}");
        assert_eq!(w.messages, 0);
        // Whole months read as one bucket each, the days at the ends one by one.
        assert!(w.days <= 13 + 62, "{route}: {w:?}");
        assert!(w.entries < 200_000, "{route}: {w:?}");
    }

    // A chat-log search for one day and one sender.
    let (sender, day, on_day) = {
        let st = shared.lock().unwrap();
        let m = &st.state.messages[500_000];
        let day = m.send_time.div_euclid(1000 * DAY);
        let on_day = (st.state.messages.iter())
            .filter(|m| m.send_time.div_euclid(1000 * DAY) == day)
            .count() as u64;
        (m.send_id.clone(), day, on_day)
    };
    let body = json!({"operationID": "l", "sendTime": ymd(day), "sendID": sender, "pageNumber": 1, "showNumber": 10});
    let r = admin.post("/cms/message/get_chat_logs", body).await;
    assert!(r.json()["data"]["logNums"].as_i64().unwrap() >= 1);
    let w = work(&shared);
    eprintln!("get_chat_logs: {w:?} ({on_day} messages that day)");
    assert!(w.messages <= on_day, "{w:?} for {on_day} messages that day");
    assert!(w.messages < 10_000, "{w:?}");
}
