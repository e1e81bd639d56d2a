//! The confirmation every write waits for: it names what will change, says
//! what the server will do, and, for what cannot be undone, asks for a
//! typed word before the button works.

use leptos::prelude::*;

use crate::state::{flag, tr, When};

/// A write waiting for the operator. Texts are resolved when it is asked,
/// in the language of that moment.
#[derive(Clone)]
pub struct Ask {
    pub title: String,
    pub notes: Vec<String>,
    /// The label of the typed confirmation and the text it must match.
    pub typed: Option<(String, String)>,
    pub button: String,
    /// The confirm button's class, for styling and for tests.
    pub class: &'static str,
    pub go: Callback<()>,
}

/// The dialog of the write in `ask`, if any; it closes on confirm or cancel.
#[component]
pub fn Confirm(ask: RwSignal<Option<Ask>>) -> impl IntoView {
    let typed = RwSignal::new(String::new());
    move || {
        ask.get().map(|a| {
            typed.set(String::new());
            let expected = a.typed.as_ref().map(|(_, e)| e.trim().to_string());
            let ready = {
                let expected = expected.clone();
                move || expected.as_ref().is_none_or(|e| typed.get().trim() == e)
            };
            let ok = ready.clone();
            let submit = move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                if ok() {
                    ask.set(None);
                    a.go.run(());
                }
            };
            view! {
                // A form may not be a dialog itself: the dialog holds it.
                <div role="alertdialog" aria-labelledby="confirm-title">
                <form class="confirm" novalidate on:submit=submit>
                    <h3 id="confirm-title">{a.title}</h3>
                    {a.notes.into_iter().map(|n| view! { <p class="warning">{n}</p> }).collect_view()}
                    {a.typed.map(|(label, _)| view! {
                        <div class="field">
                            <label for="confirm-typed">{label}</label>
                            <input id="confirm-typed" autocomplete="off" spellcheck="false"
                                prop:value=typed on:input:target=move |ev| typed.set(ev.target().value())/>
                        </div>
                    })}
                    <div class="actions">
                        <button type="submit" class=format!("danger {}", a.class) disabled=flag(move || !ready())>{a.button}</button>
                        <button type="button" class="secondary" on:click=move |_| ask.set(None)>{tr(|t| t.cancel)}</button>
                    </div>
                </form>
                </div>
            }
        })
    }
}

/// What a page's last single write came to: done (the page re-reads) or
/// the error.
#[component]
pub fn WriteOutcome(outcome: RwSignal<Option<Result<(), crate::api::ApiError>>>) -> impl IntoView {
    view! {
        <When when=flag(move || matches!(outcome.get(), Some(Ok(()))))>
            <p class="notice write-done" role="status">{tr(|t| t.group_done)}</p>
        </When>
        {move || match outcome.get() {
            Some(Err(error)) => Some(view! { <crate::components::error_box::ErrorBox error/> }),
            _ => None,
        }}
    }
}
