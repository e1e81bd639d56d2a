//! The CMS API of generations A (v2.0.8, `/api`) and B (`/cms`), per
//! docs/cms.md: routing and probes, CORS, login and the token check,
//! every read a dashboard makes byte for byte, blocks, chat-log filters
//! and the traps T1, T3, T4, T5, T6, T11, T20, T29, T30.

mod common;
use common::*;
use openim_sim::{Config, Release};
use serde_json::{json, Value};

const REFUSED: &str = r#"{"code":700,"err_msg":"parse token failed","data":null}"#;

#[tokio::test]
async fn prefixes_probes_and_cors() {
    for (release, other) in [(Release::V2_0_8, "/cms"), (Release::V2_1_0, "/api")] {
        let (main, cms, _) = cms_bare(release);
        // P1 / P3: the GET read without a token answers 700 (docs/cms.md#cms-detection).
        let r = cms
            .cms_get(&cms_path(release, "/group/get_groups"), None)
            .await;
        r.assert(200, REFUSED);
        assert_eq!(
            r.header("access-control-allow-origin").as_deref(),
            Some("*")
        );
        assert_eq!(
            r.header("content-type").as_deref(),
            Some("application/json")
        );
        assert_eq!(
            r.header("access-control-expose-headers").as_deref(),
            Some(CORS_EXPOSE)
        );
        // The other prefix, and POST on a GET route (P2): gin's 404.
        let r = cms
            .cms_get(&format!("{other}/group/get_groups"), None)
            .await;
        r.assert(404, "404 page not found");
        assert_eq!(r.header("content-type").as_deref(), Some("text/plain"));
        assert_eq!(
            r.header("access-control-allow-origin").as_deref(),
            Some("*")
        );
        let r = cms
            .post(&cms_path(release, "/group/get_groups"), None, "{}")
            .await;
        r.assert(404, "404 page not found");
        // Preflights always pass.
        let r = cms
            .call("OPTIONS", &cms_path(release, "/user/block_user"), None, "")
            .await;
        r.assert(200, "\"Options Request!\"");
        // P4: login with an empty body is a 400 with code 803.
        let r = cms
            .post(&cms_path(release, "/admin/login"), None, "{}")
            .await;
        r.assert(400, r#"{"code":803,"err_msg":"args failed","data":null}"#);
        // The main API's port, without a dashboard, has no CMS route.
        let r = main
            .cms_get(&cms_path(release, "/group/get_groups"), None)
            .await;
        r.assert(404, "404 page not found");
        // Trailing slash: gin's 301 for a GET.
        let r = cms
            .cms_get(&cms_path(release, "/group/get_groups/?page_number=1"), None)
            .await;
        assert_eq!(r.status, 301);
        assert_eq!(
            r.header("location"),
            Some(cms_path(release, "/group/get_groups?page_number=1"))
        );
    }
}

#[tokio::test]
async fn login_issues_a_main_api_token_and_any_token_passes() {
    let (main, cms, _) = cms_world(Release::V2_0_8, &[]).await;
    let body = json!({"admin_name": "openIM654321", "secret": "openIM2"});
    let r = cms.cms_post("/api/admin/login", None, body).await;
    assert_eq!(r.status, 200);
    let v = r.json();
    assert_eq!(
        (v["code"].as_i64(), v["err_msg"].as_str()),
        (Some(0), Some(""))
    );
    let token = v["data"]["token"].as_str().unwrap().to_string();
    assert!(r
        .text()
        .starts_with(r#"{"code":0,"err_msg":"","data":{"token":""#));
    // The CMS token is an IOS token of the admin, good on the main API too.
    let st = main.state().await;
    let issued = (st["tokens"].as_array().unwrap().iter())
        .find(|t| t["token"] == token.as_str())
        .unwrap();
    assert_eq!(
        (issued["userID"].as_str(), issued["platform"].as_str()),
        (Some("openIM654321"), Some("IOS"))
    );
    let r = main.users_info(&token, "u1").await;
    assert_eq!(r.json()["errCode"], 0);
    let r = cms
        .signed(&token)
        .get("/api/user/get_user?user_id=u1")
        .await;
    assert_eq!(r.json()["code"], 0);
    // Wrong secret, or the main API's secret: 703.
    for secret in ["nope", "tuoyun"] {
        let body = json!({"admin_name": "openIM654321", "secret": secret});
        let r = cms.cms_post("/api/admin/login", None, body).await;
        r.assert(
            200,
            r#"{"code":703,"err_msg":"that's not even a token","data":null}"#,
        );
    }
    // T1: an ordinary user's main-API token is a CMS token.
    let user = main.login("u3").await;
    let user = cms.signed(&user);
    let r = user
        .get("/api/user/get_users?page_number=1&show_number=1")
        .await;
    assert_eq!(r.json()["code"], 0);
    // An expired token is refused with 700.
    main.control("/_sim/expire_tokens", json!({})).await;
    let r = user
        .get("/api/user/get_users?page_number=1&show_number=1")
        .await;
    r.assert(200, REFUSED);
}

#[tokio::test]
async fn get_groups_lists_every_row_with_its_owner() {
    let (main, cms, token) = cms_world(Release::V2_0_8, &[]).await;
    let admin = cms.signed(&token);
    let r = admin
        .get("/api/group/get_groups?page_number=1&show_number=20")
        .await;
    r.assert(
        200,
        r#"{"code":0,"err_msg":"","data":{"groups":[{"group_name":"g1","group_id":"a1b2","group_master_name":"Bob","group_master_id":"u2","create_time":"2022-05-01 02:00:00 +0000 UTC","is_ban_chat":false,"is_ban_private_chat":false,"profile_photo":""}],"group_nums":1,"current_number":1,"show_number":20}}"#,
    );
    // A dismissed (no status filter) and an ownerless group: v2.0.8 lists
    // both, the latter with empty owner fields.
    main.control(
        "/_sim/groups",
        json!([{"groupID": "gone", "groupName": "Gone", "status": 2, "ownerUserID": "u1", "createTime": MAY1},
               {"groupID": "nobody", "groupName": "Nobody", "createTime": MAY1}]),
    )
    .await;
    let r = admin
        .get("/api/group/get_groups?page_number=1&show_number=20")
        .await;
    let v = r.json();
    assert_eq!(v["data"]["group_nums"], 3);
    let groups = v["data"]["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 3);
    assert_eq!(groups[2]["group_master_id"], "");
    // Missing or zero paging: HTTP 200, 803 (ShouldBindQuery, trap T3).
    for q in [
        "",
        "?page_number=1",
        "?page_number=0&show_number=2",
        "?page_number=x&show_number=2",
    ] {
        let r = admin.get(&format!("/api/group/get_groups{q}")).await;
        r.assert(200, r#"{"code":803,"err_msg":"args failed","data":null}"#);
    }
    // Paging: the key is current_number; an empty page is null.
    let r = admin
        .get("/api/group/get_groups?page_number=4&show_number=1")
        .await;
    r.assert(
        200,
        r#"{"code":0,"err_msg":"","data":{"groups":null,"group_nums":3,"current_number":4,"show_number":1}}"#,
    );
}

#[tokio::test]
async fn gen_b_leaves_ownerless_groups_out_but_counts_them() {
    let (main, cms, token) = cms_world(Release::V2_1_0, &[]).await;
    let admin = cms.signed(&token);
    main.control(
        "/_sim/groups",
        json!({"groupID": "nobody", "groupName": "g-nobody", "createTime": MAY1}),
    )
    .await;
    let r = admin
        .get("/cms/group/get_groups?page_number=1&show_number=20")
        .await;
    let v = r.json();
    assert_eq!(v["data"]["group_nums"], 2);
    assert_eq!(v["data"]["groups"].as_array().unwrap().len(), 1);
    // By name ("contains", a LIKE pattern): the ownerless match is counted
    // but not listed.
    let r = admin
        .get("/cms/group/get_group_by_name?group_name=G&page_number=1&show_number=20")
        .await;
    let v = r.json();
    assert_eq!(
        (
            v["data"]["group_nums"].as_i64(),
            v["data"]["groups"].as_array().unwrap().len()
        ),
        (Some(2), 1)
    );
    let r = admin
        .get("/cms/group/get_group_by_name?group_name=g_&page_number=1&show_number=20")
        .await;
    assert_eq!(
        r.json()["data"]["group_nums"],
        2,
        "_ is a wildcard (trap T9)"
    );
    // A quote breaks the pasted SQL: 500 server error.
    let r = admin
        .get("/cms/group/get_group_by_name?group_name=a'b&page_number=1&show_number=20")
        .await;
    r.assert(200, r#"{"code":500,"err_msg":"server error","data":null}"#);
    // By ID: one object; unknown is 802.
    let r = admin.get("/cms/group/get_group_by_id?group_id=a1b2").await;
    r.assert(
        200,
        r#"{"code":0,"err_msg":"","data":{"group_name":"g1","group_id":"a1b2","group_master_name":"Bob","group_master_id":"u2","create_time":"2022-05-01 02:00:00 +0000 UTC","is_ban_chat":false,"is_ban_private_chat":false,"profile_photo":""}}"#,
    );
    let r = admin.get("/cms/group/get_group_by_id?group_id=zz").await;
    r.assert(200, r#"{"code":802,"err_msg":"db failed","data":null}"#);
}

#[tokio::test]
async fn group_members_page_and_search() {
    let (_main, cms, token) = cms_world(Release::V2_0_8, &[]).await;
    let admin = cms.signed(&token);
    let r = admin
        .get("/api/group/get_group_members?group_id=a1b2&page_number=1&show_number=20")
        .await;
    r.assert(
        200,
        r#"{"code":0,"err_msg":"","data":{"group_members":[{"member_position":2,"member_nick_name":"Bob","member_id":"u2","join_time":"2022-05-01 02:00:00 +0000 UTC"},{"member_position":1,"member_nick_name":"Alice","member_id":"u1","join_time":"2022-05-01 02:01:00 +0000 UTC"}],"current_number":1,"show_number":20,"member_nums":2}}"#,
    );
    let r = admin
        .get(
            "/api/group/get_group_members?group_id=a1b2&user_name=ali&page_number=1&show_number=20",
        )
        .await;
    let v = r.json();
    assert_eq!(v["data"]["member_nums"], 1);
    assert_eq!(v["data"]["group_members"][0]["member_id"], "u1");
    // Page 2 of 1: null; the POST twin reads the query string too.
    let r = admin
        .post_raw(
            "/api/group/get_members_in_group?group_id=a1b2&page_number=2&show_number=1",
            "",
        )
        .await;
    let v = r.json();
    assert_eq!(v["data"]["group_members"][0]["member_id"], "u1");
    assert_eq!(v["data"]["member_nums"], 2);
}

/// Trap T6: set_group_ordinary_user hands the group over.
#[tokio::test]
async fn set_group_ordinary_user_makes_the_user_owner() {
    let (main, cms, token) = cms_world(Release::V2_0_8, &[]).await;
    let admin = cms.signed(&token);
    let body = json!({"group_id": "a1b2", "user_id": "u1"});
    let r = admin.post("/api/group/set_group_ordinary_user", body).await;
    r.assert(200, r#"{"code":0,"err_msg":"","data":null}"#);
    let st = main.state().await;
    let role = |uid: &str| {
        (st["members"].as_array().unwrap().iter())
            .find(|m| m["groupID"] == "a1b2" && m["userID"] == uid)
            .map(|m| m["roleLevel"].as_i64().unwrap())
    };
    assert_eq!(
        (role("u1"), role("u2")),
        (Some(2), Some(1)),
        "u1 owns the group now"
    );
    // set_group_master with a non-member: the owner loses the group and
    // nobody gets it; still code 0 (the transfer's errors are swallowed).
    let body = json!({"group_id": "a1b2", "user_id": "u3"});
    let r = admin.post("/api/group/set_group_master", body).await;
    assert_eq!(r.json()["code"], 0);
    let st = main.state().await;
    let g = (st["groups"].as_array().unwrap().iter())
        .find(|g| g["groupID"] == "a1b2")
        .unwrap();
    assert_eq!(g["ownerUserID"], "");
    // A body that does not bind: BindJSON's 400.
    let r = admin.post_raw("/api/group/set_group_master", "{}").await;
    r.assert(400, r#"{"code":803,"err_msg":"args failed","data":null}"#);
}

#[tokio::test]
async fn group_writes_keep_their_traps() {
    let (main, cms, token) = cms_world(Release::V2_0_8, &[]).await;
    let admin = cms.signed(&token);
    // T5: a ban writes status 1, which never reads as banned; open writes nothing.
    admin
        .post("/api/group/ban_group_chat", json!({"group_id": "a1b2"}))
        .await;
    let r = admin.get("/api/group/get_group_by_id?group_id=a1b2").await;
    assert_eq!(r.json()["data"]["is_ban_chat"], false);
    admin
        .post("/api/group/open_group_chat", json!({"group_id": "a1b2"}))
        .await;
    let st = main.state().await;
    let status = (st["groups"].as_array().unwrap().iter())
        .find(|g| g["groupID"] == "a1b2")
        .unwrap()["status"]
        .clone();
    assert_eq!(status, 1);
    // T30: add_members gives a zero join time.
    let r = admin
        .post(
            "/api/group/add_members",
            json!({"group_id": "a1b2", "members": ["u3", "u1", "nobody"]}),
        )
        .await;
    r.assert(
        200,
        r#"{"code":0,"err_msg":"","data":{"success":["u3"],"failed":["u1","nobody"]}}"#,
    );
    let r = admin.get("/api/group/get_group_members?group_id=a1b2&user_name=carol&page_number=1&show_number=5").await;
    assert_eq!(
        r.json()["data"]["group_members"][0]["join_time"],
        "0001-01-01 00:00:00 +0000 UTC"
    );
    // T7: create_group returns no ID; T8: delete_group is a hard delete.
    let r = admin
        .post(
            "/api/group/create_group",
            json!({"group_name": "new", "group_master_id": "u1", "group_members": ["u2"]}),
        )
        .await;
    r.assert(200, r#"{"code":0,"err_msg":"","data":null}"#);
    admin
        .post("/api/group/delete_group", json!({"group_id": "a1b2"}))
        .await;
    let st = main.state().await;
    assert!(!(st["groups"].as_array().unwrap().iter()).any(|g| g["groupID"] == "a1b2"));
    assert!(!(st["members"].as_array().unwrap().iter()).any(|m| m["groupID"] == "a1b2"));
    assert!((st["groups"].as_array().unwrap().iter()).any(|g| g["groupName"] == "new"));
}

#[tokio::test]
async fn users_and_their_block_flag() {
    let (main, cms, token) = cms_world(Release::V2_0_8, &[]).await;
    let admin = cms.signed(&token);
    let r = admin.get("/api/user/get_user?user_id=u2").await;
    r.assert(
        200,
        r#"{"code":0,"err_msg":"","data":{"profile_photo":"b.png","nick_name":"Bob","user_id":"u2","create_time":"2022-05-01 02:00:00 +0000 UTC","is_block":false}}"#,
    );
    let r = admin.get("/api/user/get_user?user_id=zz").await;
    r.assert(200, r#"{"code":802,"err_msg":"db failed","data":null}"#);
    // get_users counts every user (4 admins + 3).
    let r = admin
        .get("/api/user/get_users?page_number=2&show_number=5")
        .await;
    let v = r.json();
    assert_eq!(v["data"]["user_nums"], 7);
    let ids: Vec<&str> = (v["data"]["users"].as_array().unwrap().iter())
        .map(|u| u["user_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["u2", "u3"]);
    let r = admin
        .get("/api/user/get_users_by_name?user_name=o&page_number=1&show_number=10")
        .await;
    let v = r.json();
    assert_eq!(v["data"]["user_nums"], 2, "Bob and Carol");
    // An expired block still sets is_block.
    main.control(
        "/_sim/cms_blocks",
        json!({"userID": "u3", "endDisableTime": MAY1}),
    )
    .await;
    let r = admin.get("/api/user/get_user?user_id=u3").await;
    assert_eq!(r.json()["data"]["is_block"], true);
}

#[tokio::test]
async fn user_writes_and_two_bodies() {
    let (main, cms, token) = cms_world(Release::V2_0_8, &[]).await;
    let admin = cms.signed(&token);
    // T29: leaving out the phone writes "0".
    let r = admin
        .post(
            "/api/user/alter_user",
            json!({"user_id": "u1", "nickname": "Al"}),
        )
        .await;
    r.assert(200, r#"{"code":0,"err_msg":"","data":null}"#);
    let st = main.state().await;
    let u1 = (st["users"].as_array().unwrap().iter())
        .find(|u| u["userID"] == "u1")
        .unwrap()
        .clone();
    assert_eq!(
        (u1["nickname"].as_str(), u1["phoneNumber"].as_str()),
        (Some("Al"), Some("0"))
    );
    // T4: with the user service failing, two JSON objects in one body.
    main.control(
        "/_sim/faults",
        json!({"cms_alter_user": {"fail": 1}, "cms_resign": {"fail": 1}}),
    )
    .await;
    let r = admin
        .post("/api/user/alter_user", json!({"user_id": "u1"}))
        .await;
    r.assert(
        200,
        r#"{"code":802,"err_msg":"db failed","data":null}{"code":0,"err_msg":"","data":null}"#,
    );
    let r = admin
        .post("/api/user/resign", json!({"user_id": "u1"}))
        .await;
    r.assert(
        200,
        r#"{"code":500,"err_msg":"server error","data":{}}{"code":0,"err_msg":"","data":{}}"#,
    );
    main.control("/_sim/faults", json!({})).await;
    let r = admin
        .post("/api/user/resign", json!({"user_id": "u1"}))
        .await;
    r.assert(200, r#"{"code":0,"err_msg":"","data":{}}"#);
    // resign's bind error leaves the envelope.
    let r = admin.post("/api/user/resign", json!({})).await;
    r.assert(
        400,
        r#"{"errCode":400,"errMsg":"Key: 'ResignUserRequest.UserId' Error:Field validation for 'UserId' failed on the 'required' tag"}"#,
    );
    // add_user, then a duplicate; delete_user, then again.
    let body = json!({"phone_number": "123", "user_id": "u9", "name": "Nine"});
    let r = admin.post("/api/user/add_user", body.clone()).await;
    assert_eq!(r.json()["code"], 0);
    let r = admin.post("/api/user/add_user", body).await;
    assert_eq!(r.json()["code"], 802);
    let r = admin
        .post("/api/user/delete_user", json!({"user_id": "u9"}))
        .await;
    assert_eq!(r.json()["code"], 0);
    let r = admin
        .post("/api/user/delete_user", json!({"user_id": "u9"}))
        .await;
    assert_eq!(r.json()["code"], 802);
}

#[tokio::test]
async fn blocks_on_gen_a_and_b() {
    for release in [Release::V2_0_8, Release::V2_2_0] {
        let (main, cms, token) = cms_world(release, &[]).await;
        let admin = cms.signed(&token);
        let path = |s: &str| cms_path(release, s);
        let block = |user: &str, end: &str| json!({"user_id": user, "end_disable_time": end});
        for bad in [
            block("u1", "2020-01-01 00:00:00"),
            block("u1", "tomorrow"),
            block("zz", "2099-01-01 00:00:00"),
        ] {
            let r = admin.post(&path("/user/block_user"), bad).await;
            r.assert(200, r#"{"code":802,"err_msg":"db failed","data":null}"#);
        }
        let r = admin
            .post(
                &path("/user/block_user"),
                block("u2", "2099-01-02 03:04:05"),
            )
            .await;
        r.assert(200, r#"{"code":0,"err_msg":"","data":null}"#);
        // BindJSON: 400; unblock's ShouldBind: 200 (trap T3).
        let r = admin.post_raw(&path("/user/block_user"), "{}").await;
        r.assert(400, r#"{"code":803,"err_msg":"args failed","data":null}"#);
        let r = admin.post_raw(&path("/user/unblock_user"), "{}").await;
        r.assert(200, r#"{"code":803,"err_msg":"args failed","data":null}"#);

        let st = main.state().await;
        let row = &st["cmsBlocks"][0];
        assert_eq!(
            (row["userID"].as_str(), row["endDisableTime"].as_i64()),
            (Some("u2"), Some(4_071_006_245))
        );
        let begin = go_time(row["beginDisableTime"].as_i64().unwrap());
        let r = admin
            .get(&path("/user/get_block_users?page_number=1&show_number=10"))
            .await;
        let item = format!(
            r#"{{"profile_photo":"b.png","nick_name":"Bob","user_id":"u2","is_block":true,"begin_disable_time":"{begin}","end_disable_time":"2099-01-02 03:04:05 +0000 UTC"}}"#
        );
        r.assert(
            200,
            &format!(r#"{{"code":0,"err_msg":"","data":{{"block_users":[{item}],"current_number":1,"show_number":10,"user_nums":1}}}}"#),
        );
        let r = admin.get(&path("/user/get_block_user?user_id=u2")).await;
        r.assert(200, &format!(r#"{{"code":0,"err_msg":"","data":{item}}}"#));
        // Moving the end keeps the row.
        admin
            .post(
                &path("/user/block_user"),
                block("u2", "2098-01-01 00:00:00"),
            )
            .await;
        assert_eq!(main.state().await["cmsBlocks"].as_array().unwrap().len(), 1);
        let r = admin
            .post(&path("/user/unblock_user"), json!({"user_id": "u2"}))
            .await;
        r.assert(200, r#"{"code":0,"err_msg":"","data":null}"#);
        let r = admin.get(&path("/user/get_block_user?user_id=u2")).await;
        r.assert(200, r#"{"code":802,"err_msg":"db failed","data":null}"#);
    }
}

/// `time.Time.String()` in UTC, computed here independently.
fn go_time(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let (y, m, d) = civil(days);
    let s = secs.rem_euclid(86_400);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02} +0000 UTC",
        s / 3600,
        s % 3600 / 60,
        s % 60
    )
}

fn civil(days: i64) -> (i64, i64, i64) {
    // Walk from 1970 (test-side arithmetic, deliberately simple).
    let mut y = 1970;
    let mut left = days;
    let leap = |y: i64| (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    loop {
        let len = if leap(y) { 366 } else { 365 };
        if left < len {
            break;
        }
        left -= len;
        y += 1;
    }
    let months = [
        31,
        if leap(y) { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    let mut m = 0;
    while left >= months[m] {
        left -= months[m];
        m += 1;
    }
    (y, m as i64 + 1, left + 1)
}

/// Messages at chosen times: u1→u2 text, u2→u3 picture, u3 in g1, u1 in g1,
/// one to a user that is then deleted, one on the next day.
async fn chat_world(release: Release) -> (Server, Server, String) {
    let (main, cms, token) = cms_world(release, &[]).await;
    main.control("/_sim/users", json!({"userID": "u4", "nickname": "Dave"}))
        .await;
    let t = MAY1 * 1000;
    main.control(
        "/_sim/messages",
        json!([
            {"sendID": "u1", "recvID": "u2", "content": "hello bob", "sendTime": t, "clientMsgID": "c1", "serverMsgID": "s1"},
            {"sendID": "u2", "recvID": "u3", "contentType": 102, "content": "{\"url\":\"x\"}", "sendTime": t + 1000},
            {"sendID": "u3", "groupID": "a1b2", "content": "hello group", "sendTime": t + 2000},
            {"sendID": "u1", "groupID": "a1b2", "content": "hi all", "sendTime": t + 3000},
            {"sendID": "u1", "recvID": "u4", "content": "to dave", "sendTime": t + 4000},
            {"sendID": "u1", "recvID": "u3", "content": "next day", "sendTime": t + 86_400_000},
        ]),
    )
    .await;
    main.post_json(
        "/manager/delete_user",
        &token,
        json!({"operationID": "d", "deleteUserIDList": ["u4"]}),
    )
    .await;
    (main, cms, token)
}

fn contents(v: &Value) -> Vec<String> {
    listed(v, "chat_logs", "whole_content")
}

#[tokio::test]
async fn chat_logs_filter_as_gen_a_b_does() {
    let (_main, cms, token) = chat_world(Release::V2_0_8).await;
    let admin = cms.signed(&token);
    let get = |q: &str| {
        let path = format!("/api/message/get_chat_logs?page_number=1&show_number=20&{q}");
        async move { admin.get(&path).await.json() }
    };
    // One row byte for byte.
    let r = admin
        .get("/api/message/get_chat_logs?page_number=1&show_number=1&date=2022-05-01&content=bob")
        .await;
    r.assert(
        200,
        r#"{"code":0,"err_msg":"","data":{"chat_logs":[{"session_type":1,"content_type":101,"sender_nick_name":"Alice","sender_id":"u1","search_content":"bob","whole_content":"hello bob","receiver_nick_name":"Bob","receiver_id":"u2","date":"2022-05-01 02:00:00 +0000 UTC"}],"log_nums":1,"current_number":1,"show_number":1}}"#,
    );
    // A group row names the group.
    let v = get("session_type=2&group_id=a1b2&user_id=u3").await;
    assert_eq!(contents(&v), ["hello group"]);
    assert_eq!(v["data"]["chat_logs"][0]["group_name"], "g1");
    assert!(v["data"]["chat_logs"][0].get("receiver_id").is_none());
    // The day: the message to the deleted user is dropped but counted.
    let v = get("date=2022-05-01").await;
    assert_eq!(v["data"]["log_nums"], 5);
    assert_eq!(contents(&v).len(), 4);
    // T11: without a session type, user_id and group_id are ignored.
    let v = get("user_id=u2&group_id=a1b2").await;
    assert_eq!(v["data"]["log_nums"], 6);
    // Session 1 filters the sender; there is no receiver filter.
    let v = get("session_type=1&user_id=u1").await;
    assert_eq!(contents(&v), ["hello bob", "next day"]);
    let v = get("session_type=2&group_id=a1b2").await;
    assert_eq!(contents(&v), ["hello group", "hi all"]);
    let v = get("content_type=102").await;
    assert_eq!(v["data"]["log_nums"], 1);
    let v = get("content=HELLO").await;
    assert_eq!(contents(&v), ["hello bob", "hello group"]);
    // A date that does not parse is dropped silently.
    let v = get("date=yesterday").await;
    assert_eq!(v["data"]["log_nums"], 6);
    // A quote breaks the pasted SQL.
    let v = get("content=it's").await;
    assert_eq!(v["code"], 802);
    // A query that does not bind: 803 with the zero answer.
    let r = admin.get("/api/message/get_chat_logs?page_number=1").await;
    r.assert(
        200,
        r#"{"code":803,"err_msg":"args failed","data":{"chat_logs":null,"log_nums":0,"current_number":0,"show_number":0}}"#,
    );
}

#[tokio::test]
async fn stubs_answer_as_the_doc_says() {
    let (_main, cms, token) = cms_world(Release::V2_0_8, &[]).await;
    let admin = cms.signed(&token);
    for path in [
        "/api/friend/get_friends_by_id",
        "/api/organization/add_organization",
    ] {
        let r = admin.post_raw(path, "{}").await;
        r.assert(200, "");
        let r = cms.post(path, None, "{}").await;
        r.assert(200, REFUSED);
    }
    let r = cms
        .call(
            "PATCH",
            "/api/organization/alter_corps_info",
            Some(&token),
            "",
        )
        .await;
    r.assert(200, "");
    let r = admin.get("/api/organization/get_staffs").await;
    r.assert(200, "");
    let r = admin.post_raw("/api/message/broadcast_message", "{}").await;
    r.assert(200, r#"{"code":802,"err_msg":"db failed","data":null}"#);
    let r = admin.post_raw("/api/message/withdraw_message", "x").await;
    r.assert(200, r#"{"code":0,"err_msg":"","data":null}"#);
}

/// A dashboard's first read of the groups, as `release` asks for it.
async fn first_page(server: Signed<'_>, release: Release, path: &str) -> Resp {
    if release == Release::V2_3_3 {
        let body = json!({"operationID": "o", "pageNumber": 1, "showNumber": 5});
        server.post(path, body).await
    } else {
        server
            .get(&format!("{path}?page_number=1&show_number=5"))
            .await
    }
}

/// With `--dashboard`, the main port passes the generation's prefix to the
/// CMS, as an nginx `location /cms/` would; everything else is unchanged.
#[tokio::test]
async fn same_origin_with_the_dashboard() {
    let dir = std::env::temp_dir().join(format!("openim-sim-cms-dist-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("index.html"), "<!doctype html><title>x</title>").unwrap();
    for release in [Release::V2_0_8, Release::V2_1_0, Release::V2_3_3] {
        let (main, cms, _) = with_cms(Config {
            release,
            dashboard: Some(dir.clone()),
            ..Config {
                users: 0,
                control: true,
                quiet: true,
                ..Config::default()
            }
        });
        let token = main.admin().await;
        let (path, expect_code) = if release == Release::V2_3_3 {
            ("/cms/group/get_groups", "errCode")
        } else {
            (
                if release == Release::V2_0_8 {
                    "/api/group/get_groups"
                } else {
                    "/cms/group/get_groups"
                },
                "code",
            )
        };
        let r = first_page(main.signed(&token), release, path).await;
        assert_eq!(r.json()[expect_code], 0, "{release}: {}", r.text());
        let same = first_page(cms.signed(&token), release, path).await;
        assert_eq!(r.text(), same.text());
        assert_eq!(
            r.header("access-control-allow-origin").as_deref(),
            Some("*")
        );
        // Unknown CMS paths, and the other generation's prefix, are the CMS
        // engine's 404 (as behind deploy/nginx.conf); the dashboard still
        // serves its pages, and the main API still answers.
        let prefix = &path[..4];
        let other = if prefix == "/api" { "/cms" } else { "/api" };
        for wrong in [
            format!("{prefix}/nope"),
            format!("{other}/group/get_groups"),
        ] {
            let r = main.cms_get(&wrong, Some(&token)).await;
            r.assert(404, "404 page not found");
            assert_eq!(
                r.header("access-control-allow-origin").as_deref(),
                Some("*")
            );
        }
        let page = main.cms_get("/users", None).await;
        assert!(page.text().contains("<title>x</title>"));
        let r = main.users_info(&token, ADMIN).await;
        assert_eq!(r.json()["errCode"], 0);
    }
    std::fs::remove_dir_all(&dir).ok();
}
