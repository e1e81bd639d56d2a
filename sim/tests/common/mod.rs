//! Helpers shared by the integration tests: an in-process server driven with
//! `Router::oneshot`, fixture loading, and JSON shape comparison.
#![allow(dead_code)]

use axum::body::Body;
use axum::http::{HeaderMap, Request};
use axum::Router;
use http_body_util::BodyExt;
use openim_sim::Config;
use serde_json::{json, Value};
use tower::ServiceExt;

pub const ADMIN: &str = "openIM123456";

pub const CORS_EXPOSE: &str = "Content-Length, Access-Control-Allow-Origin, Access-Control-Allow-Headers,Cache-Control,Content-Language,Content-Type,Expires,Last-Modified,Pragma,FooBar";

pub struct Resp {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Resp {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {:?}", self.text()))
    }

    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .map(|v| v.to_str().unwrap_or_default().to_string())
    }

    /// Asserts status and the exact body bytes.
    pub fn assert(&self, status: u16, body: &str) {
        assert_eq!(
            (self.status, self.text().as_str()),
            (status, body),
            "unexpected answer"
        );
    }
}

pub struct Server {
    pub router: Router,
}

/// A server with only the admin users and the control endpoints on.
pub fn bare() -> Server {
    with(bare_config())
}

/// A bare server playing `release`.
pub fn playing(release: openim_sim::Release) -> Server {
    with(Config {
        release,
        ..bare_config()
    })
}

fn bare_config() -> Config {
    Config {
        users: 0,
        control: true,
        quiet: true,
        ..Config::default()
    }
}

pub fn with(config: Config) -> Server {
    Server {
        router: openim_sim::app(config),
    }
}

impl Server {
    pub async fn call(&self, method: &str, path: &str, token: Option<&str>, body: &str) -> Resp {
        let headers: Vec<(&str, &str)> = token.map(|t| ("token", t)).into_iter().collect();
        self.send(method, path, &headers, body).await
    }

    /// A bodiless request with extra headers (e.g. `Accept-Encoding`).
    pub async fn call_with(&self, method: &str, path: &str, headers: &[(&str, &str)]) -> Resp {
        self.send(method, path, headers, "").await
    }

    async fn send(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> Resp {
        let mut req = Request::builder().method(method).uri(path);
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let req = req.body(Body::from(body.to_string())).unwrap();
        let resp = self.router.clone().oneshot(req).await.unwrap();
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        let body = resp
            .into_body()
            .collect()
            .await
            .unwrap()
            .to_bytes()
            .to_vec();
        Resp {
            status,
            headers,
            body,
        }
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: &str) -> Resp {
        self.call("POST", path, token, body).await
    }

    /// POST with a JSON value body.
    pub async fn post_json(&self, path: &str, token: &str, body: Value) -> Resp {
        self.post(path, Some(token), &body.to_string()).await
    }

    pub async fn login_on(&self, user_id: &str, platform: i64) -> Resp {
        let body = json!({"secret": "tuoyun", "platform": platform, "userID": user_id, "operationID": "login"});
        self.post("/auth/user_token", None, &body.to_string()).await
    }

    /// A fresh token for `user_id` (which must exist).
    pub async fn login(&self, user_id: &str) -> String {
        let r = self.login_on(user_id, 1).await;
        assert_eq!(r.status, 200, "login failed: {}", r.text());
        r.json()["data"]["token"]
            .as_str()
            .expect("token in data")
            .to_string()
    }

    /// Signs in as the first admin and posts the API document's example
    /// request `<name>.request`.
    pub async fn example(&self, path: &str, name: &str) -> Resp {
        let token = self.admin().await;
        self.post(path, Some(&token), &fixture(&format!("{name}.request")))
            .await
    }

    pub async fn admin(&self) -> String {
        self.login(ADMIN).await
    }

    pub async fn control(&self, path: &str, body: Value) -> Value {
        let r = self.post(path, None, &body.to_string()).await;
        assert_eq!(r.status, 200, "{path}: {}", r.text());
        r.json()
    }

    /// Creates users with a nickname derived from the ID.
    pub async fn add_users(&self, ids: &[&str]) {
        let users: Vec<Value> = ids
            .iter()
            .map(|id| json!({"userID": id, "nickname": format!("nick-{id}")}))
            .collect();
        self.control("/_sim/users", json!(users)).await;
    }

    pub async fn add_group(&self, group: Value) -> String {
        let r = self.control("/_sim/groups", group).await;
        r["groups"][0].as_str().unwrap().to_string()
    }

    pub async fn set_online(&self, user_id: &str, platforms: &[i64]) {
        self.control(
            "/_sim/online",
            json!({"userID": user_id, "platforms": platforms}),
        )
        .await;
    }

    pub async fn state(&self) -> Value {
        let r = self.call("GET", "/_sim/state", None, "").await;
        assert_eq!(r.status, 200);
        r.json()
    }
}

/// A server playing `config.release` with its CMS API on the same state:
/// (main API, CMS API, the shared state).
pub fn with_cms(config: Config) -> (Server, Server, openim_sim::http::Shared) {
    let (router, shared) = openim_sim::app_with_state(config);
    let cms = openim_sim::cms_app(shared.clone());
    (Server { router }, Server { router: cms }, shared)
}

/// A bare server (admins only, control on) playing `release`, with its CMS.
pub fn cms_bare(release: openim_sim::Release) -> (Server, Server, openim_sim::http::Shared) {
    with_cms(Config {
        release,
        ..bare_config()
    })
}

impl Server {
    /// A CMS GET with a query string and an optional token.
    pub async fn cms_get(&self, path: &str, token: Option<&str>) -> Resp {
        self.call("GET", path, token, "").await
    }

