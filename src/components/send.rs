//! One send_msg call from a composer: never repeated on its own, kept in
//! this tab's sent history, and its answer shown as the operator needs it.

use leptos::prelude::*;

use crate::api::msg::{SendMsgReq, SendMsgResp};
use crate::api::transport::Scope;
use crate::api::ApiError;
use crate::components::copy_button::CopyButton;
use crate::components::error_box::ErrorBox;
use crate::model::message::{parse_history, remember, store_history, SendOutcome, Sent};
use crate::session::{draft, set_draft};
use crate::state::{page_scope, tr, use_app, AppState};

/// Where the sent history lives (sessionStorage, via the drafts).
pub const HISTORY: &str = "messages.history";

/// The composer's sending state, shared by its form, answer and history.
#[derive(Clone, Copy)]
pub struct Sender {
    pub sending: RwSignal<bool>,
    pub last: RwSignal<Option<Result<SendMsgResp, ApiError>>>,
    pub history: RwSignal<Vec<Sent>>,
    scope: StoredValue<Scope>,
    app: AppState,
}

impl Sender {
    pub fn new() -> Self {
        Sender {
            sending: RwSignal::new(false),
            last: RwSignal::new(None),
            history: RwSignal::new(parse_history(draft(HISTORY).as_deref())),
            scope: StoredValue::new(page_scope()),
            app: use_app(),
        }
    }

    /// Sends `req` once. A refused session leaves everything typed in
    /// place for after the new login; an unknown outcome stays unknown.
    pub fn send(self, req: SendMsgReq) {
        let app = self.app;
        self.sending.set(true);
        self.last.set(None);
        let scope = self.scope.get_value();
        leptos::task::spawn_local(async move {
            let answer =
                (app.call(&scope, &req).await).map(|a| a.map(|v| SendMsgResp::from_json(&v)));
            self.sending.set(false);
            // No answer: the session ended, and what was typed stays.
            let Some(answer) = answer else {
                return;
            };
            let outcome = match &answer {
                Ok(r) => SendOutcome::Sent {
                    server_msg_id: r.server_msg_id.clone(),
                    client_msg_id: r.client_msg_id.clone(),
                    send_time: r.send_time,
                },
                Err(e) if e.outcome_unknown() => SendOutcome::Unknown {
                    operation_id: e.operation_id.clone(),
                },
                Err(e) => SendOutcome::Refused {
                    err_code: e.err_code().unwrap_or_default(),
                    err_msg: e.err_msg().unwrap_or_default().to_string(),
                    operation_id: e.operation_id.clone(),
                },
            };
            self.keep(Sent::new(js_sys::Date::now() as i64, &req, outcome));
            self.last.set(Some(answer));
        });
    }

    /// Adds a send to the history, in memory and in sessionStorage.
    pub fn keep(self, sent: Sent) {
        self.history.update(|h| remember(h, sent));
        self.history
            .with_untracked(|h| set_draft(HISTORY, &store_history(h)));
    }
}

impl Default for Sender {
    fn default() -> Self {
        Self::new()
    }
}

/// The last answer: the IDs and time of an accepted send (with `note`
/// under them), or the error with what 600 and no answer mean.
#[component]
pub fn SendResult(sender: Sender, #[prop(into)] note: Signal<Option<String>>) -> impl IntoView {
    let app = use_app();
    move || {
        sender.last.get().map(|answer| match answer {
            Ok(r) => {
                let send_time = r.send_time as f64;
                let when = move || crate::state::local_time(send_time, app.locale.get());
                view! {
                    <div class="notice sent" role="status">
                        <p>{tr(|t| t.sent_ok)}</p>
                        <dl class="ids">
                            <dt>"serverMsgID"</dt><dd><code class="server-msg-id">{r.server_msg_id.clone()}</code> " " <CopyButton text=r.server_msg_id/></dd>
                            <dt>"clientMsgID"</dt><dd><code class="client-msg-id">{r.client_msg_id.clone()}</code> " " <CopyButton text=r.client_msg_id/></dd>
                            <dt>"sendTime"</dt><dd>{when}</dd>
                        </dl>
                        {move || note.get().map(|n| view! { <p class="warning group-note">{n}</p> })}
                    </div>
                }
                .into_any()
            }
            Err(e) => {
                let blocked = e.err_code() == Some(600);
                let unknown = e.outcome_unknown();
                view! {
                    <ErrorBox error=e/>
                    {blocked.then(|| view! { <p class="warning">{tr(|t| t.err_600)}</p> })}
                    {unknown.then(|| view! { <p class="warning">{tr(|t| t.send_unknown)}</p> })}
                }
                .into_any()
            }
        })
    }
}
