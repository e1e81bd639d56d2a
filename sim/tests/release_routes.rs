//! The routes later releases add, and the contract changes of the old ones
//! (docs/releases.md#parse-token, docs/releases.md#force-logout,
//! docs/releases.md#batch-send-msg, docs/releases.md#check-msg-is-send-success,
//! docs/releases.md#get-users, docs/releases.md#release-create-group,
//! docs/releases.md#release-limits).

mod common;
use common::*;
use openim_sim::Release;
use serde_json::{json, Value};

use Release::{V2_0_10, V2_0_8, V2_1_0, V2_2_0, V2_3_2, V2_3_3};

#[tokio::test]
async fn parse_token_failures_change_in_2_3() {
    let body = r#"{"operationID":"p1"}"#;
    let old = playing(V2_0_10)
        .post("/auth/parse_token", Some("t"), body)
        .await;
    let msg = "p1 GetUserIDFromTokenExpireTime failed that's not even a token token:t";
    old.assert(500, &json!({"errCode": 500, "errMsg": msg}).to_string());
    let new = playing(V2_3_3)
        .post("/auth/parse_token", Some("t"), body)
        .await;
    let msg = "p1 GetUserIDFromTokenExpireTime failed that's not even a token";
    new.assert(200, &json!({"errCode": 1001, "errMsg": msg}).to_string());
}

async fn user_token_works(s: &Server, token: &str) -> bool {
    let body = r#"{"operationID":"o","userIDList":["u1"]}"#;
    let r = s.post("/user/get_users_info", Some(token), body).await;
    r.status == 200
}