    /// A CMS POST of a JSON value with `Content-Type: application/json`.
    pub async fn cms_post(&self, path: &str, token: Option<&str>, body: Value) -> Resp {
        let mut headers: Vec<(&str, &str)> = vec![("content-type", "application/json")];
        if let Some(t) = token {
            headers.push(("token", t));
        }
        self.send_body("POST", path, &headers, &body.to_string())
            .await
    }

    pub async fn send_body(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &str,
    ) -> Resp {
        self.send(method, path, headers, body).await
    }
}

impl Server {
    /// This server with `token` on every call, as a signed-in dashboard.
    pub fn signed<'a>(&'a self, token: &'a str) -> Signed<'a> {
        Signed {
            server: self,
            token,
        }
    }

    /// The main API's `get_users_info` for `user_id`, with `token`.
    pub async fn users_info(&self, token: &str, user_id: &str) -> Resp {
        let body = json!({"operationID": "o", "userIDList": [user_id]});
        self.post_json("/user/get_users_info", token, body).await
    }
}

/// A CMS server and the token a dashboard sends.
#[derive(Clone, Copy)]
pub struct Signed<'a> {
    pub server: &'a Server,
    pub token: &'a str,
}

impl Signed<'_> {
    /// A GET with a query string.
    pub async fn get(&self, path: &str) -> Resp {
        self.server.cms_get(path, Some(self.token)).await
    }

    /// A POST of a JSON value with `Content-Type: application/json`.
    pub async fn post(&self, path: &str, body: Value) -> Resp {
        self.server.cms_post(path, Some(self.token), body).await
    }

    /// A POST of raw text with no content type.
    pub async fn post_raw(&self, path: &str, body: &str) -> Resp {
        self.server.post(path, Some(self.token), body).await
    }
}

/// `path` under the CMS prefix of `release`: `/api` on v2.0.8, `/cms`
/// after (docs/cms.md#cms-deploy).
pub fn cms_path(release: openim_sim::Release, path: &str) -> String {
    let prefix = if release == openim_sim::Release::V2_0_8 {
        "/api"
    } else {
        "/cms"
    };
    format!("{prefix}{path}")
}

/// 2022-05-01 02:00:00 UTC.
pub const MAY1: i64 = 1_651_370_400;

/// The CMS tests' world on a bare server of `release`: u1 Alice, u2 Bob
/// (face, phone, email, gender), u3 Carol, all created on MAY1; group a1b2
/// "g1" created and owned by u2 with u1 joining a minute later; then
/// `groups`. Answers (main API, CMS API, an admin token).
pub async fn cms_world(release: openim_sim::Release, groups: &[Value]) -> (Server, Server, String) {
    let (main, cms, _) = cms_bare(release);
    main.control(
        "/_sim/users",
        json!([
            {"userID": "u1", "nickname": "Alice", "createTime": MAY1},
            {"userID": "u2", "nickname": "Bob", "faceURL": "b.png", "phoneNumber": "+100", "email": "b@x", "gender": 1, "createTime": MAY1},
            {"userID": "u3", "nickname": "Carol", "createTime": MAY1},
        ]),
    )
    .await;
    let mut rows = vec![
        json!({"groupID": "a1b2", "groupName": "g1", "ownerUserID": "u2", "creatorUserID": "u2", "createTime": MAY1,
               "members": [{"userID": "u1", "joinTime": MAY1 + 60}]}),
    ];
    rows.extend_from_slice(groups);
    main.control("/_sim/groups", json!(rows)).await;
    let token = main.admin().await;
    (main, cms, token)
}

