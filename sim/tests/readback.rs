//! The read-back and undo routes (docs/readback.md#readback-summary): which
//! release has which, every example of the reference byte for byte (with
//! the state it needs arranged), the token failures
//! (docs/readback.md#readback-token-failures), the friend and user routes.
//! The group routes' traps are in readback_groups.rs.

mod common;
use common::*;
use openim_sim::Release;
use serde_json::{json, Value};

use Release::{V2_0_10, V2_0_8, V2_1_0, V2_2_0, V2_3_2, V2_3_3};

const G: &str = "2165283845";
const OK: &str = r#"{"errCode":0,"errMsg":""}"#;

/// Posts a raw JSON text, as the reference writes its requests.
async fn raw(s: &Server, path: &str, token: &str, body: &str) -> Resp {
    s.post(path, Some(token), body).await
}

/// Every route of the reference, with the first and the last release
/// that has it (None: up to v2.3.3).
const ROUTES: [(&str, Release, Option<Release>); 22] = [
    ("/group/get_groups_info", V2_0_8, None),
    ("/group/get_group_all_member_list", V2_0_8, None),
    ("/group/get_group_members_info", V2_0_8, None),
    ("/group/get_group_member_list", V2_0_8, Some(V2_2_0)),
    ("/group/get_joined_group_list", V2_0_8, None),
    ("/group/dismiss_group", V2_0_8, None),
    ("/group/set_group_info", V2_0_8, None),
    ("/group/transfer_group", V2_0_8, None),
    ("/group/mute_group_member", V2_0_8, None),
    ("/group/cancel_mute_group_member", V2_0_8, None),
    ("/group/mute_group", V2_0_8, None),
    ("/group/cancel_mute_group", V2_0_8, None),
    ("/group/set_group_member_info", V2_1_0, None),
    ("/group/quit_group", V2_0_8, None),
    ("/group/get_group_abstract_info", V2_3_2, None),
    ("/friend/get_friend_list", V2_0_8, None),
    ("/friend/get_black_list", V2_0_8, None),
    ("/friend/remove_black", V2_0_8, None),
    ("/friend/delete_friend", V2_0_8, None),
    ("/friend/is_friend", V2_0_8, None),
    ("/friend/add_friend", V2_0_8, None),
    ("/friend/set_friend_remark", V2_0_8, None),
];

#[tokio::test]
async fn each_release_has_its_routes_and_404s_the_others() {
    for release in Release::ALL {
        let s = playing(release);
        for (path, from, last) in ROUTES {
            let has = release >= from && last.is_none_or(|l| release <= l);
            let r = s.post(path, None, "{}").await;
            let missing = (r.status, r.text()) == (404, "404 page not found".to_string());
            assert_eq!(!missing, has, "{release} {path}: {}", r.text());
        }
        let r = s.post("/user/get_self_user_info", None, "{}").await;
        assert_ne!(r.status, 404, "{release}");
        // The real path is transfer_group.
        let r = s.post("/group/transfer_group_owner", None, "{}").await;
        r.assert(404, "404 page not found");
    }
}

// --- The reference's examples, byte for byte -----------------------------

#[tokio::test]
async fn get_groups_info_example() {
    let (s, admin) = team(V2_3_3).await;
    let body = r#"{"operationID":"rb-1","groupIDList":["2165283845"]}"#;
    raw(&s, "/group/get_groups_info", &admin, body).await.assert(
        200,
        r#"{"errCode":0,"errMsg":"","data":[{"createTime":1667290000,"creatorUserID":"openIM123456","groupID":"2165283845","groupName":"Team","memberCount":3,"ownerUserID":"u1"}]}"#,
    );
    // The same group once dismissed.
    raw(
        &s,
        "/group/dismiss_group",
        &admin,
        r#"{"operationID":"rb-6","groupID":"2165283845"}"#,
    )
    .await
    .assert(200, OK);
    raw(&s, "/group/get_groups_info", &admin, body).await.assert(
        200,
        r#"{"errCode":0,"errMsg":"","data":[{"creatorUserID":"openIM123456","groupID":"2165283845","groupName":"Team","status":2}]}"#,
    );
}

