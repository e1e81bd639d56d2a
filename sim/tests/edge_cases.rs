//! The edge behaviours (docs/api.md#quirks) and the per-endpoint details of each route.

mod common;
use common::*;
use serde_json::{json, Value};

fn rows(state: &Value, table: &str) -> Vec<Value> {
    state[table].as_array().unwrap().clone()
}

#[tokio::test]
async fn delete_unknown_users_reports_only_the_failures() {
    let s = bare();
    s.add_users(&["a", "b"]).await;
    let t = s.admin().await;
    s.post_json(
        "/manager/delete_user",
        &t,
        json!({"operationID": "o", "deleteUserIDList": ["ghost"]}),
    )
    .await
    .assert(
        200,
        r#"{"errCode":201,"errMsg":"some uid deleted failed","data":["ghost"]}"#,
    );
    s.post_json(
        "/manager/delete_user",
        &t,
        json!({"operationID": "o", "deleteUserIDList": ["a", "x", "b", "y"]}),
    )
    .await
    .assert(
        200,
        r#"{"errCode":201,"errMsg":"some uid deleted failed","data":["x","y"]}"#,
    );
}

#[tokio::test]
async fn delete_removes_only_the_user_row() {
    let s = bare();
    s.add_users(&["a", "b"]).await;
    let t = s.admin().await;
    s.post_json(
        "/friend/import_friend",
        &t,
        json!({"operationID": "o", "fromUserID": "a", "friendUserIDList": ["b"]}),
    )
    .await;
    s.post_json(
        "/friend/add_black",
        &t,
        json!({"operationID": "o", "fromUserID": "a", "toUserID": "b"}),
    )
    .await;
    let gid = s
        .add_group(json!({"ownerUserID": "a", "members": [{"userID": "b"}]}))
        .await;
    s.post_json(
        "/manager/delete_user",
        &t,
        json!({"operationID": "o", "deleteUserIDList": ["a"]}),
    )
    .await
    .assert(200, r#"{"errCode":0,"errMsg":"","data":[]}"#);
    let st = s.state().await;
    assert!(rows(&st, "users").iter().all(|u| u["userID"] != "a"));
    assert_eq!(rows(&st, "friends").len(), 2);
    assert_eq!(rows(&st, "blacks").len(), 1);
    assert_eq!(
        rows(&st, "members")
            .iter()
            .filter(|m| m["groupID"] == gid.as_str())
            .count(),
        2
    );
    // account_check now says unregistered.
    s.post_json("/manager/account_check", &t, json!({"operationID": "o", "checkUserIDList": ["a", "b", "a"]}))
        .await
        .assert(
            200,
            r#"{"errCode":0,"errMsg":"","data":[{"userID":"a","accountStatus":"unregistered"},{"userID":"b","accountStatus":"registered"},{"userID":"a","accountStatus":"unregistered"}]}"#,
        );
}

#[tokio::test]
async fn get_users_info_skips_unknown_ids_and_rejects_an_empty_list() {
    let s = bare();
    s.add_users(&["a"]).await;
    let t = s.admin().await;
    s.post_json("/user/get_users_info", &t, json!({"operationID": "o", "userIDList": ["ghost", "a", "a"]}))
        .await
        .assert(
            200,
            r#"{"errCode":0,"errMsg":"","data":[{"nickname":"nick-a","userID":"a"},{"nickname":"nick-a","userID":"a"}]}"#,
        );
    s.post_json(
        "/user/get_users_info",
        &t,
        json!({"operationID": "o", "userIDList": ["ghost"]}),
    )
    .await
    .assert(200, r#"{"errCode":0,"errMsg":"","data":[]}"#);
    s.post_json(
        "/user/get_users_info",
        &t,
        json!({"operationID": "o", "userIDList": []}),
    )
    .await
    .assert(200, r#"{"errCode":803,"errMsg":"args failed","data":[]}"#);
}

#[tokio::test]
async fn update_changes_only_non_zero_fields_and_ignores_unknown_users() {
    let s = bare();
    s.control(
        "/_sim/users",
        json!({"userID": "a", "nickname": "Ann", "faceURL": "https://x/a.png", "gender": 2, "email": "a@x"}),
    )
    .await;
    let t = s.admin().await;
    s.post_json(
        "/user/update_user_info",
        &t,
        json!({"operationID": "o", "userID": "ghost", "nickname": "G"}),
    )
    .await
    .assert(200, r#"{"errCode":0,"errMsg":""}"#);
    s.post_json(
        "/user/update_user_info",
        &t,
        json!({"operationID": "o", "userID": "a", "nickname": "", "faceURL": "", "gender": 0, "email": "new@x", "ex": "e"}),
    )
    .await
    .assert(200, r#"{"errCode":0,"errMsg":""}"#);
    let st = s.state().await;
    let a = rows(&st, "users")
        .into_iter()
        .find(|u| u["userID"] == "a")
        .unwrap();
    assert_eq!(a["nickname"], "Ann");
    assert_eq!(a["faceURL"], "https://x/a.png");
    assert_eq!(a["gender"], 2);
    assert_eq!(a["email"], "new@x");
    assert_eq!(a["ex"], "e");
    assert!(rows(&st, "users").iter().all(|u| u["userID"] != "ghost"));
}

#[tokio::test]
async fn import_friend_results() {
    let s = bare();
    s.add_users(&["a", "b", "c", "d"]).await;
    let t = s.admin().await;
    let import = |from: &str, ids: Vec<&str>| json!({"operationID": "o", "fromUserID": from, "friendUserIDList": ids});
    s.post_json("/friend/import_friend", &t, import("a", vec!["b", "ghost", "b"]))
        .await
        .assert(
            200,
            r#"{"errCode":0,"errMsg":"","data":[{"userID":"b","result":0},{"userID":"ghost","result":-1},{"userID":"b","result":0}]}"#,
        );
    assert_eq!(rows(&s.state().await, "friends").len(), 2);
    // Unknown fromUserID.
    s.post_json("/friend/import_friend", &t, import("ghost", vec!["a"]))
        .await
        .assert(
            200,
            r#"{"errCode":802,"errMsg":"this user not exists,cant not add friend","data":[]}"#,
        );
    // Already a friend in one direction only: 0, and the missing row is not
    // repaired. Insert only c→d by importing d→c first, then check c→d.
    s.post_json("/friend/import_friend", &t, import("d", vec!["c"]))
        .await;
    s.post_json("/friend/import_friend", &t, import("c", vec!["d"]))
        .await
        .assert(
            200,
            r#"{"errCode":0,"errMsg":"","data":[{"userID":"d","result":0}]}"#,
        );
    // Self-import inserts the self row; the second INSERT collides.
    s.post_json("/friend/import_friend", &t, import("a", vec!["a"]))
        .await
        .assert(
            200,
            r#"{"errCode":0,"errMsg":"","data":[{"userID":"a","result":-1}]}"#,
        );
    let st = s.state().await;
    assert!(rows(&st, "friends")
        .iter()
        .any(|f| f["ownerUserID"] == "a" && f["friendUserID"] == "a"));
    // Empty list with an admin: errCode 0, data [].
    s.post_json("/friend/import_friend", &t, import("a", vec![]))
        .await
        .assert(200, r#"{"errCode":0,"errMsg":"","data":[]}"#);
}

#[tokio::test]
async fn add_black_duplicate_is_a_db_error_and_ghosts_are_fine() {
    let s = bare();
    let t = s.admin().await;
    let body = json!({"operationID": "o", "fromUserID": "ghost1", "toUserID": "ghost2"});
    s.post_json("/friend/add_black", &t, body.clone())
        .await
        .assert(200, r#"{"errCode":0,"errMsg":""}"#);
    s.post_json("/friend/add_black", &t, body)
        .await
        .assert(200, r#"{"errCode":802,"errMsg":"db failed"}"#);
}

#[tokio::test]
async fn invite_edge_cases() {
    let s = bare();
    s.add_users(&["owner", "m", "x"]).await;
    let t = s.admin().await;
    let gid = s
        .add_group(json!({"ownerUserID": "owner", "members": [{"userID": "m"}]}))
        .await;
    let invite = |g: &str, ids: Vec<&str>| json!({"operationID": "o", "groupID": g, "invitedUserIDList": ids});
    s.post_json("/group/invite_user_to_group", &t, invite(&gid, vec!["m", "ghost", "x"]))
        .await
        .assert(
            200,
            r#"{"errCode":0,"errMsg":"","data":[{"userID":"m","result":-1},{"userID":"ghost","result":-1},{"userID":"x","result":0}]}"#,
        );
    s.post_json("/group/invite_user_to_group", &t, invite(&gid, vec![]))
        .await
        .assert(200, r#"{"errCode":0,"errMsg":"","data":null}"#);
    s.post_json(
        "/group/invite_user_to_group",
        &t,
        invite("nosuchgroup", vec!["x"]),
    )
    .await
    .assert(200, r#"{"errCode":802,"errMsg":"db failed","data":null}"#);
    let dismissed = s
        .add_group(json!({"ownerUserID": "owner", "status": 2}))
        .await;
    s.post_json(
        "/group/invite_user_to_group",
        &t,
        invite(&dismissed, vec!["x"]),
    )
    .await
    .assert(
        200,
        r#"{"errCode":804,"errMsg":" group status is dismissed ","data":null}"#,
    );
}

#[tokio::test]
async fn kick_edge_cases() {
    let s = bare();
    s.add_users(&["owner", "m"]).await;
    let t = s.admin().await;
    let gid = s
        .add_group(json!({"ownerUserID": "owner", "members": [{"userID": "m"}]}))
        .await;
    let kick = |g: &str, ids: Vec<&str>| json!({"operationID": "o", "groupID": g, "kickedUserIDList": ids});
    s.post_json("/group/kick_group", &t, kick(&gid, vec!["owner", "stranger", "m"]))
        .await
        .assert(
            200,
            r#"{"errCode":0,"errMsg":"","data":[{"userID":"owner","result":-1},{"userID":"stranger","result":0},{"userID":"m","result":0}]}"#,
        );
    s.post_json("/group/kick_group", &t, kick(&gid, vec![]))
        .await
        .assert(200, r#"{"errCode":803,"errMsg":"args failed","data":[]}"#);
    s.post_json("/group/kick_group", &t, kick("nosuchgroup", vec!["m"]))
        .await
        .assert(
            200,
            r#"{"errCode":0,"errMsg":"","data":[{"userID":"m","result":0}]}"#,
        );
    let st = s.state().await;
    let left: Vec<Value> = rows(&st, "members")
        .into_iter()
        .filter(|m| m["groupID"] == gid.as_str())
        .collect();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0]["userID"], "owner");
}

#[tokio::test]
async fn create_group_with_unknown_owner_leaves_a_half_created_group() {
    let s = bare();
    let t = s.admin().await;
    s.post_json(
        "/group/create_group",
        &t,
        json!({"operationID": "o", "ownerUserID": "ghost", "memberList": []}),
    )
    .await
    .assert(500, r#"{"errCode":500,"errMsg":"call  rpc server failed"}"#);
    let st = s.state().await;
    let groups = rows(&st, "groups");
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0]["memberCount"], 0);
    assert_eq!(groups[0]["groupName"], "Group Chat");
}

#[tokio::test]
async fn create_group_member_rules() {
    let s = bare();
    s.add_users(&["owner", "a", "b", "c", "d"]).await;
    let t = s.admin().await;
    let r = s
        .post_json(
            "/group/create_group",
            &t,
            json!({"operationID": "o", "ownerUserID": "owner", "memberList": [
                {"userID": "a", "roleLevel": 0},
                {"userID": "b", "roleLevel": 2},
                {"userID": "c", "roleLevel": 3},
                {"userID": "d", "roleLevel": 99},
                {"userID": "ghost", "roleLevel": 1},
                {"userID": "a", "roleLevel": 1},
                null
            ]}),
        )
        .await;
    let body = r.json();
    assert_eq!(body["errCode"], 0);
    assert_eq!(body["data"]["memberCount"], 4);
    let gid = body["data"]["groupID"].as_str().unwrap().to_string();
    let st = s.state().await;
    let mut roles: Vec<(String, i64)> = rows(&st, "members")
        .into_iter()
        .filter(|m| m["groupID"] == gid.as_str())
        .map(|m| {
            (
                m["userID"].as_str().unwrap().to_string(),
                m["roleLevel"].as_i64().unwrap(),
            )
        })
        .collect();
    roles.sort();
    assert_eq!(
        roles,
        vec![
            ("a".into(), 1),
            ("c".into(), 3),
            ("d".into(), 99),
            ("owner".into(), 2)
        ]
    );
}

#[tokio::test]
async fn create_group_data_omits_zero_values_and_sorts_keys() {
    let s = bare();
    s.add_users(&["owner"]).await;
    let t = s.admin().await;
    let r = s
        .post_json(
            "/group/create_group",
            &t,
            json!({"operationID": "o", "ownerUserID": "owner", "memberList": [], "groupName": ""}),
        )
        .await;
    let text = r.text();
    let gid = r.json()["data"]["groupID"].as_str().unwrap().to_string();
    assert_eq!(
        text,
        format!(
            r#"{{"errCode":0,"errMsg":"","data":{{"creatorUserID":"openIM123456","groupID":"{gid}","groupName":"Group Chat","memberCount":1,"ownerUserID":"owner"}}}}"#
        )
    );
    let r = s
        .post_json(
            "/group/create_group",
            &t,
            json!({"operationID": "o", "ownerUserID": "owner", "memberList": [], "groupName": "G",
                   "notification": "N", "introduction": "I", "faceURL": "F", "ex": "E", "groupType": 1}),
        )
        .await;
    let data = r.json()["data"].clone();
    let text = r.text();
    let keys: Vec<&str> = text
        .split("\"data\":{")
        .nth(1)
        .unwrap()
        .split(',')
        .map(|kv| kv.split(':').next().unwrap().trim_matches('"'))
        .collect();
    assert_eq!(
        keys,
        vec![
            "creatorUserID",
            "ex",
            "faceURL",
            "groupID",
            "groupName",
            "groupType",
            "introduction",
            "memberCount",
            "notification",
            "ownerUserID"
        ]
    );
    assert_eq!(data["groupType"], 1);
}

#[tokio::test]
async fn group_ids_are_32_hex_and_unique() {
    let s = bare();
    s.add_users(&["owner"]).await;
    let t = s.admin().await;
    let mut seen = std::collections::HashSet::new();
    for _ in 0..20 {
        let r = s
            .post_json(
                "/group/create_group",
                &t,
                json!({"operationID": "o", "ownerUserID": "owner", "memberList": []}),
            )
            .await;
        let gid = r.json()["data"]["groupID"].as_str().unwrap().to_string();
        assert!(is_hex32(&gid), "{gid}");
        assert!(seen.insert(gid));
    }
}

#[tokio::test]
async fn online_status_details() {
    let s = bare();
    s.set_online("u1", &[5, 2, 8]).await;
    let t = s.admin().await;
    // Request order, duplicates kept; platform 8 is never reported; the
    // merge repeats a duplicated online ID's platforms once per occurrence.
    s.post_json("/manager/get_users_online_status", &t, json!({"operationID": "o", "userIDList": ["ghost", "u1", "u1"]}))
        .await
        .assert(
            200,
            concat!(
                r#"{"errCode":0,"errMsg":"","data":[{"userID":"ghost","status":"offline"},"#,
                r#"{"userID":"u1","status":"online","detailPlatformStatus":[{"platform":"Android","status":"online"},{"platform":"Web","status":"online"},{"platform":"Android","status":"online"},{"platform":"Web","status":"online"}]},"#,
                r#"{"userID":"u1","status":"online","detailPlatformStatus":[{"platform":"Android","status":"online"},{"platform":"Web","status":"online"},{"platform":"Android","status":"online"},{"platform":"Web","status":"online"}]}]}"#
            ),
        );
    s.post_json(
        "/manager/get_users_online_status",
        &t,
        json!({"operationID": "o", "userIDList": []}),
    )
    .await
    .assert(200, r#"{"errCode":0,"errMsg":"","data":[]}"#);
    s.set_online("only8", &[8]).await;
    s.post_json(
        "/user/get_users_online_status",
        &t,
        json!({"operationID": "o", "userIDList": ["only8"]}),
    )
    .await
    .assert(
        200,
        r#"{"errCode":0,"errMsg":"","data":[{"userID":"only8","status":"offline"}]}"#,
    );
}

#[tokio::test]
async fn user_online_status_needs_a_configured_admin() {
    let s = with(openim_sim::Config {
        users: 0,
        admins: vec![],
        control: true,
        quiet: true,
        ..openim_sim::Config::default()
    });
    s.add_users(&["a"]).await;
    let t = s.login("a").await;
    s.post_json(
        "/user/get_users_online_status",
        &t,
        json!({"operationID": "o", "userIDList": ["a"]}),
    )
    .await
    .assert(500, r#"{"errCode":500,"errMsg":"Manager == 0"}"#);
}
