//! The group read-back and undo routes, release by release, and every trap
//! of docs/readback.md#readback-traps they carry: ownerless and two-owner
//! groups, status flips, mutes that end late and are not enforced, member
//! reads that differ, paging with its 1,000 cap and its crash.

mod common;
use common::*;
use openim_sim::{Config, Release};
use serde_json::{json, Value};

use Release::{V2_0_10, V2_0_8, V2_1_0, V2_2_0, V2_3_2, V2_3_3};

const G: &str = "2165283845";
const OK: &str = r#"{"errCode":0,"errMsg":""}"#;

fn group_body(extra: Value) -> Value {
    let mut b = json!({"operationID": "o", "groupID": G});
    b.as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    b
}

async fn groups_info(s: &Server, token: &str) -> Value {
    let body = json!({"operationID": "i", "groupIDList": [G]});
    let r = s.post_json("/group/get_groups_info", token, body).await;
    assert_eq!(r.status, 200, "{}", r.text());
    r.json()["data"][0].clone()
}

/// userID → roleLevel, from the server's tables, in join order.
async fn roles(s: &Server, group: &str) -> Vec<(String, i64)> {
    s.state().await["members"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["groupID"] == group)
        .map(|m| {
            (
                m["userID"].as_str().unwrap().to_string(),
                m["roleLevel"].as_i64().unwrap(),
            )
        })
        .collect()
}

async fn all_members(s: &Server, token: &str, extra: Value) -> Resp {
    s.post_json("/group/get_group_all_member_list", token, group_body(extra))
        .await
}

fn user_ids(v: &Value) -> Vec<String> {
    v["data"]
        .as_array()
        .unwrap_or_else(|| panic!("no data list: {v}"))
        .iter()
        .map(|m| m["userID"].as_str().unwrap().to_string())
        .collect()
}

