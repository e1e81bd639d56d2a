//! The /_sim/ control endpoints and state consistency across calls.

mod common;
use common::*;
use serde_json::{json, Value};

#[tokio::test]
async fn request_log_records_every_api_call() {
    let s = bare();
    let t = s.admin().await;
    s.post("/manager/account_check", Some(&t), "not json").await;
    s.post("/no/such", None, "").await;
    s.call("OPTIONS", "/auth/user_token", None, "").await;
    let r = s.call("GET", "/_sim/requests", None, "").await;
    assert_eq!(r.status, 200);
    assert_eq!(
        r.header("content-type").as_deref(),
        Some("application/json")
    );
    let log = r.json();
    let log = log.as_array().unwrap();
    assert_eq!(log.len(), 3, "{log:?}");
    assert_eq!(log[0]["method"], "POST");
    assert_eq!(log[0]["path"], "/auth/user_token");
    assert_eq!(log[0]["token"], Value::Null);
    assert_eq!(log[0]["body"]["userID"], ADMIN);
    assert_eq!(log[0]["status"], 200);
    assert_eq!(log[0]["response"]["data"]["token"], t.as_str());
    assert_eq!(log[1]["token"], t.as_str());
    assert_eq!(log[1]["body"], "not json");
    assert_eq!(log[1]["status"], 400);
    assert_eq!(log[1]["response"]["errCode"], 400);
    assert_eq!(log[2]["path"], "/no/such");
    assert_eq!(log[2]["status"], 404);
    assert_eq!(log[2]["response"], "404 page not found");
    let cleared = s.post("/_sim/reset_requests", None, "").await.json();
    assert_eq!(cleared["cleared"], 3);
    let r = s.call("GET", "/_sim/requests", None, "").await;
    assert_eq!(r.json(), json!([]));
}

#[tokio::test]
async fn state_dump_has_every_table() {
    let s = bare();
    let st = s.state().await;
    for table in [
        "admins", "users", "friends", "blacks", "groups", "members", "messages", "online", "tokens",
    ] {
        assert!(st[table].is_array(), "{table}");
    }
    let admin = &st["users"][0];
    assert_eq!(admin["userID"], ADMIN);
    assert_eq!(admin["nickname"], "AppManager1");
    assert_eq!(admin["appMangerLevel"], 2);
    assert_eq!(st["users"][3]["nickname"], "AppManager4");
}

#[tokio::test]
async fn invite_grows_the_member_count() {
    let s = bare();
    s.add_users(&["o", "a", "b"]).await;
    let t = s.admin().await;
    let r = s
        .post_json("/group/create_group", &t, json!({"operationID": "o", "ownerUserID": "o", "memberList": [{"userID": "a", "roleLevel": 1}]}))
        .await;
    let gid = r.json()["data"]["groupID"].as_str().unwrap().to_string();
    let count = |st: &Value| {
        st["groups"]
            .as_array()
            .unwrap()
            .iter()
            .find(|g| g["groupID"] == gid.as_str())
            .unwrap()["memberCount"]
            .clone()
    };
    assert_eq!(count(&s.state().await), 2);
    s.post_json(
        "/group/invite_user_to_group",
        &t,
        json!({"operationID": "o", "groupID": gid, "invitedUserIDList": ["b"]}),
    )
    .await;
    let st = s.state().await;
    assert_eq!(count(&st), 3);
    let group = st["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["groupID"] == gid.as_str())
        .unwrap()
        .clone();
    assert_eq!(group["ownerUserID"], "o");
    assert_eq!(group["creatorUserID"], ADMIN);
}

#[tokio::test]
async fn imported_friends_appear_in_both_directions() {
    let s = bare();
    s.add_users(&["a", "b"]).await;
    let t = s.admin().await;
    s.post_json(
        "/friend/import_friend",
        &t,
        json!({"operationID": "o", "fromUserID": "a", "friendUserIDList": ["b"]}),
    )
    .await;
    assert_eq!(
        friend_pairs(&s.state().await),
        vec![("a".into(), "b".into()), ("b".into(), "a".into())]
    );
}

#[tokio::test]
async fn tokens_are_listed_and_expire_together() {
    let s = bare();
    s.admin().await;
    s.login("openIM333").await;
    let st = s.state().await;
    assert_eq!(st["tokens"].as_array().unwrap().len(), 2);
    assert!(st["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .all(|t| t["status"] == 0));
    let r = s.post("/_sim/expire_tokens", None, "").await.json();
    assert_eq!(r["expired"], 2);
    let st = s.state().await;
    assert!(st["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .all(|t| t["status"] == 3));
}

#[tokio::test]
async fn online_can_be_set_and_cleared() {
    let s = bare();
    s.set_online("u", &[1, 7]).await;
    let st = s.state().await;
    assert_eq!(
        st["online"],
        json!([{"userID": "u", "platformIDs": [1, 7], "platforms": ["IOS", "Linux"]}])
    );
    s.set_online("u", &[]).await;
    assert_eq!(s.state().await["online"], json!([]));
}

#[tokio::test]
async fn control_rejects_bad_json_and_unknown_routes() {
    let s = bare();
    assert_eq!(s.post("/_sim/users", None, "nope").await.status, 400);
    s.post("/_sim/nothing", None, "{}")
        .await
        .assert(404, "404 page not found");
    s.call("GET", "/_sim/expire_tokens", None, "")
        .await
        .assert(404, "404 page not found");
}
