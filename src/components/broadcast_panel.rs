//! The broadcast of a composer's message: recipients (pasted, from a CSV or
//! from the directory's selection), a confirmation that names the count,
//! then progress with pause, resume, cancel, retries and the results.

use leptos::prelude::*;

use crate::api::endpoints::BATCH_SEND_MSG;
use crate::api::ids::parse_id_list;
use crate::api::msg::SendMsgReq;
use crate::components::broadcast::{Broadcaster, Phase, Why};
use crate::components::id_list_input::IdListInput;
use crate::components::progress::Progress;
use crate::i18n::fill;
use crate::model::broadcast::{estimate_secs, Retry, State};
use crate::model::csv;
use crate::model::text::one_decimal;
use crate::state::{flag, kept_draft, tr, use_app, When};

/// What the confirmation assumes a call takes, before any was measured.
const ASSUMED_MS_PER_CALL: f64 = 50.0;
/// Problem rows shown; the CSV holds every recipient.
const PROBLEMS_SHOWN: usize = 100;

#[component]
pub fn BroadcastPanel(
    /// The composer's request for a first recipient, or None when the
    /// composer has problems (it shows them).
    compose: Callback<String, Option<SendMsgReq>>,
) -> impl IntoView {
    let app = use_app();
    let b = expect_context::<Broadcaster>();
    let ids = kept_draft(crate::keys::BROADCAST_IDS);
    let ids_error = RwSignal::new(None::<String>);
    let review = RwSignal::new(None::<(SendMsgReq, Vec<String>)>);
    let typed = RwSignal::new(String::new());

    let load_csv = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        leptos::task::spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text()).await;
            if let Some(text) = text.ok().and_then(|t| t.as_string()) {
                let add = csv::first_column(&text);
                ids.update(|v| {
                    if !v.trim().is_empty() {
                        v.push('\n');
                    }
                    v.push_str(&add);
                });
            }
            input.set_value("");
        });
    };
    let ask = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let list = parse_id_list(&ids.get_untracked()).ids;
        if list.is_empty() {
            return ids_error.set(Some(app.t().err_ids_empty.to_string()));
        }
        ids_error.set(None);
        if let Some(req) = compose.run(list[0].clone()) {
            typed.set(String::new());
            review.set(Some((req, list)));
        }
    };
    let begin = move |_| {
        if let Some((req, list)) = review.get_untracked() {
            review.set(None);
            b.begin(req, list);
        }
    };
    let number = |signal: RwSignal<usize>,
                  id: &'static str,
                  label: crate::i18n::Pick,
                  max: usize| {
        view! {
            <div class="field inline">
                <label for=id>{tr(label)}</label>
                <input id=id type="number" min="1" max=max.to_string() prop:value=move || signal.get().to_string()
                    on:input:target=move |ev| { if let Ok(n) = ev.target().value().parse::<usize>() { signal.set(n.clamp(1, max)) } }/>
            </div>
        }
    };

    let setup = move || {
        view! {
            <form class="broadcast-setup" novalidate on:submit=ask>
                <IdListInput id="broadcast-ids" label=tr(|t| t.broadcast_ids) value=ids error=ids_error/>
                <div class="field">
                    <label for="broadcast-csv">{tr(|t| t.broadcast_csv)}</label>
                    <input id="broadcast-csv" type="file" accept=".csv,text/csv,text/plain" on:change=load_csv/>
                </div>
                <div class="actions">
                    {number(b.concurrency, "broadcast-concurrency", |t| t.broadcast_concurrency, 16)}
                    {number(b.timeout_s, "broadcast-timeout", |t| t.broadcast_timeout, 600)}
                    {move || app.release().has(BATCH_SEND_MSG).then(|| number(b.per_call, "broadcast-per-call", |t| t.broadcast_per_call, 1000))}
                </div>
                {move || app.release().has(BATCH_SEND_MSG).then(|| view! { <p class="hint">{tr(|t| t.broadcast_per_call_hint)}</p> })}
                <div class="actions"><button type="submit" class="secondary review">{tr(|t| t.broadcast_review)}</button></div>
            </form>
            {move || review.get().map(|(req, list)| {
                let n = list.len();
                let count = n.to_string();
                let want = count.clone();
                // This tab's last broadcast tells how long a call takes here.
                let conc = b.concurrency.get();
                let rate = b.rate.get_untracked();
                let ms = if rate > 0.0 { 1000.0 * conc as f64 / rate } else { ASSUMED_MS_PER_CALL };
                let secs = estimate_secs(list.len(), conc, ms);
                let ms = ms.round() as u64;
                let what = crate::model::message::summary(&req);
                view! {
                    <div class="confirm broadcast-confirm" role="alertdialog" aria-labelledby="broadcast-confirm-text">
                        <p id="broadcast-confirm-text">{move || fill(app.t().broadcast_confirm.form(n), &[
                            ("what", &what), ("count", &count), ("conc", &conc), ("secs", &secs), ("ms", &ms),
                        ])}</p>
                        {move || {
                            let per = b.per_call.get();
                            (per > 1 && app.release().has(BATCH_SEND_MSG)).then(|| {
                                let calls = n.div_ceil(per);
                                view! { <p class="batch-estimate">{move || fill(app.t().broadcast_batches.form(calls), &[("count", &calls)])}</p> }
                            })
                        }}
                        <div class="field">
                            <label for="broadcast-typed">{move || fill(app.t().broadcast_type_count, &[("count", &want)])}</label>
                            <input id="broadcast-typed" type="text" inputmode="numeric" autocomplete="off" prop:value=typed
                                on:input:target=move |ev| typed.set(ev.target().value())/>
                        </div>
                        <div class="actions">
                            <button type="button" class="primary start-broadcast"
                                disabled=move || typed.get().trim() != list.len().to_string() on:click=begin>
                                {tr(|t| t.broadcast_start)}
                            </button>
                            <button type="button" class="secondary" on:click=move |_| review.set(None)>{tr(|t| t.cancel)}</button>
                        </div>
                    </div>
                }
            })}
        }
    };

    let status = move || {
        let t = app.t();
        match b.phase.get() {
            Phase::Running => t.bc_running,
            Phase::Paused(Why::Operator) => t.bc_paused,
            Phase::Paused(Why::Session) => t.bc_paused_session,
            Phase::Paused(Why::Storage) => t.bc_paused_storage,
            Phase::Paused(Why::OtherTab) => t.bc_other_tab,
            Phase::Paused(Why::Stale) => t.bc_stale,
            Phase::Cancelled => t.bc_cancelled,
            Phase::Done | Phase::Idle => t.bc_done,
        }
    };
    let running = flag(move || b.phase.get() == Phase::Running);
    let resumable = flag(move || {
        matches!(
            b.phase.get(),
            Phase::Paused(Why::Operator | Why::Session | Why::Storage)
        ) && b.counts.get().pending > 0
    });
    let ended = flag(move || {
        matches!(
            b.phase.get(),
            Phase::Done | Phase::Cancelled | Phase::Paused(Why::Stale)
        )
    });
    let settled = flag(move || b.phase.get() != Phase::Running);
    let unknown_ok = RwSignal::new(false);
    let find = RwSignal::new(String::new());
    let export = move |_| {
        let rows = b.with_ledger(|l| l.csv_rows());
        let text = csv::document(
            &[
                "userID",
                "result",
                "clientMsgID",
                "errCode",
                "errMsg",
                "operationID",
            ],
            rows,
        );
        let _ = crate::components::download::save_text("broadcast-results.csv", "text/csv", &text);
    };
    let run_view = move || {
        view! {
            <p class="broadcast-what"><strong>{move || b.summary.get()}</strong></p>
            <p class="broadcast-status" role="status">{status}</p>
            <Progress done=Signal::derive(move || b.counts.get().settled()) total=Signal::derive(move || b.counts.get().total())
                label=|t| t.bc_progress/>
            <p class="broadcast-counts">{move || {
                let c = b.counts.get();
                fill(app.t().bc_counts, &[("sent", &c.sent), ("failed", &c.failed), ("unknown", &c.unknown), ("pending", &(c.pending + c.in_flight))])
            }}</p>
            <When when=running>
                <p class="broadcast-rate">{move || {
                    let (rate, c) = (b.rate.get(), b.counts.get());
                    let left = if rate > 0.0 { ((c.pending + c.in_flight) as f64 / rate).ceil() as u64 } else { 0 };
                    fill(app.t().bc_rate, &[("rate", &one_decimal(rate)), ("secs", &left)])
                }}</p>
            </When>
            <div class="actions">
                <When when=running>
                    <button type="button" class="secondary pause-broadcast" on:click=move |_| b.pause()>{tr(|t| t.bc_pause)}</button>
                </When>
                <When when=resumable>
                    <button type="button" class="primary resume-broadcast" on:click=move |_| b.start()>{tr(|t| t.bc_resume)}</button>
                </When>
                <When when=flag(move || matches!(b.phase.get(), Phase::Running | Phase::Paused(_)))>
                    <button type="button" class="danger cancel-broadcast" on:click=move |_| b.cancel()>{tr(|t| t.cancel)}</button>
                </When>
                <When when=flag(move || settled.get() && b.counts.get().failed > 0)>
                    <button type="button" class="secondary retry-failed" on:click=move |_| b.retry(Retry::Failed)>
                        {move || fill(app.t().bc_retry_failed, &[("count", &b.counts.get().failed)])}
                    </button>
                </When>
                <button type="button" class="secondary export" on:click=export>{tr(|t| t.export_csv)}</button>
                <When when=ended>
                    <button type="button" class="secondary new-broadcast" on:click=move |_| b.clear()>{tr(|t| t.bc_new)}</button>
                </When>
            </div>
            <When when=flag(move || settled.get() && b.counts.get().unknown > 0)>
                <div class="warning retry-unknown-box">
                    <label class="check">
                        <input type="checkbox" class="unknown-ok" prop:checked=unknown_ok on:change:target=move |ev| unknown_ok.set(ev.target().checked())/>
                        " " {tr(|t| t.bc_unknown_warning)}
                    </label>
                    <button type="button" class="secondary retry-unknown" disabled=move || !unknown_ok.get()
                        on:click=move |_| { unknown_ok.set(false); b.retry(Retry::Unknown) }>
                        {move || fill(app.t().bc_retry_unknown, &[("count", &b.counts.get().unknown)])}
                    </button>
                </div>
            </When>
            <div class="field inline">
                <label for="broadcast-find">{tr(|t| t.bc_find)}</label>
                <input id="broadcast-find" type="search" autocomplete="off" prop:value=find
                    on:input:target=move |ev| find.set(ev.target().value())/>
                <span class="broadcast-found" aria-live="polite">{move || {
                    b.version.get();
                    let who = find.get();
                    let who = who.trim();
                    (!who.is_empty()).then(|| {
                        let t = app.t();
                        b.with_ledger(|l| match l.find(who) {
                            None => t.bc_not_in.to_string(),
                            Some(State::Sent { client_msg_id }) => format!("{} · clientMsgID {client_msg_id}", t.sent_short),
                            Some(State::Failed { err_code, err_msg, operation_id }) => format!("{err_code} {err_msg} · operationID {operation_id}"),
                            Some(State::Unknown { operation_id }) => format!("{} · operationID {operation_id}", t.unknown),
                            Some(State::InFlight) => t.bc_running.to_string(),
                            Some(State::Pending) => t.bc_waiting.to_string(),
                        })
                    })
                }}</span>
            </div>
            {move || {
                b.version.get();
                let rows = b.with_ledger(|l| l.problems(PROBLEMS_SHOWN));
                (!rows.is_empty()).then(|| view! {
                    <h3>{tr(|t| t.bc_problems)}</h3>
                    <div class="plain-scroll">
                        <table class="plain broadcast-problems">
                            <thead><tr>
                                <th scope="col">"userID"</th>
                                <th scope="col">{tr(|t| t.col_result)}</th>
                                <th scope="col">"operationID"</th>
                            </tr></thead>
                            <tbody>
                                {rows.into_iter().map(|(id, state)| {
                                    let (result, op) = match state {
                                        State::Failed { err_code, err_msg, operation_id } => (format!("{err_code} {err_msg}"), operation_id),
                                        State::Unknown { operation_id } => (app.t().unknown.to_string(), operation_id),
                                        _ => (String::new(), String::new()),
                                    };
                                    let key = id.clone();
                                    view! { <tr data-user-id=key><td><code>{id}</code></td><td class="result">{result}</td><td><code>{op}</code></td></tr> }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                })
            }}
        }
    };

    view! {
        <section class="panel broadcast" aria-labelledby="broadcast-title">
            <h2 id="broadcast-title">{tr(|t| t.broadcast_title)}</h2>
            <p class="hint">{tr(|t| t.broadcast_intro)}</p>
            {move || if b.phase.get() == Phase::Idle { setup().into_any() } else { run_view().into_any() }}
        </section>
    }
}
