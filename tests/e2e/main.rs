//! End-to-end: an operator's whole tasks in headless Chromium against the
//! stand-in server, checking what the page shows and what the server got.
#![cfg(not(target_arch = "wasm32"))]

mod a11y;
mod broadcast;
mod cms;
mod directory;
mod early_form;
mod friends;
mod groups;
mod harness;
mod layout;
mod media;
mod messages;
mod notifications;
mod overview;
mod readback;
mod releases;
mod serving;

use std::collections::{HashMap, HashSet};

use fantoccini::key::Key;
use harness::{Session, ONE_AT_A_TIME};
use serde_json::Value;

pub(crate) const SECRET: &str = "tuoyun";
pub(crate) const ADMIN: &str = "openIM123456";

/// The machine's clock, as the sim and the browser read it.
pub(crate) fn now_secs() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

pub(crate) async fn signed_in(name: &str) -> Session {
    signed_in_to(Session::start(name).await).await
}

/// Signs in to `s` through the login page, landing on the lookup page.
pub(crate) async fn signed_in_to(s: Session) -> Session {
    s.open("/users").await;
    // Not signed in: the guard sends us to login, remembering the page.
    s.wait_path("/login?next=%2Fusers").await;
    s.sign_in(SECRET, ADMIN).await;
    s.wait_path("/users").await;
    s
}

/// The result cell of a results table's row for `user_id`.
pub(crate) async fn result_of(s: &Session, user_id: &str) -> String {
    s.text(&format!(
        "#results-table tr[data-user-id='{user_id}'] td.result"
    ))
    .await
}

/// The server's admin accounts.
pub(crate) fn admin_ids(state: &Value) -> HashSet<String> {
    (state["admins"].as_array().unwrap().iter())
        .map(|a| a.as_str().unwrap().to_string())
        .collect()
}

/// Users of the demo data that are not admins, in the server's order.
pub(crate) fn free_users(state: &Value, n: usize) -> Vec<String> {
    let admins = admin_ids(state);
    (state["users"].as_array().unwrap().iter())
        .map(|u| u["userID"].as_str().unwrap())
        .filter(|id| !admins.contains(*id))
        .take(n)
        .map(str::to_string)
        .collect()
}

/// Free users that have no friendships or blocks yet, so a test that
/// befriends, blocks or messages them starts from nothing.
pub(crate) fn untouched_users(state: &Value, n: usize) -> Vec<String> {
    let busy: HashSet<&str> = (["friends", "blacks"].iter())
        .flat_map(|table| state[*table].as_array().unwrap())
        .flat_map(|row| row.as_object().unwrap().values())
        .filter_map(Value::as_str)
        .collect();
    let all = free_users(state, usize::MAX);
    all.into_iter()
        .filter(|id| !busy.contains(id.as_str()))
        .take(n)
        .collect()
}

/// `owner` blacklists `blocked`, through the API with the page's token.
pub(crate) async fn block(s: &Session, owner: &str, blocked: &str) {
    let answer = s
        .script_async(
            "const done = arguments[arguments.length - 1]; \
             const token = JSON.parse(sessionStorage.getItem('openim-admin.session')).token; \
             fetch('/friend/add_black', { method: 'POST', headers: { token }, \
               body: JSON.stringify({ operationID: 'e2e-black', fromUserID: arguments[0], toUserID: arguments[1] }) }) \
               .then(r => r.json()).then(done, e => done(String(e)));",
            vec![serde_json::json!(owner), serde_json::json!(blocked)],
            std::time::Duration::from_secs(10),
        )
        .await;
    assert_eq!(answer["errCode"], 0, "{answer}");
}

/// The calls to `path` that pages made: the sign-in's release probes
/// (see [`is_probe`]) left out.
pub(crate) fn api_calls<'a>(requests: &'a [Value], path: &str) -> Vec<&'a Value> {
    (requests.iter())
        .filter(|r| r["path"] == path && !is_probe(r))
        .collect()
}

/// A release probe of the sign-in: an empty JSON object without a token,
/// which every probed route refuses before doing anything.
pub(crate) fn is_probe(request: &Value) -> bool {
    request["body"] == serde_json::json!({})
        && request["token"].as_str().unwrap_or_default().is_empty()
        && !is_cms_probe(request)
}

