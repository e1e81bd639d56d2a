//! Previous, "page n of m" with a count, and next: the pager of every
//! list read from the server a page at a time.

use leptos::prelude::*;

use crate::i18n::fill;
use crate::state::{text, tr, use_app};

/// `go` is asked for the page wanted; `found` says how many there are.
#[component]
pub fn Pager(
    page: RwSignal<u32>,
    pages: Signal<u64>,
    busy: RwSignal<bool>,
    found: Signal<String>,
    go: Callback<u32>,
) -> impl IntoView {
    let app = use_app();
    view! {
        <div class="pager">
            <button type="button" class="secondary prev-page" disabled=move || busy.get() || page.get() <= 1
                on:click=move |_| go.run(page.get_untracked() - 1)>{tr(|t| t.prev_page)}</button>
            <span class="page-status" aria-live="polite">
                {text(move || fill(app.t().page_of, &[("page", &page.get()), ("pages", &pages.get())]))}
                " · "
                {found}
            </span>
            <button type="button" class="secondary next-page" disabled=move || busy.get() || (u64::from(page.get()) >= pages.get())
                on:click=move |_| go.run(page.get_untracked() + 1)>{tr(|t| t.next_page)}</button>
        </div>
    }
}
