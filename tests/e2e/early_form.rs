//! index.html's plain login form: shown at once to a signed-out operator,
//! in the app's language, while the wasm downloads; what is typed there,
//! the focus and a pressed Sign in all carry over to the app.

use std::time::Duration;

use serde_json::{json, Value};

use crate::harness::{Session, ONE_AT_A_TIME};
use crate::{api_calls, signed_in, ADMIN, SECRET};

/// Slows every download to `bytes_per_s` (the wasm, the largest file, is
/// then seconds away) or blocks the wasm outright; nothing comes from the
/// cache of an earlier load.
async fn network(s: &Session, bytes_per_s: f64, block_wasm: bool) {
    s.cdp("Network.enable", json!({})).await;
    s.cdp("Network.setCacheDisabled", json!({ "cacheDisabled": true }))
        .await;
    s.cdp(
        "Network.emulateNetworkConditions",
        json!({ "offline": false, "latency": 0,
                "downloadThroughput": bytes_per_s, "uploadThroughput": -1 }),
    )
    .await;
    let blocked: Vec<&str> = if block_wasm { vec!["*.wasm"] } else { vec![] };
    s.cdp("Network.setBlockedURLs", json!({ "urls": blocked }))
        .await;
}

async fn visible(s: &Session, id: &str) -> bool {
    let js = "const e = document.getElementById(arguments[0]); \
              return !!e && e.getBoundingClientRect().height > 0;";
    s.script(js, vec![json!(id)]).await == Value::Bool(true)
}

/// Waits until the app has started: it removes the early form first.
async fn app_started(s: &Session) {
    s.until("the app to start", || async {
        s.script("return document.getElementById('boot') === null", vec![])
            .await
            == Value::Bool(true)
    })
    .await;
}

#[tokio::test]
async fn typing_before_the_app_starts_is_kept_with_the_focus_in_chinese() {
    let _one = ONE_AT_A_TIME.lock().await;
    let s = Session::start_eager("early-form-zh").await;
    // Chinese chosen earlier; an admin ID left as this tab's draft.
    s.open("/login").await;
    s.find("#login-secret").await;
    s.script(
        "localStorage.setItem('openim-admin.locale', 'zh-CN'); \
         sessionStorage.setItem('openim-admin.draft.login.user', arguments[0]);",
        vec![json!(ADMIN)],
    )
    .await;
    network(&s, 60_000.0, false).await;
    s.open("/login").await;

    assert!(visible(&s, "boot-secret").await, "the early form shows");
    assert!(
        !s.exists("#login-secret").await,
        "before the app has started"
    );
    let zh = openim_admin::i18n::Locale::Zh.strings();
    assert_eq!(s.text("#boot h1").await, zh.login_title);
    assert_eq!(s.text("label[for=boot-secret]").await, zh.secret_label);
    let lang = s
        .script("return document.documentElement.lang", vec![])
        .await;
    assert_eq!(lang, json!("zh-CN"));
    assert_eq!(
        s.value("#boot-user").await,
        ADMIN,
        "the tab's last admin ID"
    );
    s.screenshot("early-form-zh").await;

    // Half the secret before the app starts, the rest after: nothing lost.
    s.find("#boot-secret").await.send_keys("tuo").await.unwrap();
    app_started(&s).await;
    assert!(
        !s.exists("#boot-failed").await,
        "no start-up notice is left"
    );
    network(&s, -1.0, false).await;
    let active = s.client.active_element().await.unwrap();
    assert_eq!(
        active.attr("id").await.unwrap().as_deref(),
        Some("login-secret")
    );
    active.send_keys("yun").await.unwrap();
    assert_eq!(s.value("#login-secret").await, SECRET);
    assert_eq!(s.text(".login h1").await, zh.login_title, "the app agrees");

    s.click(".login-form button[type=submit]").await;
    s.wait_path("/overview?start").await;
    let token_calls = api_calls(&s.requests().await, "/auth/user_token")
        .into_iter()
        .cloned()
        .collect::<Vec<_>>();
    assert_eq!(token_calls.len(), 1);
    assert_eq!(token_calls[0]["body"]["secret"], json!(SECRET));
    assert_eq!(token_calls[0]["body"]["userID"], json!(ADMIN));
    s.close().await;
}

#[tokio::test]
async fn sign_in_pressed_on_a_deep_link_before_the_app_starts_is_sent_once() {
    let _one = ONE_AT_A_TIME.lock().await;
    let s = Session::start_eager("early-form-submit").await;
    network(&s, 60_000.0, false).await;
    // A bookmark of the directory: the app will send this tab to login
    // first, and then back.
    s.open("/directory").await;

    s.find("#boot-secret")
        .await
        .send_keys(SECRET)
        .await
        .unwrap();
    s.find("#boot-user").await.send_keys(ADMIN).await.unwrap();
    s.click("#boot-form button").await;
    // Held in the page: no request, and the secret is not in the URL.
    assert_eq!(s.path().await, "/directory");
    assert!(api_calls(&s.requests().await, "/auth/user_token").is_empty());
    assert!(
        !s.exists("#login-secret").await,
        "the app was still loading"
    );
    let pressed = s.script(
        "return document.querySelector('#boot-form button').disabled",
        vec![],
    );
    assert_eq!(pressed.await, json!(true));

    network(&s, -1.0, false).await;
    // Signed in by the app, through login and back.
    assert_eq!(s.text(".who-id").await, ADMIN);
    s.wait_path("/directory").await;
    let calls = s.requests().await;
    assert_eq!(api_calls(&calls, "/auth/user_token").len(), 1, "sent once");
    s.close().await;
}

#[tokio::test]
async fn a_dashboard_that_cannot_start_says_so_and_never_shows_a_dead_form() {
    let _one = ONE_AT_A_TIME.lock().await;
    // Signed out: the failure replaces the early form.
    let s = Session::start("early-form-failed").await;
    network(&s, -1.0, true).await;
    s.open("/login").await;
    s.until("the failure to show", || async {
        visible(&s, "boot-failed").await
    })
    .await;
    let en = openim_admin::i18n::Locale::En.strings();
    assert!(s.text("#boot-failed").await.starts_with(en.boot_failed));
    assert!(!visible(&s, "boot-secret").await);
    s.close().await;

    // Signed in: no login form at any moment, and the same failure.
    let s = signed_in("early-form-signed-in").await;
    s.on_new_document(
        "window.__formSeen = false; \
         new MutationObserver(() => { const b = document.getElementById('boot'); \
           if (b && !b.hidden) window.__formSeen = true; }) \
         .observe(document, { subtree: true, childList: true, attributes: true });",
    )
    .await;
    network(&s, -1.0, true).await;
    s.open("/users").await;
    s.until("the failure to show", || async {
        visible(&s, "boot-failed").await
    })
    .await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    let seen = s.script("return window.__formSeen", vec![]).await;
    assert_eq!(
        seen,
        json!(false),
        "a signed-in tab never sees the login form"
    );
    s.close().await;
}
