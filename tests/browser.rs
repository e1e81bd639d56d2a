//! Browser tests: components and session storage in headless Chromium.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use leptos_router::components::Router;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement, HtmlTextAreaElement};

use openim_admin::api::group::GroupMember;
use openim_admin::api::user::{AccountStatus, OnlineStatus, PlatformStatus, UserInfo};
use openim_admin::components::bulk::Run;
use openim_admin::components::confirm::{Ask, Confirm};
use openim_admin::components::id_list_input::IdListInput;
use openim_admin::components::profile_edit::ProfileEdit;
use openim_admin::components::user_table::{
    Col, Purpose, UserResults, GROUP_MEMBER_COLUMNS, GROUP_RESULT_COLUMNS, LOOKUP_COLUMNS,
    MEMBER_COLUMNS,
};
use openim_admin::i18n::Locale;
use openim_admin::i18n::PickCounted;
use openim_admin::model::members::member_row;
use openim_admin::model::outcome::{Action, Outcome};
use openim_admin::model::users::Lookup;
use openim_admin::pages::login::LoginPage;
use openim_admin::session::{self, Session};
use openim_admin::state::AppState;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A fresh element to mount into, so tests do not see each other's DOM.
fn container() -> HtmlElement {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let el: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    el.set_id(&format!("t{}", NEXT.fetch_add(1, Ordering::Relaxed)));
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
        release: "2.2".into(),
        cms: String::new(),
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

/// Mounts the shared users table over `lookup`, signed in as an admin.
fn render_table(lookup: Lookup) -> (HtmlElement, Run) {
    render_table_for(lookup, LOOKUP_COLUMNS, Purpose::Users)
}

fn render_table_for(
    lookup: Lookup,
    columns: &'static [Col],
    purpose: Purpose,
) -> (HtmlElement, Run) {
    session::save(&sample_session());
    let root = container();
    let (tx, rx) = std::sync::mpsc::channel();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        let app = english_app();
        provide_context(app);
        let run = Run::new(app).removing_deleted();
        run.lookup.set(lookup.clone());
        tx.send(run).unwrap();
        let summary: PickCounted = match purpose {
            Purpose::Members => |t| t.members_summary,
            Purpose::Results => |t| t.member_results_summary,
            Purpose::Users => |t| t.results_summary,
            Purpose::Group => |t| t.group_members_summary,
            Purpose::Relations => |t| t.listed_summary,
        };
        view! { <Router><UserResults run columns summary purpose/></Router> }
    });
    handle.forget();
    (root, rx.recv().unwrap())
}

