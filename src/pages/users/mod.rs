//! User lookup: registration, profile and online status for pasted IDs,
//! split into the server's batch limits, with progress, filtering,
//! selection, export, deletion and retry of failed requests.

mod blocks;

use leptos::prelude::*;

use crate::api::ids::parse_id_list;
use crate::api::ApiError;
use crate::components::bulk::{all_user_ids, Run};
use crate::components::error_box::ErrorBox;
use crate::components::id_list_input::IdListInput;
use crate::components::user_table::{RunStatus, UserResults, LOOKUP_COLUMNS};
use crate::i18n::fill;
use crate::model::bulk::plan_lookup;
use crate::model::users::Lookup;
use crate::state::{admin_ids, kept_draft, page_scope, tr, use_app};

/// The pasted IDs, kept as a draft; the directory's "open in lookup"
/// writes its selection here.
pub const DRAFT: &str = crate::keys::LOOKUP_IDS;

#[component]
pub fn UsersPage() -> impl IntoView {
    let app = use_app();
    let scope = page_scope();

    // The textarea is saved as a draft on every change, so a refused token
    // or a reload never loses what the operator pasted.
    let ids_text = kept_draft(DRAFT);

    let ids_error = RwSignal::new(None::<String>);
    let info = RwSignal::new(None::<String>);
    let load_error = RwSignal::new(None::<ApiError>);
    // Deleted users stay listed here, shown as no longer registered.
    let run = Run::new(app);

    let look_up = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if run.running.get_untracked() {
            return;
        }
        let ids = parse_id_list(&ids_text.get_untracked()).ids;
        if ids.is_empty() {
            ids_error.set(Some(app.t().err_ids_empty.to_string()));
            return;
        }
        ids_error.set(None);
        info.set(None);
        run.failed.set(Vec::new());
        run.lookup.set(Lookup::new(&ids, &admin_ids(app)));
        run.add(plan_lookup(&ids));
    };

    let load_all = move |_| {
        let scope = scope.clone();
        leptos::task::spawn_local(async move {
            if let Some(ids) = all_user_ids(app, &scope, load_error).await {
                info.set(Some(fill(
                    app.t().loaded_all.form(ids.len()),
                    &[("count", &ids.len())],
                )));
                ids_text.set(ids.join("\n"));
            }
        });
    };

    view! {
        <section class="page users">
            <h1>{tr(|t| t.users_title)}</h1>
            <p class="intro">{tr(|t| t.users_intro)}</p>
            <form class="lookup-form" novalidate on:submit=look_up>
                <IdListInput id="user-ids" label=Signal::derive(tr(|t| t.ids_label)) value=ids_text error=ids_error/>
                <div class="actions">
                    <button type="submit" class="primary" disabled=run.running>{tr(|t| t.lookup_button)}</button>
                    <button type="button" class="secondary load-all" disabled=run.running on:click=load_all>{tr(|t| t.load_all_button)}</button>
                    <button type="button" class="secondary" disabled=run.running on:click=move |_| ids_text.set(String::new())>{tr(|t| t.clear_button)}</button>
                </div>
            </form>
            {move || info.get().map(|m| view! { <p class="notice" role="status">{m}</p> })}
            {move || load_error.get().map(|e| view! { <ErrorBox error=e/> })}
            <RunStatus run/>
            <UserResults run columns=LOOKUP_COLUMNS summary=|t| t.results_summary/>
            <blocks::Blocks/>
        </section>
    }
}
