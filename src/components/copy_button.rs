use leptos::prelude::*;

use crate::state::tr;

/// Copies `text` to the clipboard, and says so.
#[component]
pub fn CopyButton(#[prop(into)] text: Signal<String>) -> impl IntoView {
    let done = RwSignal::new(false);
    let (copy_text, copied) = (tr(|t| t.copy_button), tr(|t| t.copied));
    let copy = move |_| {
        use js_sys::{Function, Reflect};
        use wasm_bindgen::JsCast;
        let clipboard = Reflect::get(&window().navigator(), &"clipboard".into()).ok();
        let write = clipboard
            .as_ref()
            .and_then(|c| Reflect::get(c, &"writeText".into()).ok())
            .and_then(|f| f.dyn_into::<Function>().ok());
        if let (Some(c), Some(write)) = (clipboard, write) {
            done.set(write.call1(&c, &text.get_untracked().into()).is_ok());
        }
    };
    view! {
        <button type="button" class="secondary copy" on:click=copy>
            {move || if done.get() { copied() } else { copy_text() }}
        </button>
    }
}
