use leptos::prelude::*;

use crate::components::field_error::FieldError;

/// A labelled one-line input with an optional hint and its own error line;
/// the input names both for screen readers.
#[component]
pub fn TextField(
    #[prop(into)] id: String,
    #[prop(into)] label: Signal<&'static str>,
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(optional, into)] hint: Option<Signal<&'static str>>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] autocomplete: &'static str,
    #[prop(optional)] placeholder: &'static str,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = match hint {
        Some(_) => format!("{hint_id} {error_id}"),
        None => error_id.clone(),
    };
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input
                id=id
                type=kind
                autocomplete=autocomplete
                placeholder=placeholder
                spellcheck="false"
                aria-describedby=described
                aria-invalid=move || error.get().is_some().to_string()
                prop:value=value
                on:input:target=move |ev| value.set(ev.target().value())
            />
            {hint.map(|h| view! { <p class="hint" id=hint_id>{h}</p> })}
            <FieldError id=error_id message=error/>
        </div>
    }
}
