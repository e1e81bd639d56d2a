//! Admin versus ordinary tokens, route by route (docs/api.md#admins, docs/api.md#permissions).

mod common;
use common::*;
use serde_json::json;

/// A server with users `alice` (ordinary) and `bob`, and alice's token.
async fn setup() -> (Server, String, String) {
    let s = bare();
    s.add_users(&["alice", "bob", "carol"]).await;
    let alice = s.login("alice").await;
    let admin = s.admin().await;
    (s, alice, admin)
}

#[tokio::test]
async fn get_all_users_uid_needs_an_admin() {
    let (s, alice, _) = setup().await;
    s.post_json(
        "/manager/get_all_users_uid",
        &alice,
        json!({"operationID": "o"}),
    )
    .await
    .assert(200, r#"{"errCode":801,"errMsg":"no permission","data":[]}"#);
}

#[tokio::test]
async fn account_check_needs_an_admin() {
    let (s, alice, _) = setup().await;
    s.post_json(
        "/manager/account_check",
        &alice,
        json!({"operationID": "o", "checkUserIDList": ["bob"]}),
    )
    .await
    .assert(200, r#"{"errCode":801,"errMsg":"no permission","data":[]}"#);
}

#[tokio::test]
async fn delete_user_by_non_admin_fails_every_id() {
    let (s, alice, _) = setup().await;
    s.post_json(
        "/manager/delete_user",
        &alice,
        json!({"operationID": "o", "deleteUserIDList": ["bob", "ghost"]}),
    )
    .await
    .assert(
        200,
        r#"{"errCode":801,"errMsg":"no permission","data":["bob","ghost"]}"#,
    );
    assert_eq!(s.state().await["users"].as_array().unwrap().len(), 7);
}

#[tokio::test]
async fn manager_online_status_shows_everyone_offline_to_non_admins() {
    let (s, alice, admin) = setup().await;
    s.set_online("bob", &[2]).await;
    let body = json!({"operationID": "o", "userIDList": ["bob"]});
    s.post_json("/manager/get_users_online_status", &alice, body.clone())
        .await
        .assert(
            200,
            r#"{"errCode":0,"errMsg":"","data":[{"userID":"bob","status":"offline"}]}"#,
        );
    let online = r#"{"errCode":0,"errMsg":"","data":[{"userID":"bob","status":"online","detailPlatformStatus":[{"platform":"Android","status":"online"}]}]}"#;
    s.post_json("/manager/get_users_online_status", &admin, body.clone())
        .await
        .assert(200, online);
    // The /user route acts as the first admin, so any token sees the truth.
    s.post_json("/user/get_users_online_status", &alice, body)
        .await
        .assert(200, online);
}

#[tokio::test]
async fn get_users_info_needs_only_a_valid_token() {
    let (s, alice, _) = setup().await;
    s.post_json(
        "/user/get_users_info",
        &alice,
        json!({"operationID": "o", "userIDList": ["bob"]}),
    )
    .await
    .assert(
        200,
        r#"{"errCode":0,"errMsg":"","data":[{"nickname":"nick-bob","userID":"bob"}]}"#,
    );
}

#[tokio::test]
async fn update_user_info_is_admin_or_self() {
    let (s, alice, _) = setup().await;
    s.post_json(
        "/user/update_user_info",
        &alice,
        json!({"operationID": "o", "userID": "bob", "nickname": "x"}),
    )
    .await
    .assert(200, r#"{"errCode":801,"errMsg":"no permission"}"#);
    s.post_json(
        "/user/update_user_info",
        &alice,
        json!({"operationID": "o", "userID": "alice", "nickname": "Alice"}),
    )
    .await
    .assert(200, r#"{"errCode":0,"errMsg":""}"#);
}

#[tokio::test]
async fn import_friend_is_admin_only_even_for_oneself() {
    let (s, alice, _) = setup().await;
    s.post_json(
        "/friend/import_friend",
        &alice,
        json!({"operationID": "o", "fromUserID": "alice", "friendUserIDList": ["bob"]}),
    )
    .await
    .assert(200, r#"{"errCode":801,"errMsg":"no permission","data":[]}"#);
    assert!(s.state().await["friends"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn add_black_is_admin_or_self() {
    let (s, alice, _) = setup().await;
    s.post_json(
        "/friend/add_black",
        &alice,
        json!({"operationID": "o", "fromUserID": "bob", "toUserID": "carol"}),
    )
    .await
    .assert(200, r#"{"errCode":801,"errMsg":"no permission"}"#);
    s.post_json(
        "/friend/add_black",
        &alice,
        json!({"operationID": "o", "fromUserID": "alice", "toUserID": "carol"}),
    )
    .await
    .assert(200, r#"{"errCode":0,"errMsg":""}"#);
}

#[tokio::test]
async fn create_group_is_admin_or_the_owner() {
    let (s, alice, _) = setup().await;
    s.post_json(
        "/group/create_group",
        &alice,
        json!({"operationID": "o", "ownerUserID": "bob", "memberList": []}),
    )
    .await
    .assert(
        200,
        r#"{"errCode":801,"errMsg":"no permission","data":null}"#,
    );
    let r = s
        .post_json(
            "/group/create_group",
            &alice,
            json!({"operationID": "o", "ownerUserID": "alice", "memberList": []}),
        )
        .await;
    let body = r.json();
    assert_eq!(body["errCode"], 0);
    assert_eq!(body["data"]["creatorUserID"], "alice");
    assert_eq!(body["data"]["memberCount"], 1);
}

#[tokio::test]
async fn invite_is_admin_or_any_member() {
    let (s, alice, _) = setup().await;
    let gid = s.add_group(json!({"ownerUserID": "bob"})).await;
    let body = json!({"operationID": "o", "groupID": gid, "invitedUserIDList": ["carol"]});
    s.post_json("/group/invite_user_to_group", &alice, body.clone())
        .await
        .assert(
            200,
            r#"{"errCode":801,"errMsg":"no permission","data":null}"#,
        );
    // An ordinary member may invite.
    s.add_group(json!({"groupID": gid, "members": [{"userID": "alice", "roleLevel": 1}]}))
        .await;
    s.post_json("/group/invite_user_to_group", &alice, body)
        .await
        .assert(
            200,
            r#"{"errCode":0,"errMsg":"","data":[{"userID":"carol","result":0}]}"#,
        );
}

#[tokio::test]
async fn kick_is_owner_group_admin_or_app_manager() {
    let (s, alice, admin) = setup().await;
    let gid = s
        .add_group(json!({"ownerUserID": "bob", "members": [{"userID": "alice", "roleLevel": 1}, {"userID": "carol", "roleLevel": 1}]}))
        .await;
    let body = json!({"operationID": "o", "groupID": gid, "kickedUserIDList": ["carol"]});
    s.post_json("/group/kick_group", &alice, body.clone())
        .await
        .assert(200, r#"{"errCode":801,"errMsg":"no permission","data":[]}"#);
    // A group admin (role 3) may kick.
    s.add_group(json!({"groupID": gid, "members": [{"userID": "dave", "roleLevel": 3}]}))
        .await;
    s.add_users(&["dave"]).await;
    let dave = s.login("dave").await;
    s.post_json("/group/kick_group", &dave, body.clone())
        .await
        .assert(
            200,
            r#"{"errCode":0,"errMsg":"","data":[{"userID":"carol","result":0}]}"#,
        );
    s.post_json("/group/kick_group", &admin, body).await.assert(
        200,
        r#"{"errCode":0,"errMsg":"","data":[{"userID":"carol","result":0}]}"#,
    );
}

#[tokio::test]
async fn send_msg_needs_an_admin() {
    let (s, alice, _) = setup().await;
    s.post_json(
        "/manager/send_msg",
        &alice,
        json!({"operationID": "o", "sendID": "alice", "recvID": "bob", "content": {"text": "hi"}, "contentType": 101, "sessionType": 1}),
    )
    .await
    .assert(400, r#"{"MsgID":"","errCode":400,"errMsg":"not authorized","sendTime":0}"#);
}

#[tokio::test]
async fn admin_list_is_configurable() {
    let s = with(openim_sim::Config {
        users: 0,
        admins: vec!["root".into()],
        control: true,
        quiet: true,
        ..openim_sim::Config::default()
    });
    let root = s.login("root").await;
    let r = s
        .post_json(
            "/manager/get_all_users_uid",
            &root,
            json!({"operationID": "o"}),
        )
        .await;
    r.assert(200, r#"{"errCode":0,"errMsg":"","data":["root"]}"#);
    let info = s
        .post_json(
            "/user/get_users_info",
            &root,
            json!({"operationID": "o", "userIDList": ["root"]}),
        )
        .await;
    info.assert(
        200,
        r#"{"errCode":0,"errMsg":"","data":[{"nickname":"AppManager1","userID":"root"}]}"#,
    );
    // The default admins do not exist here.
    assert_eq!(s.login_on(ADMIN, 1).await.json()["errCode"], 802);
}
