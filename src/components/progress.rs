use leptos::prelude::*;

use crate::i18n::{fill, PickCounted};
use crate::state::{text, tr, use_app};

/// Progress of a batch: of requests, unless `label` names what is counted
/// (a text with {done} and {total}, agreeing with the total).
#[component]
pub fn Progress(
    #[prop(into)] done: Signal<usize>,
    #[prop(into)] total: Signal<usize>,
    #[prop(optional)] label: Option<PickCounted>,
) -> impl IntoView {
    let app = use_app();
    let label = label.unwrap_or(|t| t.progress_label);
    let said = text(move || {
        let total = total.get();
        fill(
            label(app.t()).form(total),
            &[("done", &done.get()), ("total", &total)],
        )
    });
    view! {
        <div class="progress">
            <progress max=move || total.get().max(1) value=move || done.get() aria-label=tr(|t| t.progress_name)></progress>
            <span class="progress-label" aria-live="polite">{said}</span>
        </div>
    }
}
