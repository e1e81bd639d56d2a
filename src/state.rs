//! What every page shares: the session, the language, deployment config.

use leptos::prelude::*;

use crate::api::envelope::answer_as;
use crate::api::release::Release;
use crate::api::transport::{post_text, Answer, Connection, Scope};
use crate::api::{ApiError, Endpoint};
use crate::config::Config;
use crate::i18n::{Locale, Pick, PickCounted, Strings};
use crate::session::Session;

#[derive(Clone, Copy)]
pub struct AppState {
    pub session: RwSignal<Option<Session>>,
    pub locale: RwSignal<Locale>,
    pub config: RwSignal<Config>,
    /// Set when the server refused the token; the login page explains it.
    pub session_ended: RwSignal<bool>,
}

const LOCALE_KEY: &str = "openim-admin.locale";

impl AppState {
    /// Reads what the browser already holds (session, chosen language).
    pub fn from_browser() -> Self {
        Self {
            session: RwSignal::new(crate::session::load()),
            locale: RwSignal::new(stored_or_browser_locale()),
            config: RwSignal::new(Config::default()),
            session_ended: RwSignal::new(false),
        }
    }

    /// The texts of the current language (tracked: views re-render on switch).
    pub fn t(&self) -> &'static Strings {
        self.locale.get().strings()
    }

    pub fn set_locale(&self, locale: Locale) {
        if let Some(s) = local_storage() {
            let _ = s.set_item(LOCALE_KEY, locale.tag());
        }
        self.locale.set(locale);
    }

    /// A session whose token has not yet expired (tracked).
    pub fn signed_in(&self) -> bool {
        self.session
            .get()
            .is_some_and(|s| !s.is_expired(crate::session::now_secs()))
    }

    /// Connection for API calls, if signed in.
    pub fn connection(&self) -> Option<Connection> {
        self.session.get_untracked().map(|s| Connection {
            release: s.release(),
            server: s.server,
            token: Some(s.token),
        })
    }

    /// The signed-in server's release (tracked; the reference release when
    /// signed out).
    pub fn release(&self) -> Release {
        (self.session.with(|s| s.as_ref().map(Session::release))).unwrap_or_default()
    }

    /// Calls the API as the signed-in operator. With no session, or when
    /// the server refuses its token, the session ends (drafts kept: the
    /// guard sends the operator to sign in and back) and there is no
    /// answer to show.
    pub async fn call<E: Endpoint>(
        self,
        scope: &Scope,
        req: &E,
    ) -> Option<Result<E::Resp, ApiError>> {
        let answer = self
            .exchange(scope, E::PATH, serde_json::to_string(req))
            .await?;
        Some(answer_as(answer))
    }

    /// [`AppState::call`] for a write that answers no `data`, encoded
    /// beforehand: one copy for every such write.
    pub async fn write(
        self,
        scope: &Scope,
        (path, body): crate::api::endpoints::Encoded,
    ) -> Option<Result<(), ApiError>> {
        Some(answer_as(self.exchange(scope, path, body).await?))
    }

    /// [`AppState::call`] for a read whose `data` is a list of records,
    /// read as JSON values: one copy for every such read.
    pub async fn records(
        self,
        scope: &Scope,
        (path, body): crate::api::endpoints::Encoded,
    ) -> Option<Result<Vec<serde_json::Value>, ApiError>> {
        Some(answer_as(self.exchange(scope, path, body).await?))
    }

    /// The exchange of [`AppState::call`], one copy for every endpoint.
    fn exchange(
        self,
        scope: &Scope,
        path: &'static str,
        body: Result<String, serde_json::Error>,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = Option<Answer>>>> {
        let scope = scope.clone();
        Box::pin(async move {
            let Some(conn) = self.connection() else {
                self.session_refused();
                return None;
            };
            match post_text(&conn, &scope, path, body).await {
                Err(e) if e.is_session() => {
                    self.session_refused();
                    None
                }
                answer => Some(answer),
            }
        })
    }

    /// The CMS this session uses (docs/cms.md#cms-detection): the one
    /// found before, else config.json's, else the first place the probes
    /// find one; kept in the session once found. None: none answers.
    pub fn cms(self) -> crate::api::cms_transport::Boxed<Option<crate::api::cms::Cms>> {
        Box::pin(self.cms_found())
    }

    async fn cms_found(self) -> Option<crate::api::cms::Cms> {
        let session = self.session.get_untracked()?;
        if let Some(cms) = session.cms() {
            return Some(cms);
        }
        // Typed at sign-in, else named in config.json, else looked for.
        let typed = crate::session::draft(crate::keys::CMS_URL).unwrap_or_default();
        let configured = match typed.trim() {
            "" => self.config.get_untracked().cms,
            typed => typed.to_string(),
        };
        let candidates = if configured.is_empty() {
            let origin = web_sys::window()?.location().origin().ok()?;
            crate::api::cms::candidates(&session.server, &origin)
        } else {
            vec![configured]
        };
        let found = crate::api::cms_transport::find(candidates).await?;
        self.session.update(|s| {
            if let Some(s) = s {
                s.cms = found.store();
                crate::session::save(s);
            }
        });
        Some(found)
    }

    /// Forgets where the CMS was, so the next use looks again.
    pub fn forget_cms(self) {
        self.session.update(|s| {
            if let Some(s) = s {
                s.cms.clear();
                crate::session::save(s);
            }
        });
    }

    pub fn sign_in(&self, session: Session) {
        crate::session::save(&session);
        self.session_ended.set(false);
        self.session.set(Some(session));
    }

    /// The server refused the token: forget it, keep drafts. The protected
    /// route then sends the operator to login and back here afterwards.
    pub fn session_refused(&self) {
        crate::session::end_keeping_drafts();
        self.session_ended.set(true);
        self.session.set(None);
    }

    pub fn logout(&self) {
        crate::session::clear_all();
        self.session_ended.set(false);
        self.session.set(None);
    }
}

