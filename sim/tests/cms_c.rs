//! The CMS API of generation C (v2.3.2, v2.3.3) per docs/cms.md: POST
//! camelCase JSON, `gin.H` envelopes (keys sorted, so `data` first), the
//! probes, login, groups, members, blocks, chat logs, friends and the traps
//! T2, T12, T13, T14, T15, T17, T18, T19.

mod common;
use common::*;
use openim_sim::Release;
use serde_json::{json, Value};

/// The common world plus a dismissed group and an ownerless one.
async fn world(release: Release) -> (Server, Server, String) {
    let groups = [
        json!({"groupID": "gone", "groupName": "g-gone", "ownerUserID": "u1", "status": 2, "createTime": MAY1}),
        json!({"groupID": "nobody", "groupName": "g-nobody", "createTime": MAY1}),
    ];
    cms_world(release, &groups).await
}

/// A paged body, page 1 of 20, with `extra` set.
fn page(extra: Value) -> Value {
    merged(
        json!({"operationID": "t", "pageNumber": 1, "showNumber": 20}),
        extra,
    )
}

#[tokio::test]
async fn probes_and_token_check() {
    let (_main, cms, _) = world(Release::V2_3_3).await;
    // P1: no GET route; P2: the token check answers.
    cms.cms_get("/cms/group/get_groups", None)
        .await
        .assert(404, "404 page not found");
    let r = cms.post("/cms/group/get_groups", None, "{}").await;
    assert_eq!(r.status, 200);
    let v = r.json();
    assert_eq!(v["errCode"], 400);
    assert!(v.get("data").is_none());
    let msg = v["errMsg"].as_str().unwrap();
    assert!(
        msg.starts_with("==> Open_IM/pkg/common/token_verify.ParseToken()"),
        "{msg}"
    );
    assert!(msg.ends_with("that's not even a token"), "{msg}");
    assert!(r.text().contains("==\\u003e"), "Go escapes >");
    // P3: no /api.
    cms.cms_get("/api/group/get_groups", None)
        .await
        .assert(404, "404 page not found");
    // P4: the validator's text.
    let r = cms.post("/cms/admin/login", None, "{}").await;
    r.assert(
        400,
        r#"{"errCode":400,"errMsg":"Key: 'AdminLoginRequest.AdminName' Error:Field validation for 'AdminName' failed on the 'required' tag\nKey: 'AdminLoginRequest.Secret' Error:Field validation for 'Secret' failed on the 'required' tag\nKey: 'AdminLoginRequest.OperationID' Error:Field validation for 'OperationID' failed on the 'required' tag"}"#,
    );
}

