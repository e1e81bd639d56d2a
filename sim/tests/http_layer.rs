//! CORS, OPTIONS, 404, content types and gin's routing details
//! (docs/api.md#cors, docs/api.md#http-routing).

mod common;
use common::*;

fn assert_cors(r: &Resp) {
    assert_eq!(
        r.header("access-control-allow-origin").as_deref(),
        Some("*")
    );
    assert_eq!(
        r.header("access-control-allow-methods").as_deref(),
        Some("*")
    );
    assert_eq!(
        r.header("access-control-allow-headers").as_deref(),
        Some("*")
    );
    assert_eq!(
        r.header("access-control-expose-headers").as_deref(),
        Some(CORS_EXPOSE)
    );
    assert_eq!(
        r.header("access-control-max-age").as_deref(),
        Some("172800")
    );
    assert_eq!(
        r.header("access-control-allow-credentials").as_deref(),
        Some("false")
    );
}

#[tokio::test]
async fn options_on_any_path_is_answered() {
    let s = bare();
    for path in [
        "/auth/user_token",
        "/manager/send_msg",
        "/no/such/path",
        "/",
    ] {
        let r = s.call("OPTIONS", path, None, "").await;
        r.assert(200, "\"Options Request!\"");
        assert_eq!(
            r.header("content-type").as_deref(),
            Some("application/json")
        );
        assert_cors(&r);
    }
}

#[tokio::test]
async fn cors_headers_on_success_and_every_error() {
    let s = bare();
    let token = s.admin().await;
    let ok = s
        .post(
            "/manager/get_all_users_uid",
            Some(&token),
            r#"{"operationID":"1"}"#,
        )
        .await;
    assert_eq!(ok.status, 200);
    let bind = s.post("/manager/get_all_users_uid", Some(&token), "").await;
    assert_eq!(bind.status, 400);
    let tok = s
        .post("/manager/get_all_users_uid", None, r#"{"operationID":"1"}"#)
        .await;
    assert_eq!(tok.status, 500);
    let not_found = s.post("/nope", None, "{}").await;
    assert_eq!(not_found.status, 404);
    let panic = s
        .post(
            "/manager/send_msg",
            Some(&token),
            r#"{"operationID":"o","sendID":"a","recvID":"b","content":{"text":1},"contentType":101,"sessionType":1}"#,
        )
        .await;
    assert_eq!(panic.status, 500);
    for r in [&ok, &bind, &tok, &not_found, &panic] {
        assert_cors(r);
    }
}

#[tokio::test]
async fn api_answers_are_application_json_without_charset() {
    let s = bare();
    let token = s.admin().await;
    for r in [
        s.post(
            "/manager/get_all_users_uid",
            Some(&token),
            r#"{"operationID":"1"}"#,
        )
        .await,
        s.post("/manager/account_check", Some(&token), "x").await,
        s.post(
            "/user/get_users_info",
            None,
            r#"{"operationID":"1","userIDList":[]}"#,
        )
        .await,
    ] {
        assert_eq!(
            r.header("content-type").as_deref(),
            Some("application/json")
        );
        assert!(!r.body.ends_with(b"\n"), "no trailing newline");
    }
}

#[tokio::test]
async fn unknown_paths_get_gins_404() {
    let s = bare();
    for (method, path) in [
        ("POST", "/manager/batch_send_msg"),
        ("POST", "/msg/manage_send_msg"),
        ("GET", "/auth/user_token"),
        ("PUT", "/auth/user_token"),
        ("GET", "/"),
    ] {
        let r = s.call(method, path, None, "{}").await;
        r.assert(404, "404 page not found");
        assert_eq!(r.header("content-type").as_deref(), Some("text/plain"));
        assert_cors(&r);
    }
}

#[tokio::test]
async fn control_paths_are_unknown_without_the_flag() {
    let s = with(openim_sim::Config {
        users: 0,
        quiet: true,
        ..openim_sim::Config::default()
    });
    s.call("GET", "/_sim/state", None, "")
        .await
        .assert(404, "404 page not found");
    s.call("GET", "/_sim/requests", None, "")
        .await
        .assert(404, "404 page not found");
    s.post("/_sim/expire_tokens", None, "")
        .await
        .assert(404, "404 page not found");
    s.post("/_sim/reset_requests", None, "")
        .await
        .assert(404, "404 page not found");
}

#[tokio::test]
async fn trailing_slash_redirects_like_gin() {
    let s = bare();
    let r = s.post("/auth/user_token/?a=1", None, "{}").await;
    assert_eq!(r.status, 307);
    assert_eq!(
        r.header("location").as_deref(),
        Some("/auth/user_token?a=1")
    );
    assert!(r.body.is_empty());
}

#[tokio::test]
async fn content_type_of_the_request_is_ignored() {
    let s = bare();
    let req = axum::http::Request::builder()
        .method("POST")
        .uri("/auth/user_token")
        .header("content-type", "text/plain")
        .body(axum::body::Body::from(fixture("user_token.request")))
        .unwrap();
    use tower::ServiceExt;
    let resp = s.router.clone().oneshot(req).await.unwrap();
    assert_eq!(resp.status(), 200);
}

#[tokio::test]
async fn percent_encoded_paths_match_routes() {
    let s = bare();
    let r = s
        .post("/auth/user%5Ftoken", None, &fixture("user_token.request"))
        .await;
    assert_eq!(r.status, 200);
}