/// This browser's localStorage, shared by its tabs (settings, templates).
pub fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

fn stored_or_browser_locale() -> Locale {
    if let Some(l) = local_storage()
        .and_then(|s| s.get_item(LOCALE_KEY).ok()?)
        .and_then(|t| Locale::from_tag(&t))
    {
        return l;
    }
    let langs: Vec<String> = web_sys::window()
        .map(|w| {
            w.navigator()
                .languages()
                .iter()
                .filter_map(|v| v.as_string())
                .collect()
        })
        .unwrap_or_default();
    Locale::from_preferences(langs.iter().map(String::as_str))
}

/// A scope for the current page's calls: leaving the page aborts them.
pub fn page_scope() -> Scope {
    let scope = Scope::new();
    on_cleanup({
        let scope = scope.clone();
        move || scope.abort_all()
    });
    scope
}

pub fn use_app() -> AppState {
    expect_context::<AppState>()
}

/// A text of the current language as a reactive view or attribute value:
/// `{tr(|t| t.logout)}`. Every call returns the same closure type, so the
/// renderer is compiled once for all texts instead of once per text.
pub fn tr(
    pick: fn(&'static Strings) -> &'static str,
) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let app = use_app();
    move || pick(app.t())
}

/// The server's admin accounts as this dashboard knows them.
pub fn admin_ids(app: AppState) -> Vec<String> {
    let me = app
        .session
        .with_untracked(|s| s.as_ref().map(|s| s.user_id.clone()));
    app.config
        .with_untracked(|c| c.admin_ids(me.as_deref().unwrap_or_default()))
}

/// A reactive text. Each is a `Signal<String>`, so the renderer is
/// compiled once for all of them rather than once per closure.
pub fn text(f: impl Fn() -> String + Send + Sync + 'static) -> Signal<String> {
    Signal::derive(f)
}

/// A counted text of the current language in the form that agrees with
/// `count`, its `{count}` filled in.
pub fn counted(
    pick: PickCounted,
    count: impl Fn() -> usize + Send + Sync + 'static,
) -> Signal<String> {
    let app = use_app();
    text(move || {
        let n = count();
        crate::i18n::fill(pick(app.t()).form(n), &[("count", &n)])
    })
}

/// A plain text whose `{count}` stands where no noun has to agree with it
/// ("Selected: {count}").
pub fn with_count(pick: Pick, count: impl Fn() -> usize + Send + Sync + 'static) -> Signal<String> {
    let app = use_app();
    text(move || crate::i18n::fill(pick(app.t()), &[("count", &count())]))
}

/// A text field's value kept as the draft `name`: what was typed survives a
/// reload and a refused session.
pub fn kept_draft(name: impl Into<String>) -> RwSignal<String> {
    let name = name.into();
    let value = RwSignal::new(crate::session::draft(&name).unwrap_or_default());
    Effect::new(move |_| crate::session::set_draft(&name, &value.get()));
    value
}

/// A reactive condition (one renderer for every `disabled=`, `when=`).
pub fn flag(f: impl Fn() -> bool + Send + Sync + 'static) -> Signal<bool> {
    Signal::derive(f)
}

/// Renders its children while `when` holds: one instantiation for every
/// use, where each `<Show>` would compile its own.
#[component]
pub fn When(when: Signal<bool>, children: ChildrenFn) -> impl IntoView {
    // Memoised: the children are rebuilt when the condition flips, not
    // whenever something it reads changes.
    let when = Memo::new(move |_| when.get());
    move || when.get().then(|| children())
}

/// Unix seconds as a local date and time; 0 (unset) as nothing.
pub fn local_seconds(at: i64, locale: Locale) -> String {
    if at > 0 {
        local_time(at as f64 * 1000.0, locale)
    } else {
        String::new()
    }
}

/// A moment (ms since the epoch) as a date and time in the UI's language.
pub fn local_time(ms: f64, locale: Locale) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms));
    String::from(date.to_locale_string(locale.tag(), &wasm_bindgen::JsValue::UNDEFINED))
}