/// A probe for the CMS API (docs/cms.md#cms-detection): a route under its
/// prefixes, sent without a token.
pub(crate) fn is_cms_probe(request: &Value) -> bool {
    is_cms(request) && request["token"].as_str().unwrap_or_default().is_empty()
}

/// A call to the CMS API on the dashboard's origin (docs/cms.md).
pub(crate) fn is_cms(request: &Value) -> bool {
    let path = request["path"].as_str().unwrap_or_default();
    path.starts_with("/cms/") || path.starts_with("/api/")
}

#[tokio::test]
async fn sign_in_shows_who_and_stores_only_the_token() {
    let _one = ONE_AT_A_TIME.lock().await;
    let s = signed_in("sign-in").await;
    assert_eq!(s.text(".who-id").await, ADMIN);
    assert!(s.text(".expiry").await.contains("token expires"));
    s.screenshot("users-empty").await;

    let stored = s.stored_session().await;
    assert_eq!(stored["userID"], ADMIN);
    let everything = s
        .script(
            "return JSON.stringify(sessionStorage) + JSON.stringify(localStorage);",
            vec![],
        )
        .await;
    assert!(
        !everything.as_str().unwrap().contains(SECRET),
        "the secret is never stored"
    );

    // The server issued exactly the token the page keeps, and the admin
    // probe was made with it.
    let requests = s.requests().await;
    let token_call = api_calls(&requests, "/auth/user_token")[0];
    assert_eq!(token_call["body"]["platform"], 8);
    assert_eq!(token_call["response"]["data"]["token"], stored["token"]);
    let probe = api_calls(&requests, "/manager/account_check")[0];
    assert_eq!(probe["token"], stored["token"]);
    assert_eq!(
        stored["expiredTime"],
        token_call["response"]["data"]["expiredTime"]
    );

    // Signed in, the login page moves on by itself, to the overview.
    s.open("/login").await;
    s.wait_path("/overview?start").await;
    s.open("/users").await;

    // The language switch applies at once and is remembered.
    s.language("zh-CN").await;
    s.wait_text("h1", "用户查询").await;
    s.screenshot("users-zh").await;
    s.open("/users").await;
    s.wait_text("h1", "用户查询").await;
    assert_eq!(s.text(".logout").await, "退出登录");
    s.close().await;
}

#[tokio::test]
async fn wrong_secret_shows_the_servers_error_and_operation_id() {
    let _one = ONE_AT_A_TIME.lock().await;
    let s = Session::start("wrong-secret").await;
    s.open("/login").await;
    s.sign_in("not-the-secret", ADMIN).await;
    s.wait_text(".error-box .err-code", "401").await;
    assert_eq!(s.text(".error-box .err-msg").await, "not authorized");
    let shown_op = s.text(".error-box .operation-id").await;
    let requests = s.requests().await;
    let sent = api_calls(&requests, "/auth/user_token");
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0]["body"]["operationID"], shown_op.as_str());
    assert_eq!(sent[0]["status"], 400);
    assert_eq!(s.path().await, "/login");
    assert_eq!(s.session_storage_len().await, 0);
    s.screenshot("wrong-secret").await;
    s.close().await;
}