fn ids(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn status(id: &str, registered: bool) -> AccountStatus {
    AccountStatus {
        user_id: id.into(),
        account_status: if registered {
            "registered"
        } else {
            "unregistered"
        }
        .into(),
    }
}

#[wasm_bindgen_test]
async fn result_rows_render_server_data_as_text_and_only_http_faces() {
    let mut l = Lookup::new(&ids(&["u<1>", "u2", "u3"]), &[]);
    l.apply_accounts(&[status("u<1>", true), status("u2", false)]);
    l.apply_infos(
        &ids(&["u<1>", "u2"]),
        vec![
            UserInfo {
                user_id: "u<1>".into(),
                nickname: "<img src=x onerror=alert(1)>".into(),
                face_url: "javascript:alert(1)".into(),
                gender: 2,
                ex: "{\"vip\":true}".into(),
            },
            UserInfo {
                user_id: "u2".into(),
                face_url: "https://cdn.example/f.png".into(),
                ..Default::default()
            },
        ],
    );
    l.apply_online(vec![
        OnlineStatus {
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
        },
        OnlineStatus {
            user_id: "u2".into(),
            status: "offline".into(),
            ..Default::default()
        },
    ]);
    let (root, _) = render_table(l);
    leptos::task::tick().await;
    let cell =
        |id: &str, class: &str| text_of(&root, &format!("tr[data-user-id='{id}'] td.{class}"));

    assert_eq!(
        cell("u<1>", "nickname").as_deref(),
        Some("<img src=x onerror=alert(1)>")
    );
    assert!(root.query_selector(".nickname img").unwrap().is_none());
    assert_eq!(
        count(&root, "img"),
        1,
        "only the https face becomes an image"
    );
    assert_eq!(
        cell("u<1>", "face-cell").as_deref(),
        Some("javascript:alert(1)")
    );
    assert_eq!(cell("u<1>", "account").as_deref(), Some("Registered"));
    assert_eq!(cell("u<1>", "gender").as_deref(), Some("Female"));
    assert_eq!(cell("u<1>", "online").as_deref(), Some("Online"));
    let platforms = cell("u<1>", "platforms").unwrap();
    assert_eq!(
        platforms.split_whitespace().collect::<Vec<_>>(),
        ["IOS", "Web"]
    );
    assert_eq!(count(&root, "td.platforms .badge"), 2);
    let by_platform = text_of(&root, ".by-platform").unwrap();
    for wanted in ["IOS 1", "Web 1", "Android 0", "Linux 0"] {
        assert!(by_platform.contains(wanted), "{wanted} in {by_platform}");
    }
    assert_eq!(cell("u<1>", "ex").as_deref(), Some("{\"vip\":true}"));
    let link = root
        .query_selector("tr[data-user-id='u<1>'] td.user-id a")
        .unwrap()
        .unwrap();
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("/users/u%3C1%3E")
    );

    let img = root
        .query_selector("tr[data-user-id='u2'] img.face")
        .unwrap()
        .expect("https face is shown");
    assert_eq!(
        img.get_attribute("src").as_deref(),
        Some("https://cdn.example/f.png")
    );
    assert_eq!(cell("u2", "account").as_deref(), Some("Not registered"));
    assert_eq!(cell("u2", "online").as_deref(), Some("Offline"));
    assert_eq!(cell("u2", "gender").as_deref(), Some("Not set"));

    assert_eq!(cell("u3", "account").as_deref(), Some("Unknown"));
    assert_eq!(cell("u3", "online").as_deref(), Some("Unknown"));
    session::clear_all();
}

fn input(root: &HtmlElement, selector: &str) -> HtmlInputElement {
    root.query_selector(selector)
        .unwrap()
        .unwrap()
        .unchecked_into()
}

/// Clicks the element as a person would (a checkbox toggles first).
fn click(root: &HtmlElement, selector: &str, shift: bool) {
    let selector = format!("#{} {selector}", root.id());
    js_sys::eval(&format!(
        "document.querySelector({selector:?}).dispatchEvent(new MouseEvent('click', {{bubbles: true, cancelable: true, shiftKey: {shift}}}))"
    ))
    .unwrap();
}

fn count(root: &HtmlElement, selector: &str) -> u32 {
    let selector = format!("#{} {selector}", root.id());
    js_sys::eval(&format!("document.querySelectorAll({selector:?}).length"))
        .unwrap()
        .as_f64()
        .unwrap() as u32
}

/// Types `text` into `field` as its new value, and lets the page react.
async fn type_into(field: &HtmlInputElement, text: &str) {
    field.set_value(text);
    field
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    leptos::task::tick().await;
}

