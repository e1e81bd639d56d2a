use leptos::prelude::*;

use crate::i18n::fill;
use crate::state::{text, tr, use_app};

/// Progress of a batch: of requests, unless `label` names what is counted
/// (a text with {done} and {total}).
#[component]
pub fn Progress(
    #[prop(into)] done: Signal<usize>,
    #[prop(into)] total: Signal<usize>,
    #[prop(optional)] label: Option<crate::components::content_fields::Pick>,
) -> impl IntoView {
    let app = use_app();
    let label = label.unwrap_or(|t| t.progress_label);
    view! {
        <div class="progress">
            <progress max=move || total.get().max(1) value=move || done.get() aria-label=tr(|t| t.progress_label)></progress>
            <span class="progress-label" aria-live="polite">
                {text(move || fill(label(app.t()), &[("done", &done.get()), ("total", &total.get())]))}
            </span>
        </div>
    }
}
