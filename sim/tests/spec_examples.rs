//! Every request example of the API document, sent as written after the
//! state it needs has been arranged, answers with the documented shape.

mod common;
use common::*;
use serde_json::{json, Value};

const DOC_GROUP: &str = "f69e9aae6edb2c86b3380b7b0125e579";

async fn send_example(name: &str, path: &str) -> (Server, Value) {
    let s = bare();
    let token = s.admin().await;
    let r = s
        .post(path, Some(&token), &fixture(&format!("{name}.request")))
        .await;
    assert_eq!(r.status, 200, "{name}: {}", r.text());
    let body = r.json();
    assert_same_shape(&body, &fixture_json(&format!("{name}.response")));
    assert_eq!(body["errCode"], 0, "{name}: {body}");
    (s, body)
}

#[tokio::test]
async fn user_token_example() {
    let s = bare();
    let r = s
        .post("/auth/user_token", None, &fixture("user_token.request"))
        .await;
    assert_eq!(r.status, 200);
    let body = r.json();
    assert_same_shape(&body, &fixture_json("user_token.response"));
    assert_eq!(body["errCode"], 0);
    assert_eq!(body["data"]["userID"], ADMIN);
    // The token works on an admin route.
    let token = body["data"]["token"].as_str().unwrap();
    let r = s
        .post(
            "/manager/get_all_users_uid",
            Some(token),
            r#"{"operationID":"x"}"#,
        )
        .await;
    assert_eq!(r.json()["errCode"], 0);
}

#[tokio::test]
async fn create_group_example() {
    let s = bare();
    s.add_users(&["19828950910", "18666662412"]).await;
    let r = s.example("/group/create_group", "create_group").await;
    let body = r.json();
    assert_same_shape(&body, &fixture_json("create_group.response"));
    let data = &body["data"];
    assert!(is_hex32(data["groupID"].as_str().unwrap()));
    assert_eq!(data["groupName"], "test group name");
    assert_eq!(data["memberCount"], 2);
    assert_eq!(data["ownerUserID"], "19828950910");
    assert_eq!(data["creatorUserID"], ADMIN);
}

#[tokio::test]
async fn invite_user_to_group_example() {
    let s = bare();
    s.add_users(&["19828950910", "18349115126"]).await;
    s.add_group(json!({"groupID": DOC_GROUP, "groupName": "g", "ownerUserID": "19828950910"}))
        .await;
    let r = s
        .example("/group/invite_user_to_group", "invite_user_to_group")
        .await;
    assert_eq!(r.json(), fixture_json("invite_user_to_group.response"));
}

#[tokio::test]
async fn kick_group_example() {
    let s = bare();
    s.add_users(&["19828950910", "18666662412"]).await;
    s.add_group(json!({
        "groupID": DOC_GROUP,
        "ownerUserID": "19828950910",
        "members": [{"userID": "18666662412", "roleLevel": 1}],
    }))
    .await;
    let r = s.example("/group/kick_group", "kick_group").await;
    assert_eq!(r.json(), fixture_json("kick_group.response"));
}

#[tokio::test]
async fn import_friend_example() {
    let s = bare();
    s.add_users(&["f732156059eeb5d0", "21979710c3fe454d"]).await;
    let r = s.example("/friend/import_friend", "import_friend").await;
    let body = r.json();
    assert_same_shape(&body, &fixture_json("import_friend.response"));
    assert_eq!(
        body["data"],
        json!([{"userID": "21979710c3fe454d", "result": 0}, {"userID": "3434344", "result": -1}])
    );
}

#[tokio::test]
async fn add_black_example() {
    let s = bare();
    let r = s.example("/friend/add_black", "add_black").await;
    assert_eq!(r.json(), fixture_json("add_black.response"));
}

#[tokio::test]
async fn update_user_info_example() {
    let s = bare();
    s.add_users(&["21979710c3fe454d"]).await;
    let r = s
        .example("/user/update_user_info", "update_user_info")
        .await;
    assert_eq!(r.json(), fixture_json("update_user_info.response"));
    let state = s.state().await;
    let user = state["users"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["userID"] == "21979710c3fe454d")
        .unwrap()
        .clone();
    assert_eq!(user["nickname"], "sssssssssskkkkk");
    assert_eq!(user["gender"], 1);
    assert_eq!(user["birth"], 167762763);
}

