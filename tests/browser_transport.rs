//! Browser tests of the one transport, against a stand-in `fetch` that
//! records what was sent and answers as told.
#![cfg(target_arch = "wasm32")]

use serde_json::Value;
use wasm_bindgen_test::*;

use openim_admin::api::release::Release;
use openim_admin::api::transport::{call, Connection, Scope};
use openim_admin::api::user::{AccountCheckReq, AccountStatus, DeleteUserReq};
use openim_admin::api::ErrorKind;

wasm_bindgen_test_configure!(run_in_browser);

/// Replaces `fetch`: requests are recorded in `window.__sent`; the answer is
/// `status` and `body`, or never comes (until aborted) when `status` is 0.
fn fake_fetch(status: u16, body: &str) {
    let script = format!(
        "window.__sent = []; window.fetch = (input, init) => {{ const req = new Request(input, init); \
           const sent = {{ url: req.url, method: req.method, token: req.headers.get('token'), \
                          type: req.headers.get('content-type') }}; \
           window.__sent.push(sent); \
           return req.text().then(b => {{ sent.body = b; \
             if ({status} === 0) return new Promise((_, reject) => \
               req.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))); \
             return new Response({body:?}, {{ status: {status} }}); }}); }};"
    );
    js_sys::eval(&script).unwrap();
}

fn sent() -> Vec<Value> {
    let raw = js_sys::eval("JSON.stringify(window.__sent)")
        .unwrap()
        .as_string()
        .unwrap();
    serde_json::from_str(&raw).unwrap()
}

fn conn() -> Connection {
    Connection {
        server: "http://im.test:10000/".into(),
        token: Some("tok-1".into()),
        release: Release::V2_0,
    }
}

fn check(ids: &[&str]) -> AccountCheckReq {
    AccountCheckReq {
        check_user_id_list: ids.iter().map(|s| s.to_string()).collect(),
    }
}

#[wasm_bindgen_test]
async fn posts_json_with_the_token_and_a_fresh_operation_id() {
    fake_fetch(
        200,
        r#"{"errCode":0,"errMsg":"","data":[{"userID":"u1","accountStatus":"registered"}]}"#,
    );
    let scope = Scope::new();
    let r: Vec<Value> = call(&conn(), &scope, &check(&["u1"])).await.unwrap();
    assert_eq!(AccountStatus::from_json(&r[0]).account_status, "registered");
    let _: Vec<Value> = call(&conn(), &scope, &check(&["u1"])).await.unwrap();

    let sent = sent();
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[0]["url"], "http://im.test:10000/manager/account_check");
    assert_eq!(sent[0]["method"], "POST");
    assert_eq!(sent[0]["token"], "tok-1");
    assert_eq!(sent[0]["type"], "application/json");
    let bodies: Vec<Value> = sent
        .iter()
        .map(|s| serde_json::from_str(s["body"].as_str().unwrap()).unwrap())
        .collect();
    assert_eq!(bodies[0]["checkUserIDList"], serde_json::json!(["u1"]));
    let op0 = bodies[0]["operationID"].as_str().unwrap();
    let op1 = bodies[1]["operationID"].as_str().unwrap();
    assert!(op0.starts_with("oa-"));
    assert_ne!(op0, op1, "every call has its own operationID");
}

#[wasm_bindgen_test]
async fn each_release_is_called_at_its_own_route() {
    fake_fetch(200, r#"{"errCode":0,"errMsg":"","data":[]}"#);
    let v22 = Connection {
        release: Release::V2_2,
        ..conn()
    };
    let _: Vec<Value> = call(&v22, &Scope::new(), &check(&["a"])).await.unwrap();
    assert_eq!(sent()[0]["url"], "http://im.test:10000/user/account_check");

    // v2.3 has no delete_user: nothing is sent, and the error says why.
    fake_fetch(200, r#"{"errCode":0,"errMsg":"","data":[]}"#);
    let v23 = Connection {
        release: Release::V2_3,
        ..conn()
    };
    let delete = DeleteUserReq {
        delete_user_id_list: vec!["a".into()],
    };
    let e = call(&v23, &Scope::new(), &delete).await.unwrap_err();
    assert_eq!(
        e.kind,
        ErrorKind::Unavailable {
            path: "/manager/delete_user"
        }
    );
    assert!(!e.operation_id.is_empty());
    assert!(sent().is_empty());
}

#[wasm_bindgen_test]
async fn no_token_header_without_a_session() {
    fake_fetch(200, r#"{"errCode":0,"errMsg":"","data":[]}"#);
    let anonymous = Connection {
        server: String::new(),
        token: None,
        release: Release::V2_0,
    };
    let _: Vec<Value> = call(&anonymous, &Scope::new(), &check(&[])).await.unwrap();
    let sent = sent();
    assert!(sent[0]["token"].is_null());
    assert!(sent[0]["url"]
        .as_str()
        .unwrap()
        .ends_with("/manager/account_check"));
}

/// An account_check that the stand-in fetch makes fail.
async fn failing_check() -> openim_admin::api::ApiError {
    call(&conn(), &Scope::new(), &check(&["u"]))
        .await
        .unwrap_err()
}

#[wasm_bindgen_test]
async fn a_refused_token_is_a_session_error_with_its_operation_id() {
    fake_fetch(
        500,
        r#"{"errCode":500,"errMsg":"GetUserIDFromToken failed"}"#,
    );
    let e = failing_check().await;
    assert!(e.is_session());
    let body: Value = serde_json::from_str(sent()[0]["body"].as_str().unwrap()).unwrap();
    assert_eq!(body["operationID"], e.operation_id.as_str());
}

#[wasm_bindgen_test]
async fn a_proxy_error_page_is_reported_as_not_json() {
    fake_fetch(502, "<html><h1>502 Bad Gateway</h1></html>");
    let e = failing_check().await;
    assert!(
        matches!(e.kind, ErrorKind::NotJson { status: 502, ref snippet } if snippet.contains("Bad Gateway"))
    );
}

#[wasm_bindgen_test]
async fn leaving_the_page_aborts_calls_in_flight() {
    fake_fetch(0, "");
    let scope = Scope::new();
    let (connection, req) = (conn(), check(&["u"]));
    let pending = call(&connection, &scope, &req);
    let abort = async {
        gloo_timers::future::TimeoutFuture::new(50).await;
        scope.abort_all();
    };
    let (result, ()) = futures::join!(pending, abort);
    let e = result.unwrap_err();
    assert_eq!(e.kind, ErrorKind::Aborted);
    assert!(e.outcome_unknown());
}
