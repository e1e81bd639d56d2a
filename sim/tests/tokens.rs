//! The token rules (docs/api.md#token-check, docs/api.md#user-token,
//! docs/api.md#token-lifetime).

mod common;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use common::*;
use openim_sim::token::{sign, Claims};
use serde_json::json;

const TOKEN_FAILED: &str = r#"{"errCode":500,"errMsg":"GetUserIDFromToken failed"}"#;
const SEND_TOKEN_FAILED: &str =
    r#"{"MsgID":"","errCode":400,"errMsg":"parse token failed","sendTime":0}"#;

/// A valid body for every token-checked route except send_msg.
fn routes() -> Vec<(&'static str, String)> {
    vec![
        (
            "/manager/get_all_users_uid",
            json!({"operationID": "o"}).to_string(),
        ),
        (
            "/manager/account_check",
            json!({"operationID": "o", "checkUserIDList": ["a"]}).to_string(),
        ),
        (
            "/manager/delete_user",
            json!({"operationID": "o", "deleteUserIDList": ["a"]}).to_string(),
        ),
        (
            "/manager/get_users_online_status",
            json!({"operationID": "o", "userIDList": ["a"]}).to_string(),
        ),
        (
            "/user/get_users_online_status",
            json!({"operationID": "o", "userIDList": ["a"]}).to_string(),
        ),
        (
            "/user/get_users_info",
            json!({"operationID": "o", "userIDList": ["a"]}).to_string(),
        ),
        (
            "/user/update_user_info",
            json!({"operationID": "o", "userID": "a"}).to_string(),
        ),
        (
            "/friend/import_friend",
            json!({"operationID": "o", "fromUserID": "a", "friendUserIDList": []}).to_string(),
        ),
        (
            "/friend/add_black",
            json!({"operationID": "o", "fromUserID": "a", "toUserID": "b"}).to_string(),
        ),
        (
            "/group/create_group",
            json!({"operationID": "o", "ownerUserID": "a", "memberList": []}).to_string(),
        ),
        (
            "/group/invite_user_to_group",
            json!({"operationID": "o", "groupID": "g", "invitedUserIDList": []}).to_string(),
        ),
        (
            "/group/kick_group",
            json!({"operationID": "o", "groupID": "g", "kickedUserIDList": []}).to_string(),
        ),
    ]
}

fn send_body() -> String {
    json!({"operationID": "o", "sendID": "a", "recvID": "b", "content": {"text": "hi"}, "contentType": 101, "sessionType": 1}).to_string()
}

async fn assert_all_rejected(s: &Server, token: Option<&str>) {
    for (path, body) in routes() {
        s.post(path, token, &body).await.assert(500, TOKEN_FAILED);
    }
    s.post("/manager/send_msg", token, &send_body())
        .await
        .assert(400, SEND_TOKEN_FAILED);
}

#[tokio::test]
async fn missing_token_is_rejected_everywhere() {
    assert_all_rejected(&bare(), None).await;
}

#[tokio::test]
async fn garbage_token_is_rejected_everywhere() {
    let s = bare();
    assert_all_rejected(&s, Some("not-a-token")).await;
    assert_all_rejected(&s, Some("a.b.c")).await;
}

#[tokio::test]
async fn validly_signed_but_not_issued_token_is_rejected() {
    let s = bare();
    let now = now_secs();
    let claims = Claims {
        uid: ADMIN.into(),
        platform: "IOS".into(),
        exp: now + 3600,
        nbf: now - 10,
        iat: now - 10,
    };
    let foreign = sign("open_im_server", &claims);
    assert_all_rejected(&s, Some(&foreign)).await;
    let other_key = sign("another_key", &claims);
    assert_all_rejected(&s, Some(&other_key)).await;
}

#[tokio::test]
async fn expired_tokens_fail_like_on_the_real_server() {
    let s = bare();
    let token = s.admin().await;
    let r = s.post("/_sim/expire_tokens", None, "").await;
    assert_eq!(r.status, 200);
    assert_all_rejected(&s, Some(&token)).await;
    // Logging in again gives a working token.
    let fresh = s.admin().await;
    let r = s
        .post(
            "/manager/get_all_users_uid",
            Some(&fresh),
            r#"{"operationID":"o"}"#,
        )
        .await;
    assert_eq!(r.json()["errCode"], 0);
}

