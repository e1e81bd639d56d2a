use leptos::prelude::*;
use leptos_router::components::A;

use crate::state::use_app;

#[component]
pub fn NotFound() -> impl IntoView {
    let app = use_app();
    view! {
        <section class="page narrow">
            <h1>"404"</h1>
            <p>{move || app.t().not_found}</p>
            <A href="/users">{move || app.t().go_home}</A>
        </section>
    }
}