#[tokio::test]
async fn a_non_admin_is_refused_with_a_clear_message() {
    let _one = ONE_AT_A_TIME.lock().await;
    let s = Session::start("non-admin").await;
    s.open("/login").await;
    let state = s.state().await;
    let admins: HashSet<&str> = state["admins"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    let user = state["users"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["userID"].as_str().unwrap())
        .find(|id| !admins.contains(id))
        .unwrap()
        .to_string();
    s.sign_in(SECRET, &user).await;
    s.wait_text(".not-admin", "is not an admin").await;
    assert!(s.text(".not-admin").await.contains(&user));
    assert_eq!(s.path().await, "/login");
    assert_eq!(s.session_storage_len().await, 0);
    let requests = s.requests().await;
    assert_eq!(
        api_calls(&requests, "/manager/account_check")[0]["response"]["errCode"],
        801
    );
    s.screenshot("non-admin").await;
    s.close().await;
}

#[tokio::test]
async fn lookup_of_250_ids_matches_the_servers_state() {
    let _one = ONE_AT_A_TIME.lock().await;
    let s = signed_in("lookup").await;
    let state = s.state().await;
    let users = state["users"].as_array().unwrap();
    assert!(users.len() >= 200, "demo data has at least 200 users");
    let online: HashMap<String, Vec<String>> = state["online"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            let platforms = o["platforms"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p.as_str().unwrap().to_string());
            (
                o["userID"].as_str().unwrap().to_string(),
                platforms.collect(),
            )
        })
        .collect();

    // 200 registered IDs and 50 that do not exist, mixed, with a repeat.
    let registered: Vec<String> = users
        .iter()
        .take(200)
        .map(|u| u["userID"].as_str().unwrap().to_string())
        .collect();
    let mut ids = Vec::new();
    for (i, id) in registered.iter().enumerate() {
        ids.push(id.clone());
        if i % 4 == 0 {
            ids.push(format!("ghost-{i:03}"));
        }
    }
    assert_eq!(ids.len(), 250);
    let pasted = format!("{}\n{}", ids.join("\n"), ids[0]);
    s.paste_into("#user-ids", &pasted).await;
    s.wait_text(".id-count", "250 IDs · repeats removed: 1")
        .await;
    s.click(".lookup-form button[type=submit]").await;

    let online_count = registered
        .iter()
        .filter(|id| online.contains_key(*id))
        .count();
    assert!(online_count > 0, "the demo has users online");
    let summary = format!(
        "250 users: 200 registered, 50 not registered, {online_count} online, 0 not fully known"
    );
    s.wait_text(".summary", &summary).await;
    s.wait_text(".progress-label", "8 of 8 requests").await;
    s.screenshot("lookup-250").await;

    // Batches stay within the server's caps, carry the token and a unique
    // operationID each.
    let requests = s.requests().await;
    let checks = api_calls(&requests, "/manager/account_check");
    let online_calls = api_calls(&requests, "/manager/get_users_online_status");
    let mut wanted = ids.clone();
    wanted.sort();
    for (calls, field, mut expected_sizes) in [
        (&checks[1..], "checkUserIDList", vec![100, 100, 50]), // [0] is the sign-in probe
        (&online_calls[..], "userIDList", vec![200, 50]),
    ] {
        let lists: Vec<Vec<String>> = calls
            .iter()
            .map(|r| {
                r["body"][field]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|v| v.as_str().unwrap().to_string())
                    .collect()
            })
            .collect();
        // Requests run a few at a time, so they may arrive in any order.
        let mut sizes: Vec<usize> = lists.iter().map(Vec::len).collect();
        sizes.sort_unstable_by(|a, b| b.cmp(a));
        expected_sizes.sort_unstable_by(|a, b| b.cmp(a));
        assert_eq!(sizes, expected_sizes, "{field}");
        let mut asked: Vec<String> = lists.into_iter().flatten().collect();
        asked.sort();
        assert_eq!(asked, wanted, "each ID asked exactly once in {field}");
    }
    // The main API's calls; the CMS's GETs (A/B) carry no operationID.
    let calls: Vec<&Value> = (requests.iter())
        .filter(|r| !is_probe(r) && !is_cms(r))
        .collect();
    let ops: HashSet<&str> = calls
        .iter()
        .map(|r| r["body"]["operationID"].as_str().unwrap())
        .collect();
    assert_eq!(ops.len(), calls.len(), "every call has its own operationID");
    assert!(checks
        .iter()
        .chain(&online_calls)
        .all(|r| r["status"] == 200 && r["token"].is_string()));

    // The CSV export holds every row with the API's own values.
    s.script(
        "window.__csv = null; const real = URL.createObjectURL; \
         URL.createObjectURL = (blob) => { blob.text().then(t => window.__csv = t); return real(blob); };",
        vec![],
    )
    .await;
    s.click(".export").await;
    s.until("the CSV export", || async {
        s.script("return window.__csv;", vec![]).await.is_string()
    })
    .await;
    let csv = s.script("return window.__csv;", vec![]).await;
    let csv = csv
        .as_str()
        .unwrap()
        .trim_start_matches('\u{feff}')
        .to_string();
    let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(
        lines[0],
        "userID,accountStatus,nickname,faceURL,gender,ex,status,platforms"
    );
    assert_eq!(lines.len(), 251);
    assert!(lines[2].starts_with("ghost-000,unregistered,"));
    assert_eq!(
        lines.iter().filter(|l| l.contains(",online,")).count(),
        online_count
    );

    // One online user, found with the filter, shows the server's platforms
    // and profile.
    let (who, platforms) = registered
        .iter()
        .find_map(|id| online.get(id).map(|p| (id.clone(), p.clone())))
        .unwrap();
    let profile = users.iter().find(|u| u["userID"] == who.as_str()).unwrap();
    s.type_into("#users-filter", &who).await;
    let row = format!("tr[data-user-id='{who}']");
    s.wait_text(&format!("{row} .online"), "Online").await;
    let shown = s.text(&format!("{row} .platforms")).await;
    assert_eq!(shown.split_whitespace().collect::<Vec<_>>(), platforms);
    assert_eq!(s.text(&format!("{row} .account")).await, "Registered");
    assert_eq!(
        s.text(&format!("{row} .nickname")).await,
        profile["nickname"].as_str().unwrap()
    );

    // An unknown ID reads as not registered and offline.
    s.type_into("#users-filter", "ghost-004").await;
    s.wait_text("tr[data-user-id='ghost-004'] .account", "Not registered")
        .await;
    assert_eq!(
        s.text("tr[data-user-id='ghost-004'] .online").await,
        "Offline"
    );
    s.close().await;
}

