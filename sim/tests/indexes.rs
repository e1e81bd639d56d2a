//! The tables are indexed, but every answer keeps the order the unindexed
//! tables gave: insertion ("DB") order, through deletes and re-inserts.

mod common;
use common::*;
use serde_json::{json, Value};

fn ids(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn user_order_survives_deletes_and_reinserts() {
    let s = bare();
    s.add_users(&["u1", "u2", "u3", "u4", "u5"]).await;
    let t = s.admin().await;
    let all = || async {
        let r = s
            .post_json(
                "/manager/get_all_users_uid",
                &t,
                json!({"operationID": "o"}),
            )
            .await;
        ids(&r.json()["data"])[4..].to_vec()
    };
    assert_eq!(all().await, ["u1", "u2", "u3", "u4", "u5"]);
    let r = s
        .post_json(
            "/manager/delete_user",
            &t,
            json!({"operationID": "o", "deleteUserIDList": ["u2", "u4", "ghost"]}),
        )
        .await;
    assert_eq!(r.json()["data"], json!(["ghost"]));
    assert_eq!(all().await, ["u1", "u3", "u5"]);
    // Replacing keeps the place; a deleted ID comes back at the end.
    s.add_users(&["u3", "u2"]).await;
    assert_eq!(all().await, ["u1", "u3", "u5", "u2"]);
    let r = s
        .post_json(
            "/manager/account_check",
            &t,
            json!({"operationID": "o", "checkUserIDList": ["u4", "u2", "u5"]}),
        )
        .await;
    assert_eq!(
        r.json()["data"],
        json!([
            {"userID": "u4", "accountStatus": "unregistered"},
            {"userID": "u2", "accountStatus": "registered"},
            {"userID": "u5", "accountStatus": "registered"}
        ])
    );
}

#[tokio::test]
async fn member_order_survives_kicks_and_reinvites() {
    let s = bare();
    s.add_users(&["owner", "m1", "m2", "m3"]).await;
    let t = s.admin().await;
    let r = s
        .post_json(
            "/group/create_group",
            &t,
            json!({"operationID": "o", "ownerUserID": "owner",
                   "memberList": [{"userID": "m1", "roleLevel": 1}, {"userID": "m2", "roleLevel": 1}, {"userID": "m3", "roleLevel": 1}]}),
        )
        .await;
    let gid = r.json()["data"]["groupID"].as_str().unwrap().to_string();
    let members = || async {
        let st = s.state().await;
        st["members"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| m["groupID"] == gid.as_str())
            .map(|m| m["userID"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(members().await, ["owner", "m1", "m2", "m3"]);
    s.post_json(
        "/group/kick_group",
        &t,
        json!({"operationID": "o", "groupID": gid, "kickedUserIDList": ["m2"]}),
    )
    .await;
    assert_eq!(members().await, ["owner", "m1", "m3"]);
    s.post_json(
        "/group/invite_user_to_group",
        &t,
        json!({"operationID": "o", "groupID": gid, "invitedUserIDList": ["m2"]}),
    )
    .await;
    assert_eq!(members().await, ["owner", "m1", "m3", "m2"]);
    let st = s.state().await;
    let group = st["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["groupID"] == gid.as_str())
        .unwrap()
        .clone();
    assert_eq!(group["memberCount"], 4);
    assert_eq!(group["ownerUserID"], "owner");
}

#[tokio::test]
async fn friendships_keep_their_order_and_refuse_duplicates() {
    let s = bare();
    s.add_users(&["a", "b", "c"]).await;
    let t = s.admin().await;
    for friends in [vec!["b", "c"], vec!["b"]] {
        s.post_json(
            "/friend/import_friend",
            &t,
            json!({"operationID": "o", "fromUserID": "a", "friendUserIDList": friends}),
        )
        .await;
    }
    let expected: Vec<(String, String)> = [("a", "b"), ("b", "a"), ("a", "c"), ("c", "a")]
        .iter()
        .map(|(x, y)| (x.to_string(), y.to_string()))
        .collect();
    assert_eq!(friend_pairs(&s.state().await), expected);
}