#[wasm_bindgen_test]
async fn the_list_renders_a_screenful_of_ten_thousand_rows_and_selects_ranges() {
    let all: Vec<String> = (0..10_000).map(|i| format!("user{i:05}")).collect();
    let (root, run) = render_table(Lookup::new(&all, &ids(&["user00002"])));
    leptos::task::tick().await;
    let rows = || count(&root, "tbody tr[data-user-id]");
    assert!(rows() < 40, "only a screenful is in the DOM: {}", rows());
    assert_eq!(
        text_of(&root, ".rows-shown").as_deref(),
        Some("10000 of 10000 shown")
    );
    assert_eq!(
        text_of(&root, "tr[data-user-id='user00002'] .badge.admin").as_deref(),
        Some("admin")
    );

    // Scrolling far down renders those rows instead.
    let scroller: HtmlElement = root
        .query_selector(".table-scroll")
        .unwrap()
        .unwrap()
        .unchecked_into();
    // The test page has no stylesheet: give the scroller its overflow.
    scroller
        .set_attribute("style", "overflow: auto; max-height: 560px")
        .unwrap();
    scroller.set_scroll_top(44 * 5000);
    scroller
        .dispatch_event(&web_sys::Event::new("scroll").unwrap())
        .unwrap();
    leptos::task::tick().await;
    assert!(root
        .query_selector("tr[data-user-id='user05000']")
        .unwrap()
        .is_some());
    assert!(root
        .query_selector("tr[data-user-id='user00000']")
        .unwrap()
        .is_none());
    assert!(rows() < 40);

    // Filtering finds one row among all.
    let filter = input(&root, "#users-filter");
    type_into(&filter, "USER0999").await;
    assert_eq!(
        text_of(&root, ".rows-shown").as_deref(),
        Some("10 of 10000 shown")
    );
    assert!(root
        .query_selector("tr[data-user-id='user09990']")
        .unwrap()
        .is_some());

    // A click and a shift-click select the range between them.
    click(&root, "tr[data-user-id='user09991'] input.pick", false);
    leptos::task::tick().await;
    click(&root, "tr[data-user-id='user09995'] input.pick", true);
    leptos::task::tick().await;
    assert_eq!(
        text_of(&root, ".selected-count").as_deref(),
        Some("5 selected")
    );
    assert_eq!(
        run.lookup.with_untracked(|l| l.selected_ids()),
        ids(&[
            "user09991",
            "user09992",
            "user09993",
            "user09994",
            "user09995"
        ])
    );
    let picked = input(&root, "tr[data-user-id='user09993'] input.pick");
    assert!(picked.checked());
    assert_eq!(picked.type_(), "checkbox");
    assert_eq!(
        picked.get_attribute("aria-label").as_deref(),
        Some("Select user09993")
    );
    assert_eq!(count(&root, "tr.selected"), 5);
    assert_eq!(count(&root, "input.pick:checked"), 5);

    // Rows redrawn in place for another filter show their own state, not
    // that of the rows drawn there before.
    type_into(&filter, "USER0998").await;
    assert_eq!(count(&root, "tr.selected"), 0);
    assert_eq!(count(&root, "input.pick:checked"), 0);
    assert_eq!(count(&root, "input.pick[type=checkbox]"), 10);
    type_into(&filter, "USER0999").await;
    assert_eq!(count(&root, "tr.selected"), 5);
    assert_eq!(count(&root, "input.pick:checked"), 5);

    // Delete asks for the count typed out before it can be confirmed.
    click(&root, "button.delete", false);
    leptos::task::tick().await;
    let confirm: HtmlElement = root
        .query_selector("button.confirm-delete")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert!(confirm.has_attribute("disabled"));
    let typed = input(&root, "#delete-typed");
    type_into(&typed, "4").await;
    assert!(
        confirm.has_attribute("disabled"),
        "the wrong count does not unlock it"
    );
    type_into(&typed, "5").await;
    assert!(!confirm.has_attribute("disabled"));
    session::clear_all();
}

fn set_field(root: &HtmlElement, selector: &str, value: &str) {
    let field = input(root, selector);
    field.set_value(value);
    field
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
}