#[tokio::test]
async fn an_expired_token_sends_you_to_login_and_back_with_your_input() {
    let _one = ONE_AT_A_TIME.lock().await;
    let s = signed_in("expired").await;
    // 300 IDs: eight requests, of which only the first few may go out.
    let ghosts: Vec<String> = (0..298).map(|i| format!("nobody-{i:03}")).collect();
    let typed = format!("openIM654321\nopenIM333\n{}", ghosts.join("\n"));
    let typed = typed.as_str();
    s.paste_into("#user-ids", typed).await;
    let expired = s.server("POST", "/_sim/expire_tokens").await;
    assert!(!expired.is_string(), "control endpoint answered: {expired}");

    s.click(".lookup-form button[type=submit]").await;
    s.wait_path("/login?next=%2Fusers").await;
    s.wait_text(".notice", "Your session ended").await;
    s.screenshot("session-ended").await;
    let requests = s.requests().await;
    let refused: Vec<&Value> = requests.iter().filter(|r| r["status"] == 500).collect();
    assert_eq!(
        refused[0]["response"]["errMsg"],
        "GetUserIDFromToken failed"
    );
    assert!(
        refused.len() <= 3,
        "after the first refusal nothing new is sent with that token ({} sent)",
        refused.len()
    );

    s.sign_in(SECRET, ADMIN).await;
    s.wait_path("/users").await;
    let kept = s.value("#user-ids").await;
    assert_eq!(kept, typed);
    // Ctrl+Enter in the list sends it, as the hint says.
    s.find("#user-ids")
        .await
        .send_keys(&(Key::Control + &*Key::Enter))
        .await
        .unwrap();
    s.wait_text(".summary", "300 users: 2 registered, 298 not registered")
        .await;

    // A token past its expiredTime counts as signed out, even before the
    // server is asked: to login and back, once, with the draft kept.
    s.script(
        "const k = 'openim-admin.session'; const v = JSON.parse(sessionStorage.getItem(k)); \
         v.expiredTime = 1; sessionStorage.setItem(k, JSON.stringify(v));",
        vec![],
    )
    .await;
    s.open("/users").await;
    s.wait_path("/login?next=%2Fusers").await;
    s.wait_text(".notice", "Your session ended").await;
    assert!(!s.exists(".who-id").await, "no one is shown as signed in");
    let drafts = s
        .script(
            "return sessionStorage.getItem('openim-admin.draft.users.ids');",
            vec![],
        )
        .await;
    assert_eq!(drafts, typed);
    s.close().await;
}

/// Return paths that browsers resolve to another host (`/\\` and a tab
/// inside `//` among them), or that are no route of the app, as `?next=`
/// values: each must land on the lookup page of the dashboard's own origin.
const FOREIGN_RETURNS: [&str; 10] = [
    "/%5Cexample.com",
    "/%09/example.com",
    "/%5C/example.com",
    "//example.com",
    "%2F%2Fexample.com",
    "/%0A/example.com",
    "https://example.com/",
    "javascript:alert(1)",
    "/%2F%2Fexample.com",
    "/nowhere",
];

