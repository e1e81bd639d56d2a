//! A user's relationships as the server lists them: the groups they are
//! in, their friends and whom they have blocked, with the writes that undo
//! a friendship or a block (docs/readback.md#readback-friends).

use leptos::prelude::*;

use crate::api::endpoints::encode;
use crate::api::friend::{FriendInfo, GetBlackListReq, GetFriendListReq};
use crate::api::group::{GetJoinedGroupListReq, GroupInfo};
use crate::api::transport::Scope;
use crate::api::user::UserInfo;
use crate::api::ApiError;
use crate::components::bulk::Run;
use crate::components::confirm::{Ask, Confirm};
use crate::components::error_box::ErrorBox;
use crate::components::group_list::{GroupList, GroupRow};
use crate::components::user_table::{
    Purpose, RunStatus, UserResults, BLACK_COLUMNS, FRIEND_COLUMNS, PAIR_RESULT_COLUMNS,
};
use crate::i18n::{fill, Pick};
use crate::model::bulk::{each, unfriend};
use crate::model::outcome::Action;
use crate::model::users::{Lookup, UserRow};
use crate::state::{flag, page_scope, tr, use_app, AppState, When};

/// The page's lists and the last undo run.
#[derive(Clone, Copy)]
struct Lists {
    app: AppState,
    user: StoredValue<String>,
    groups: RwSignal<Option<Result<Vec<GroupInfo>, ApiError>>>,
    friends: Run,
    blacks: Run,
    /// Why a list could not be read.
    errors: RwSignal<Vec<ApiError>>,
    acts: Run,
    ask: RwSignal<Option<Ask>>,
    scope: StoredValue<Scope>,
}

impl Lists {
    /// Reads all three lists (three calls, whatever their length).
    fn reload(self) {
        let (app, user, scope) = (self.app, self.user.get_value(), self.scope.get_value());
        self.errors.set(Vec::new());
        let from_user_id = user;
        let reads = [
            encode(&GetJoinedGroupListReq {
                from_user_id: from_user_id.clone(),
            }),
            encode(&GetFriendListReq {
                from_user_id: from_user_id.clone(),
            }),
            encode(&GetBlackListReq { from_user_id }),
        ];
        leptos::task::spawn_local(async move {
            for (i, read) in reads.into_iter().enumerate() {
                // No answer: the session ended; its guard takes over.
                let Some(answer) = app.records(&scope, read).await else {
                    return;
                };
                match (i, answer) {
                    (0, answer) => self.groups.set(Some(
                        answer.map(|l| l.iter().map(GroupInfo::from_json).collect()),
                    )),
                    (_, Err(e)) => self.errors.update(|l| l.push(e)),
                    (i, Ok(records)) => {
                        let rows = records.iter().map(|v| relation_row(i, v)).collect();
                        let list = if i == 1 { self.friends } else { self.blacks };
                        list.lookup.set(Lookup::of_rows(rows));
                    }
                }
            }
        });
    }

    /// Asks, then runs `action` for the user and each selected row of
    /// `list`; a friendship takes a call in each direction.
    fn undo(self, list: Run, action: Action) {
        let app = self.app;
        let user = self.user.get_value();
        let ids = list.lookup.with_untracked(Lookup::selected_ids);
        let n = ids.len();
        if n == 0 || self.acts.running.get_untracked() {
            return;
        }
        let t = app.t();
        let mut pairs: Vec<(String, String)> =
            ids.into_iter().map(|id| (user.clone(), id)).collect();
        let (title, note, class) = if action == Action::DeleteFriend {
            pairs = unfriend(&pairs);
            (t.unfriend_title, t.unfriend_warning, "confirm-unfriend")
        } else {
            (t.unblock_title, t.unblock_warning, "confirm-unblock")
        };
        self.ask.set(Some(Ask {
            title: fill(title.form(n), &[("count", &n)]),
            notes: vec![note.into()],
            typed: None,
            button: fill(t.confirm_count.form(n), &[("count", &n)]),
            class,
            go: Callback::new(move |()| {
                self.acts.failed.set(Vec::new());
                self.acts.lookup.set(Lookup::results(action, &pairs, None));
                self.acts.add(each(action, 0, &pairs));
            }),
        }));
    }
}