#[wasm_bindgen_test]
async fn the_edit_form_refuses_what_the_server_would_refuse_and_keeps_what_was_typed() {
    session::clear_all();
    count_fetches();
    let root = container();
    let saved = RwSignal::new(Vec::<String>::new());
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        provide_context(english_app());
        let info = Memo::new(|_| {
            Some(UserInfo {
                user_id: "edit-1".into(),
                nickname: "Old".into(),
                face_url: "ic_avatar_01".into(),
                gender: 1,
                ex: String::new(),
            })
        });
        view! {
            <ProfileEdit user_id="edit-1".to_string() info
                on_saved=Callback::new(move |id| saved.update(|s| s.push(id)))/>
        }
    });
    leptos::task::tick().await;
    // The server's profile fills the form; the fields it never returns
    // start empty.
    assert_eq!(input(&root, "#edit-nickname").value(), "Old");
    assert_eq!(input(&root, "#edit-phoneNumber").value(), "");
    assert!(
        root.query_selector("img.preview").unwrap().is_none(),
        "no preview for a non-http face"
    );

    // Nothing changed: nothing is sent, and the form says so.
    click(&root, ".edit-form button[type=submit]", false);
    leptos::task::tick().await;
    assert!(text_of(&root, ".saved")
        .unwrap()
        .contains("Nothing changed"));

    set_field(&root, "#edit-nickname", &"n".repeat(65));
    set_field(&root, "#edit-phoneNumber", &"1".repeat(33));
    set_field(&root, "#edit-birth", "1970-01-01");
    set_field(&root, "#edit-faceURL", "https://cdn.example/f.png");
    click(&root, ".edit-form button[type=submit]", false);
    leptos::task::tick().await;
    assert!(text_of(&root, "#edit-nickname-error")
        .unwrap()
        .contains("at most 64"));
    assert!(text_of(&root, "#edit-phoneNumber-error")
        .unwrap()
        .contains("at most 32"));
    assert!(text_of(&root, "#edit-birth-error")
        .unwrap()
        .contains("1970-01-02"));
    assert_eq!(text_of(&root, "#edit-email-error").unwrap_or_default(), "");
    assert_eq!(
        fetches(),
        0.0,
        "nothing may be sent while the form has errors"
    );
    let preview = root.query_selector("img.preview").unwrap().unwrap();
    assert_eq!(
        preview.get_attribute("src").as_deref(),
        Some("https://cdn.example/f.png")
    );

    // Valid now, but no session: the operator is sent to sign in, and what
    // was typed stays as drafts for when they come back.
    set_field(&root, "#edit-nickname", "New name");
    set_field(&root, "#edit-phoneNumber", "+86 138 0000 0000");
    set_field(&root, "#edit-birth", "1990-05-17");
    click(&root, ".edit-form button[type=submit]", false);
    leptos::task::tick().await;
    assert_eq!(
        text_of(&root, "#edit-nickname-error").unwrap_or_default(),
        ""
    );
    assert_eq!(fetches(), 0.0);
    assert!(saved.get_untracked().is_empty());
    assert_eq!(
        session::draft("user.edit-1.nickname").as_deref(),
        Some("New name")
    );
    assert_eq!(
        session::draft("user.edit-1.birth").as_deref(),
        Some("1990-05-17")
    );
    session::clear_all();
}

#[wasm_bindgen_test]
async fn the_member_list_sets_roles_and_removes_the_selected() {
    let mut l = Lookup::default();
    l.add_ids(&ids(&["m1", "m2", "m3"]), 1);
    l.apply_accounts(&[status("m1", true), status("m2", true), status("m3", false)]);
    let (root, run) = render_table_for(l, MEMBER_COLUMNS, Purpose::Members);
    leptos::task::tick().await;
    assert_eq!(
        text_of(&root, ".summary").unwrap(),
        "3 members: 2 registered, 1 unknown (the server would skip them)"
    );
    // Only what a member list needs: no online check, no delete.
    for absent in [".check-online", ".delete", ".use-selection"] {
        assert_eq!(count(&root, absent), 0, "{absent}");
    }
    let shows = count(&root, "#users-show option");
    assert_eq!(shows, 4, "all, registered, unknown, selected");

    click(&root, "tr[data-user-id='m2'] input.pick", false);
    click(&root, ".make-admin", false);
    leptos::task::tick().await;
    let roles = run
        .lookup
        .with_untracked(|l| l.rows.iter().map(|r| r.role).collect::<Vec<_>>());
    assert_eq!(roles, [1, 3, 1]);
    let select: web_sys::HtmlSelectElement = root
        .query_selector("tr[data-user-id='m2'] select.role")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(select.value(), "3");

    // A role chosen in the row itself.
    select.set_value("1");
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    assert_eq!(run.lookup.with_untracked(|l| l.rows[1].role), 1);

    click(&root, "tr[data-user-id='m3'] input.pick", false);
    click(&root, ".remove", false);
    leptos::task::tick().await;
    let left = run.lookup.with_untracked(|l| l.ids());
    assert_eq!(left, ["m1"]);
    assert!(text_of(&root, ".summary")
        .unwrap()
        .starts_with("1 member: 1 registered"));
    session::clear_all();
}

