//! Browser tests: components and session storage in headless Chromium.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use leptos_router::components::Router;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement, HtmlTextAreaElement};

use openim_admin::api::user::{OnlineStatus, PlatformStatus, UserInfo};
use openim_admin::components::id_list_input::IdListInput;
use openim_admin::i18n::Locale;
use openim_admin::model::users::UserRow;
use openim_admin::pages::login::LoginPage;
use openim_admin::pages::users::UserRowView;
use openim_admin::session::{self, Session};
use openim_admin::state::AppState;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A fresh element to mount into, so tests do not see each other's DOM.
fn container() -> HtmlElement {
    let el: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&el).unwrap();
    el
}

fn english_app() -> AppState {
    let app = AppState::from_browser();
    app.locale.set(Locale::En);
    app
}

fn text_of(root: &HtmlElement, selector: &str) -> Option<String> {
    root.query_selector(selector)
        .unwrap()
        .and_then(|e| e.text_content())
}

fn session_storage() -> web_sys::Storage {
    web_sys::window()
        .unwrap()
        .session_storage()
        .unwrap()
        .unwrap()
}

fn sample_session() -> Session {
    Session {
        server: String::new(),
        user_id: "openIM123456".into(),
        token: "tok".into(),
        expired_time: 4_102_444_800,
    }
}

#[wasm_bindgen_test]
fn session_round_trips_through_session_storage_only() {
    session::clear_all();
    assert_eq!(session::load(), None);
    session::save(&sample_session());
    assert_eq!(session::load(), Some(sample_session()));
    let raw = session_storage()
        .get_item(session::SESSION_KEY)
        .unwrap()
        .unwrap();
    assert!(raw.contains("\"token\":\"tok\""));
    let local = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    assert_eq!(local.get_item(session::SESSION_KEY).unwrap(), None);
    session::clear_all();
}

#[wasm_bindgen_test]
fn a_refused_token_keeps_drafts_but_logout_clears_everything() {
    session::clear_all();
    session::save(&sample_session());
    session::set_draft("users.ids", "a\nb");
    session::end_keeping_drafts();
    assert_eq!(session::load(), None);
    assert_eq!(session::draft("users.ids").as_deref(), Some("a\nb"));
    session::save(&sample_session());
    session::clear_all();
    assert_eq!(session::draft("users.ids"), None);
    assert_eq!(session_storage().length().unwrap(), 0);
}

#[wasm_bindgen_test]
fn a_corrupt_session_entry_reads_as_signed_out() {
    session_storage()
        .set_item(session::SESSION_KEY, "{not json")
        .unwrap();
    assert_eq!(session::load(), None);
    session::clear_all();
}

/// Counts calls to `fetch` so a test can prove nothing was sent.
fn count_fetches() {
    js_sys::eval(
        "if (!window.__realFetch) { window.__realFetch = window.fetch; \
         window.fetch = (...a) => { window.__fetches = (window.__fetches||0) + 1; return window.__realFetch(...a); }; } \
         window.__fetches = 0;",
    )
    .unwrap();
}

fn fetches() -> f64 {
    js_sys::eval("window.__fetches")
        .unwrap()
        .as_f64()
        .unwrap_or(0.0)
}

#[wasm_bindgen_test]
async fn login_refuses_empty_and_oversized_fields_before_sending() {
    session::clear_all();
    count_fetches();
    let root = container();
    let _handle = leptos::mount::mount_to(root.clone(), || {
        provide_context(english_app());
        view! { <Router><LoginPage/></Router> }
    });
    leptos::task::tick().await;
    let submit: HtmlElement = root
        .query_selector("button[type=submit]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    submit.click();
    leptos::task::tick().await;
    assert_eq!(
        text_of(&root, "#login-secret-error").as_deref(),
        Some("Enter the server's secret.")
    );
    assert_eq!(
        text_of(&root, "#login-user-error").as_deref(),
        Some("Enter an admin userID.")
    );

    // Oversized values and a bad URL get their own messages; the typed
    // values stay in the fields.
    let set = |sel: &str, v: &str| {
        let input: HtmlInputElement = root.query_selector(sel).unwrap().unwrap().unchecked_into();
        input.set_value(v);
        input
            .dispatch_event(&web_sys::Event::new("input").unwrap())
            .unwrap();
    };
    set("#login-server", "im.example.com");
    set("#login-secret", &"s".repeat(33));
    set("#login-user", &"u".repeat(65));
    submit.click();
    leptos::task::tick().await;
    assert!(text_of(&root, "#login-server-error")
        .unwrap()
        .contains("http://"));
    assert_eq!(
        text_of(&root, "#login-secret-error").as_deref(),
        Some("The secret is at most 32 characters.")
    );
    assert_eq!(
        text_of(&root, "#login-user-error").as_deref(),
        Some("A userID is at most 64 characters.")
    );
    let user: HtmlInputElement = root
        .query_selector("#login-user")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(user.value().len(), 65);
    assert_eq!(
        fetches(),
        0.0,
        "nothing may be sent while the form has errors"
    );
    assert_eq!(session::load(), None);
}

#[wasm_bindgen_test]
async fn id_list_input_counts_ids_as_they_are_typed() {
    let root = container();
    let value = RwSignal::new(String::new());
    let app = english_app();
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        provide_context(app);
        view! { <IdListInput id="ids" label=Signal::derive(|| "IDs") value error=Signal::derive(|| None::<String>)/> }
    });
    leptos::task::tick().await;
    let area: HtmlTextAreaElement = root
        .query_selector("textarea")
        .unwrap()
        .unwrap()
        .unchecked_into();
    area.set_value("u1, u2\nu2\tu3\n\n");
    area.dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    leptos::task::tick().await;
    assert_eq!(value.get_untracked(), "u1, u2\nu2\tu3\n\n");
    assert_eq!(
        text_of(&root, ".id-count").as_deref(),
        Some("3 IDs · repeats removed: 1")
    );
    let label = root.query_selector("label").unwrap().unwrap();
    assert_eq!(label.get_attribute("for").as_deref(), Some("ids"));

    // Switching language re-renders the count in Chinese.
    app.locale.set(Locale::Zh);
    leptos::task::tick().await;
    assert_eq!(
        text_of(&root, ".id-count").as_deref(),
        Some("3 个 ID · 已去掉 1 个重复")
    );

    // Too-long IDs are reported, not silently dropped.
    value.set(format!("ok {}", "x".repeat(65)));
    leptos::task::tick().await;
    assert_eq!(
        text_of(&root, ".id-count").as_deref(),
        Some("1 个 ID · 已忽略 1 个超过 64 个字符的 ID")
    );
}