#[component]
pub(super) fn Relations(user_id: String) -> impl IntoView {
    let app = use_app();
    let lists = Lists {
        app,
        user: StoredValue::new(user_id),
        groups: RwSignal::new(None),
        friends: Run::new(app),
        blacks: Run::new(app),
        errors: RwSignal::new(Vec::new()),
        acts: Run::new(app),
        ask: RwSignal::new(None),
        scope: StoredValue::new(page_scope()),
    };
    lists.reload();
    // A finished undo is read back.
    lists.acts.when_finished(move || lists.reload());
    view! {
        <section class="panel relations" aria-labelledby="relations-title">
            <div class="toolbar">
                <h2 id="relations-title">{tr(|t| t.joined_groups_title)}</h2>
                <button type="button" class="secondary refresh-relations" on:click=move |_| lists.reload()>{tr(|t| t.refresh_button)}</button>
            </div>
            <p class="hint">{tr(|t| t.joined_note)}</p>
            <JoinedGroups groups=lists.groups/>
            {move || lists.errors.get().into_iter().map(|error| view! { <ErrorBox error/> }).collect_view()}
        </section>
        <Confirm ask=lists.ask/>
        <RelationList lists list=lists.friends action=Action::DeleteFriend/>
        <RelationList lists list=lists.blacks action=Action::RemoveBlack/>
        <When when=flag(move || lists.acts.total.get() > 0)>
            <section class="panel undo-results">
                <h2>{tr(|t| t.action_results_title)}</h2>
                <RunStatus run=lists.acts/>
                <UserResults run=lists.acts columns=PAIR_RESULT_COLUMNS summary=|t| t.member_results_summary purpose=Purpose::Results id="results"/>
            </section>
        </When>
    }
}

/// A friend record (read `i` 1) or a blacklisted user's profile as a row.
fn relation_row(i: usize, v: &serde_json::Value) -> UserRow {
    let (info, remark, since) = if i == 1 {
        let f = FriendInfo::from_json(v);
        (f.friend_user, f.remark, f.create_time)
    } else {
        (UserInfo::from_json(v), String::new(), 0)
    };
    let id = info.user_id.clone();
    UserRow {
        remark,
        joined: since,
        registered: Some(true),
        profile_checked: true,
        info: Some(info),
        ..UserRow::new(&id)
    }
}

/// Friends (undone with delete_friend) or the blacklist (remove_black):
/// the list, and the undo of its selection.
#[component]
fn RelationList(lists: Lists, list: Run, action: Action) -> impl IntoView {
    let friends = action == Action::DeleteFriend;
    let (title, none, button, class): (Pick, Pick, Pick, &str) = if friends {
        (
            |t| t.friends_list_title,
            |t| t.friends_none,
            |t| t.unfriend_button,
            "friends",
        )
    } else {
        (
            |t| t.black_list_title,
            |t| t.black_none,
            |t| t.unblock_button,
            "blacks",
        )
    };
    let columns = if friends {
        FRIEND_COLUMNS
    } else {
        BLACK_COLUMNS
    };
    let busy = lists.acts.running;
    view! {
        <section class=format!("panel {class}-list")>
        <h2>{tr(title)}</h2>
        {(!friends).then(|| view! { <p class="hint blocked-by-note">{tr(|t| t.blocked_by_note)}</p> })}
        <When when=flag(move || list.lookup.with(|l| l.rows.is_empty()))>
            <p class=format!("muted {class}-none")>{tr(none)}</p>
        </When>
        <div class="actions">
            <button type="button" class=format!("danger undo-{class}")
                disabled=flag(move || list.lookup.with(Lookup::selected_count) == 0 || busy.get())
                on:click=move |_| lists.undo(list, action)>{tr(button)}</button>
        </div>
        <UserResults run=list columns summary=|t| t.listed_summary purpose=Purpose::Relations id=class/>
        </section>
    }
}

/// The groups get_joined_group_list returns, each linked to its page.
#[component]
fn JoinedGroups(groups: RwSignal<Option<Result<Vec<GroupInfo>, ApiError>>>) -> impl IntoView {
    move || match groups.get() {
        None => view! { <p class="muted" role="status">{tr(|t| t.loading)}</p> }.into_any(),
        Some(Err(error)) => view! { <ErrorBox error/> }.into_any(),
        Some(Ok(list)) if list.is_empty() => {
            view! { <p class="muted joined-none">{tr(|t| t.joined_none)}</p> }.into_any()
        }
        Some(Ok(list)) => {
            let rows = list.into_iter().map(|g| GroupRow {
                group_id: g.group_id,
                name: g.group_name,
                owner: g.owner_user_id,
                members: Some(g.member_count),
                status: Some(g.status),
            });
            view! { <GroupList rows=rows.collect() class="joined-groups"/> }.into_any()
        }
    }
}