#[wasm_bindgen_test]
async fn a_groups_members_show_roles_and_mutes_and_filter_by_them() {
    let now = 1_800_000_000;
    let member = |id: &str, role: i32, mute: i64| {
        member_row(
            GroupMember {
                user_id: id.into(),
                nickname: format!("n-{id}"),
                role_level: role,
                join_time: now - 60,
                mute_end_time: mute,
                ..Default::default()
            },
            now,
        )
    };
    let l = Lookup::of_rows(vec![
        member("boss", 2, 0),
        member("helper", 3, 0),
        member("quiet", 1, now + 3600),
        member("was-quiet", 1, now - 1),
    ]);
    let (root, _run) = render_table_for(l, GROUP_MEMBER_COLUMNS, Purpose::Group);
    leptos::task::tick().await;
    let cell = |id: &str, col: &str| {
        text_of(&root, &format!("tr[data-user-id='{id}'] td.{col}")).unwrap_or_default()
    };
    assert_eq!(cell("boss", "group-role"), "Owner (2)");
    assert_eq!(cell("helper", "group-role"), "Admin (3)");
    assert_eq!(cell("quiet", "group-role"), "Member (1)");
    assert!(!cell("quiet", "muted-until").is_empty());
    assert_eq!(cell("was-quiet", "muted-until"), "", "a mute that ran out");
    assert!(!cell("boss", "joined").is_empty());
    assert_eq!(text_of(&root, ".summary").unwrap(), "4 members");
    // No delete or online check on a member list: the page acts on it.
    for absent in [".check-online", ".delete", ".make-admin"] {
        assert_eq!(count(&root, absent), 0, "{absent}");
    }

    let show: web_sys::HtmlSelectElement = root
        .query_selector("#users-show")
        .unwrap()
        .unwrap()
        .unchecked_into();
    for (key, rows) in [("muted", 1), ("managers", 2), ("all", 4)] {
        show.set_value(key);
        show.dispatch_event(&web_sys::Event::new("change").unwrap())
            .unwrap();
        leptos::task::tick().await;
        assert_eq!(count(&root, "tbody tr[data-user-id]"), rows, "{key}");
    }
    session::clear_all();
}

#[wasm_bindgen_test]
async fn a_confirmation_names_the_change_and_waits_for_the_typed_word() {
    let root = container();
    let ran = RwSignal::new(0);
    let ask = RwSignal::new(None::<Ask>);
    let handle = leptos::mount::mount_to(root.clone(), move || {
        provide_context(english_app());
        view! { <Confirm ask/> }
    });
    handle.forget();
    let open = move || {
        ask.set(Some(Ask {
            title: "Dismiss Team?".into(),
            notes: vec!["This cannot be undone.".into()],
            typed: Some(("Type Team".into(), "Team".into())),
            button: "Dismiss for good".into(),
            class: "confirm-dismiss",
            go: Callback::new(move |()| ran.update(|n| *n += 1)),
        }))
    };
    open();
    leptos::task::tick().await;
    assert_eq!(text_of(&root, "#confirm-title").unwrap(), "Dismiss Team?");
    assert!(text_of(&root, ".warning")
        .unwrap()
        .contains("cannot be undone"));
    let disabled =
        || (root.query_selector(".confirm-dismiss").unwrap().unwrap()).has_attribute("disabled");
    assert!(disabled(), "nothing typed yet");
    let typed = input(&root, "#confirm-typed");
    type_into(&typed, "Tea").await;
    assert!(disabled());
    click(&root, ".confirm-dismiss", false);
    leptos::task::tick().await;
    assert_eq!(ran.get_untracked(), 0, "a disabled confirm does nothing");
    type_into(&typed, "Team").await;
    assert!(!disabled());
    click(&root, ".confirm-dismiss", false);
    leptos::task::tick().await;
    assert_eq!(ran.get_untracked(), 1);
    assert_eq!(count(&root, "form.confirm"), 0, "closed once confirmed");

    // Cancel closes without running it.
    open();
    leptos::task::tick().await;
    click(&root, "form.confirm button.secondary", false);
    leptos::task::tick().await;
    assert_eq!(count(&root, "form.confirm"), 0);
    assert_eq!(ran.get_untracked(), 1);
}

