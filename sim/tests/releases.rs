//! Each release's route table, detection probes and token-failure answers
//! (docs/releases.md#release-routes, docs/releases.md#release-detection,
//! docs/releases.md#release-token-status).

mod common;
use common::*;
use openim_sim::{Config, Release};
use serde_json::json;

use Release::{V2_0_8, V2_1_0, V2_2_0, V2_3_2, V2_3_3};

/// What a probe gets back.
#[derive(Clone, Copy, Debug)]
enum Outcome {
    /// HTTP 400, errCode 400, one `required` line per field of the struct.
    Bind(&'static str, &'static [&'static str]),
    /// HTTP 400 with errCode 1001 in the body.
    Bind1001(&'static str, &'static [&'static str]),
    NotFound,
    /// gin's recovery: HTTP 500, empty body.
    Panic,
    /// HTTP 200, an HTML page.
    Page,
}

use Outcome::*;

fn required(ns: &str, fields: &[&str]) -> String {
    let lines: Vec<String> = fields
        .iter()
        .map(|f| {
            let go = f.rsplit('.').next().unwrap_or(f);
            format!(
                "Key: '{ns}.{f}' Error:Field validation for '{go}' failed on the 'required' tag"
            )
        })
        .collect();
    lines.join("\n")
}

const ACCOUNT_CHECK: Outcome = Bind("AccountCheckReq", &["OperationID", "CheckUserIDList"]);
const DELETE_USER: Outcome = Bind("DeleteUsersReq", &["OperationID", "DeleteUserIDList"]);
const BATCH: Outcome = Bind(
    "ManagementBatchSendMsgReq",
    &[
        "ManagementSendMsgReq.OperationID",
        "ManagementSendMsgReq.SendID",
        "ManagementSendMsgReq.Content",
        "ManagementSendMsgReq.ContentType",
        "ManagementSendMsgReq.SessionType",
    ],
);
const PARSE: Outcome = Bind("ParseTokenReq", &["OperationID"]);
const PARSE_1001: Outcome = Bind1001("ParseTokenReq", &["OperationID"]);
const MIN_SEQ: Outcome = Bind("SetMsgMinSeqReq", &["OperationID", "UserID", "MinSeq"]);
const GET_USERS: Outcome = Bind("GetUsersReq", &["OperationID", "PageNumber", "ShowNumber"]);
const INVITE: Outcome = Bind(
    "InviteUserToGroupReq",
    &["GroupID", "InvitedUserIDList", "OperationID"],
);

/// The probe table of docs/releases.md#release-detection: per probe, the
/// outcome in 2.0.8, 2.0.10, 2.1.0, 2.2.0, 2.3.2 and 2.3.3.
const PROBES: [(&str, [Outcome; 6]); 8] = [
    (
        "/manager/account_check",
        [
            ACCOUNT_CHECK,
            ACCOUNT_CHECK,
            ACCOUNT_CHECK,
            NotFound,
            NotFound,
            NotFound,
        ],
    ),
    (
        "/manager/delete_user",
        [
            DELETE_USER,
            DELETE_USER,
            DELETE_USER,
            DELETE_USER,
            NotFound,
            NotFound,
        ],
    ),
    (
        "/manager/batch_send_msg",
        [NotFound, NotFound, BATCH, NotFound, NotFound, NotFound],
    ),
    (
        "/auth/parse_token",
        [NotFound, PARSE, PARSE, PARSE, PARSE_1001, PARSE_1001],
    ),
    (
        "/msg/set_msg_min_seq",
        [NotFound, NotFound, NotFound, NotFound, MIN_SEQ, MIN_SEQ],
    ),
    (
        "/user/get_users",
        [NotFound, NotFound, NotFound, NotFound, GET_USERS, GET_USERS],
    ),
    (
        "/group/invite_user_to_group",
        [INVITE, INVITE, INVITE, INVITE, Panic, INVITE],
    ),
    (
        "GET /swagger/index.html",
        [NotFound, NotFound, NotFound, Page, Page, Page],
    ),
];

fn assert_outcome(r: &Resp, expected: Outcome, what: &str) {
    let cors = r.header("access-control-allow-origin");
    assert_eq!(cors.as_deref(), Some("*"), "{what}: CORS");
    let json_body = |code: i64, ns: &str, fields: &[&str]| {
        json!({"errCode": code, "errMsg": required(ns, fields)}).to_string()
    };
    match expected {
        Bind(ns, fields) => {
            assert_eq!(
                (r.status, r.text()),
                (400, json_body(400, ns, fields)),
                "{what}"
            );
        }
        Bind1001(ns, fields) => {
            assert_eq!(
                (r.status, r.text()),
                (400, json_body(1001, ns, fields)),
                "{what}"
            );
        }
        NotFound => {
            assert_eq!(
                (r.status, r.text().as_str()),
                (404, "404 page not found"),
                "{what}"
            );
            let ct = r.header("content-type");
            assert_eq!(ct.as_deref(), Some("text/plain"), "{what}");
        }
        Panic => assert_eq!((r.status, r.text().as_str()), (500, ""), "{what}"),
        Page => {
            assert_eq!(r.status, 200, "{what}");
            assert!(r.text().contains("<title>Swagger UI</title>"), "{what}");
            let ct = r.header("content-type").unwrap_or_default();
            assert!(ct.starts_with("text/html"), "{what}: {ct}");
        }
    }
}

#[tokio::test]
async fn every_probe_answers_as_the_table_says_in_every_release() {
    for (i, release) in Release::ALL.into_iter().enumerate() {
        let s = playing(release);
        for (probe, outcomes) in PROBES {
            let r = match probe.strip_prefix("GET ") {
                Some(path) => s.call("GET", path, None, "").await,
                None => s.post(probe, None, "{}").await,
            };
            assert_outcome(&r, outcomes[i], &format!("{probe} in {release}"));
        }
    }
}

#[tokio::test]
async fn the_swagger_page_is_not_a_dashboard_file() {
    let dir = std::env::temp_dir().join(format!("openim-sim-swagger-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("index.html"), "<p>dashboard</p>").unwrap();
    for (release, page) in [(V2_1_0, false), (V2_2_0, true)] {
        let s = with(Config {
            users: 0,
            quiet: true,
            release,
            dashboard: Some(dir.clone()),
            ..Config::default()
        });
        let r = s.call("GET", "/swagger/index.html", None, "").await;
        assert_eq!(r.text().contains("Swagger UI"), page, "{release}");
        let app = s.call("GET", "/users", None, "").await;
        assert_eq!(app.text(), "<p>dashboard</p>", "{release}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Moved routes answer at their new path only, with the same handler.
#[tokio::test]
async fn moved_routes_answer_only_where_the_release_has_them() {
    let moves = [
        ("/manager/get_all_users_uid", "/user/get_all_users_uid"),
        ("/manager/account_check", "/user/account_check"),
        ("/manager/send_msg", "/msg/manage_send_msg"),
    ];
    for release in Release::ALL {
        let s = playing(release);
        let admin = s.admin().await;
        let moved = release >= V2_2_0;
        for (old, new) in moves {
            let body = r#"{"operationID":"op","checkUserIDList":["openIM123456"]}"#;
            let at_old = s.post(old, Some(&admin), body).await.status;
            let at_new = s.post(new, Some(&admin), body).await.status;
            let (gone, live) = if moved {
                (at_old, at_new)
            } else {
                (at_new, at_old)
            };
            assert_eq!(gone, 404, "{release}: {old} / {new}");
            assert_ne!(live, 404, "{release}: {old} / {new}");
        }
        let online = s
            .post("/manager/get_users_online_status", Some(&admin), "{}")
            .await;
        assert_eq!(online.status == 404, moved, "{release}");
        let user_online = s
            .post("/user/get_users_online_status", Some(&admin), "{}")
            .await;
        assert_eq!(user_online.status, 400, "{release}");
        let delete = s.post("/manager/delete_user", Some(&admin), "{}").await;
        assert_eq!(delete.status == 404, release.is_2_3(), "{release}");
    }
    let r = playing(V2_2_0)
        .post(
            "/user/account_check",
            None,
            r#"{"operationID":"op","checkUserIDList":["x"]}"#,
        )
        .await;
    assert_eq!(r.status, 400, "a token failure, not a 404");
}

#[tokio::test]
async fn a_trailing_slash_redirects_only_to_a_route_of_the_release() {
    let old = playing(V2_0_8)
        .post("/msg/manage_send_msg/", None, "{}")
        .await;
    assert_eq!(old.status, 404);
    let new = playing(V2_2_0)
        .post("/msg/manage_send_msg/", None, "{}")
        .await;
    assert_eq!(new.status, 307);
    assert_eq!(
        new.header("location").as_deref(),
        Some("/msg/manage_send_msg")
    );
}

#[tokio::test]
async fn faults_name_only_the_releases_endpoints() {
    let r = playing(V2_0_8)
        .post("/_sim/faults", None, r#"{"manage_send_msg":{"fail":1}}"#)
        .await;
    assert_eq!(r.status, 400);
    let s = playing(V2_2_0);
    s.control("/_sim/faults", json!({"manage_send_msg": {"fail": 1}}))
        .await;
    let admin = s.admin().await;
    let body = json!({"operationID": "f", "sendID": ADMIN, "recvID": ADMIN,
        "content": {"text": "x"}, "contentType": 101, "sessionType": 1});
    s.post_json("/msg/manage_send_msg", &admin, body)
        .await
        .assert(
            500,
            r#"{"errCode":500,"errMsg":"call UserSendMsg  rpc server failed"}"#,
        );
}

const BAD_TOKEN: &str = "not-a-token";

/// The token-failure answer of an ordinary route, of create_group, and of
/// the send routes, per release.
#[tokio::test]
async fn token_failures_follow_the_release() {
    let cause = "that's not even a token";
    let echoed = |function: &str| format!("op7 {function} failed {cause} token:{BAD_TOKEN}");
    for release in Release::ALL {
        let s = playing(release);
        let account_check = if release >= V2_2_0 {
            "/user/account_check"
        } else {
            "/manager/account_check"
        };
        let body = r#"{"operationID":"op7","checkUserIDList":["a"]}"#;
        let r = s.post(account_check, Some(BAD_TOKEN), body).await;
        let group = s
            .post(
                "/group/create_group",
                Some(BAD_TOKEN),
                r#"{"operationID":"op7","ownerUserID":"a","memberList":[]}"#,
            )
            .await;
        let msg = if release == V2_0_8 {
            "GetUserIDFromToken failed".to_string()
        } else {
            echoed("GetUserIDFromToken")
        };
        let body = |code: i64| json!({"errCode": code, "errMsg": msg}).to_string();
        if release >= V2_2_0 {
            r.assert(400, &body(500));
            group.assert(400, &body(400));
        } else {
            r.assert(500, &body(500));
            group.assert(500, &body(500));
        }
    }
}

#[tokio::test]
async fn a_kicked_or_expired_token_names_its_cause_after_2_0_8() {
    let s = playing(V2_1_0);
    let token = s.admin().await;
    s.control("/_sim/expire_tokens", json!({})).await;
    let r = s
        .post(
            "/manager/account_check",
            Some(&token),
            r#"{"operationID":"o","checkUserIDList":["a"]}"#,
        )
        .await;
    let cause = "token is timed out, please log in again";
    r.assert(500, &refused("o", cause, &token));
}

#[tokio::test]
async fn the_send_routes_keep_parse_token_failed() {
    for (release, path) in [
        (V2_0_8, "/manager/send_msg"),
        (V2_1_0, "/manager/batch_send_msg"),
        (V2_2_0, "/msg/manage_send_msg"),
        (V2_3_3, "/msg/batch_send_msg"),
    ] {
        let body = json!({"operationID": "o", "sendID": ADMIN, "recvID": "u", "recvIDList": ["u"],
            "content": {"text": "hi"}, "contentType": 101, "sessionType": 1});
        playing(release)
            .post_json(path, BAD_TOKEN, body)
            .await
            .assert(
                400,
                r#"{"MsgID":"","errCode":400,"errMsg":"parse token failed","sendTime":0}"#,
            );
    }
}

#[tokio::test]
async fn token_lifetime_platforms_and_the_secret_follow_the_release() {
    for (release, days) in [(V2_3_2, 90), (V2_3_3, 90), (V2_2_0, 3650)] {
        let s = playing(release);
        let r = s.login_on(ADMIN, 1).await.json();
        let token = r["data"]["token"].as_str().unwrap().to_string();
        let exp = r["data"]["expiredTime"].as_i64().unwrap();
        assert!((exp - now_secs() - days * 86400).abs() < 5, "{release}");
        let parsed = s
            .post("/auth/parse_token", Some(&token), r#"{"operationID":"p"}"#)
            .await;
        let expected =
            format!(r#"{{"errCode":0,"errMsg":"","data":{{"ExpireTimeSeconds":{exp}}}}}"#);
        parsed.assert(200, &expected);
    }
    let s = with(Config {
        users: 0,
        quiet: true,
        release: V2_3_3,
        token_ttl_days: Some(2),
        ..Config::default()
    });
    let exp = s.login_on(ADMIN, 1).await.json()["data"]["expiredTime"].as_i64();
    assert!(
        (exp.unwrap() - now_secs() - 2 * 86400).abs() < 5,
        "the flag wins"
    );

    assert_eq!(playing(V2_3_2).login_on(ADMIN, 9).await.status, 200);
    let old = playing(V2_2_0).login_on(ADMIN, 9).await;
    assert_eq!(old.status, 400);
    assert!(old.text().contains("'max' tag"), "{}", old.text());

    let wrong = json!({"secret": "x", "platform": 1, "userID": ADMIN, "operationID": "op9"});
    playing(V2_3_3)
        .post("/auth/user_token", None, &wrong.to_string())
        .await
        .assert(
            400,
            r#"{"errCode":401,"errMsg":"op9 params.Secret != config.Config.Secret "}"#,
        );
}

fn now_secs() -> i64 {
    let since = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
    since.unwrap().as_secs() as i64
}

#[tokio::test]
async fn platforms_8_and_9_have_names_from_2_3_2() {
    let s = playing(V2_3_3);
    s.login_on(ADMIN, 9).await;
    s.login_on(ADMIN, 8).await;
    let st = s.state().await;
    let platforms: Vec<&str> = st["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["platform"].as_str().unwrap())
        .collect();
    assert!(
        platforms.contains(&"IPad") && platforms.contains(&"APad"),
        "{platforms:?}"
    );
}