#[tokio::test]
async fn force_logout_revokes_the_token_from_2_2_0() {
    for (release, revoked) in [(V2_1_0, false), (V2_2_0, true), (V2_3_3, true)] {
        let s = playing(release);
        s.add_users(&["u1"]).await;
        s.set_online("u1", &[1, 5]).await;
        let user = s.login("u1").await;
        let admin = s.admin().await;
        let body = json!({"operationID": "fl", "platform": 1, "fromUserID": "u1"});
        s.post_json("/auth/force_logout", &user, body.clone())
            .await
            .assert(
                200,
                r#"{"errCode":801,"errMsg":"fl IsManagerUserID false u1"}"#,
            );
        s.post_json("/auth/force_logout", &admin, body)
            .await
            .assert(200, r#"{"errCode":0,"errMsg":""}"#);
        assert_eq!(user_token_works(&s, &user).await, !revoked, "{release}");
        let online = &s.state().await["online"][0]["platformIDs"];
        let expected = if revoked { json!([5]) } else { json!([1, 5]) };
        assert_eq!(online, &expected, "{release}");
        if revoked {
            let r = s
                .post(
                    "/user/get_users_info",
                    Some(&user),
                    r#"{"operationID":"k","userIDList":["u1"]}"#,
                )
                .await;
            r.assert(400, &refused("k", "user has been kicked", &user));
            let again = s.login("u1").await;
            assert!(user_token_works(&s, &again).await, "not a ban");
        }
    }
}

#[tokio::test]
async fn force_logout_binds_platforms_up_to_8_then_9() {
    let body = r#"{"operationID":"fl","platform":9,"fromUserID":"u1"}"#;
    let old = playing(V2_2_0).post("/auth/force_logout", None, body).await;
    let line = "Key: 'ForceLogoutReq.Platform' Error:Field validation for 'Platform' failed on the 'max' tag";
    old.assert(400, &json!({"errCode": 400, "errMsg": line}).to_string());
    let new = playing(V2_3_3).post("/auth/force_logout", None, body).await;
    assert_eq!(new.status, 500, "the bind passes; the token fails");
}

fn batch(recipients: &[&str], op: &str) -> Value {
    json!({"operationID": op, "sendID": ADMIN, "senderPlatformID": 5, "contentType": 101,
        "sessionType": 1, "content": {"text": "maintenance at 22:00"}, "recvIDList": recipients})
}

#[tokio::test]
async fn batch_send_stores_one_message_per_recipient() {
    for (release, path) in [
        (V2_1_0, "/manager/batch_send_msg"),
        (V2_2_0, "/msg/batch_send_msg"),
        (V2_3_3, "/msg/batch_send_msg"),
    ] {
        let s = playing(release);
        s.add_users(&["u1", "u2", "u3"]).await;
        let admin = s.admin().await;
        let black = json!({"operationID": "b", "fromUserID": "u2", "toUserID": ADMIN});
        s.post_json("/friend/add_black", &admin, black).await;
        let r = s
            .post_json(path, &admin, batch(&["u1", "u2", "u3"], "b1"))
            .await;
        assert_eq!(r.status, 200, "{release}: {}", r.text());
        let text = r.text();
        assert!(
            text.starts_with(r#"{"errCode":0,"errMsg":"","data":{"resultList":["#),
            "{text}"
        );
        assert!(text.ends_with(r#"],"FailedIDList":["u2"]}}"#), "{text}");
        let results = r.json()["data"]["resultList"].as_array().unwrap().clone();
        assert_eq!(results.len(), 2, "{release}");
        let messages = s.state().await["messages"].as_array().unwrap().clone();
        assert_eq!(messages.len(), 2, "{release}");
        for (item, (msg, recv)) in results.iter().zip(messages.iter().zip(["u1", "u3"])) {
            assert_eq!(item["serverMsgID"], msg["serverMsgID"]);
            assert_eq!(item["clientMsgID"], msg["clientMsgID"]);
            assert_eq!(item["sendTime"], msg["sendTime"]);
            assert_eq!(msg["recvID"], recv);
            assert_eq!(msg["content"], "maintenance at 22:00");
            assert_eq!(msg["deliveredTo"], json!([recv, ADMIN]));
            let keys: Vec<&String> = item.as_object().unwrap().keys().collect();
            if release.is_2_3() {
                assert_eq!(item["recvID"], recv);
                assert_eq!(keys.len(), 4);
            } else {
                assert_eq!(keys.len(), 3, "no recvID before 2.3");
            }
        }
        let same_client_id = results[0]["clientMsgID"] == results[1]["clientMsgID"];
        assert_eq!(same_client_id, release.is_2_3(), "{release}");

        let none = s.post_json(path, &admin, batch(&[], "b2")).await;
        none.assert(
            200,
            r#"{"errCode":0,"errMsg":"","data":{"resultList":null,"FailedIDList":[]}}"#,
        );
        let user = s.login("u1").await;
        s.post_json(path, &user, batch(&["u3"], "b3")).await.assert(
            400,
            r#"{"MsgID":"","errCode":400,"errMsg":"not authorized","sendTime":0}"#,
        );
    }
}

#[tokio::test]
async fn batch_send_to_everyone_from_2_3_2() {
    let s = playing(V2_3_2);
    s.add_users(&["u1", "u2"]).await;
    let admin = s.admin().await;
    let mut body = batch(&[], "all");
    body["isSendAll"] = json!(true);
    let r = s.post_json("/msg/batch_send_msg", &admin, body).await;
    let users = s.state().await["users"].as_array().unwrap().len();
    assert_eq!(
        r.json()["data"]["resultList"].as_array().unwrap().len(),
        users
    );
}

async fn send_status(s: &Server, op: &str) -> String {
    let body = json!({"operationID": op}).to_string();
    s.post("/msg/check_msg_is_send_success", None, &body)
        .await
        .text()
}

#[tokio::test]
async fn the_send_status_is_kept_per_operation_id_in_2_3() {
    let s = playing(V2_3_3);
    s.add_users(&["u1", "u2"]).await;
    let admin = s.admin().await;
    let send = json!({"operationID": "s1", "sendID": ADMIN, "recvID": "u1",
        "content": {"text": "hi"}, "contentType": 101, "sessionType": 1});
    s.post_json("/msg/manage_send_msg", &admin, send).await;
    let black = json!({"operationID": "b", "fromUserID": "u2", "toUserID": ADMIN});
    s.post_json("/friend/add_black", &admin, black).await;
    s.post_json("/msg/batch_send_msg", &admin, batch(&["u1", "u2"], "s2"))
        .await;
    let status = |n: i64| format!(r#"{{"errCode":0,"errMsg":"","status":{n}}}"#);
    assert_eq!(send_status(&s, "s1").await, status(2));
    assert_eq!(send_status(&s, "s2").await, status(3));
    assert_eq!(send_status(&s, "never").await, status(0));
}

#[tokio::test]
async fn set_msg_min_seq_checks_the_target() {
    let s = playing(V2_3_3);
    s.add_users(&["u1"]).await;
    let (admin, user) = (s.admin().await, s.login("u1").await);
    let body = |uid: &str| json!({"operationID": "m", "userID": uid, "minSeq": 3});
    let ok = r#"{"errCode":0,"errMsg":""}"#;
    s.post_json("/msg/set_msg_min_seq", &user, body("u1"))
        .await
        .assert(200, ok);
    s.post_json("/msg/set_msg_min_seq", &user, body(ADMIN))
        .await
        .assert(200, ok);
    s.post_json("/msg/set_msg_min_seq", &admin, body("u1"))
        .await
        .assert(
            200,
            r#"{"errCode":801,"errMsg":"No permissionopenIM123456u1"}"#,
        );
}

#[tokio::test]
async fn get_users_pages_and_searches() {
    let s = playing(V2_3_3);
    s.control(
        "/_sim/users",
        json!([
            {"userID": "u2", "nickname": "bob", "phoneNumber": "+100", "appMangerLevel": 1},
            {"userID": "u3", "nickname": "Bobby"},
            {"userID": "bob", "nickname": "carol"},
        ]),
    )
    .await;
    let user = s.login("u3").await;
    let get = |body: Value| {
        let s = &s;
        let user = user.clone();
        async move { s.post_json("/user/get_users", &user, body).await.json() }
    };
    let page = |extra: Value| {
        let mut b = json!({"operationID": "g", "pageNumber": 1, "showNumber": 20});
        b.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        b
    };
    let ids = |v: &Value| -> Vec<String> {
        v["data"]["userList"]
            .as_array()
            .map(|l| {
                l.iter()
                    .map(|u| u["userID"].as_str().unwrap().to_string())
                    .collect()
            })
            .unwrap_or_default()
    };

    let one = s
        .post_json("/user/get_users", &user, page(json!({"userID": "u2"})))
        .await;
    let created = s.state().await["users"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["userID"] == "u2")
        .unwrap()["createTime"]
        .clone();
    one.assert(200, &format!(
        r#"{{"errCode":0,"errMsg":"","data":{{"userList":[{{"userID":"u2","nickname":"bob","faceURL":"","gender":0,"phoneNumber":"+100","birth":0,"email":"","ex":"","createIp":"","createTime":{created},"LastLoginIp":"","LastLoginTime":0,"appMangerLevel":1,"globalRecvMsgOpt":0,"isBlock":false}}],"totalNum":1,"currentPage":1,"showNumber":20}}}}"#
    ));
    let missing = get(page(json!({"userID": "nobody", "userName": "bob"}))).await;
    assert_eq!(
        (
            missing["data"]["userList"].clone(),
            missing["data"]["totalNum"].clone()
        ),
        (Value::Null, json!(0))
    );
    assert_eq!(
        ids(&get(page(json!({"userName": "bob", "content": "x"}))).await),
        ["u2", "u3"]
    );
    assert_eq!(
        ids(&get(page(json!({"content": "bob"}))).await),
        ["u2", "u3", "bob"]
    );

    let all = get(json!({"operationID": "g", "pageNumber": 2, "showNumber": 2})).await;
    let total = s.state().await["users"].as_array().unwrap().len();
    assert_eq!(all["data"]["totalNum"], json!(total));
    assert_eq!(all["data"]["currentPage"], json!(2));
    let every: Vec<String> = s.state().await["users"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["userID"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids(&all), every[2..4]);
    let named =
        get(json!({"operationID": "g", "pageNumber": 2, "showNumber": 1, "content": "bob"})).await;
    assert_eq!(
        (ids(&named), named["data"]["totalNum"].clone()),
        (vec!["u3".to_string()], json!(3))
    );
}

#[tokio::test]
async fn create_group_in_each_release() {
    // v2.0.8: owner and members required, 32-hex IDs.
    let s = playing(V2_0_8);
    let admin = s.admin().await;
    let r = s
        .post_json(
            "/group/create_group",
            &admin,
            json!({"operationID": "c", "groupID": "g1", "ownerUserID": ADMIN, "memberList": []}),
        )
        .await;
    let id = r.json()["data"]["groupID"].as_str().unwrap().to_string();
    assert!(
        id.len() == 32 && id.chars().all(|c| c.is_ascii_hexdigit()),
        "{id}"
    );

    // v2.0.10: the caller's groupID, no owner needed for an admin.
    let s = playing(V2_0_10);
    let admin = s.admin().await;
    let r = s
        .post_json(
            "/group/create_group",
            &admin,
            json!({"operationID": "c", "groupID": "g1", "groupName": "n"}),
        )
        .await;
    r.assert(
        200,
        &format!(r#"{{"errCode":0,"errMsg":"","data":{{"creatorUserID":"{ADMIN}","groupID":"g1","groupName":"n"}}}}"#),
    );
    let again = s
        .post_json(
            "/group/create_group",
            &admin,
            json!({"operationID": "c", "groupID": "g1"}),
        )
        .await;
    again.assert(200, r#"{"errCode":802,"errMsg":"db failed","data":null}"#);

    // v2.1.0: generated IDs are decimal.
    let s = playing(V2_1_0);
    let admin = s.admin().await;
    let r = s
        .post_json(
            "/group/create_group",
            &admin,
            json!({"operationID": "c", "ownerUserID": ADMIN}),
        )
        .await;
    let id = r.json()["data"]["groupID"].as_str().unwrap().to_string();
    assert!(id.parse::<u32>().is_ok(), "{id}");

    // v2.3: roles 1 or 3 only, at most 100 members.
    let s = playing(V2_3_3);
    let admin = s.admin().await;
    let owner_role = json!({"operationID": "c", "ownerUserID": ADMIN,
        "memberList": [{"userID": "a", "roleLevel": 1}, {"userID": "b", "roleLevel": 2}]});
    let line = "Key: 'CreateGroupReq.MemberList[1].RoleLevel' Error:Field validation for 'RoleLevel' failed on the 'oneof' tag";
    s.post_json("/group/create_group", &admin, owner_role)
        .await
        .assert(400, &json!({"errCode": 400, "errMsg": line}).to_string());
    let members: Vec<Value> = (0..101)
        .map(|i| json!({"userID": format!("m{i}"), "roleLevel": 1}))
        .collect();
    let big = json!({"operationID": "c9", "ownerUserID": ADMIN, "memberList": members});
    s.post_json("/group/create_group", &admin, big)
        .await
        .assert(200, r#"{"errCode":400,"errMsg":"c9 too many members 101"}"#);
}

#[tokio::test]
async fn invite_and_kick_take_at_most_100_ids_from_2_3() {
    let ids: Vec<String> = (0..101).map(|i| format!("m{i}")).collect();
    for (release, capped) in [(V2_2_0, false), (V2_3_3, true)] {
        let s = playing(release);
        let admin = s.admin().await;
        let gid = s
            .add_group(json!({"groupID": "g", "ownerUserID": ADMIN}))
            .await;
        for (path, key) in [
            ("/group/invite_user_to_group", "invitedUserIDList"),
            ("/group/kick_group", "kickedUserIDList"),
        ] {
            let body = json!({"operationID": "i9", "groupID": gid, key: ids});
            let r = s.post_json(path, &admin, body).await;
            if capped {
                r.assert(200, r#"{"errCode":400,"errMsg":"i9 too many members 101"}"#);
            } else {
                assert_eq!(r.json()["errCode"], 0, "{release} {path}");
            }
        }
    }
    let s = playing(V2_3_2);
    let admin = s.admin().await;
    let body = json!({"operationID": "i", "groupID": "g", "kickedUserIDList": ["a"]});
    s.post_json("/group/kick_group", &admin, body)
        .await
        .assert(500, "");
    s.post("/group/kick_group", Some(&admin), "{")
        .await
        .assert(400, r#"{"errCode":400,"errMsg":"unexpected EOF"}"#);
}

#[tokio::test]
async fn content_types_118_to_120_and_the_2_3_fields() {
    let send = |ct: i64, extra: Value| {
        let mut b = json!({"operationID": "s", "sendID": ADMIN, "recvID": ADMIN,
            "content": {"data": "d"}, "contentType": ct, "sessionType": 1});
        b.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        b
    };
    for ct in [118, 119, 120] {
        let old = playing(V2_3_2);
        let admin = old.admin().await;
        old.post_json("/msg/manage_send_msg", &admin, send(ct, json!({})))
            .await
            .assert(400, r#"{"errCode":404,"errMsg":"contentType err"}"#);
        let new = playing(V2_3_3);
        let admin = new.admin().await;
        let r = new
            .post_json("/msg/manage_send_msg", &admin, send(ct, json!({})))
            .await;
        assert_eq!(r.json()["errCode"], 0, "{ct}: {}", r.text());
        assert_eq!(
            new.state().await["messages"][0]["content"],
            r#"{"data":"d"}"#
        );
    }
    let s = playing(V2_3_3);
    let admin = s.admin().await;
    let extra = json!({"notOfflinePush": true, "businessOperationID": "biz", "isOnlineOnly": true});
    s.post_json("/msg/manage_send_msg", &admin, send(110, extra))
        .await;
    let msg = &s.state().await["messages"][0];
    assert_eq!(msg["businessOperationID"], "biz");
    assert_eq!(msg["notOfflinePush"], true);
    assert_eq!(
        msg["options"],
        json!({"conversationUpdate": false, "history": false, "offlinePush": false, "persistent": false, "senderSync": false})
    );
    let s = playing(V2_2_0);
    let admin = s.admin().await;
    let extra = json!({"notOfflinePush": "not a bool", "isOnlineOnly": true});
    let r = s
        .post_json("/msg/manage_send_msg", &admin, send(110, extra))
        .await;
    assert_eq!(
        r.json()["errCode"],
        0,
        "an unknown key before 2.3: {}",
        r.text()
    );
    let msg = &s.state().await["messages"][0];
    assert!(msg.get("notOfflinePush").is_none());
    assert_eq!(
        msg["options"],
        json!({"history": false, "offlinePush": false, "persistent": false, "senderSync": false})
    );
}

#[tokio::test]
async fn from_2_3_3_an_app_manager_may_kick_the_owner_and_admins_not_each_other() {
    for (release, owner_kicked) in [(V2_2_0, -1), (V2_3_3, 0)] {
        let s = playing(release);
        s.add_users(&["own", "adm1", "adm2", "m"]).await;
        let group = json!({"groupID": "g", "ownerUserID": "own", "members": [
            {"userID": "adm1", "roleLevel": 3}, {"userID": "adm2", "roleLevel": 3}, {"userID": "m"}]});
        s.add_group(group).await;
        let adm1 = s.login("adm1").await;
        let body = json!({"operationID": "k", "groupID": "g", "kickedUserIDList": ["adm2", "m"]});
        let r = s.post_json("/group/kick_group", &adm1, body).await;
        let adm2_kicked = if release == V2_3_3 { -1 } else { 0 };
        r.assert(200, &format!(
            r#"{{"errCode":0,"errMsg":"","data":[{{"userID":"adm2","result":{adm2_kicked}}},{{"userID":"m","result":0}}]}}"#
        ));
        let admin = s.admin().await;
        let body = json!({"operationID": "k", "groupID": "g", "kickedUserIDList": ["own"]});
        let r = s.post_json("/group/kick_group", &admin, body).await;
        r.assert(
            200,
            &format!(
                r#"{{"errCode":0,"errMsg":"","data":[{{"userID":"own","result":{owner_kicked}}}]}}"#
            ),
        );
    }
}
