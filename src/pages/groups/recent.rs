//! Any group by its ID, and the groups this tab created or opened.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::Recent;
use crate::components::group_list::{GroupList, GroupRow};
use crate::components::text_field::TextField;
use crate::state::{flag, tr, use_app, When};

/// Any groupID to its page: the v2 API cannot list groups, so an operator
/// brings the ID.
#[component]
pub fn OpenGroup() -> impl IntoView {
    let app = use_app();
    let navigate = use_navigate();
    let id = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let gid = id.get_untracked().trim().to_string();
        error.set(
            gid.is_empty()
                .then(|| app.t().err_group_missing.to_string()),
        );
        if !gid.is_empty() {
            navigate(&crate::routes::group(&gid), Default::default());
        }
    };
    view! {
        <form class="panel open-group-form toolbar" novalidate on:submit=submit aria-labelledby="open-group-title">
            <h2 id="open-group-title">{tr(|t| t.open_group_title)}</h2>
            <TextField id="open-group-id" label=Signal::derive(tr(|t| t.field_group_id)) value=id error/>
            <button type="submit" class="primary open-group-button">{tr(|t| t.open_button)}</button>
        </form>
    }
}

#[component]
pub fn RecentGroups(recent: Recent) -> impl IntoView {
    let rows = move || {
        let rows = recent.0.get().into_iter().map(|g| GroupRow {
            group_id: g.group_id,
            name: g.group_name,
            owner: g.owner_user_id,
            members: g.member_count,
            status: None,
        });
        view! { <GroupList rows=rows.collect() class="recent"/> }
    };
    view! {
        <section class="panel recent-groups" aria-labelledby="recent-title">
            <h2 id="recent-title">{tr(|t| t.recent_title)}</h2>
            <p class="hint">{tr(|t| t.recent_why)}</p>
            <When when=flag(move || recent.0.with(|l| !l.is_empty()))>{rows}</When>
            <When when=flag(move || recent.0.with(Vec::is_empty))>
                <p class="muted none-yet">{tr(|t| t.recent_none)}</p>
            </When>
        </section>
    }
}