#[tokio::test]
async fn get_group_all_member_list_example() {
    let (s, admin) = team(V2_3_3).await;
    s.post_json(
        "/group/kick_group",
        &admin,
        json!({"operationID": "k", "groupID": G, "kickedUserIDList": ["u3"]}),
    )
    .await;
    let body = r#"{"operationID":"rb-2","groupID":"2165283845","offset":0,"count":500}"#;
    // The example's mute (1667297300) has long run out, and a mute that has
    // run out is left out; one that is still running is reported.
    let expected = |mute: &str| {
        format!(
            r#"{{"errCode":0,"errMsg":"","data":[{{"groupID":"2165283845","joinTime":1667290000,"nickname":"alice","roleLevel":2,"userID":"u1"}},{{"groupID":"2165283845","joinTime":1667290100,{mute}"nickname":"bob","roleLevel":1,"userID":"u2"}}]}}"#
        )
    };
    let set_mute = |end: i64| {
        json!({"groupID": G, "groupName": "Team", "creatorUserID": ADMIN,
               "createTime": 1667290000, "ownerUserID": "u1",
               "members": [{"userID": "u2", "joinTime": 1667290100, "muteEndTime": end}]})
    };
    s.post_json(
        "/group/kick_group",
        &admin,
        json!({"operationID": "k", "groupID": G, "kickedUserIDList": ["u2"]}),
    )
    .await;
    s.control("/_sim/groups", set_mute(1667297300)).await;
    raw(&s, "/group/get_group_all_member_list", &admin, body)
        .await
        .assert(200, &expected(""));
    let later = now_secs() + 86_400 * 365;
    s.post_json(
        "/group/kick_group",
        &admin,
        json!({"operationID": "k", "groupID": G, "kickedUserIDList": ["u2"]}),
    )
    .await;
    s.control("/_sim/groups", set_mute(later)).await;
    raw(&s, "/group/get_group_all_member_list", &admin, body)
        .await
        .assert(200, &expected(&format!(r#""muteEndTime":{later},"#)));
}

#[tokio::test]
async fn get_group_members_info_example() {
    let (s, admin) = team(V2_3_3).await;
    let body = r#"{"operationID":"rb-3","groupID":"2165283845","memberList":["u2","nobody"]}"#;
    raw(&s, "/group/get_group_members_info", &admin, body)
        .await
        .assert(
            200,
            r#"{"errCode":0,"errMsg":"","data":[{"groupID":"2165283845","joinTime":1667290100,"nickname":"bob","roleLevel":1,"userID":"u2"}]}"#,
        );
}

#[tokio::test]
async fn get_group_member_list_example() {
    let (s, admin) = team(V2_2_0).await;
    s.post_json(
        "/group/kick_group",
        &admin,
        json!({"operationID": "k", "groupID": G, "kickedUserIDList": ["u2", "u3"]}),
    )
    .await;
    let body = r#"{"operationID":"rb-4","groupID":"2165283845","filter":-1,"nextSeq":0}"#;
    raw(&s, "/group/get_group_member_list", &admin, body)
        .await
        .assert(
            200,
            r#"{"errCode":0,"errMsg":"","nextSeq":0,"data":[{"groupID":"2165283845","nickname":"alice","roleLevel":2,"userID":"u1"}]}"#,
        );
}

#[tokio::test]
async fn get_joined_group_list_example() {
    let (s, admin) = team(V2_3_3).await;
    let body = r#"{"operationID":"rb-5","fromUserID":"u2"}"#;
    raw(&s, "/group/get_joined_group_list", &admin, body)
        .await
        .assert(
            200,
            r#"{"errCode":0,"errMsg":"","data":[{"createTime":1667290000,"creatorUserID":"openIM123456","groupID":"2165283845","groupName":"Team","memberCount":3,"ownerUserID":"u1"}]}"#,
        );
}

#[tokio::test]
async fn the_group_write_examples_answer_success() {
    let (s, admin) = team(V2_3_3).await;
    let examples = [
        (
            "/group/set_group_info",
            r#"{"operationID":"rb-7","groupID":"2165283845","groupName":"Team B"}"#,
        ),
        (
            "/group/transfer_group",
            r#"{"operationID":"rb-8","groupID":"2165283845","oldOwnerUserID":"u1","newOwnerUserID":"u2"}"#,
        ),
        (
            "/group/mute_group_member",
            r#"{"operationID":"rb-9","groupID":"2165283845","userID":"u2","mutedSeconds":3600}"#,
        ),
        (
            "/group/mute_group",
            r#"{"operationID":"rb-10","groupID":"2165283845"}"#,
        ),
        (
            "/group/set_group_member_info",
            r#"{"operationID":"rb-11","groupID":"2165283845","userID":"u3","roleLevel":3}"#,
        ),
    ];
    for (path, body) in examples {
        raw(&s, path, &admin, body).await.assert(200, OK);
    }
    let u3 = s.login("u3").await;
    raw(
        &s,
        "/group/quit_group",
        &u3,
        r#"{"operationID":"rb-12","groupID":"2165283845"}"#,
    )
    .await
    .assert(200, OK);
    raw(
        &s,
        "/group/dismiss_group",
        &admin,
        r#"{"operationID":"rb-6","groupID":"2165283845"}"#,
    )
    .await
    .assert(200, OK);
}

#[tokio::test]
async fn get_group_abstract_info_example() {
    let (s, admin) = team(V2_3_3).await;
    let hash = i64::from_str_radix(&openim_sim::rng::md5_hex("u1u2u3")[..8], 16).unwrap();
    raw(
        &s,
        "/group/get_group_abstract_info",
        &admin,
        r#"{"operationID":"rb-13","groupID":"2165283845"}"#,
    )
    .await
    .assert(
        200,
        &format!(
            r#"{{"errCode":0,"errMsg":"","groupMemberNumber":3,"groupMemberListHash":{hash}}}"#
        ),
    );
}

/// u1's friend u2 (made 1667300000), u1 blocks u3.
async fn friends(release: Release) -> (Server, String) {
    let s = playing(release);
    s.control(
        "/_sim/users",
        json!([
            {"userID": "u1", "nickname": "alice", "createTime": 1667100000},
            {"userID": "u2", "nickname": "bob", "createTime": 1667200000},
            {"userID": "u3", "nickname": "carol"},
            {"userID": "u4", "nickname": "dave"},
        ]),
    )
    .await;
    s.control(
        "/_sim/friends",
        json!({"ownerUserID": "u1", "friendUserID": "u2", "createTime": 1667300000, "both": true}),
    )
    .await;
    let admin = s.admin().await;
    let black = json!({"operationID": "b", "fromUserID": "u1", "toUserID": "u3"});
    s.post_json("/friend/add_black", &admin, black).await;
    (s, admin)
}

#[tokio::test]
async fn friend_examples() {
    let (s, admin) = friends(V2_3_3).await;
    let list = r#"{"operationID":"rb-20","fromUserID":"u1"}"#;
    raw(&s, "/friend/get_friend_list", &admin, list).await.assert(
        200,
        r#"{"errCode":0,"errMsg":"","data":[{"createTime":1667300000,"friendUser":{"appMangerLevel":1,"createTime":1667200000,"nickname":"bob","userID":"u2"},"ownerUserID":"u1"}]}"#,
    );
    let blacks = r#"{"operationID":"rb-21","fromUserID":"u1"}"#;
    raw(&s, "/friend/get_black_list", &admin, blacks)
        .await
        .assert(
            200,
            r#"{"errCode":0,"errMsg":"","data":[{"nickname":"carol","userID":"u3"}]}"#,
        );
    let writes = [
        (
            "/friend/set_friend_remark",
            r#"{"operationID":"rb-25","fromUserID":"u1","toUserID":"u2","remark":"Bob (sales)"}"#,
        ),
        (
            "/friend/remove_black",
            r#"{"operationID":"rb-22","fromUserID":"u1","toUserID":"u3"}"#,
        ),
        (
            "/friend/add_friend",
            r#"{"operationID":"rb-24","fromUserID":"u1","toUserID":"u4","reqMsg":"hi"}"#,
        ),
    ];
    for (path, body) in writes {
        raw(&s, path, &admin, body).await.assert(200, OK);
    }
    raw(&s, "/friend/get_friend_list", &admin, list).await.assert(
        200,
        r#"{"errCode":0,"errMsg":"","data":[{"createTime":1667300000,"friendUser":{"appMangerLevel":1,"createTime":1667200000,"nickname":"bob","userID":"u2"},"ownerUserID":"u1","remark":"Bob (sales)"}]}"#,
    );
    raw(&s, "/friend/get_black_list", &admin, blacks)
        .await
        .assert(200, r#"{"errCode":0,"errMsg":"","data":[]}"#);
    let is_friend = r#"{"operationID":"f","fromUserID":"u1","toUserID":"u2"}"#;
    raw(&s, "/friend/is_friend", &admin, is_friend)
        .await
        .assert(200, r#"{"errCode":0,"errMsg":"","data":{"isFriend":true}}"#);
    raw(
        &s,
        "/friend/delete_friend",
        &admin,
        r#"{"operationID":"rb-23","fromUserID":"u1","toUserID":"u2"}"#,
    )
    .await
    .assert(200, OK);
}

#[tokio::test]
async fn get_self_user_info_example() {
    let (s, admin) = team(V2_3_3).await;
    raw(&s, "/user/get_self_user_info", &admin, r#"{"operationID":"rb-30","userID":"u2"}"#)
        .await
        .assert(
            200,
            r#"{"errCode":0,"errMsg":"","data":{"appMangerLevel":1,"nickname":"bob","phoneNumber":"+100","userID":"u2"}}"#,
        );
}

// --- Friends and blacklists ----------------------------------------------

#[tokio::test]
async fn delete_friend_removes_one_direction_and_is_friend_looks_one_way() {
    let (s, admin) = friends(V2_0_8).await;
    let is_friend = |a: &str, b: &str| json!({"operationID": "f", "fromUserID": a, "toUserID": b});
    let yes = r#"{"errCode":0,"errMsg":"","data":{"isFriend":true}}"#;
    let no = r#"{"errCode":0,"errMsg":"","data":{"isFriend":false}}"#;
    s.post_json("/friend/delete_friend", &admin, is_friend("u1", "u2"))
        .await
        .assert(200, OK);
    s.post_json("/friend/is_friend", &admin, is_friend("u1", "u2"))
        .await
        .assert(200, no);
    s.post_json("/friend/is_friend", &admin, is_friend("u2", "u1"))
        .await
        .assert(200, yes);
    // Again, and a friendship that never was: still 0.
    s.post_json("/friend/delete_friend", &admin, is_friend("u1", "u2"))
        .await
        .assert(200, OK);
    s.post_json("/friend/delete_friend", &admin, is_friend("u2", "u1"))
        .await
        .assert(200, OK);
    assert!(friend_pairs(&s.state().await).is_empty());
    let list = json!({"operationID": "l", "fromUserID": "u2"});
    s.post_json("/friend/get_friend_list", &admin, list)
        .await
        .assert(200, r#"{"errCode":0,"errMsg":"","data":[]}"#);
}

#[tokio::test]
async fn friend_routes_let_only_the_user_or_an_admin_act() {
    let (s, _) = friends(V2_2_0).await;
    let u2 = s.login("u2").await;
    let for_u1 = json!({"operationID": "o", "fromUserID": "u1", "toUserID": "u2", "remark": "x"});
    let refused = r#"{"errCode":801,"errMsg":"no permission"}"#;
    for path in [
        "/friend/remove_black",
        "/friend/delete_friend",
        "/friend/add_friend",
        "/friend/set_friend_remark",
    ] {
        s.post_json(path, &u2, for_u1.clone())
            .await
            .assert(200, refused);
    }
    for path in ["/friend/get_friend_list", "/friend/get_black_list"] {
        s.post_json(path, &u2, for_u1.clone())
            .await
            .assert(200, r#"{"errCode":801,"errMsg":"no permission","data":[]}"#);
    }
    s.post_json("/friend/is_friend", &u2, for_u1).await.assert(
        200,
        r#"{"errCode":801,"errMsg":"no permission","data":{"isFriend":false}}"#,
    );
    // Acting for themself is allowed.
    let own = json!({"operationID": "o", "fromUserID": "u2"});
    let r = s.post_json("/friend/get_friend_list", &u2, own).await;
    assert_eq!(r.json()["data"][0]["friendUser"]["userID"], "u1");
    assert_eq!(friend_pairs(&s.state().await).len(), 2, "nothing changed");
}

#[tokio::test]
async fn add_friend_files_a_request_and_makes_no_friendship() {
    let (s, admin) = friends(V2_0_10).await;
    let ask = |to: &str, msg: &str| json!({"operationID": "a", "fromUserID": "u1", "toUserID": to, "reqMsg": msg});
    s.post_json("/friend/add_friend", &admin, ask("u4", "hi"))
        .await
        .assert(200, OK);
    s.post_json("/friend/add_friend", &admin, ask("u4", "hello again"))
        .await
        .assert(200, OK);
    s.post_json("/friend/add_friend", &admin, ask("ghost", "hi"))
        .await
        .assert(200, r#"{"errCode":802,"errMsg":"db failed"}"#);
    let st = s.state().await;
    let requests = st["friendRequests"].as_array().unwrap();
    assert_eq!(requests.len(), 1, "overwritten: {requests:?}");
    assert_eq!(requests[0]["fromUserID"], "u1");
    assert_eq!(requests[0]["toUserID"], "u4");
    assert_eq!(requests[0]["reqMsg"], "hello again");
    assert_eq!(requests[0]["handleResult"], 0);
    assert!(!friend_pairs(&st).contains(&("u1".into(), "u4".into())));
    let check = json!({"operationID": "f", "fromUserID": "u1", "toUserID": "u4"});
    s.post_json("/friend/is_friend", &admin, check)
        .await
        .assert(
            200,
            r#"{"errCode":0,"errMsg":"","data":{"isFriend":false}}"#,
        );
}

#[tokio::test]
async fn a_remark_is_required_until_2_3_and_can_be_cleared_only_there() {
    let remark =
        |r: &str| json!({"operationID": "r", "fromUserID": "u1", "toUserID": "u2", "remark": r});
    let stored = |st: &Value| {
        st["friends"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["ownerUserID"] == "u1")
            .unwrap()["remark"]
            .clone()
    };
    let (s, admin) = friends(V2_2_0).await;
    s.post_json("/friend/set_friend_remark", &admin, remark("Bob"))
        .await
        .assert(200, OK);
    let line = "Key: 'SetFriendRemarkReq.Remark' Error:Field validation for 'Remark' failed on the 'required' tag";
    s.post_json("/friend/set_friend_remark", &admin, remark(""))
        .await
        .assert(400, &json!({"errCode": 400, "errMsg": line}).to_string());
    assert_eq!(stored(&s.state().await), "Bob");
    // Not friends: 0, nothing written.
    let other = json!({"operationID": "r", "fromUserID": "u1", "toUserID": "u4", "remark": "x"});
    s.post_json("/friend/set_friend_remark", &admin, other)
        .await
        .assert(200, OK);

    let (s, admin) = friends(V2_3_3).await;
    s.post_json("/friend/set_friend_remark", &admin, remark("Bob"))
        .await
        .assert(200, OK);
    s.post_json("/friend/set_friend_remark", &admin, remark(""))
        .await
        .assert(200, OK);
    assert_eq!(stored(&s.state().await), "");
    let list = json!({"operationID": "l", "fromUserID": "u1"});
    let r = s.post_json("/friend/get_friend_list", &admin, list).await;
    assert!(r.json()["data"][0].get("remark").is_none(), "{}", r.text());
}

#[tokio::test]
async fn friend_binding_names_the_embedded_struct() {
    let s = playing(V2_0_8);
    let r = s.post("/friend/remove_black", None, "{}").await;
    let lines: Vec<String> = ["OperationID", "ToUserID", "FromUserID"]
        .iter()
        .map(|f| format!("Key: 'RemoveBlackListReq.ParamsCommFriend.{f}' Error:Field validation for '{f}' failed on the 'required' tag"))
        .collect();
    r.assert(
        400,
        &json!({"errCode": 400, "errMsg": lines.join("\n")}).to_string(),
    );
}

#[tokio::test]
async fn the_black_list_leaves_out_deleted_users_and_lists_public_fields() {
    let (s, admin) = friends(V2_1_0).await;
    s.control(
        "/_sim/users",
        json!({"userID": "u5", "nickname": "eve", "gender": 2, "ex": "x", "phoneNumber": "123", "faceURL": "f"}),
    )
    .await;
    for to in ["u5", "ghost"] {
        let black = json!({"operationID": "b", "fromUserID": "u1", "toUserID": to});
        s.post_json("/friend/add_black", &admin, black).await;
    }
    let list = json!({"operationID": "l", "fromUserID": "u1"});
    s.post_json("/friend/get_black_list", &admin, list)
        .await
        .assert(
            200,
            r#"{"errCode":0,"errMsg":"","data":[{"nickname":"carol","userID":"u3"},{"ex":"x","faceURL":"f","gender":2,"nickname":"eve","userID":"u5"}]}"#,
        );
}

// --- get_self_user_info --------------------------------------------------

#[tokio::test]
async fn get_self_user_info_is_the_callers_own_profile_before_2_3_2() {
    for release in [V2_0_8, V2_2_0] {
        let (s, admin) = team(release).await;
        let body = json!({"operationID": "me", "userID": "u2"});
        let r = s.post_json("/user/get_self_user_info", &admin, body).await;
        r.assert(
            200,
            r#"{"errCode":0,"errMsg":"","data":{"appMangerLevel":2,"nickname":"AppManager1","userID":"openIM123456"}}"#,
        );
        // The caller unknown (deleted since): data null, errCode 0.
        let u4 = s.login("u4").await;
        let del = json!({"operationID": "d", "deleteUserIDList": ["u4"]});
        s.post_json("/manager/delete_user", &admin, del)
            .await
            .assert(200, r#"{"errCode":0,"errMsg":"","data":[]}"#);
        let r = s
            .post_json(
                "/user/get_self_user_info",
                &u4,
                json!({"operationID": "me", "userID": "u4"}),
            )
            .await;
        r.assert(200, r#"{"errCode":0,"errMsg":"","data":null}"#);
        // userID is required though ignored: bind failure, errCode 400.
        let r = s
            .post_json(
                "/user/get_self_user_info",
                &admin,
                json!({"operationID": "me"}),
            )
            .await;
        let line = "Key: 'GetSelfUserInfoReq.UserID' Error:Field validation for 'UserID' failed on the 'required' tag";
        r.assert(400, &json!({"errCode": 400, "errMsg": line}).to_string());
    }
}

#[tokio::test]
async fn get_self_user_info_names_any_user_from_2_3_2() {
    for release in [V2_3_2, V2_3_3] {
        let (s, _) = team(release).await;
        s.control(
            "/_sim/users",
            json!({"userID": "u5", "nickname": "eve", "birth": 946684800, "email": "e@x", "gender": 1, "createTime": 5}),
        )
        .await;
        let u2 = s.login("u2").await;
        let r = s
            .post_json(
                "/user/get_self_user_info",
                &u2,
                json!({"operationID": "o", "userID": "u5"}),
            )
            .await;
        r.assert(
            200,
            r#"{"errCode":0,"errMsg":"","data":{"appMangerLevel":1,"birth":946684800,"email":"e@x","gender":1,"nickname":"eve","userID":"u5"}}"#,
        );
        let r = s
            .post_json(
                "/user/get_self_user_info",
                &u2,
                json!({"operationID": "o", "userID": "ghost"}),
            )
            .await;
        r.assert(200, r#"{"errCode":802,"errMsg":"db failed","data":null}"#);
        let r = s
            .post(
                "/user/get_self_user_info",
                Some("bad"),
                r#"{"operationID":"o","userID":"u2"}"#,
            )
            .await;
        let msg = "o GetUserIDFromToken failed that's not even a token token:bad";
        r.assert(200, &json!({"errCode": 1001, "errMsg": msg}).to_string());
        let r = s
            .post(
                "/user/get_self_user_info",
                Some(&u2),
                r#"{"operationID":"o"}"#,
            )
            .await;
        let line = "Key: 'GetSelfUserInfoReq.UserID' Error:Field validation for 'UserID' failed on the 'required' tag";
        r.assert(400, &json!({"errCode": 1001, "errMsg": line}).to_string());
    }
}

// --- Token failures ------------------------------------------------------

/// A body that binds on every route of `ROUTES`.
fn any_body() -> String {
    json!({"operationID": "op7", "groupID": "g", "groupIDList": ["g"], "memberList": ["u"],
           "fromUserID": "u", "toUserID": "v", "userID": "u", "oldOwnerUserID": "a",
           "newOwnerUserID": "b", "mutedSeconds": 60, "remark": "r"})
    .to_string()
}

#[tokio::test]
async fn token_failures_follow_the_release_and_the_route() {
    const BAD: &str = "not-a-token";
    let echoed = format!("op7 GetUserIDFromToken failed that's not even a token token:{BAD}");
    for release in Release::ALL {
        let s = playing(release);
        let mut paths: Vec<&str> = ROUTES
            .iter()
            .filter(|(_, from, last)| release >= *from && last.is_none_or(|l| release <= l))
            .map(|(p, _, _)| *p)
            .collect();
        paths.push("/user/get_self_user_info");
        for path in paths {
            let r = s.post(path, Some(BAD), &any_body()).await;
            let (status, code, msg) = match (release, path) {
                (V2_0_8, "/group/get_group_members_info") => (500, 500, "Internal Server Error"),
                (V2_0_8, _) => (500, 500, "GetUserIDFromToken failed"),
                (r, _) if r < V2_2_0 => (500, 500, echoed.as_str()),
                (_, "/group/mute_group" | "/friend/is_friend" | "/friend/add_friend") => {
                    (400, 400, echoed.as_str())
                }
                (r, "/user/get_self_user_info") if r >= V2_3_2 => (200, 1001, echoed.as_str()),
                _ => (400, 500, echoed.as_str()),
            };
            r.assert(status, &json!({"errCode": code, "errMsg": msg}).to_string());
        }
    }
}

#[tokio::test]
async fn routes_without_validation_bind_anything() {
    let s = playing(V2_2_0);
    let admin = s.admin().await;
    let r = s
        .post("/group/get_group_member_list", Some(&admin), "{}")
        .await;
    r.assert(200, r#"{"errCode":0,"errMsg":"","nextSeq":0,"data":[]}"#);
    let s = playing(V2_3_3);
    let admin = s.admin().await;
    let r = s
        .post("/group/get_group_abstract_info", Some(&admin), "{}")
        .await;
    assert_eq!(r.json()["errCode"], 802, "no group \"\": {}", r.text());
    assert!(r.json().get("data").is_none());
    // The other group routes name their required fields.
    let r = s.post("/group/get_groups_info", Some(&admin), "{}").await;
    let lines = ["GroupIDList", "OperationID"]
        .map(|f| format!("Key: 'GetGroupInfoReq.{f}' Error:Field validation for '{f}' failed on the 'required' tag"))
        .join("\n");
    r.assert(400, &json!({"errCode": 400, "errMsg": lines}).to_string());
}

// --- The state the server keeps -------------------------------------------

#[tokio::test]
async fn the_state_dump_shows_what_was_stored() {
    let (s, admin) = team(V2_3_3).await;
    s.post_json(
        "/group/set_group_info",
        &admin,
        json!({"operationID": "s", "groupID": G, "notification": "read me", "needVerification": 2,
               "lookMemberInfo": 1, "applyMemberFriend": 1}),
    )
    .await
    .assert(200, OK);
    s.post_json(
        "/group/mute_group_member",
        &admin,
        json!({"operationID": "m", "groupID": G, "userID": "u2", "mutedSeconds": 60}),
    )
    .await
    .assert(200, OK);
    s.post_json(
        "/group/set_group_member_info",
        &admin,
        json!({"operationID": "m", "groupID": G, "userID": "u3", "roleLevel": 3, "ex": "e"}),
    )
    .await
    .assert(200, OK);
    let st = s.state().await;
    let group = &st["groups"][0];
    for (key, value) in [
        ("groupID", json!(G)),
        ("ownerUserID", json!("u1")),
        ("memberCount", json!(3)),
        ("status", json!(0)),
        ("notification", json!("read me")),
        ("needVerification", json!(2)),
        ("lookMemberInfo", json!(1)),
        ("applyMemberFriend", json!(1)),
        ("notificationUserID", json!(ADMIN)),
        ("createTime", json!(1667290000)),
    ] {
        assert_eq!(group[key], value, "{key}");
    }
    assert!(group["notificationUpdateTime"].as_i64().unwrap() >= now_secs() - 5);
    let members = st["members"].as_array().unwrap();
    let u2 = members.iter().find(|m| m["userID"] == "u2").unwrap();
    assert_eq!(u2["joinTime"], 1667290100);
    assert!(u2["muteEndTime"].as_i64().unwrap() >= now_secs() + 59);
    let u3 = members.iter().find(|m| m["userID"] == "u3").unwrap();
    assert_eq!(
        (u3["roleLevel"].clone(), u3["ex"].clone()),
        (json!(3), json!("e"))
    );
    assert_eq!(st["groupServiceDown"], false);
    assert!(st["friendRequests"].is_array());
}
