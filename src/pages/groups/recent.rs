//! The groups this tab created or used, to pick one for invite and kick.

use leptos::prelude::*;

use super::Recent;
use crate::state::{flag, tr, When};

#[component]
pub fn RecentGroups(recent: Recent, group_id: RwSignal<String>) -> impl IntoView {
    let rows = move || {
        recent.0.get().into_iter().map(|g| {
            let (id, row_id) = (g.group_id.clone(), g.group_id.clone());
            let count = g.member_count.map_or_else(|| "?".to_string(), |c| c.to_string());
            view! {
                <tr data-group-id=row_id>
                    <td><code>{g.group_id}</code></td>
                    <td>{g.group_name}</td>
                    <td><code>{g.owner_user_id}</code></td>
                    <td class="count">{count}</td>
                    <td>
                        <button type="button" class="secondary use-group" on:click=move |_| group_id.set(id.clone())>
                            {tr(|t| t.use_button)}
                        </button>
                    </td>
                </tr>
            }
        }).collect_view()
    };
    view! {
        <section class="panel recent-groups" aria-labelledby="recent-title">
            <h2 id="recent-title">{tr(|t| t.recent_title)}</h2>
            <p class="hint">{tr(|t| t.recent_why)}</p>
            <When when=flag(move || recent.0.with(|l| !l.is_empty()))>
                <div class="plain-scroll">
                    <table class="plain">
                        <thead>
                            <tr>
                                <th scope="col">"groupID"</th>
                                <th scope="col">{tr(|t| t.col_group_name)}</th>
                                <th scope="col">{tr(|t| t.col_owner)}</th>
                                <th scope="col">{tr(|t| t.col_members)}</th>
                                <th scope="col"><span class="sr-only">{tr(|t| t.use_button)}</span></th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            </When>
            <When when=flag(move || recent.0.with(Vec::is_empty))>
                <p class="muted none-yet">{tr(|t| t.recent_none)}</p>
            </When>
        </section>
    }
}
