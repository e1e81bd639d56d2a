//! What a run is doing, and the choice to repeat online checks.

use leptos::prelude::*;

use crate::components::bulk::Run;
use crate::components::error_box::ErrorBox;
use crate::components::progress::Progress;
use crate::i18n::fill;
use crate::state::{flag, text, tr, use_app, with_count, When};

/// Failed requests shown in full; the rest are counted.
const ERRORS_SHOWN: usize = 3;

/// Progress, failed requests with a retry, and what deletes did.
#[component]
pub fn RunStatus(run: Run) -> impl IntoView {
    view! {
        <When when=flag(move || run.total.get() > 0)>
            <div class="run-line">
                <Progress done=run.done total=run.total/>
                <When when=run.running.into()>
                    <button type="button" class="danger stop" on:click=move |_| run.stop()>{tr(|t| t.stop_button)}</button>
                </When>
            </div>
        </When>
        <When when=flag(move || !run.failed.get().is_empty())>
            <div class="failures">
                <p role="alert">{with_count(|t| t.failed_requests, move || run.failed.get().len())}</p>
                <button type="button" class="secondary retry" disabled=run.running on:click=move |_| run.retry()>{tr(|t| t.retry_failed)}</button>
                {move || run.failed.get().into_iter().take(ERRORS_SHOWN).map(|f| view! { <ErrorBox error=f.error/> }).collect_view()}
            </div>
        </When>
        <When when=flag(move || run.deleted.get() > 0 || !run.not_deleted.get().is_empty())>
            <div class="delete-report" role="status">
                <p class="deleted-count">{with_count(|t| t.deleted_summary, move || run.deleted.get())}</p>
                <When when=flag(move || !run.not_deleted.get().is_empty())>
                    <p>{with_count(|t| t.not_deleted, move || run.not_deleted.get().len())}</p>
                    <ul class="not-deleted">
                        {move || run.not_deleted.get().into_iter().map(|id| view! { <li><code>{id}</code></li> }).collect_view()}
                    </ul>
                </When>
            </div>
        </When>
    }
}

/// Seconds between automatic online checks an operator can choose (0: off).
const REFRESH_CHOICES: [u32; 4] = [0, 10, 30, 60];

/// Asks again for the online status of `ids` at a chosen interval.
#[component]
pub fn RefreshOnline(run: Run, ids: Callback<(), Vec<String>>) -> impl IntoView {
    let app = use_app();
    let every = RwSignal::new(0);
    run.refresh_online(every, move || ids.run(()));
    view! {
        <div class="field inline refresh">
            <label for="refresh-online">{tr(|t| t.refresh_label)}</label>
            <select id="refresh-online" on:change:target=move |ev| every.set(ev.target().value().parse().unwrap_or(0))>
                {REFRESH_CHOICES.map(|s| view! {
                    <option value=s.to_string()>{text(move || match s {
                        0 => app.t().refresh_off.to_string(),
                        s => fill(app.t().refresh_every, &[("seconds", &s)]),
                    })}</option>
                })}
            </select>
        </div>
    }
}
