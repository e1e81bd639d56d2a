use leptos::prelude::*;

/// A message under a form field, announced to screen readers; renders
/// nothing when there is no message.
#[component]
pub fn FieldError(
    #[prop(into)] id: String,
    #[prop(into)] message: Signal<Option<String>>,
) -> impl IntoView {
    move || {
        message.get().map(|m| {
            view! { <p class="field-error" id=id.clone() role="alert">{m}</p> }
        })
    }
}