async fn assert_on_our_origin(s: &Session) {
    let origin = s.script("return location.origin;", vec![]).await;
    assert_eq!(origin.as_str(), Some(s.base.as_str()));
}

#[tokio::test]
async fn a_crafted_return_path_cannot_lead_out_of_the_dashboard() {
    let _one = ONE_AT_A_TIME.lock().await;
    let s = Session::start("return-path").await;
    // Signing in from a crafted link: the operator stays here.
    s.open(&format!("/login?next={}", FOREIGN_RETURNS[0])).await;
    s.sign_in(SECRET, ADMIN).await;
    s.wait_path("/overview?start").await;
    assert_on_our_origin(&s).await;

    // Signed in, the login page moves on at once: every form again.
    for next in FOREIGN_RETURNS {
        s.open(&format!("/login?next={next}")).await;
        s.wait_path("/overview?start").await;
        assert_on_our_origin(&s).await;
    }
    // A route of the app, with its query, is where the operator returns.
    s.open("/login?next=%2Fgroups%3Fx%3D1").await;
    s.wait_path("/groups?x=1").await;
    s.open("/login?next=%2Fusers%2FopenIM333").await;
    s.wait_path("/users/openIM333").await;
    s.close().await;
}

#[tokio::test]
async fn logout_clears_session_storage() {
    let _one = ONE_AT_A_TIME.lock().await;
    let s = signed_in("logout").await;
    s.paste_into("#user-ids", "openIM333").await;
    assert!(
        s.session_storage_len().await >= 2,
        "session and draft are stored"
    );
    s.click(".logout").await;
    s.wait_path("/login?next=%2Fusers").await;
    assert_eq!(s.session_storage_len().await, 0);
    assert!(!s.exists(".who-id").await);
    // Back after logout: still signed out.
    s.open("/users").await;
    s.wait_path("/login?next=%2Fusers").await;
    s.close().await;
}

#[tokio::test]
async fn a_failed_request_is_reported_and_can_be_retried() {
    let _one = ONE_AT_A_TIME.lock().await;
    let s = signed_in("retry").await;
    // The network drops the first online-status request.
    s.script(
        "window.__dropped = 0; const real = window.fetch; \
         window.fetch = (req, ...rest) => { \
           const url = typeof req === 'string' ? req : req.url; \
           if (window.__dropped === 0 && url.includes('get_users_online_status')) { \
             window.__dropped = 1; return Promise.reject(new TypeError('Failed to fetch')); } \
           return real.call(window, req, ...rest); };",
        vec![],
    )
    .await;
    // 17396220460 is online on OSX and Web in the demo data.
    s.paste_into("#user-ids", "17396220460\nopenIM333\nnobody")
        .await;
    s.click(".lookup-form button[type=submit]").await;
    s.wait_text(".failures", "Requests that failed: 1.").await;
    assert!(s
        .text(".failures .error-box")
        .await
        .contains("Could not reach the server"));
    let op = s.text(".failures .operation-id").await;
    assert!(op.starts_with("oa-"), "operationID shown: {op}");
    s.wait_text(
        ".summary",
        "3 users: 2 registered, 1 not registered, 0 online, 3 not fully known",
    )
    .await;
    assert_eq!(
        s.text("tr[data-user-id='17396220460'] .online").await,
        "Unknown"
    );
    s.screenshot("failed").await;
    let requests = s.requests().await;
    assert!(api_calls(&requests, "/manager/get_users_online_status").is_empty());

    s.click(".retry").await;
    s.wait_text("tr[data-user-id='17396220460'] .online", "Online")
        .await;
    let platforms = s.text("tr[data-user-id='17396220460'] .platforms").await;
    assert_eq!(
        platforms.split_whitespace().collect::<Vec<_>>(),
        ["OSX", "Web"]
    );
    assert!(
        !s.exists(".failures").await,
        "the failure is gone after a good retry"
    );
    s.wait_text(
        ".summary",
        "3 users: 2 registered, 1 not registered, 1 online, 0 not fully known",
    )
    .await;
    let requests = s.requests().await;
    let retried = api_calls(&requests, "/manager/get_users_online_status");
    assert_eq!(retried.len(), 1);
    assert_eq!(
        retried[0]["body"]["userIDList"].as_array().unwrap().len(),
        3
    );
    s.close().await;
}