#[tokio::test]
async fn login_answers_with_the_admin_profile() {
    for release in [Release::V2_3_2, Release::V2_3_3] {
        let (main, cms, _) = world(release).await;
        let body = json!({"adminID": "openIM123456", "secret": "openIM1", "operationID": "l"});
        let r = cms.cms_post("/cms/admin/login", None, body).await;
        let v = r.json();
        let token = v["data"]["token"].as_str().unwrap().to_string();
        r.assert(
            200,
            &format!(r#"{{"data":{{"token":"{token}","userName":"AppManager1","faceURL":""}},"errCode":0,"errMsg":""}}"#),
        );
        // A CMS token is good on the main API, and the other way round.
        let r = main.users_info(&token, "u1").await;
        assert_eq!(r.json()["errCode"], 0);
        let body = json!({"adminID": "openIM123456", "secret": "openIM2", "operationID": "l"});
        let r = cms.cms_post("/cms/admin/login", None, body).await;
        r.assert(
            200,
            r#"{"data":{"token":"","userName":"","faceURL":""},"errCode":705,"errMsg":"that's not even a token"}"#,
        );
        // Without the admin's user row: 705, but the token is there.
        let (_main2, cms2, shared) = cms_bare(release);
        shared.lock().unwrap().state.delete_user("openIMAdmin");
        let body = json!({"adminID": "openIMAdmin", "secret": "openIMAdmin", "operationID": "l"});
        let v = cms2.cms_post("/cms/admin/login", None, body).await.json();
        let msg = if release == Release::V2_3_2 {
            "that's not even a token"
        } else {
            "record not found"
        };
        assert_eq!(
            (v["errCode"].as_i64(), v["errMsg"].as_str()),
            (Some(705), Some(msg))
        );
        assert!(!v["data"]["token"].as_str().unwrap().is_empty());
        assert_eq!(v["data"]["userName"], "");
    }
}

#[tokio::test]
async fn get_groups_on_2_3_3() {
    let (_main, cms, token) = world(Release::V2_3_3).await;
    let admin = cms.signed(&token);
    let r = admin.post("/cms/group/get_groups", page(json!({}))).await;
    r.assert(
        200,
        &format!(
            r#"{{"data":{{"groups":[{}],"groupNums":2,"currentPage":1,"showNumber":20}},"errCode":0,"errMsg":""}}"#,
            r#"{"GroupOwnerName":"Bob","GroupOwnerID":"u2","groupID":"a1b2","groupName":"g1","notification":"","introduction":"","faceURL":"","ownerUserID":"","createTime":1651370400,"memberCount":2,"ex":"","status":0,"creatorUserID":"u2","groupType":0,"needVerification":0,"lookMemberInfo":0,"applyMemberFriend":0,"notificationUpdateTime":0,"notificationUserID":""}"#
        ),
    );
    // By ID: createTime filled; an unknown ID is an empty list, errCode 0.
    let r = admin
        .post("/cms/group/get_groups", page(json!({"groupID": "a1b2"})))
        .await;
    let v = r.json();
    assert_eq!(
        (
            v["data"]["groups"][0]["createTime"].as_i64(),
            v["data"]["groupNums"].as_i64()
        ),
        (Some(MAY1), Some(1))
    );
    let r = admin
        .post("/cms/group/get_groups", page(json!({"groupID": "zz"})))
        .await;
    r.assert(200, r#"{"data":{"groups":null,"groupNums":0,"currentPage":1,"showNumber":20},"errCode":0,"errMsg":""}"#);
    // groupID wins over groupName; the name is "contains".
    let r = admin
        .post(
            "/cms/group/get_groups",
            page(json!({"groupName": "G-", "groupID": ""})),
        )
        .await;
    assert_eq!(
        r.json()["data"]["groupNums"],
        1,
        "g-nobody (g-gone is dismissed)"
    );
    assert_eq!(
        r.json()["data"]["groups"],
        Value::Null,
        "ownerless: skipped"
    );
    // Bind errors: 400, the validator's text.
    let r = admin
        .post("/cms/group/get_groups", json!({"operationID": "t"}))
        .await;
    r.assert(
        400,
        r#"{"errCode":400,"errMsg":"Key: 'GetGroupsRequest.RequestPagination.PageNumber' Error:Field validation for 'PageNumber' failed on the 'required' tag\nKey: 'GetGroupsRequest.RequestPagination.ShowNumber' Error:Field validation for 'ShowNumber' failed on the 'required' tag"}"#,
    );
}

/// Trap T18: v2.3.2 counts dismissed groups and gives a looked-up group
/// createTime 0.
#[tokio::test]
async fn get_groups_on_2_3_2() {
    let (_main, cms, token) = world(Release::V2_3_2).await;
    let admin = cms.signed(&token);
    let r = admin.post("/cms/group/get_groups", page(json!({}))).await;
    let v = r.json();
    assert_eq!(v["data"]["groupNums"], 3);
    assert_eq!(v["data"]["groups"].as_array().unwrap().len(), 1);
    let r = admin
        .post("/cms/group/get_groups", page(json!({"groupID": "a1b2"})))
        .await;
    assert_eq!(r.json()["data"]["groups"][0]["createTime"], 0);
}

#[tokio::test]
async fn group_members_bind_by_go_names() {
    let (_main, cms, token) = world(Release::V2_3_3).await;
    let admin = cms.signed(&token);
    let r = admin
        .post(
            "/cms/group/get_group_members",
            page(json!({"groupID": "a1b2", "userName": "ali"})),
        )
        .await;
    r.assert(
        200,
        r#"{"data":{"groupMembers":[{"groupID":"a1b2","userID":"u1","roleLevel":1,"joinTime":1651370460,"nickname":"Alice","faceURL":"","appMangerLevel":0,"joinSource":0,"operatorUserID":"","ex":"","muteEndTime":0,"inviterUserID":""}],"currentPage":1,"showNumber":20,"memberNums":1},"errCode":0,"errMsg":""}"#,
    );
    // Still pasted into the SQL (trap T9).
    let r = admin
        .post(
            "/cms/group/get_group_members",
            page(json!({"groupID": "a1b2", "userName": "o'b"})),
        )
        .await;
    let v = r.json();
    assert_eq!(v["errCode"], 802);
    assert!(v["errMsg"].as_str().unwrap().starts_with("Error 1064"));
    assert_eq!(
        v["data"],
        json!({"groupMembers": null, "currentPage": 0, "showNumber": 0, "memberNums": 0})
    );
    let r = admin
        .post("/cms/group/get_group_members", page(json!({})))
        .await;
    assert_eq!(r.status, 400);
    assert!(r.json()["errMsg"]
        .as_str()
        .unwrap()
        .contains("'GetGroupMembersRequest.GroupID'"));
}

/// Trap T15: expired blocks stay listed and isBlock is always false.
#[tokio::test]
async fn blocks_on_gen_c() {
    let (main, cms, token) = world(Release::V2_3_3).await;
    let admin = cms.signed(&token);
    let block =
        |user: &str, end: &str| json!({"operationID": "b", "userID": user, "endDisableTime": end});
    let r = admin
        .post("/cms/user/block_user", block("u1", "2020-01-01 00:00:00"))
        .await;
    r.assert(
        200,
        r#"{"errCode":802,"errMsg":"endDisableTime is before now"}"#,
    );
    let r = admin
        .post("/cms/user/block_user", block("zz", "2099-01-01 00:00:00"))
        .await;
    r.assert(200, r#"{"errCode":802,"errMsg":"record not found"}"#);
    let r = admin
        .post("/cms/user/block_user", block("u1", "2099-01-01"))
        .await;
    r.assert(
        200,
        r#"{"errCode":802,"errMsg":"parsing time \"2099-01-01\" as \"2006-01-02 15:04:05\": cannot parse \"\" as \" \""}"#,
    );
    let r = admin
        .post("/cms/user/block_user", block("u2", "2099-01-02 03:04:05"))
        .await;
    r.assert(200, r#"{"errCode":0,"errMsg":""}"#);
    main.control(
        "/_sim/cms_blocks",
        json!({"userID": "u3", "beginDisableTime": MAY1, "endDisableTime": MAY1 + 86_400}),
    )
    .await;
    let st = main.state().await;
    assert_eq!(
        st["cmsBlocks"][1],
        json!({"userID": "u3", "beginDisableTime": MAY1, "endDisableTime": MAY1 + 86_400, "createTime": MAY1})
    );
    let r = admin
        .post(
            "/cms/user/get_block_users",
            json!({"operationID": "b", "pageNumber": 2, "showNumber": 1}),
        )
        .await;
    r.assert(
        200,
        r#"{"data":{"blockUsers":[{"faceURL":"","nickName":"Carol","userID":"u3","loginTimes":0,"loginLimit":0,"isBlock":false,"phoneNumber":"","email":"","birth":"","gender":0,"beginDisableTime":"2022-05-01 02:00:00 +0000 UTC","endDisableTime":"2022-05-02 02:00:00 +0000 UTC"}],"currentPage":2,"showNumber":1,"userNums":2},"errCode":0,"errMsg":""}"#,
    );
    let r = admin
        .post(
            "/cms/user/get_block_users",
            json!({"operationID": "b", "pageNumber": 1, "showNumber": 1}),
        )
        .await;
    let item = &r.json()["data"]["blockUsers"][0];
    assert_eq!(
        (item["userID"].as_str(), item["isBlock"].as_bool()),
        (Some("u2"), Some(false))
    );
    assert_eq!(
        (item["phoneNumber"].as_str(), item["gender"].as_i64()),
        (Some("+100"), Some(1))
    );
    let r = admin
        .post(
            "/cms/user/unblock_user",
            json!({"operationID": "b", "userID": "u2"}),
        )
        .await;
    r.assert(200, r#"{"errCode":0,"errMsg":""}"#);
    assert_eq!(main.state().await["cmsBlocks"].as_array().unwrap().len(), 1);
}

async fn chat_world() -> (Server, Server, String) {
    let (main, cms, token) = world(Release::V2_3_3).await;
    let t = MAY1 * 1000;
    main.control(
        "/_sim/messages",
        json!([
            {"sendID": "u1", "recvID": "u2", "content": "hello bob", "sendTime": t, "createTime": t + 1500,
             "clientMsgID": "c1", "serverMsgID": "s1"},
            {"sendID": "u3", "groupID": "a1b2", "content": "hello group", "sendTime": t + 2000, "senderPlatformID": 2},
            {"sendID": "u1", "groupID": "a1b2", "sessionType": 3, "content": "super", "sendTime": t + 3000},
            {"sendID": "u1", "recvID": "u3", "content": "next day", "sendTime": t + 86_400_000},
        ]),
    )
    .await;
    (main, cms, token)
}

fn logs(v: &Value) -> Vec<String> {
    listed(v, "chatLogs", "content")
}

/// Trap T12.
#[tokio::test]
async fn chat_logs_on_gen_c() {
    let (_main, cms, token) = chat_world().await;
    let admin = cms.signed(&token);
    let get = |extra: Value| async move {
        admin
            .post("/cms/message/get_chat_logs", page(extra))
            .await
            .json()
    };
    let r = admin
        .post(
            "/cms/message/get_chat_logs",
            page(json!({"sendTime": "2022-05-01", "sessionType": 1})),
        )
        .await;
    // senderNickname holds the receiver's name.
    r.assert(
        200,
        r#"{"data":{"chatLogs":[{"sendID":"u1","recvID":"u2","clientMsgID":"c1","serverMsgID":"s1","senderPlatformID":1,"senderNickname":"Bob","sessionType":1,"msgFrom":100,"contentType":101,"content":"hello bob","sendTime":1651370400,"createTime":1651370401}],"logNums":1,"currentPage":1,"showNumber":20},"errCode":0,"errMsg":""}"#,
    );
    // Session type 2 takes super groups too; recvID is the group.
    let v = get(json!({"sendTime": "2022-05-01", "sessionType": 2, "recvID": "a1b2"})).await;
    assert_eq!(logs(&v), ["hello group", "super"]);
    assert_eq!(v["data"]["chatLogs"][0]["recvID"], "a1b2");
    assert_eq!(v["data"]["chatLogs"][0]["senderNickname"], "Carol");
    // groupID is ignored.
    let v = get(json!({"sendTime": "2022-05-01", "groupID": "nothing"})).await;
    assert_eq!(v["data"]["logNums"], 3);
    let v = get(json!({"sendTime": "2022-05-01", "sendID": "u1"})).await;
    assert_eq!(logs(&v), ["hello bob", "super"]);
    let v = get(json!({"sendTime": "2022-05-02"})).await;
    assert_eq!(logs(&v), ["next day"]);
    // sendTime is required in practice.
    let r = admin
        .post("/cms/message/get_chat_logs", page(json!({})))
        .await;
    r.assert(
        200,
        r#"{"data":{"chatLogs":null,"logNums":0,"currentPage":0,"showNumber":0},"errCode":803,"errMsg":"parsing time \"\" as \"2006-01-02\": cannot parse \"\" as \"2006\""}"#,
    );
    // c.Bind reads JSON only with a JSON content type.
    let body = page(json!({"sendTime": "2022-05-01"})).to_string();
    let r = admin.post_raw("/cms/message/get_chat_logs", &body).await;
    assert_eq!(r.status, 400);
}

/// Trap T19: friendNums is 0 from page 2 on; createTime is always 0.
#[tokio::test]
async fn friends_of_a_user() {
    let (main, cms, token) = world(Release::V2_3_3).await;
    let admin = cms.signed(&token);
    main.control(
        "/_sim/friends",
        json!([{"ownerUserID": "u1", "friendUserID": "u2", "remark": "bobby", "createTime": MAY1},
               {"ownerUserID": "u1", "friendUserID": "u3"}]),
    )
    .await;
    let body = |extra: Value| {
        let base = json!({"operationID": "f", "userID": "u1", "pageNumber": 1, "showNumber": 1});
        merged(base, extra)
    };
    let r = admin.post("/cms/friend/get_friends", body(json!({}))).await;
    r.assert(
        200,
        r#"{"data":{"currentPage":1,"showNumber":1,"friendInfoList":[{"ownerUserID":"u1","remark":"bobby","createTime":0,"userID":"u2","nickName":"Bob","addSource":0,"operatorUserID":""}],"friendNums":2},"errCode":0,"errMsg":""}"#,
    );
    let r = admin
        .post("/cms/friend/get_friends", body(json!({"pageNumber": 2})))
        .await;
    let v = r.json();
    assert_eq!(
        (
            v["data"]["friendNums"].as_i64(),
            v["data"]["friendInfoList"][0]["userID"].as_str()
        ),
        (Some(0), Some("u3"))
    );
    let r = admin
        .post(
            "/cms/friend/get_friends",
            body(json!({"friendUserID": "u3"})),
        )
        .await;
    assert_eq!(r.json()["data"]["friendNums"], 1);
    let r = admin
        .post(
            "/cms/friend/get_friends",
            body(json!({"friendUserName": "car"})),
        )
        .await;
    assert_eq!(r.json()["data"]["friendInfoList"][0]["userID"], "u3");
    let r = admin
        .post("/cms/friend/get_friends", body(json!({"userID": ""})))
        .await;
    assert_eq!(r.json()["data"]["friendInfoList"], Value::Null);
}

/// Trap T14: add_user kills the user service, and with it every user
/// route of both APIs, until it is restarted.
#[tokio::test]
async fn add_user_crashes_the_user_service() {
    let (main, cms, token) = world(Release::V2_3_3).await;
    let admin = cms.signed(&token);
    let body = json!({"operationID": "a", "phoneNumber": "1", "userID": "u9", "name": "Nine"});
    let r = admin.post("/cms/user/add_user", body).await;
    r.assert(
        500,
        r#"{"errCode":500,"errMsg":"rpc error: code = Unavailable desc = error reading from server: EOF"}"#,
    );
    assert_eq!(main.state().await["userServiceDown"], true);
    let r = main.users_info(&token, "u1").await;
    r.assert(500, r#"{"errCode":500,"errMsg":"rpc failed"}"#);
    let r = admin
        .post(
            "/cms/user/get_block_users",
            json!({"operationID": "b", "pageNumber": 1, "showNumber": 1}),
        )
        .await;
    r.assert(
        500,
        r#"{"errCode":500,"errMsg":"rpc error: code = Unavailable desc = connection error"}"#,
    );
    // Other services are fine.
    let r = admin.post("/cms/group/get_groups", page(json!({}))).await;
    assert_eq!(r.json()["errCode"], 0);
    let r = main.control("/_sim/restart_user_service", json!({})).await;
    assert_eq!(r, json!({"wasDown": true}));
    let r = main.users_info(&token, "u1").await;
    assert_eq!(r.json()["errCode"], 0);
}

/// Trap T2: a transport error's HTTP status and errCode vary by route.
#[tokio::test]
async fn transport_errors_lie_per_route() {
    let (main, cms, token) = world(Release::V2_3_3).await;
    let admin = cms.signed(&token);
    let refused = main
        .post(
            "/_sim/faults",
            None,
            &json!({"cms_nope": {"fail": 1}}).to_string(),
        )
        .await;
    assert_eq!(refused.status, 400);
    main.control(
        "/_sim/faults",
        json!({"cms_get_messages_statistics": {"fail": 1}, "cms_get_user_statistics": {"fail": 1},
               "cms_get_groups": {"fail": 1}}),
    )
    .await;
    let range = json!({"operationID": "s", "from": "2022-05-01", "to": "2022-05-02"});
    let unavailable = "rpc error: code = Unavailable desc = connection error";
    for (path, status, code) in [
        ("/cms/statistics/get_messages_statistics", 500, 400),
        ("/cms/statistics/get_user_statistics", 400, 500),
    ] {
        let r = admin.post(path, range.clone()).await;
        r.assert(
            status,
            &format!(r#"{{"errCode":{code},"errMsg":"{unavailable}"}}"#),
        );
    }
    let r = admin.post("/cms/group/get_groups", page(json!({}))).await;
    r.assert(
        500,
        &format!(r#"{{"errCode":500,"errMsg":"{unavailable}"}}"#),
    );
    let requests = main.call("GET", "/_sim/requests", None, "").await.json();
    let last = requests.as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        (last["path"].as_str(), last["fault"].as_str()),
        (Some("/cms/group/get_groups"), Some("fail"))
    );
}
