//! What every page fed by the CMS API shares (docs/cms.md): finding it,
//! saying where it is or what to deploy, and calling it with the main
//! API's token from a page's scope.

use leptos::prelude::*;
use serde_json::Value;

use crate::api::cms::{Cms, CmsRequest};
use crate::api::transport::Scope;
use crate::api::{ApiError, ErrorKind};
use crate::components::error_box::ErrorBox;
use crate::components::pager::Pager;
use crate::i18n::fill;
use crate::state::{counted, page_scope, text, tr, use_app};

/// None while looking; then the CMS, or None inside when none answers.
pub type Found = RwSignal<Option<Option<Cms>>>;

/// A page's CMS, looked for now and on "Look again" (then `then` runs),
/// and its latest paged read: the page asked, whether it is under way, and
/// the answer's `data`, a later read overtaking an earlier one.
#[derive(Clone, Copy)]
pub struct CmsPage {
    pub found: Found,
    pub page: RwSignal<u32>,
    pub busy: RwSignal<bool>,
    pub answer: RwSignal<Option<Result<Value, ApiError>>>,
    latest: StoredValue<u64>,
    scope: StoredValue<Scope>,
    then: Callback<CmsPage>,
    // Kept: its calls run outside the page's reactive owner.
    app: crate::state::AppState,
}

impl CmsPage {
    pub fn new(then: impl Fn(CmsPage) + Send + Sync + 'static) -> Self {
        let page = Self {
            found: RwSignal::new(None),
            page: RwSignal::new(1),
            busy: RwSignal::new(false),
            answer: RwSignal::new(None),
            latest: StoredValue::new(0),
            scope: StoredValue::new(page_scope()),
            then: Callback::new(then),
            app: use_app(),
        };
        page.look();
        page
    }

    /// Reads page `wanted` with the request `build` writes for a new
    /// operationID; only the latest read is shown.
    pub fn read(self, wanted: u32, build: impl FnOnce(&str) -> CmsRequest) {
        let req = build(&crate::api::opid::next_operation_id());
        let ticket = self.latest.get_value() + 1;
        self.latest.set_value(ticket);
        self.busy.set(true);
        leptos::task::spawn_local(async move {
            let got = self.call(req).await;
            if self.latest.try_get_value() == Some(ticket) {
                self.busy.set(false);
                self.page.set(wanted);
                self.answer.set(Some(got));
            }
        });
    }

    /// The last answer's `data` read by `f`, if it came.
    pub fn with_data<T>(self, f: impl FnOnce(&Value) -> T) -> Option<T> {
        self.answer
            .with(|a| a.as_ref().and_then(|a| a.as_ref().ok()).map(f))
    }

    fn look(self) {
        self.found.set(None);
        leptos::task::spawn_local(async move {
            let found = self.app.cms().await;
            // A page left meanwhile has nothing to show it on.
            if self.found.try_set(Some(found)).is_none() {
                self.then.run(self);
            }
        });
    }

    /// The CMS, once found.
    pub fn get(self) -> Option<Cms> {
        self.found.get().flatten()
    }

    pub fn get_untracked(self) -> Option<Cms> {
        self.found.get_untracked().flatten()
    }

    /// Sends `req` with the session's token; the answer's `data`.
    pub fn call(
        self,
        req: CmsRequest,
    ) -> crate::api::cms_transport::Boxed<Result<Value, ApiError>> {
        Box::pin(async move {
            let token = (self.app.session).with_untracked(|s| s.as_ref().map(|s| s.token.clone()));
            let cms = self.found.try_get_untracked().flatten().flatten();
            let (Some(cms), Some(token), Some(scope)) = (cms, token, self.scope.try_get_value())
            else {
                let message = "the session or the CMS is gone".to_string();
                return Err(ApiError::new("", ErrorKind::Network { message }));
            };
            let got = crate::api::cms_transport::call(&cms, &token, &scope, &req).await;
            if let Err(e) = &got {
                if crate::api::cms::refuses_token(cms.gen, e) {
                    self.confirm_session(&scope).await;
                }
            }
            got
        })
    }

    /// The CMS checks the token as the main API does, so a refusal may
    /// mean the session is over: a harmless main-API read settles it, and
    /// ends the session as every refused call does, keeping what was typed.
    async fn confirm_session(self, scope: &Scope) {
        let me = (self.app.session).with_untracked(|s| s.as_ref().map(|s| s.user_id.clone()));
        let req = crate::api::user::AccountCheckReq {
            check_user_id_list: me.into_iter().collect(),
        };
        let _ = (self.app)
            .records(scope, crate::api::endpoints::encode(&req))
            .await;
    }
}

/// Looking, where the CMS answers (and its generation), or what to deploy
/// with a way to look again.
#[component]
pub fn CmsNote(page: CmsPage) -> impl IntoView {
    let app = use_app();
    move || {
        match page.found.get() {
        None => view! { <p class="muted cms-looking" role="status">{tr(|t| t.cms_looking)}</p> }.into_any(),
        Some(None) => view! {
            <p class="notice cms-none">{tr(|t| t.cms_none)}</p>
            <button type="button" class="secondary cms-look-again" on:click=move |_| { page.app.forget_cms(); page.look(); }>
                {tr(|t| t.cms_look_again)}
            </button>
        }
        .into_any(),
        Some(Some(found)) => {
            let place = if found.base.is_empty() { app.t().cms_here.to_string() } else { found.base.clone() };
            view! {
                <p class="hint cms-at">{text(move || fill(app.t().cms_at, &[("base", &place), ("gen", &found.gen.key())]))}</p>
            }
            .into_any()
        }
    }
    }
}

/// A paged read's error, if the last read failed, and its pager.
#[component]
pub fn CmsPager(
    cms: CmsPage,
    show: u32,
    total: Signal<u64>,
    found_text: crate::i18n::PickCounted,
    go: Callback<u32>,
) -> impl IntoView {
    let pages = Signal::derive(move || total.get().div_ceil(u64::from(show)).max(1));
    view! {
        {move || cms.answer.get().and_then(Result::err).map(|error| view! { <ErrorBox error/> })}
        <Pager page=cms.page pages busy=cms.busy
            found=counted(found_text, move || total.get() as usize) go/>
    }
}
