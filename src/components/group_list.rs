//! Groups as a table, each linked to its page: the recent groups and the
//! groups a user is in.

use leptos::prelude::*;

use crate::api::group::{STATUS_DISMISSED, STATUS_MUTED};
use crate::i18n::Pick;
use crate::state::tr;

pub struct GroupRow {
    pub group_id: String,
    pub name: String,
    pub owner: String,
    /// None: not known (shown as `?`).
    pub members: Option<u32>,
    /// None: not read, no status column.
    pub status: Option<i32>,
}

#[component]
pub fn GroupList(rows: Vec<GroupRow>, class: &'static str) -> impl IntoView {
    let mut heads: Vec<Pick> = vec![
        |t| t.field_group_id,
        |t| t.col_group_name,
        |t| t.col_owner,
        |t| t.col_members,
    ];
    if rows.iter().any(|r| r.status.is_some()) {
        heads.push(|t| t.col_status);
    }
    let row = |g: GroupRow| {
        let count = g.members.map_or_else(|| "?".to_string(), |c| c.to_string());
        let status: Option<Pick> = g.status.map(|s| -> Pick {
            match s {
                STATUS_DISMISSED => |t| t.status_dismissed,
                STATUS_MUTED => |t| t.status_muted,
                _ => |t| t.status_normal,
            }
        });
        view! {
            <tr data-group-id=g.group_id.clone()>
                <td><a href=crate::routes::group(&g.group_id)><code>{g.group_id.clone()}</code></a></td>
                <td>{g.name}</td>
                <td><code>{g.owner}</code></td>
                <td class="count">{count}</td>
                {status.map(|s| view! { <td class="status">{tr(s)}</td> })}
            </tr>
        }
    };
    view! {
        <div class="plain-scroll">
            <table class=format!("plain {class}")>
                <thead>
                    <tr>{heads.into_iter().map(|h| view! { <th scope="col">{tr(h)}</th> }).collect_view()}</tr>
                </thead>
                <tbody>{rows.into_iter().map(row).collect_view()}</tbody>
            </table>
        </div>
    }
}
