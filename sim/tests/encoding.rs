//! Go's encoding in the response bytes: key order, zero omission, HTML
//! escaping (docs/api.md#encoding).

mod common;
use common::*;
use serde_json::json;

#[tokio::test]
async fn struct_fields_keep_declaration_order() {
    let s = bare();
    let r = s.login_on(ADMIN, 1).await;
    let text = r.text();
    let token = r.json()["data"]["token"].as_str().unwrap().to_string();
    let exp = r.json()["data"]["expiredTime"].as_i64().unwrap();
    assert_eq!(
        text,
        format!(
            r#"{{"errCode":0,"errMsg":"","data":{{"userID":"openIM123456","token":"{token}","expiredTime":{exp}}}}}"#
        )
    );
}

#[tokio::test]
async fn user_maps_are_sorted_and_omit_zero_values() {
    let s = bare();
    s.control(
        "/_sim/users",
        json!([
            {"userID": "full", "nickname": "N", "faceURL": "F", "gender": 1, "ex": "E", "phoneNumber": "1", "email": "e", "birth": 5},
            {"userID": "bare"}
        ]),
    )
    .await;
    let t = s.admin().await;
    s.post_json("/user/get_users_info", &t, json!({"operationID": "o", "userIDList": ["full", "bare"]}))
        .await
        .assert(
            200,
            r#"{"errCode":0,"errMsg":"","data":[{"ex":"E","faceURL":"F","gender":1,"nickname":"N","userID":"full"},{"userID":"bare"}]}"#,
        );
}

#[tokio::test]
async fn strings_are_html_escaped_like_go() {
    let s = bare();
    s.control(
        "/_sim/users",
        json!({"userID": "x<y>&z", "nickname": "<b>\"Bold\" & co</b>\u{2028}"}),
    )
    .await;
    let t = s.admin().await;
    s.post_json("/user/get_users_info", &t, json!({"operationID": "o", "userIDList": ["x<y>&z"]}))
        .await
        .assert(
            200,
            r#"{"errCode":0,"errMsg":"","data":[{"nickname":"\u003cb\u003e\"Bold\" \u0026 co\u003c/b\u003e\u2028","userID":"x\u003cy\u003e\u0026z"}]}"#,
        );
    // Error texts are escaped too.
    s.post("/manager/account_check", Some(&t), "<")
        .await
        .assert(400, r#"{"errCode":400,"errMsg":"invalid character '\u003c' looking for beginning of value"}"#);
}

#[tokio::test]
async fn account_check_and_results_use_struct_order() {
    let s = bare();
    let t = s.admin().await;
    s.post_json("/manager/account_check", &t, json!({"operationID": "o", "checkUserIDList": ["openIMAdmin"]}))
        .await
        .assert(200, r#"{"errCode":0,"errMsg":"","data":[{"userID":"openIMAdmin","accountStatus":"registered"}]}"#);
    // An empty userID is omitted (omitempty on the proto field).
    s.post_json(
        "/manager/account_check",
        &t,
        json!({"operationID": "o", "checkUserIDList": [""]}),
    )
    .await
    .assert(
        200,
        r#"{"errCode":0,"errMsg":"","data":[{"accountStatus":"unregistered"}]}"#,
    );
}

#[tokio::test]
async fn send_errors_put_msg_id_first() {
    let s = bare();
    let r = s
        .post(
            "/manager/send_msg",
            Some("x"),
            r#"{"operationID":"o","sendID":"a","recvID":"b","content":{"text":"t"},"contentType":101,"sessionType":1}"#,
        )
        .await;
    r.assert(
        400,
        r#"{"MsgID":"","errCode":400,"errMsg":"parse token failed","sendTime":0}"#,
    );
}