#[wasm_bindgen_test]
async fn kick_results_say_what_each_answer_means() {
    let pairs: Vec<(String, String)> = ["in", "never", "boss", "later"]
        .iter()
        .map(|id| (String::new(), id.to_string()))
        .collect();
    let members: rustc_hash::FxHashSet<&str> = ["in", "boss"].into_iter().collect();
    let mut l = Lookup::results(Action::Kick, &pairs, Some(&members));
    l.apply_outcomes(
        "",
        vec![
            ("in".into(), Outcome::Result(0)),
            ("never".into(), Outcome::Result(0)),
            ("boss".into(), Outcome::Result(-1)),
        ],
    );
    let (root, _run) = render_table_for(l, GROUP_RESULT_COLUMNS, Purpose::Results);
    leptos::task::tick().await;
    let result = |id: &str| {
        text_of(&root, &format!("tr[data-user-id='{id}'] td.result")).unwrap_or_default()
    };
    assert!(result("in").starts_with("Not in the group now"));
    assert!(result("never").starts_with("Was not a member"));
    assert!(result("boss").contains("owner cannot be kicked"));
    assert!(result("boss").contains("result -1"));
    assert_eq!(result("later"), "Waiting");
    assert_eq!(
        text_of(&root, ".summary").unwrap(),
        "4 users: 2 succeeded, 1 did not, 1 waiting"
    );
    assert_eq!(count(&root, "td.result .badge.ok"), 2);
    assert_eq!(count(&root, "td.result .badge.warn"), 1);
    let shows = count(&root, "#users-show option");
    assert_eq!(shows, 4, "all, succeeded, not succeeded, selected");
    session::clear_all();
}

#[wasm_bindgen_test]
async fn each_content_type_shows_its_fields_and_types_them_into_the_values() {
    use openim_admin::components::content_fields::ContentFields;
    use openim_admin::model::message::{build_content, content_groups, COMPOSED};
    use rustc_hash::FxHashMap;

    let root = container();
    let kind = RwSignal::new(101);
    let values = RwSignal::new(FxHashMap::<String, String>::default());
    let problems = RwSignal::new(Vec::new());
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        provide_context(english_app());
        view! {
            <ContentFields groups=Signal::derive(move || content_groups(kind.get())) values prefix="c." problems/>
        }
    });
    let controls = |root: &HtmlElement| {
        let list = root.query_selector_all("input, textarea").unwrap();
        (0..list.length())
            .map(|i| {
                let el: web_sys::Element = list.item(i).unwrap().unchecked_into();
                let kind = el
                    .get_attribute("type")
                    .unwrap_or_else(|| "textarea".into());
                (el.id(), kind)
            })
            .collect::<Vec<_>>()
    };
    let expected = [
        (101, 1, vec![("msg-c.text", "textarea")]),
        (
            102,
            19,
            vec![
                ("msg-c.sourcePath", "text"),
                ("msg-c.sourcePicture.size", "number"),
                ("msg-c.bigPicture.url", "url"),
                ("msg-c.snapshotPicture.height", "number"),
            ],
        ),
        (
            103,
            5,
            vec![("msg-c.sourceUrl", "url"), ("msg-c.duration", "number")],
        ),
        (
            104,
            12,
            vec![("msg-c.videoUrl", "url"), ("msg-c.snapshotWidth", "number")],
        ),
        (
            105,
            5,
            vec![("msg-c.fileName", "text"), ("msg-c.fileSize", "number")],
        ),
        (
            110,
            3,
            vec![("msg-c.data", "textarea"), ("msg-c.extension", "textarea")],
        ),
    ];
    assert_eq!(
        expected.iter().map(|e| e.0).collect::<Vec<_>>(),
        COMPOSED.to_vec()
    );
    for (content_type, count, some) in expected {
        kind.set(content_type);
        leptos::task::tick().await;
        let shown = controls(&root);
        assert_eq!(shown.len(), count, "contentType {content_type}: {shown:?}");
        for (id, input_type) in some {
            assert!(
                shown.contains(&(id.to_string(), input_type.to_string())),
                "contentType {content_type} lacks {id} ({input_type}): {shown:?}"
            );
        }
    }

    // What is typed lands in the values by path, and builds the content.
    kind.set(102);
    leptos::task::tick().await;
    set_field(
        &root,
        "#msg-c\\.bigPicture\\.url",
        "https://cdn.example/big.png",
    );
    set_field(&root, "#msg-c\\.bigPicture\\.width", "800");
    let content = build_content(content_groups(102), &|k: &str| {
        values.with_untracked(|v| v.get(&format!("c.{k}")).cloned().unwrap_or_default())
    });
    assert_eq!(
        content.unwrap(),
        serde_json::json!({ "bigPicture": { "url": "https://cdn.example/big.png", "width": 800 } })
    );

    // A problem shows next to its field; JSON can be laid out for reading.
    kind.set(110);
    leptos::task::tick().await;
    let area: HtmlTextAreaElement = root
        .query_selector("#msg-c\\.data")
        .unwrap()
        .unwrap()
        .unchecked_into();
    area.set_value(r#"{"a":[1,2],"b":"<i>"}"#);
    area.dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    problems.set(vec![(
        "extension".to_string(),
        openim_admin::model::message::Problem::NotJson,
    )]);
    leptos::task::tick().await;
    assert_eq!(
        text_of(&root, "#msg-c\\.extension-error").as_deref(),
        Some("Not valid JSON.")
    );
    assert_eq!(text_of(&root, "#msg-c\\.data-error"), None);
    click(&root, ".format-json", false);
    leptos::task::tick().await;
    assert_eq!(
        values.with_untracked(|v| v["c.data"].clone()),
        "{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": \"<i>\"\n}"
    );
    assert_eq!(area.value(), values.with_untracked(|v| v["c.data"].clone()));
}