#[tokio::test]
async fn token_lifetime_follows_the_ttl_setting() {
    let s = bare();
    let r = s.login_on(ADMIN, 1).await;
    let exp = r.json()["data"]["expiredTime"].as_i64().unwrap();
    assert!(
        (exp - (now_secs() + 3650 * 86400)).abs() <= 5,
        "absolute seconds: {exp}"
    );

    let short = with(openim_sim::Config {
        users: 0,
        token_ttl_days: Some(1),
        quiet: true,
        ..openim_sim::Config::default()
    });
    let exp = short.login_on(ADMIN, 5).await.json()["data"]["expiredTime"]
        .as_i64()
        .unwrap();
    assert!((exp - (now_secs() + 86400)).abs() <= 5);
}

#[tokio::test]
async fn token_claims_are_the_v2_claims() {
    let s = bare();
    let r = s.login_on(ADMIN, 2).await.json();
    let token = r["data"]["token"].as_str().unwrap();
    let parts: Vec<&str> = token.split('.').collect();
    assert_eq!(parts.len(), 3);
    let header = String::from_utf8(URL_SAFE_NO_PAD.decode(parts[0]).unwrap()).unwrap();
    assert_eq!(header, r#"{"alg":"HS256","typ":"JWT"}"#);
    let payload = String::from_utf8(URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
    let exp = r["data"]["expiredTime"].as_i64().unwrap();
    let iat = exp - 3650 * 86400;
    assert_eq!(
        payload,
        format!(
            r#"{{"UID":"openIM123456","Platform":"Android","exp":{exp},"nbf":{iat},"iat":{iat}}}"#
        )
    );
}

#[tokio::test]
async fn every_login_adds_another_valid_token() {
    let s = bare();
    let a = s.login_on(ADMIN, 1).await.json()["data"]["token"]
        .as_str()
        .unwrap()
        .to_string();
    let b = s.login_on(ADMIN, 5).await.json()["data"]["token"]
        .as_str()
        .unwrap()
        .to_string();
    let c = s.login_on("openIM654321", 1).await.json()["data"]["token"]
        .as_str()
        .unwrap()
        .to_string();
    for t in [&a, &b, &c] {
        let r = s
            .post(
                "/manager/get_all_users_uid",
                Some(t),
                r#"{"operationID":"o"}"#,
            )
            .await;
        assert_eq!(r.json()["errCode"], 0);
    }
}

#[tokio::test]
async fn wrong_secret_is_401_in_a_400() {
    let s = bare();
    let body = json!({"secret": "nope", "platform": 1, "userID": ADMIN, "operationID": "o"});
    s.post("/auth/user_token", None, &body.to_string())
        .await
        .assert(400, r#"{"errCode":401,"errMsg":"not authorized"}"#);
}

#[tokio::test]
async fn unknown_user_gets_802_with_data() {
    let s = bare();
    s.login_on("ghost", 1).await.assert(
        200,
        r#"{"errCode":802,"errMsg":"db failed","data":{"userID":"ghost","token":"","expiredTime":0}}"#,
    );
}

#[tokio::test]
async fn platform_8_works_and_9_does_not() {
    let s = bare();
    let r = s.login_on(ADMIN, 8).await;
    assert_eq!(r.json()["errCode"], 0);
    let token = r.json()["data"]["token"].as_str().unwrap().to_string();
    let r = s
        .post(
            "/manager/get_all_users_uid",
            Some(&token),
            r#"{"operationID":"o"}"#,
        )
        .await;
    assert_eq!(r.json()["errCode"], 0);
    s.login_on(ADMIN, 9).await.assert(
        400,
        r#"{"errCode":400,"errMsg":"Key: 'UserTokenReq.Platform' Error:Field validation for 'Platform' failed on the 'max' tag"}"#,
    );
}

#[tokio::test]
async fn a_deleted_users_token_keeps_working() {
    let s = bare();
    s.add_users(&["victim"]).await;
    let victim = s.login("victim").await;
    let admin = s.admin().await;
    let r = s
        .post_json(
            "/manager/delete_user",
            &admin,
            json!({"operationID": "o", "deleteUserIDList": ["victim"]}),
        )
        .await;
    r.assert(200, r#"{"errCode":0,"errMsg":"","data":[]}"#);
    // The old token still passes the token check.
    let r = s
        .post_json(
            "/user/get_users_info",
            &victim,
            json!({"operationID": "o", "userIDList": ["openIM123456"]}),
        )
        .await;
    assert_eq!(r.json()["errCode"], 0);
    // A new token cannot be issued.
    assert_eq!(s.login_on("victim", 1).await.json()["errCode"], 802);
}

#[tokio::test]
async fn user_token_ignores_the_token_header() {
    let s = bare();
    let r = s
        .post(
            "/auth/user_token",
            Some("garbage"),
            &fixture("user_token.request"),
        )
        .await;
    assert_eq!(r.json()["errCode"], 0);
}
