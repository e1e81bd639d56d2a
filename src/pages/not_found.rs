use leptos::prelude::*;
use leptos_router::components::A;

use crate::state::tr;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="page narrow">
            <h1>"404"</h1>
            <p>{tr(|t| t.not_found)}</p>
            <A href=crate::routes::HOME.path>{tr(|t| t.go_home)}</A>
        </section>
    }
}