#[wasm_bindgen_test]
async fn each_mix_type_shows_its_media_forms_and_previews_only_safe_media() {
    use openim_admin::components::content_fields::{ContentFields, Form};
    use openim_admin::components::oa_preview::OaPreview;
    use openim_admin::model::notification::groups;
    use rustc_hash::FxHashMap;

    let root = container();
    let mix = RwSignal::new(0);
    let form = Form {
        values: RwSignal::new(FxHashMap::default()),
        problems: RwSignal::new(Vec::new()),
    };
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        provide_context(english_app());
        view! {
            <ContentFields groups=Signal::derive(move || groups(mix.get())) values=form.values prefix="n." problems=form.problems/>
            <OaPreview form prefix="n." mix_type=mix/>
        }
    });
    let legends = |root: &HtmlElement| {
        let list = root.query_selector_all("legend").unwrap();
        (0..list.length())
            .map(|i| list.item(i).unwrap().text_content().unwrap())
            .collect::<Vec<_>>()
    };
    let picture = [
        "pictureElem",
        "pictureElem.sourcePicture",
        "pictureElem.bigPicture",
        "pictureElem.snapshotPicture",
    ];
    let expected: [(i32, Vec<&str>); 6] = [
        (0, vec![]),
        (1, picture.to_vec()),
        (2, vec!["videoElem"]),
        (3, vec!["fileElem"]),
        (4, vec!["soundElem"]),
        (5, [&["soundElem"][..], &picture[..]].concat()),
    ];
    for (mix_type, boxes) in expected {
        mix.set(mix_type);
        leptos::task::tick().await;
        assert_eq!(legends(&root), boxes, "mixType {mix_type}");
        for id in [
            "notificationName",
            "notificationFaceURL",
            "notificationType",
            "text",
            "externalUrl",
            "ex",
        ] {
            assert!(
                root.query_selector(&format!("#msg-n\\.{id}"))
                    .unwrap()
                    .is_some(),
                "mixType {mix_type} lacks {id}"
            );
        }
    }

    // The preview: media only for their mixType and for http(s) URLs.
    let set = |key: &str, value: &str| {
        form.values.update(|v| {
            v.insert(format!("n.{key}"), value.to_string());
        })
    };
    let media = |root: &HtmlElement| {
        [
            "img.oa-picture",
            "video.oa-video",
            "audio.oa-sound",
            ".oa-file",
            "a.oa-link",
            "img.oa-face",
        ]
        .into_iter()
        .filter(|css| root.query_selector(css).unwrap().is_some())
        .collect::<Vec<_>>()
    };
    set("pictureElem.snapshotPicture.url", "https://c/s.png");
    set("videoElem.videoUrl", "https://c/v.mp4");
    set("soundElem.sourceUrl", "javascript:alert(1)");
    set("fileElem.fileName", "a.pdf");
    set("fileElem.fileSize", "2048");
    set("externalUrl", " JAVASCRIPT:alert(1)");
    set("notificationFaceURL", "https://c/f.png");
    set("text", "<b>bold?</b>");
    let seen = [
        (0, vec!["img.oa-face"]),
        (1, vec!["img.oa-picture", "img.oa-face"]),
        (2, vec!["video.oa-video", "img.oa-face"]),
        (3, vec![".oa-file", "img.oa-face"]),
        (4, vec!["img.oa-face"]),
        (5, vec!["img.oa-picture", "img.oa-face"]),
    ];
    for (mix_type, shown) in seen {
        mix.set(mix_type);
        leptos::task::tick().await;
        assert_eq!(media(&root), shown, "mixType {mix_type}");
    }
    mix.set(3);
    set("externalUrl", "https://status.example/");
    set("soundElem.sourceUrl", "https://c/a.mp3");
    leptos::task::tick().await;
    assert_eq!(text_of(&root, ".oa-file-size").as_deref(), Some("2.0 KB"));
    assert_eq!(text_of(&root, ".oa-text").as_deref(), Some("<b>bold?</b>"));
    assert!(root.query_selector(".oa-text b").unwrap().is_none());
    assert_eq!(
        text_of(&root, "a.oa-link").as_deref(),
        Some("Open the link")
    );
    mix.set(4);
    leptos::task::tick().await;
    assert_eq!(
        root.query_selector("audio.oa-sound")
            .unwrap()
            .unwrap()
            .get_attribute("src")
            .as_deref(),
        Some("https://c/a.mp3")
    );
}

