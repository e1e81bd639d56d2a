use leptos::prelude::*;

use crate::api::ids::parse_id_list;
use crate::components::field_error::FieldError;
use crate::i18n::fill;
use crate::state::{tr, use_app};

/// A textarea for pasted ID lists that says, as you type, how many IDs it
/// found and what it dropped.
#[component]
pub fn IdListInput(
    #[prop(into)] id: String,
    #[prop(into)] label: Signal<&'static str>,
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let app = use_app();
    let parsed = Memo::new(move |_| parse_id_list(&value.get()));
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = format!("{hint_id} {error_id}");
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <textarea
                id=id.clone()
                class="id-list"
                rows="8"
                spellcheck="false"
                autocomplete="off"
                aria-describedby=described
                aria-invalid=move || error.get().is_some().to_string()
                prop:value=value
                on:input:target=move |ev| value.set(ev.target().value())
                on:keydown:target=move |ev| {
                    // Ctrl+Enter (Cmd+Enter on macOS) submits the form the list is in.
                    if ev.key() == "Enter" && (ev.ctrl_key() || ev.meta_key()) {
                        if let Some(form) = ev.target().form() {
                            ev.prevent_default();
                            let _ = form.request_submit();
                        }
                    }
                }
            ></textarea>
            <p class="hint" id=hint_id>
                {tr(|t| t.ids_hint)}
                " "
                {tr(|t| t.ids_submit_hint)}
                " "
                <span class="id-count" aria-live="polite">
                    {move || {
                        let p = parsed.get();
                        let t = app.t();
                        let mut parts = vec![fill(t.ids_count.form(p.ids.len()), &[("count", &p.ids.len())])];
                        if p.duplicates > 0 {
                            parts.push(fill(t.ids_duplicates, &[("count", &p.duplicates)]));
                        }
                        if !p.too_long.is_empty() {
                            parts.push(fill(t.ids_too_long, &[("count", &p.too_long.len())]));
                        }
                        parts.join(" · ")
                    }}
                </span>
            </p>
            <FieldError id=error_id message=error/>
        </div>
    }
}