async fn joined(s: &Server, token: &str, user: &str) -> Vec<String> {
    let body = json!({"operationID": "j", "fromUserID": user});
    let r = s
        .post_json("/group/get_joined_group_list", token, body)
        .await;
    r.json()["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["groupID"].as_str().unwrap().to_string())
        .collect()
}

// --- get_groups_info -----------------------------------------------------

#[tokio::test]
async fn group_records_gain_fields_release_by_release() {
    let expected = [
        (
            V2_1_0,
            r#"{"createTime":100,"creatorUserID":"openIM123456","ex":"e","faceURL":"f","groupID":"g","groupName":"N","introduction":"i","memberCount":1,"notification":"n","ownerUserID":"u1"}"#,
        ),
        (
            V2_2_0,
            r#"{"createTime":100,"creatorUserID":"openIM123456","ex":"e","faceURL":"f","groupID":"g","groupName":"N","introduction":"i","memberCount":1,"needVerification":1,"notification":"n","ownerUserID":"u1"}"#,
        ),
        (
            V2_3_3,
            r#"{"applyMemberFriend":2,"createTime":100,"creatorUserID":"openIM123456","ex":"e","faceURL":"f","groupID":"g","groupName":"N","introduction":"i","lookMemberInfo":1,"memberCount":1,"needVerification":1,"notification":"n","notificationUpdateTime":200,"notificationUserID":"u1","ownerUserID":"u1"}"#,
        ),
    ];
    for (release, record) in expected {
        let s = playing(release);
        s.add_users(&["u1"]).await;
        s.control(
            "/_sim/groups",
            json!({"groupID": "g", "groupName": "N", "notification": "n", "introduction": "i",
                   "faceURL": "f", "ex": "e", "creatorUserID": ADMIN, "createTime": 100,
                   "ownerUserID": "u1", "needVerification": 1, "lookMemberInfo": 1,
                   "applyMemberFriend": 2, "notificationUserID": "u1",
                   "notificationUpdateTime": 200}),
        )
        .await;
        let user = s.login("u1").await;
        let body = json!({"operationID": "i", "groupIDList": ["nope", "g", "nope"]});
        s.post_json("/group/get_groups_info", &user, body)
            .await
            .assert(
                200,
                &format!(r#"{{"errCode":0,"errMsg":"","data":[{record}]}}"#),
            );
    }
    let s = playing(V2_0_8);
    let admin = s.admin().await;
    let body = json!({"operationID": "i", "groupIDList": ["nope"]});
    s.post_json("/group/get_groups_info", &admin, body)
        .await
        .assert(200, r#"{"errCode":0,"errMsg":"","data":[]}"#);
}

// --- get_group_all_member_list -------------------------------------------

#[tokio::test]
async fn unknown_and_super_groups_per_release() {
    for release in Release::ALL {
        let (s, admin) = team(release).await;
        s.control(
            "/_sim/groups",
            json!({"groupID": "super", "groupType": 1, "ownerUserID": "u1"}),
        )
        .await;
        let unknown = s
            .post_json(
                "/group/get_group_all_member_list",
                &admin,
                json!({"operationID": "o", "groupID": "nope"}),
            )
            .await;
        let sup = s
            .post_json(
                "/group/get_group_all_member_list",
                &admin,
                json!({"operationID": "o", "groupID": "super"}),
            )
            .await;
        let empty = r#"{"errCode":0,"errMsg":"","data":[]}"#;
        if release >= V2_1_0 {
            unknown.assert(200, r#"{"errCode":802,"errMsg":"db failed","data":[]}"#);
            sup.assert(200, empty);
        } else {
            unknown.assert(200, empty);
            assert_eq!(user_ids(&sup.json()), ["u1"], "{release}");
        }
        // Any valid token reads any group.
        let u4 = s.login("u4").await;
        let r = all_members(&s, &u4, json!({})).await;
        assert_eq!(user_ids(&r.json()), ["u1", "u2", "u3"], "{release}");
    }
}

#[tokio::test]
async fn member_reads_are_not_alike() {
    let (s, admin) = team(V2_2_0).await;
    let mute = group_body(json!({"userID": "u2", "mutedSeconds": 600}));
    s.post_json("/group/mute_group_member", &admin, mute)
        .await
        .assert(200, OK);
    let full = all_members(&s, &admin, json!({})).await.json();
    let end = full["data"][1]["muteEndTime"].as_i64().unwrap();
    assert!(end > now_secs() + 500, "{full}");
    assert_eq!(full["data"][1]["joinTime"], 1667290100);
    let info = s
        .post_json(
            "/group/get_group_members_info",
            &admin,
            group_body(json!({"memberList": ["u2"]})),
        )
        .await;
    info.assert(
        200,
        r#"{"errCode":0,"errMsg":"","data":[{"groupID":"2165283845","joinTime":1667290100,"nickname":"bob","roleLevel":1,"userID":"u2"}]}"#,
    );
    let list = s
        .post_json(
            "/group/get_group_member_list",
            &admin,
            group_body(json!({"filter": 1})),
        )
        .await;
    list.assert(
        200,
        r#"{"errCode":0,"errMsg":"","nextSeq":0,"data":[{"groupID":"2165283845","nickname":"bob","roleLevel":1,"userID":"u2"},{"groupID":"2165283845","nickname":"carol","roleLevel":1,"userID":"u3"}]}"#,
    );
}

#[tokio::test]
async fn an_admin_member_shows_its_profile_in_the_full_list_only() {
    let (s, admin) = team(V2_0_8).await;
    s.control(
        "/_sim/groups",
        json!({"groupID": G, "groupName": "Team", "creatorUserID": ADMIN, "createTime": 1667290000,
               "members": [{"userID": ADMIN, "nickname": "group nick", "joinTime": 1667290300, "ex": "m"}]}),
    )
    .await;
    let full = all_members(&s, &admin, json!({})).await.json();
    assert_eq!(
        full["data"][3],
        json!({"appMangerLevel": 1, "groupID": G, "joinTime": 1667290300,
               "nickname": "AppManager1", "roleLevel": 1, "userID": ADMIN})
    );
    let info = s
        .post_json(
            "/group/get_group_members_info",
            &admin,
            group_body(json!({"memberList": [ADMIN]})),
        )
        .await;
    info.assert(
        200,
        r#"{"errCode":0,"errMsg":"","data":[{"ex":"m","groupID":"2165283845","joinTime":1667290300,"nickname":"group nick","roleLevel":1,"userID":"openIM123456"}]}"#,
    );
}

#[tokio::test]
async fn a_group_bigger_than_the_grpc_limit_fails_before_2_3() {
    let prefix = "x".repeat(200);
    for release in [V2_2_0, V2_3_3] {
        let s = playing(release);
        let made = s
            .control(
                "/_sim/fill_group",
                json!({"groupID": "big", "members": 20000, "userPrefix": prefix}),
            )
            .await;
        assert_eq!(made["memberCount"], 20000);
        let admin = s.admin().await;
        let body = json!({"operationID": "o", "groupID": "big", "count": 10});
        let r = s
            .post_json("/group/get_group_all_member_list", &admin, body)
            .await;
        if release == V2_2_0 {
            assert_eq!(r.status, 500);
            let msg = r.json()["errMsg"].as_str().unwrap().to_string();
            let size: usize = msg
                .strip_prefix("rpc error: code = ResourceExhausted desc = grpc: received message larger than max (")
                .and_then(|m| m.strip_suffix(" vs. 4194304)"))
                .unwrap_or_else(|| panic!("{msg}"))
                .parse()
                .unwrap();
            assert!(size > 4_194_304 && size < 6_000_000, "{size}");
            assert_eq!(r.json()["errCode"], 500);
        } else {
            assert_eq!(user_ids(&r.json()).len(), 10);
        }
    }
}

// --- Paging on the 2.3 line ----------------------------------------------

async fn page(s: &Server, token: &str, body: Value) -> Vec<String> {
    let r = s
        .post_json("/group/get_group_all_member_list", token, body)
        .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["errCode"], 0, "{}", r.text());
    user_ids(&r.json())
}

fn members(range: std::ops::RangeInclusive<usize>) -> Vec<String> {
    range.map(|i| format!("big-m{i}")).collect()
}

#[tokio::test]
async fn paging_1500_members_on_2_3_3() {
    let s = playing(V2_3_3);
    let made = s
        .control(
            "/_sim/fill_group",
            json!({"groupID": "big", "members": 1500}),
        )
        .await;
    assert_eq!(
        made,
        json!({"groupID": "big", "memberCount": 1500, "ownerUserID": "big-m1",
               "addedMembers": 1500, "createdUsers": 1500})
    );
    let admin = s.admin().await;
    let body = |extra: Value| {
        let mut b = json!({"operationID": "p", "groupID": "big"});
        b.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        b
    };
    // No count: the first 1,000 and no sign of the rest.
    assert_eq!(page(&s, &admin, body(json!({}))).await, members(1..=1000));
    assert_eq!(
        page(&s, &admin, body(json!({"offset": 600}))).await,
        members(601..=1000)
    );
    // Pages of 500 reach everyone.
    let mut all = Vec::new();
    for offset in (0..).step_by(500) {
        let got = page(&s, &admin, body(json!({"offset": offset, "count": 500}))).await;
        let short = got.len() < 500;
        all.extend(got);
        if short {
            break;
        }
    }
    assert_eq!(all, members(1..=1500));
    assert_eq!(
        page(&s, &admin, body(json!({"offset": 1400, "count": 500}))).await,
        members(1401..=1500)
    );
    for extra in [
        json!({"offset": -1, "count": 10}),
        json!({"offset": 0, "count": -1}),
        json!({"offset": 1500, "count": 10}),
        json!({"offset": 1000, "count": 0}),
        json!({"offset": 2147483647, "count": 10}),
    ] {
        assert!(
            page(&s, &admin, body(extra.clone())).await.is_empty(),
            "{extra}"
        );
    }
    // A kick in between shifts the pages; a re-invite joins at the end.
    let kicked: Vec<String> = members(2..=101);
    s.post_json(
        "/group/kick_group",
        &admin,
        json!({"operationID": "k", "groupID": "big", "kickedUserIDList": kicked}),
    )
    .await;
    assert_eq!(
        page(&s, &admin, body(json!({"offset": 0, "count": 3}))).await,
        ["big-m1", "big-m102", "big-m103"]
    );
    s.post_json(
        "/group/invite_user_to_group",
        &admin,
        json!({"operationID": "i", "groupID": "big", "invitedUserIDList": ["big-m2"]}),
    )
    .await;
    assert_eq!(
        page(&s, &admin, body(json!({"offset": 1399, "count": 5}))).await,
        ["big-m1500", "big-m2"]
    );
    // The abstract follows the members.
    let r = s
        .post_json(
            "/group/get_group_abstract_info",
            &admin,
            json!({"operationID": "a", "groupID": "big"}),
        )
        .await;
    assert_eq!(r.json()["groupMemberNumber"], 1401);
}

#[tokio::test]
async fn count_0_past_1000_crashes_the_group_service() {
    for release in [V2_3_2, V2_3_3] {
        let s = playing(release);
        s.control(
            "/_sim/fill_group",
            json!({"groupID": "big", "members": 1500}),
        )
        .await;
        let admin = s.admin().await;
        let crash = json!({"operationID": "c", "groupID": "big", "offset": 1001});
        s.post_json("/group/get_group_all_member_list", &admin, crash.clone())
            .await
            .assert(500, r#"{"errCode":500,"errMsg":"rpc failed"}"#);
        // Every group route fails from now on; others work.
        let info = json!({"operationID": "i", "groupIDList": ["big"]});
        s.post_json("/group/get_groups_info", &admin, info.clone())
            .await
            .assert(500, r#"{"errCode":500,"errMsg":"rpc failed"}"#);
        s.post_json(
            "/group/get_group_all_member_list",
            &admin,
            json!({"operationID": "o", "groupID": "big", "count": 5}),
        )
        .await
        .assert(500, r#"{"errCode":500,"errMsg":"rpc failed"}"#);
        s.post_json(
            "/group/create_group",
            &admin,
            json!({"operationID": "c", "ownerUserID": ADMIN}),
        )
        .await
        .assert(500, r#"{"errCode":500,"errMsg":"call  rpc server failed"}"#);
        let users = json!({"operationID": "u", "userIDList": ["big-m1"]});
        let r = s.post_json("/user/get_users_info", &admin, users).await;
        assert_eq!(r.json()["errCode"], 0);
        // The API's own checks still come first.
        let r = s
            .post("/group/get_groups_info", Some("bad"), &info.to_string())
            .await;
        assert_eq!((r.status, r.json()["errCode"].clone()), (400, json!(500)));
        assert_eq!(s.state().await["groupServiceDown"], true);
        let restarted = s.control("/_sim/restart_group_service", json!({})).await;
        assert_eq!(restarted, json!({"wasDown": true}));
        let r = s.post_json("/group/get_groups_info", &admin, info).await;
        assert_eq!(r.json()["data"][0]["memberCount"], 1500, "{release}");
        // 1,000 exactly, or a smaller group, is no crash.
        let edge = json!({"operationID": "c", "groupID": "big", "offset": 1000});
        assert!(page(&s, &admin, edge).await.is_empty());
    }
    // Not before 2.3: there is no paging at all.
    let s = playing(V2_2_0);
    s.control(
        "/_sim/fill_group",
        json!({"groupID": "big", "members": 1200}),
    )
    .await;
    let admin = s.admin().await;
    let body = json!({"operationID": "c", "groupID": "big", "offset": 1001});
    assert_eq!(page(&s, &admin, body).await.len(), 1200);
}

/// A page of a 100,000-member group is the right page, and making it looks
/// at the page only, holes from kicks included (counted, not timed).
#[tokio::test]
async fn a_page_of_a_100000_member_group_costs_the_page() {
    let (router, shared) = openim_sim::app_with_state(Config {
        users: 0,
        control: true,
        quiet: true,
        release: V2_3_3,
        ..Config::default()
    });
    let s = Server { router };
    s.control(
        "/_sim/fill_group",
        json!({"groupID": "big", "members": 100000}),
    )
    .await;
    let admin = s.admin().await;
    let body = json!({"operationID": "p", "groupID": "big", "offset": 50000, "count": 500});
    assert_eq!(page(&s, &admin, body.clone()).await, members(50001..=50500));
    // Kick 300 from the middle of that page and 300 before it.
    for chunk in [
        (50101..=50200),
        (50201..=50300),
        (50301..=50400),
        (1001..=1100),
        (1101..=1200),
        (1201..=1300),
    ] {
        s.post_json(
            "/group/kick_group",
            &admin,
            json!({"operationID": "k", "groupID": "big", "kickedUserIDList": members(chunk)}),
        )
        .await;
    }
    let kicked = |i: &usize| (50101..=50400).contains(i) || (1001..=1300).contains(i);
    let live: Vec<String> = (1..=100_000)
        .filter(|i| !kicked(i))
        .map(|i| format!("big-m{i}"))
        .collect();
    assert_eq!(page(&s, &admin, body).await, live[50_000..50_500]);
    assert_eq!(live[50_000], "big-m50601");
    let sim = shared.lock().unwrap();
    let cost = sim.state.member_page("big", 50_000, 500);
    assert_eq!(cost.ids.len(), 500);
    assert!(cost.steps < 600, "{} steps for a page of 500", cost.steps);
}

// --- get_group_member_list (v2.0.8 to v2.2.0) ----------------------------

#[tokio::test]
async fn the_member_list_filters_by_role_and_pages_by_30() {
    let s = playing(V2_0_10);
    s.control("/_sim/fill_group", json!({"groupID": "g", "members": 61}))
        .await;
    let admin = s.admin().await;
    let list = |extra: Value| {
        let s = &s;
        let admin = admin.clone();
        async move {
            let mut b = json!({"operationID": "l", "groupID": "g"});
            b.as_object_mut()
                .unwrap()
                .extend(extra.as_object().unwrap().clone());
            let v = s
                .post_json("/group/get_group_member_list", &admin, b)
                .await
                .json();
            (v["nextSeq"].as_i64().unwrap(), user_ids(&v).len())
        }
    };
    assert_eq!(list(json!({})).await, (0, 0), "filter 0 lists nobody");
    assert_eq!(list(json!({"filter": 2})).await, (0, 1));
    assert_eq!(list(json!({"filter": 3})).await, (0, 0));
    assert_eq!(list(json!({"filter": -1})).await, (30, 30));
    assert_eq!(list(json!({"filter": -1, "nextSeq": 30})).await, (60, 30));
    assert_eq!(list(json!({"filter": -1, "nextSeq": 60})).await, (0, 1));
    // Exactly 30 left: a full page, then [] with 0.
    assert_eq!(list(json!({"filter": 1, "nextSeq": 30})).await, (60, 30));
    assert_eq!(list(json!({"filter": 1, "nextSeq": 60})).await, (0, 0));
    assert_eq!(list(json!({"filter": 1, "nextSeq": 99})).await, (0, 0));
    // Slicing before the start panics like trap 6 (inferred).
    let r = s
        .post_json(
            "/group/get_group_member_list",
            &admin,
            json!({"operationID": "l", "groupID": "g", "filter": -1, "nextSeq": -1}),
        )
        .await;
    r.assert(500, r#"{"errCode":500,"errMsg":"rpc failed"}"#);
    assert_eq!(s.state().await["groupServiceDown"], true);
}

// --- get_joined_group_list -----------------------------------------------

#[tokio::test]
async fn joined_groups_leave_out_ownerless_ones_and_on_2_3_dismissed_and_super() {
    for (release, expected) in [(V2_2_0, vec![G, "dismissed", "super"]), (V2_3_3, vec![G])] {
        let (s, admin) = team(release).await;
        let member = |gid: &str, extra: Value| {
            let mut g = json!({"groupID": gid, "members": [{"userID": "u2"}]});
            g.as_object_mut()
                .unwrap()
                .extend(extra.as_object().unwrap().clone());
            g
        };
        s.control(
            "/_sim/groups",
            json!([
                member("ownerless", json!({})),
                member("dismissed", json!({"status": 2, "ownerUserID": "u1"})),
                member("super", json!({"groupType": 1, "ownerUserID": "u1"})),
            ]),
        )
        .await;
        assert_eq!(joined(&s, &admin, "u2").await, expected, "{release}");
        let u2 = s.login("u2").await;
        assert_eq!(joined(&s, &u2, "u2").await, expected, "{release}");
        let u3 = s.login("u3").await;
        let body = json!({"operationID": "j", "fromUserID": "u2"});
        s.post_json("/group/get_joined_group_list", &u3, body)
            .await
            .assert(200, r#"{"errCode":801,"errMsg":"no permission","data":[]}"#);
    }
}

// --- dismiss_group -------------------------------------------------------

#[tokio::test]
async fn dismissal_deletes_the_members_and_cannot_be_undone() {
    let (s, admin) = team(V2_3_3).await;
    let u3 = s.login("u3").await;
    let dismiss = group_body(json!({}));
    s.post_json("/group/dismiss_group", &u3, dismiss.clone())
        .await
        .assert(200, r#"{"errCode":801,"errMsg":"no permission"}"#);
    // A group admin may dismiss, not only the owner.
    s.post_json(
        "/group/set_group_member_info",
        &admin,
        group_body(json!({"userID": "u3", "roleLevel": 3})),
    )
    .await;
    s.post_json("/group/dismiss_group", &u3, dismiss.clone())
        .await
        .assert(200, OK);
    assert!(roles(&s, G).await.is_empty());
    all_members(&s, &admin, json!({"count": 10}))
        .await
        .assert(200, r#"{"errCode":0,"errMsg":"","data":[]}"#);
    assert_eq!(
        groups_info(&s, &admin).await,
        json!({"creatorUserID": ADMIN, "groupID": G, "groupName": "Team", "status": 2})
    );
    assert!(joined(&s, &admin, "u1").await.is_empty());
    // The abstract's count stays stale (trap 17); the hash is 0.
    let r = s
        .post_json(
            "/group/get_group_abstract_info",
            &admin,
            group_body(json!({})),
        )
        .await;
    r.assert(
        200,
        r#"{"errCode":0,"errMsg":"","groupMemberNumber":3,"groupMemberListHash":0}"#,
    );
    // Twice: still 0.
    s.post_json("/group/dismiss_group", &admin, dismiss)
        .await
        .assert(200, OK);
    // Settings and transfers of a dismissed group are refused.
    let dismissed = r#"{"errCode":804,"errMsg":" group status is dismissed "}"#;
    s.post_json(
        "/group/set_group_info",
        &admin,
        group_body(json!({"groupName": "x"})),
    )
    .await
    .assert(200, dismissed);
    s.post_json(
        "/group/transfer_group",
        &admin,
        group_body(json!({"oldOwnerUserID": "u1", "newOwnerUserID": "u2"})),
    )
    .await
    .assert(200, dismissed);
}

#[tokio::test]
async fn dismissing_an_unknown_group_per_release() {
    for (release, answer) in [
        (V2_0_8, OK),
        (V2_0_10, OK),
        (V2_1_0, r#"{"errCode":802,"errMsg":"db failed"}"#),
        (V2_3_3, r#"{"errCode":802,"errMsg":"db failed"}"#),
    ] {
        let s = playing(release);
        let admin = s.admin().await;
        let body = json!({"operationID": "d", "groupID": "nope"});
        s.post_json("/group/dismiss_group", &admin, body)
            .await
            .assert(200, answer);
    }
}

// --- set_group_info ------------------------------------------------------

#[tokio::test]
async fn set_group_info_cannot_clear_a_text_and_writes_the_releases_flags() {
    for release in [V2_1_0, V2_2_0, V2_3_3] {
        let (s, admin) = team(release).await;
        s.post_json(
            "/group/set_group_info",
            &admin,
            group_body(
                json!({"notification": "n1", "introduction": "i1", "faceURL": "f1", "ex": "e1",
                       "needVerification": 2, "lookMemberInfo": 1, "applyMemberFriend": 1}),
            ),
        )
        .await
        .assert(200, OK);
        s.post_json(
            "/group/set_group_info",
            &admin,
            group_body(
                json!({"groupName": "", "notification": "", "introduction": "", "faceURL": "",
                       "ex": "", "needVerification": 0, "lookMemberInfo": null}),
            ),
        )
        .await
        .assert(200, OK);
        let g = groups_info(&s, &admin).await;
        for (k, v) in [
            ("groupName", "Team"),
            ("notification", "n1"),
            ("introduction", "i1"),
            ("faceURL", "f1"),
            ("ex", "e1"),
        ] {
            assert_eq!(g[k], v, "{release} {k}");
        }
        // needVerification from v2.2.0, written even as 0.
        assert!(g.get("needVerification").is_none(), "{release}: {g}");
        let st = s.state().await;
        let row = &st["groups"][0];
        assert_eq!(row["needVerification"], 0, "{release}: 2 then 0, or never");
        if release.is_2_3() {
            assert_eq!(g["lookMemberInfo"], 1, "null leaves it: {g}");
            assert_eq!(g["applyMemberFriend"], 1);
            assert_eq!(g["notificationUserID"], ADMIN);
            assert!(g["notificationUpdateTime"].as_i64().unwrap() > now_secs() - 10);
        } else {
            assert!(g.get("notificationUserID").is_none(), "{release}: {g}");
            assert_eq!(row["lookMemberInfo"], 0, "{release}: not in the request");
        }
    }
    // The flag written when sent, and only where the release has it.
    for (release, stored) in [(V2_1_0, 0), (V2_2_0, 2)] {
        let (s, admin) = team(release).await;
        s.post_json(
            "/group/set_group_info",
            &admin,
            group_body(json!({"needVerification": 2})),
        )
        .await;
        assert_eq!(
            s.state().await["groups"][0]["needVerification"],
            stored,
            "{release}"
        );
    }
}

#[tokio::test]
async fn set_group_info_refusals_and_errors() {
    for release in [V2_2_0, V2_3_3] {
        let (s, admin) = team(release).await;
        let u2 = s.login("u2").await;
        let body = group_body(json!({"groupName": "x"}));
        s.post_json("/group/set_group_info", &u2, body)
            .await
            .assert(200, r#"{"errCode":801,"errMsg":"no permission"}"#);
        let unknown = json!({"operationID": "o", "groupID": "nope", "groupName": "x"});
        let r = s.post_json("/group/set_group_info", &admin, unknown).await;
        if release.is_2_3() {
            r.assert(200, r#"{"errCode":802,"errMsg":"no permission"}"#);
        } else {
            r.assert(500, r#"{"errCode":500,"errMsg":"call  rpc server failed"}"#);
        }
        // The owner may.
        let u1 = s.login("u1").await;
        s.post_json(
            "/group/set_group_info",
            &u1,
            group_body(json!({"ex": "only ex"})),
        )
        .await
        .assert(200, OK);
        assert_eq!(groups_info(&s, &admin).await["ex"], "only ex");
    }
}

// --- transfer_group ------------------------------------------------------

#[tokio::test]
async fn anyone_can_transfer_and_a_wrong_old_owner_leaves_two() {
    let (s, admin) = team(V2_0_8).await;
    // u4 is not even a member.
    let u4 = s.login("u4").await;
    let transfer =
        |old: &str, new: &str| group_body(json!({"oldOwnerUserID": old, "newOwnerUserID": new}));
    s.post_json("/group/transfer_group", &u4, transfer("u1", "u2"))
        .await
        .assert(200, OK);
    assert_eq!(
        roles(&s, G).await,
        [("u1".into(), 1), ("u2".into(), 2), ("u3".into(), 1)]
    );
    // The old owner named wrong: u2 stays owner, u1 becomes one too.
    s.post_json("/group/transfer_group", &u4, transfer("u3", "u1"))
        .await
        .assert(200, OK);
    assert_eq!(
        roles(&s, G).await,
        [("u1".into(), 2), ("u2".into(), 2), ("u3".into(), 1)]
    );
    // The first owner row is the one reported.
    assert_eq!(groups_info(&s, &admin).await["ownerUserID"], "u1");
    // Undo: name the current owners as old ones.
    s.post_json("/group/transfer_group", &admin, transfer("u1", "u2"))
        .await
        .assert(200, OK);
    assert_eq!(
        roles(&s, G).await,
        [("u1".into(), 1), ("u2".into(), 2), ("u3".into(), 1)]
    );
    s.post_json("/group/transfer_group", &admin, transfer("u2", "u2"))
        .await
        .assert(200, r#"{"errCode":803,"errMsg":"args failed"}"#);
    let nope = json!({"operationID": "t", "groupID": "nope", "oldOwnerUserID": "a", "newOwnerUserID": "b"});
    s.post_json("/group/transfer_group", &admin, nope)
        .await
        .assert(200, r#"{"errCode":802,"errMsg":"db failed"}"#);
}

#[tokio::test]
async fn a_transfer_to_a_non_member_leaves_no_owner() {
    for release in [V2_1_0, V2_3_3] {
        let (s, admin) = team(release).await;
        assert_eq!(joined(&s, &admin, "u2").await, [G]);
        s.post_json(
            "/group/transfer_group",
            &admin,
            group_body(json!({"oldOwnerUserID": "u1", "newOwnerUserID": "u4"})),
        )
        .await
        .assert(200, OK);
        assert!(roles(&s, G).await.iter().all(|(_, r)| *r == 1));
        assert_eq!(
            groups_info(&s, &admin).await,
            json!({"creatorUserID": ADMIN, "groupID": G, "groupName": "Team"}),
            "{release}"
        );
        assert!(joined(&s, &admin, "u2").await.is_empty(), "{release}");
        assert_eq!(s.state().await["groups"][0]["ownerUserID"], "");
    }
}

// --- Member mutes --------------------------------------------------------

/// The stored end: now + seconds + the second within the minute (trap 9).
fn mute_end_ok(end: i64, before: i64, after: i64, secs: i64) -> bool {
    (before..=after).any(|t| end == t + secs + t % 60)
}

async fn mute_end(s: &Server, user: &str) -> i64 {
    s.state().await["members"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["groupID"] == G && m["userID"] == user)
        .unwrap()["muteEndTime"]
        .as_i64()
        .unwrap()
}

#[tokio::test]
async fn a_mute_ends_up_to_59_seconds_late_and_cancelling_stores_the_epoch() {
    for release in [V2_0_8, V2_3_3] {
        let (s, admin) = team(release).await;
        let before = now_secs();
        s.post_json(
            "/group/mute_group_member",
            &admin,
            group_body(json!({"userID": "u2", "mutedSeconds": 3600})),
        )
        .await
        .assert(200, OK);
        let after = now_secs();
        let end = mute_end(&s, "u2").await;
        assert!(mute_end_ok(end, before, after, 3600), "{end} {before}");
        let full = all_members(&s, &admin, json!({"count": 10})).await.json();
        assert_eq!(full["data"][1]["muteEndTime"], end);
        s.post_json(
            "/group/cancel_mute_group_member",
            &admin,
            group_body(json!({"userID": "u2"})),
        )
        .await
        .assert(200, OK);
        assert_eq!(mute_end(&s, "u2").await, 0);
        let full = all_members(&s, &admin, json!({"count": 10})).await.json();
        assert!(full["data"][1].get("muteEndTime").is_none());
        // 0 seconds is refused by the binding.
        let r = s
            .post_json(
                "/group/mute_group_member",
                &admin,
                group_body(json!({"userID": "u2", "mutedSeconds": 0})),
            )
            .await;
        let line = "Key: 'MuteGroupMemberReq.MutedSeconds' Error:Field validation for 'MutedSeconds' failed on the 'required' tag";
        r.assert(400, &json!({"errCode": 400, "errMsg": line}).to_string());
    }
}

#[tokio::test]
async fn up_to_2_0_10_a_group_manager_mutes_anyone_and_a_non_member_is_success() {
    let (s, admin) = team(V2_0_10).await;
    let u3 = s.login("u3").await;
    let mute = |user: &str| group_body(json!({"userID": user, "mutedSeconds": 60}));
    s.post_json("/group/mute_group_member", &u3, mute("u2"))
        .await
        .assert(200, r#"{"errCode":801,"errMsg":"no permission"}"#);
    s.post_json("/group/mute_group", &u3, group_body(json!({})))
        .await
        .assert(200, r#"{"errCode":801,"errMsg":"no permission"}"#);
    s.post_json("/group/mute_group_member", &admin, mute("u4"))
        .await
        .assert(200, OK);
    // set_group_member_info does not exist yet.
    let body = group_body(json!({"userID": "u3", "roleLevel": 3}));
    let r = s
        .post_json("/group/set_group_member_info", &admin, body)
        .await;
    assert_eq!(r.status, 404);
    // A group admin may mute the owner here: the target is not checked.
    s.control(
        "/_sim/groups",
        json!({"groupID": "g2", "ownerUserID": "u1", "members": [{"userID": "u3", "roleLevel": 3}]}),
    )
    .await;
    let on_g2 = json!({"operationID": "m", "groupID": "g2", "userID": "u1", "mutedSeconds": 60});
    s.post_json("/group/mute_group_member", &u3, on_g2)
        .await
        .assert(200, OK);
    let st = s.state().await;
    let owner = st["members"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["groupID"] == "g2" && m["userID"] == "u1")
        .unwrap()
        .clone();
    assert!(owner["muteEndTime"].as_i64().unwrap() > now_secs());
    let u4_rows = st["members"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["userID"] == "u4")
        .count();
    assert_eq!(u4_rows, 0, "muting a non-member stored nothing");
}

#[tokio::test]
async fn from_2_1_0_the_caller_level_decides_with_its_own_texts() {
    let (s, admin) = team(V2_1_0).await;
    let (u1, u2, u3, u4) = (
        s.login("u1").await,
        s.login("u2").await,
        s.login("u3").await,
        s.login("u4").await,
    );
    s.post_json(
        "/group/set_group_member_info",
        &admin,
        group_body(json!({"userID": "u2", "roleLevel": 3})),
    )
    .await;
    let mute =
        |user: &str| json!({"operationID": "m1", "groupID": G, "userID": user, "mutedSeconds": 60});
    let refused = |msg: &str| json!({"errCode": 801, "errMsg": msg}).to_string();
    s.post_json("/group/mute_group_member", &u3, mute("u2"))
        .await
        .assert(200, &refused("m1opFlag == 0  2165283845u3"));
    s.post_json("/group/mute_group_member", &u4, mute("u2"))
        .await
        .assert(
            200,
            &refused("m1 getGroupUserLevel failed 2165283845u4: record not found"),
        );
    s.post_json("/group/mute_group_member", &admin, mute("u4"))
        .await
        .assert(
            200,
            &refused("m1 GetGroupMemberInfoByGroupIDAndUserID failed 2165283845u4record not found"),
        );
    s.post_json("/group/mute_group_member", &u2, mute("u1"))
        .await
        .assert(
            200,
            &refused("m1 mutedInfo.RoleLevel == constant.GroupOwner 2165283845u1"),
        );
    s.post_json(
        "/group/set_group_member_info",
        &admin,
        group_body(json!({"userID": "u3", "roleLevel": 3})),
    )
    .await;
    s.post_json("/group/mute_group_member", &u2, mute("u3"))
        .await
        .assert(
            200,
            &refused("m1 mutedInfo.RoleLevel == constant.GroupAdmin 2165283845u3"),
        );
    // The owner may mute a group admin; an admin account anyone, the owner too.
    s.post_json("/group/mute_group_member", &u1, mute("u2"))
        .await
        .assert(200, OK);
    s.post_json("/group/mute_group_member", &admin, mute("u1"))
        .await
        .assert(200, OK);
    s.post_json(
        "/group/cancel_mute_group_member",
        &u3,
        json!({"operationID": "m1", "groupID": G, "userID": "u1"}),
    )
    .await
    .assert(
        200,
        &refused("m1 mutedInfo.RoleLevel == constant.GroupOwner 2165283845u1"),
    );
    // The whole-group mute checks the caller only.
    s.post_json(
        "/group/mute_group",
        &u4,
        json!({"operationID": "m1", "groupID": G}),
    )
    .await
    .assert(
        200,
        &refused("m1 getGroupUserLevel failed 2165283845u4: record not found"),
    );
    s.post_json(
        "/group/mute_group",
        &u2,
        json!({"operationID": "m1", "groupID": G}),
    )
    .await
    .assert(200, OK);
}

#[tokio::test]
async fn mutes_are_not_enforced_on_sends() {
    let (s, admin) = team(V2_1_0).await;
    s.post_json(
        "/group/mute_group_member",
        &admin,
        group_body(json!({"userID": "u3", "mutedSeconds": 3600})),
    )
    .await
    .assert(200, OK);
    s.post_json("/group/mute_group", &admin, group_body(json!({})))
        .await
        .assert(200, OK);
    let send = json!({"operationID": "s", "sendID": "u3", "groupID": G, "senderPlatformID": 1,
        "content": {"text": "still here"}, "contentType": 101, "sessionType": 2});
    let r = s.post_json("/manager/send_msg", &admin, send).await;
    assert_eq!(r.json()["errCode"], 0, "{}", r.text());
    let st = s.state().await;
    assert_eq!(
        st["messages"][0]["deliveredTo"].as_array().unwrap().len(),
        3
    );
}

// --- Group mutes ---------------------------------------------------------

#[tokio::test]
async fn group_mutes_ignore_the_status_and_can_revive_a_dismissed_group() {
    let (s, admin) = team(V2_3_3).await;
    let status = |g: &Value| g.get("status").cloned().unwrap_or(json!(0));
    let call = |path: &'static str| {
        let s = &s;
        let admin = admin.clone();
        async move {
            s.post_json(path, &admin, group_body(json!({})))
                .await
                .assert(200, OK);
            status(&groups_info(s, &admin).await)
        }
    };
    assert_eq!(call("/group/mute_group").await, 3);
    assert_eq!(call("/group/cancel_mute_group").await, 0);
    assert_eq!(call("/group/dismiss_group").await, 2);
    assert_eq!(call("/group/mute_group").await, 3, "2 becomes 3");
    assert_eq!(call("/group/cancel_mute_group").await, 0, "revived");
    // Revived with no members, no owner.
    assert_eq!(
        groups_info(&s, &admin).await,
        json!({"creatorUserID": ADMIN, "groupID": G, "groupName": "Team"})
    );
    let nope = json!({"operationID": "m", "groupID": "nope"});
    s.post_json("/group/mute_group", &admin, nope)
        .await
        .assert(200, OK);
}

// --- set_group_member_info (v2.1.0 and later) ----------------------------

#[tokio::test]
async fn set_group_member_info_checks_nothing_and_writes_only_what_is_sent() {
    let (s, admin) = team(V2_2_0).await;
    let u4 = s.login("u4").await;
    let set = |extra: Value| {
        let mut b = json!({"operationID": "s", "groupID": G});
        b.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        b
    };
    for (extra, expected) in [
        (json!({"userID": "u3", "roleLevel": 3}), 3),
        (json!({"userID": "u3", "roleLevel": 2}), 2),
        (json!({"userID": "u3", "roleLevel": 7}), 7),
        (json!({"userID": "u3", "nickname": "c"}), 7),
    ] {
        s.post_json("/group/set_group_member_info", &u4, set(extra))
            .await
            .assert(200, OK);
        assert_eq!(roles(&s, G).await[2], ("u3".into(), expected));
    }
    s.post_json(
        "/group/set_group_member_info",
        &u4,
        set(json!({"userID": "u2", "userGroupFaceUrl": "f", "ex": "e", "nickname": ""})),
    )
    .await
    .assert(200, OK);
    s.post_json(
        "/group/set_group_member_info",
        &u4,
        set(json!({"userID": "nobody", "roleLevel": 2})),
    )
    .await
    .assert(200, OK);
    let full = all_members(&s, &admin, json!({})).await.json();
    assert_eq!(
        full["data"][1],
        json!({"ex": "e", "faceURL": "f", "groupID": G, "joinTime": 1667290100,
               "roleLevel": 1, "userID": "u2"})
    );
    assert_eq!(
        full["data"][2],
        json!({"groupID": G, "joinTime": 1667290200, "nickname": "c", "roleLevel": 7,
               "userID": "u3"})
    );
    assert_eq!(roles(&s, G).await.len(), 3);
    // Role 2 by set_group_member_info makes a second owner.
    s.post_json(
        "/group/set_group_member_info",
        &u4,
        set(json!({"userID": "u2", "roleLevel": 2})),
    )
    .await;
    let owners = roles(&s, G)
        .await
        .into_iter()
        .filter(|(_, r)| *r == 2)
        .count();
    assert_eq!(owners, 2);
}

// --- quit_group ----------------------------------------------------------

#[tokio::test]
async fn quit_acts_on_the_caller_only_and_the_owner_may_leave() {
    let (s, admin) = team(V2_0_8).await;
    let quit = group_body(json!({}));
    s.post_json("/group/quit_group", &admin, quit.clone())
        .await
        .assert(200, r#"{"errCode":802,"errMsg":"db failed"}"#);
    let u1 = s.login("u1").await;
    s.post_json("/group/quit_group", &u1, quit.clone())
        .await
        .assert(200, OK);
    assert_eq!(roles(&s, G).await, [("u2".into(), 1), ("u3".into(), 1)]);
    assert!(joined(&s, &admin, "u2").await.is_empty());
    assert!(groups_info(&s, &admin).await.get("ownerUserID").is_none());
    s.post_json("/group/quit_group", &u1, quit)
        .await
        .assert(200, r#"{"errCode":802,"errMsg":"db failed"}"#);
}

// --- get_group_abstract_info ---------------------------------------------

#[tokio::test]
async fn the_abstract_changes_with_the_members() {
    let (s, admin) = team(V2_3_2).await;
    let abstract_info = || {
        let s = &s;
        let admin = admin.clone();
        async move {
            s.post_json(
                "/group/get_group_abstract_info",
                &admin,
                group_body(json!({})),
            )
            .await
            .json()
        }
    };
    let hash = |ids: &str| i64::from_str_radix(&openim_sim::rng::md5_hex(ids)[..8], 16).unwrap();
    let before = abstract_info().await;
    assert_eq!(before["groupMemberListHash"], hash("u1u2u3"));
    let u3 = s.login("u3").await;
    s.post_json("/group/quit_group", &u3, group_body(json!({})))
        .await;
    let after = abstract_info().await;
    assert_eq!(after["groupMemberNumber"], 2);
    assert_eq!(after["groupMemberListHash"], hash("u1u2"));
    let nope = json!({"operationID": "a", "groupID": "nope"});
    s.post_json("/group/get_group_abstract_info", &admin, nope)
        .await
        .assert(200, r#"{"errCode":802,"errMsg":"record not found"}"#);
}

// --- The demo data -------------------------------------------------------

#[tokio::test]
async fn the_demo_groups_carry_mutes_admins_and_statuses() {
    let s = with(Config {
        control: true,
        quiet: true,
        release: V2_3_3,
        ..Config::default()
    });
    let st = s.state().await;
    let now = now_secs();
    let members = st["members"].as_array().unwrap();
    let mute = |m: &&Value| m["muteEndTime"].as_i64().unwrap();
    assert!(members.iter().filter(|m| mute(m) > now).count() >= 5);
    assert!(
        members
            .iter()
            .filter(|m| mute(m) > 0 && mute(m) < now)
            .count()
            >= 5
    );
    assert!(members.iter().filter(|m| m["roleLevel"] == 3).count() >= 5);
    let groups = st["groups"].as_array().unwrap();
    let dismissed: Vec<&Value> = groups.iter().filter(|g| g["status"] == 2).collect();
    assert_eq!(dismissed.len(), 1);
    assert_eq!(dismissed[0]["memberCount"], 0);
    let muted: Vec<&Value> = groups.iter().filter(|g| g["status"] == 3).collect();
    assert_eq!(muted.len(), 1);
    assert!(muted[0]["memberCount"].as_i64().unwrap() > 1);
    assert!(groups.iter().any(|g| g["needVerification"] == 1));
    assert!(groups.iter().any(
        |g| g["notificationUserID"] != "" && g["notificationUpdateTime"].as_i64().unwrap() > 0
    ));
    let remarks = st["friends"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["remark"] != "")
        .count();
    assert!(remarks >= 4, "{remarks}");
    assert_eq!(st["friendRequests"].as_array().unwrap().len(), 1);
    // As the API shows them.
    let admin = s.admin().await;
    let gid = dismissed[0]["groupID"].as_str().unwrap();
    let r = s
        .post_json(
            "/group/get_groups_info",
            &admin,
            json!({"operationID": "d", "groupIDList": [gid]}),
        )
        .await;
    let record = &r.json()["data"][0];
    assert_eq!(record["status"], 2);
    assert!(record.get("ownerUserID").is_none());
    let doc =
        json!({"operationID": "d", "groupID": "413dcd143622d1a91a8afd4987cff651", "count": 10});
    let r = s
        .post_json("/group/get_group_all_member_list", &admin, doc)
        .await;
    let list = r.json()["data"].as_array().unwrap().clone();
    assert_eq!(list.len(), 3);
    assert!(list[2]["muteEndTime"].as_i64().unwrap() > now);
    assert_eq!(list[1]["roleLevel"], 3);
}