/// An overview panel draws its answer as bars and a table with its totals,
/// says it is loading while none is there, and shows an error's errCode.
#[wasm_bindgen_test]
async fn an_overview_chart_draws_its_answer_and_its_numbers() {
    use openim_admin::api::cms::Gen;
    use openim_admin::api::cms_stats::Range;
    use openim_admin::api::{ApiError, ErrorKind};
    use openim_admin::pages::overview::chart::{Chart, Def, Kind};

    let root = container();
    let answer = RwSignal::new(None);
    let shown = RwSignal::new(None::<(Gen, Range)>);
    let def = Def {
        id: "t-messages",
        title: |t| t.chart_messages,
        note: |t| t.note_messages,
        route: 1,
        kind: Kind::Chart {
            series: &[
                ("private_message_num", "message_num", |t| t.series_private),
                ("group_message_num", "message_num", |t| t.series_group),
            ],
            line: false,
        },
    };
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        provide_context(english_app());
        view! { <Chart def answer shown/> }
    });
    shown.set(Some((
        Gen::B,
        Range {
            from: 19_113,
            to: 19_114,
        },
    )));
    leptos::task::tick().await;
    assert_eq!(text_of(&root, "[role=status]").as_deref(), Some("Loading…"));

    answer.set(Some(Ok(serde_json::json!({
        "private_message_num": 5, "group_message_num": 7,
        "private_message_num_list": [{"date": "2022-05-01 00:00:00 +0000 UTC", "message_num": 2}, {"date": "2022-05-02 00:00:00 +0000 UTC", "message_num": 3}],
        "group_message_num_list": [{"date": "2022-05-01 00:00:00 +0000 UTC", "message_num": 7}, {"date": "2022-05-02 00:00:00 +0000 UTC", "message_num": 0}],
    }))));
    leptos::task::tick().await;
    assert_eq!(
        text_of(&root, ".chart-total").as_deref(),
        Some("Single chats 5 · Groups 7")
    );
    assert_eq!(root.query_selector_all("svg rect").unwrap().length(), 4);
    let rows = root.query_selector_all("tbody tr").unwrap();
    assert_eq!(rows.length(), 2);
    assert_eq!(
        rows.item(0).unwrap().text_content().as_deref(),
        Some("2022-05-0127")
    );
    let svg = root.query_selector("svg").unwrap().unwrap();
    assert_eq!(
        svg.namespace_uri().as_deref(),
        Some("http://www.w3.org/2000/svg")
    );
    assert_eq!(
        svg.get_attribute("aria-label").as_deref(),
        Some("Messages: Single chats 5 · Groups 7")
    );

    let refused = ErrorKind::Server {
        err_code: 802,
        err_msg: "db failed".into(),
        data: None,
    };
    answer.set(Some(Err(ApiError::new("op-7", refused))));
    leptos::task::tick().await;
    assert!(text_of(&root, ".error-box").unwrap().contains("802"));
    assert!(root.query_selector("svg").unwrap().is_none());
}