fn render_row(row: UserRow) -> HtmlElement {
    let root = container();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        provide_context(english_app());
        view! { <table><tbody><UserRowView row=row.clone()/></tbody></table> }
    });
    handle.forget();
    root
}

#[wasm_bindgen_test]
async fn result_rows_render_server_data_as_text_and_only_http_faces() {
    let hostile = UserRow {
        user_id: "u<1>".into(),
        registered: Some(true),
        info: Some(UserInfo {
            user_id: "u<1>".into(),
            nickname: "<img src=x onerror=alert(1)>".into(),
            face_url: "javascript:alert(1)".into(),
            gender: 2,
            ex: "{\"vip\":true}".into(),
        }),
        profile_checked: true,
        online: Some(OnlineStatus {
            user_id: "u<1>".into(),
            status: "online".into(),
            detail_platform_status: vec![
                PlatformStatus {
                    platform: "IOS".into(),
                    status: "online".into(),
                },
                PlatformStatus {
                    platform: "Web".into(),
                    status: "online".into(),
                },
            ],
        }),
    };
    let root = render_row(hostile);
    leptos::task::tick().await;
    assert_eq!(
        text_of(&root, ".nickname").as_deref(),
        Some("<img src=x onerror=alert(1)>")
    );
    assert!(root.query_selector(".nickname img").unwrap().is_none());
    assert!(
        root.query_selector("img").unwrap().is_none(),
        "a javascript: face must not become an image"
    );
    assert_eq!(
        text_of(&root, ".face-cell").as_deref(),
        Some("javascript:alert(1)")
    );
    assert_eq!(text_of(&root, ".account").as_deref(), Some("Registered"));
    assert_eq!(text_of(&root, ".gender").as_deref(), Some("Female"));
    assert_eq!(text_of(&root, ".online").as_deref(), Some("Online"));
    assert_eq!(text_of(&root, ".platforms").as_deref(), Some("IOS, Web"));
    assert_eq!(text_of(&root, ".ex").as_deref(), Some("{\"vip\":true}"));

    let plain = UserRow {
        user_id: "u2".into(),
        registered: Some(false),
        info: Some(UserInfo {
            user_id: "u2".into(),
            face_url: "https://cdn.example/f.png".into(),
            ..Default::default()
        }),
        profile_checked: true,
        online: Some(OnlineStatus {
            user_id: "u2".into(),
            status: "offline".into(),
            ..Default::default()
        }),
    };
    let root = render_row(plain);
    leptos::task::tick().await;
    let img = root
        .query_selector("img.face")
        .unwrap()
        .expect("https face is shown");
    assert_eq!(
        img.get_attribute("src").as_deref(),
        Some("https://cdn.example/f.png")
    );
    assert_eq!(
        text_of(&root, ".account").as_deref(),
        Some("Not registered")
    );
    assert_eq!(text_of(&root, ".online").as_deref(), Some("Offline"));
    assert_eq!(text_of(&root, ".gender").as_deref(), Some("Not set"));

    let unknown = render_row(UserRow::new("u3"));
    leptos::task::tick().await;
    assert_eq!(text_of(&unknown, ".account").as_deref(), Some("Unknown"));
    assert_eq!(text_of(&unknown, ".online").as_deref(), Some("Unknown"));
}