/// `base` with the keys of `extra` set (a JSON body with a few changes).
pub fn merged(mut base: Value, extra: Value) -> Value {
    for (k, v) in extra.as_object().unwrap() {
        base[k] = v.clone();
    }
    base
}

/// The `key` string of every item of `data.<list>` (none when `null`).
pub fn listed(v: &Value, list: &str, key: &str) -> Vec<String> {
    (v["data"][list]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter())
    .map(|item| item[key].as_str().unwrap().to_string())
    .collect()
}

/// The errMsg of a refused token from v2.0.10 on (docs/releases.md#release-token-status).
pub fn refused(op_id: &str, cause: &str, token: &str) -> String {
    let msg = format!("{op_id} GetUserIDFromToken failed {cause} token:{token}");
    serde_json::json!({"errCode": 500, "errMsg": msg}).to_string()
}

pub fn fixture(name: &str) -> String {
    let path = format!(
        "{}/../tests/fixtures/spec/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

pub fn fixture_json(name: &str) -> Value {
    serde_json::from_str(&fixture(name)).unwrap()
}

/// Same keys at every level and the same JSON types; array element i is
/// compared with the fixture's element i (or its first, past the end).
pub fn assert_same_shape(actual: &Value, expected: &Value) {
    if let Err(e) = shape(actual, expected, "$") {
        panic!("shape mismatch at {e}\nactual:   {actual}\nexpected: {expected}");
    }
}

fn shape(a: &Value, e: &Value, at: &str) -> Result<(), String> {
    match (a, e) {
        (Value::Object(ao), Value::Object(eo)) => {
            let mut ak: Vec<&String> = ao.keys().collect();
            let mut ek: Vec<&String> = eo.keys().collect();
            ak.sort();
            ek.sort();
            if ak != ek {
                return Err(format!("{at}: keys {ak:?} vs {ek:?}"));
            }
            for (k, v) in eo {
                shape(&ao[k], v, &format!("{at}.{k}"))?;
            }
            Ok(())
        }
        (Value::Array(aa), Value::Array(ea)) => {
            if let Some(first) = ea.first() {
                if aa.is_empty() {
                    return Err(format!("{at}: empty array, expected elements"));
                }
                for (i, item) in aa.iter().enumerate() {
                    shape(item, ea.get(i).unwrap_or(first), &format!("{at}[{i}]"))?;
                }
            }
            Ok(())
        }
        (Value::String(_), Value::String(_))
        | (Value::Number(_), Value::Number(_))
        | (Value::Bool(_), Value::Bool(_))
        | (Value::Null, Value::Null) => Ok(()),
        _ => Err(format!("{at}: {a} vs {e}")),
    }
}

pub fn is_hex32(s: &str) -> bool {
    s.len() == 32
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

pub fn now_secs() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

pub fn now_millis() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

/// The friends table of a `/_sim/state` dump as (owner, friend) pairs, in
/// table order.
pub fn friend_pairs(state: &Value) -> Vec<(String, String)> {
    state["friends"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["ownerUserID"].as_str().unwrap().into(),
                f["friendUserID"].as_str().unwrap().into(),
            )
        })
        .collect()
}

/// The read-back reference's group (docs/readback.md#get-groups-info).
pub const TEAM: &str = "2165283845";

/// The reference's example world: u1 alice owns group "Team" (created by
/// the first admin) with u2 bob and u3 carol; u4 dave is no member.
pub async fn team(release: openim_sim::Release) -> (Server, String) {
    let s = playing(release);
    s.control(
        "/_sim/users",
        json!([
            {"userID": "u1", "nickname": "alice", "createTime": 1667100000},
            {"userID": "u2", "nickname": "bob", "phoneNumber": "+100", "createTime": 1667200000},
            {"userID": "u3", "nickname": "carol", "createTime": 1667250000},
            {"userID": "u4", "nickname": "dave"},
        ]),
    )
    .await;
    s.control(
        "/_sim/groups",
        json!({"groupID": TEAM, "groupName": "Team", "creatorUserID": ADMIN,
               "createTime": 1667290000, "ownerUserID": "u1",
               "members": [{"userID": "u2", "joinTime": 1667290100},
                           {"userID": "u3", "joinTime": 1667290200}]}),
    )
    .await;
    let admin = s.admin().await;
    (s, admin)
}