#[tokio::test]
async fn delete_user_example() {
    // All three exist: nothing fails, data is [].
    let s = bare();
    s.add_users(&["123", "343", "456"]).await;
    let r = s.example("/manager/delete_user", "delete_user").await;
    r.assert(200, r#"{"errCode":0,"errMsg":"","data":[]}"#);
    // One missing: data lists it, in the documented shape.
    let s = bare();
    s.add_users(&["123", "343"]).await;
    let r = s.example("/manager/delete_user", "delete_user").await;
    assert_same_shape(&r.json(), &fixture_json("delete_user.response"));
    r.assert(
        200,
        r#"{"errCode":201,"errMsg":"some uid deleted failed","data":["456"]}"#,
    );
}

#[tokio::test]
async fn get_all_users_uid_example() {
    let (_, body) = send_example("get_all_users_uid", "/manager/get_all_users_uid").await;
    assert_eq!(
        body["data"],
        json!(["openIM123456", "openIM654321", "openIM333", "openIMAdmin"])
    );
}

#[tokio::test]
async fn get_users_info_example() {
    let s = bare();
    s.control(
        "/_sim/users",
        json!([
            {"userID": "123", "nickname": "Gordon", "faceURL": "ic_avatar_05"},
            {"userID": "3434", "nickname": "OpenIM-sk", "faceURL": "ic_avatar_04"},
        ]),
    )
    .await;
    let r = s.example("/user/get_users_info", "get_users_info").await;
    assert_same_shape(&r.json(), &fixture_json("get_users_info.response"));
    r.assert(
        200,
        r#"{"errCode":0,"errMsg":"","data":[{"faceURL":"ic_avatar_05","nickname":"Gordon","userID":"123"},{"faceURL":"ic_avatar_04","nickname":"OpenIM-sk","userID":"3434"}]}"#,
    );
}

#[tokio::test]
async fn get_users_online_status_example() {
    let s = bare();
    s.set_online("17396220460", &[4, 5]).await;
    let r = s
        .example(
            "/manager/get_users_online_status",
            "get_users_online_status",
        )
        .await;
    assert_eq!(r.json(), fixture_json("get_users_online_status.response"));
}

#[tokio::test]
async fn account_check_example() {
    let s = bare();
    s.add_users(&["18349115126", "17396220460"]).await;
    let r = s.example("/manager/account_check", "account_check").await;
    assert_eq!(r.json(), fixture_json("account_check.response"));
}

async fn check_send(name: &str) -> (Server, Value) {
    let (s, body) = send_example(name, "/manager/send_msg").await;
    let data = &body["data"];
    assert!(is_hex32(data["serverMsgID"].as_str().unwrap()), "{body}");
    assert!(is_hex32(data["clientMsgID"].as_str().unwrap()), "{body}");
    let sent = data["sendTime"].as_i64().unwrap();
    assert!(
        (sent - now_millis()).abs() < 10_000,
        "sendTime is in ms: {sent}"
    );
    (s, body)
}

#[tokio::test]
async fn send_msg_text_example() {
    let (s, body) = check_send("send_msg_text").await;
    let state = s.state().await;
    let msg = &state["messages"][0];
    assert_eq!(msg["clientMsgID"], body["data"]["clientMsgID"]);
    assert_eq!(msg["content"], "nihao");
    assert_eq!(msg["isOnlineOnly"], true);
}

#[tokio::test]
async fn send_msg_oa_notification_example() {
    let (s, _) = check_send("send_msg_oa_notification").await;
    let msg = &s.state().await["messages"][0];
    assert_eq!(msg["sessionType"], 4);
    assert_eq!(msg["contentType"], 1400);
}

#[tokio::test]
async fn send_msg_revoke_single_example() {
    let (s, _) = check_send("send_msg_revoke_single").await;
    let msg = &s.state().await["messages"][0];
    assert_eq!(msg["content"], "8aadc098d05bab86a142727fd8a2ce9d");
    assert_eq!(msg["recvID"], "13944444444");
}

#[tokio::test]
async fn send_msg_revoke_group_example() {
    let (s, _) = check_send("send_msg_revoke_group").await;
    let msg = &s.state().await["messages"][0];
    assert_eq!(msg["groupID"], "413dcd143622d1a91a8afd4987cff651");
    assert_eq!(msg["sessionType"], 2);
}

/// With the default demo data every example succeeds without any setup.
#[tokio::test]
async fn examples_succeed_against_the_demo_data() {
    let s = with(openim_sim::Config {
        quiet: true,
        ..openim_sim::Config::default()
    });
    let token = s.admin().await;
    for (name, path, exact) in [
        ("account_check", "/manager/account_check", true),
        (
            "get_users_online_status",
            "/manager/get_users_online_status",
            true,
        ),
        ("invite_user_to_group", "/group/invite_user_to_group", true),
        ("kick_group", "/group/kick_group", true),
        ("add_black", "/friend/add_black", true),
        ("update_user_info", "/user/update_user_info", true),
        ("import_friend", "/friend/import_friend", false),
        ("create_group", "/group/create_group", false),
        ("send_msg_oa_notification", "/manager/send_msg", false),
    ] {
        let r = s
            .post(path, Some(&token), &fixture(&format!("{name}.request")))
            .await;
        let body = r.json();
        assert_same_shape(&body, &fixture_json(&format!("{name}.response")));
        assert_eq!(body["errCode"], 0, "{name}: {body}");
        if exact {
            assert_eq!(body, fixture_json(&format!("{name}.response")), "{name}");
        }
    }
}
