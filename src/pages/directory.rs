//! The user directory: every registered user ID (get_all_users_uid, which
//! the v2 server answers unpaged, admin accounts included), with profiles
//! loading in the background, rows on screen first.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api::endpoints::GET_USERS;
use crate::api::ApiError;
use crate::components::bulk::{all_user_ids, Run};
use crate::components::error_box::ErrorBox;
use crate::components::server_search::ServerSearch;
use crate::components::user_table::{RunStatus, UserResults, DESTINATIONS, DIRECTORY_COLUMNS};
use crate::model::bulk::{steps, Step, INFO_MAX};
use crate::model::users::Lookup;
use crate::state::{admin_ids, page_scope, tr, use_app};

#[component]
pub fn DirectoryPage() -> impl IntoView {
    let app = use_app();
    let scope = page_scope();
    // Deleted users leave the directory.
    let run = Run::new(app).removing_deleted();
    let loading = RwSignal::new(false);
    let load_error = RwSignal::new(None::<ApiError>);

    let load = move || {
        run.stop();
        let scope = scope.clone();
        loading.set(true);
        leptos::task::spawn_local(async move {
            let found = all_user_ids(app, &scope, load_error).await;
            loading.set(false);
            if let Some(ids) = found {
                // Every ID the server lists is a registered user.
                let table = Lookup::new(&ids, &admin_ids(app)).all_registered();
                run.failed.set(Vec::new());
                run.lookup.set(table);
                run.add(steps(&ids, INFO_MAX, Step::Infos));
            }
        });
    };
    // From v2.3.2 the server pages and searches by itself: every ID is
    // loaded only when asked for (to select everyone).
    let searches = app.release().has(GET_USERS);
    if !searches {
        load();
    }
    let loaded = move || run.lookup.with(|l| !l.rows.is_empty());

    // The selection goes to the chosen page's ID list, as its draft.
    let navigate = use_navigate();
    let send_to = Callback::new(move |(key, ids): (&'static str, Vec<String>)| {
        if let Some((_, _, route, draft)) = DESTINATIONS.iter().find(|d| d.0 == key) {
            crate::session::set_draft(draft, &ids.join("\n"));
            navigate(route, Default::default());
        }
    });

    view! {
        <section class="page directory">
            <h1>{tr(|t| t.directory_title)}</h1>
            <p class="intro">{tr(|t| t.directory_intro)}</p>
            {searches.then(|| view! { <ServerSearch/> })}
            <div class="actions">
                <button type="button" class="secondary reload" disabled=loading on:click=move |_| load()>
                    {move || if loading.get() {
                        app.t().loading
                    } else if searches && !loaded() {
                        app.t().load_every_id
                    } else {
                        app.t().reload_button
                    }}
                </button>
            </div>
            {move || load_error.get().map(|e| view! { <ErrorBox error=e/> })}
            <RunStatus run/>
            <UserResults run columns=DIRECTORY_COLUMNS summary=|t| t.directory_summary send_to eager=true/>
        </section>
    }
}
