use leptos::prelude::*;

use crate::i18n::fill;
use crate::state::{text, tr, use_app};

/// Progress of a batch of requests.
#[component]
pub fn Progress(
    #[prop(into)] done: Signal<usize>,
    #[prop(into)] total: Signal<usize>,
) -> impl IntoView {
    let app = use_app();
    view! {
        <div class="progress">
            <progress max=move || total.get().max(1) value=move || done.get() aria-label=tr(|t| t.progress_label)></progress>
            <span class="progress-label" aria-live="polite">
                {text(move || fill(app.t().progress_label, &[("done", &done.get()), ("total", &total.get())]))}
            </span>
        </div>
    }
}
