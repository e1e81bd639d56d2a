//! The group's members in the shared table, and what can be done to the
//! selection: kick, mute and unmute, set the role, hand over ownership;
//! and invite or kick by pasted IDs (docs/readback.md#get-group-all-member-list).

use leptos::prelude::*;

use super::Group;
use crate::api::endpoints::encode;
use crate::api::group::{TransferGroupReq, ROLE_ADMIN, ROLE_ORDINARY, ROLE_OWNER};
use crate::api::ids::parse_id_list;
use crate::api::release::Release;
use crate::components::confirm::Ask;
use crate::components::error_box::ErrorBox;
use crate::components::id_list_input::IdListInput;
use crate::components::undo::Undo;
use crate::components::user_table::{
    Purpose, RunStatus, UserResults, GROUP_MEMBER_COLUMNS, GROUP_RESULT_COLUMNS,
};
use crate::i18n::{fill, Pick};
use crate::model::bulk::{each, plan_action};
use crate::model::members::{ownership, Ownership, MUTE_SECONDS};
use crate::model::outcome::Action;
use crate::model::users::Lookup;
use crate::state::{flag, kept_draft, text, tr, When};

/// The texts of the mute lengths, in MUTE_SECONDS's order.
const MUTE_LABELS: [Pick; 5] = [
    |t| t.dur_10m,
    |t| t.dur_1h,
    |t| t.dur_1d,
    |t| t.dur_7d,
    |t| t.dur_30d,
];

#[component]
pub(super) fn Members(group: Group) -> impl IntoView {
    let app = group.app;
    let lookup = group.members.lookup;
    let mute_for = RwSignal::new(MUTE_SECONDS[1]);
    // Why the selection cannot be acted on as asked.
    let refusal = RwSignal::new(None::<String>);
    let dismissed = move || {
        group
            .info()
            .is_some_and(|g| crate::model::members::is_dismissed(&g))
    };

    // The selection without the owner, who is never kicked, muted or
    // demoted from here (the group would be left without one).
    let without_owner = Callback::new(move |mut ids: Vec<String>| {
        refusal.set(None);
        if let Ownership::One(owner) = lookup.with_untracked(ownership) {
            if let Some(at) = ids.iter().position(|id| *id == owner) {
                ids.remove(at);
                refusal.set(Some(fill(app.t().owner_left_out, &[("user", &owner)])));
            }
        }
        ids
    });
    let chosen = move || without_owner.run(lookup.with_untracked(Lookup::selected_ids));
    // A per-user action on `ids`, once confirmed: its results table shows
    // each user's outcome, then the members are read again.
    let run = Callback::new(move |(action, arg, ids): (Action, i64, Vec<String>)| {
        let gid = group.id.get_value();
        let rows: Vec<(String, String)> =
            ids.iter().map(|id| (String::new(), id.clone())).collect();
        let steps = match action {
            Action::Kick | Action::Invite => plan_action(app.release(), action, &gid, "", &rows),
            _ => each(
                action,
                arg,
                &ids.iter()
                    .map(|id| (gid.clone(), id.clone()))
                    .collect::<Vec<_>>(),
            ),
        };
        // Who was in before, so a kick's 0 for a non-member says so.
        let members = lookup.with_untracked(Lookup::ids);
        let members: rustc_hash::FxHashSet<&str> = members.iter().map(String::as_str).collect();
        group.acts.failed.set(Vec::new());
        group
            .acts
            .lookup
            .set(Lookup::results(action, &rows, Some(&members)));
        group.acts.add(steps);
    });
    // Asks before `action` on the selection (without the owner); `arg`
    // is the mute's seconds or the new roleLevel.
    let act = move |action: Action, arg: i64| {
        let ids = chosen();
        let n = ids.len();
        if n == 0 {
            return;
        }
        let t = app.t();
        let length = (MUTE_SECONDS.iter().position(|s| i64::from(*s) == arg))
            .map_or("", |i| MUTE_LABELS[i](t));
        let role = if arg == i64::from(ROLE_ADMIN) {
            t.role_admin
        } else {
            t.role_member
        };
        let (title, note, class) = match action {
            Action::Kick => (t.kick_title, t.kick_warning, "confirm-kick"),
            Action::Mute => (t.mute_title, t.mute_advice, "confirm-mute"),
            Action::Unmute => (t.unmute_title, "", "confirm-unmute"),
            _ => (t.role_title, "", "confirm-role"),
        };
        group.ask.set(Some(Ask {
            title: fill(
                title.form(n),
                &[("count", &n), ("duration", &length), ("role", &role)],
            ),
            notes: (!note.is_empty())
                .then(|| note.to_string())
                .into_iter()
                .collect(),
            typed: None,
            button: fill(t.confirm_count.form(n), &[("count", &n)]),
            class,
            go: Callback::new(move |()| run.run((action, arg, ids.clone()))),
        }));
    };
    let name = move || group.name();
    let make_owner = move |_| {
        refusal.set(None);
        let owners = lookup.with_untracked(ownership);
        let ids = lookup.with_untracked(Lookup::selected_ids);
        let [user] = ids.as_slice() else {
            refusal.set(Some(app.t().transfer_pick_one.into()));
            return;
        };
        if owners.owner() == Some(user.as_str()) {
            refusal.set(Some(app.t().transfer_pick_one.into()));
            return;
        }
        let t = app.t();
        let user = user.clone();
        let title = fill(t.transfer_title, &[("user", &user), ("group", &name())]);
        let typed = Some((t.transfer_type_id.to_string(), user.clone()));
        let (note, go) = match owners {
            Ownership::One(owner) => {
                let req = TransferGroupReq {
                    group_id: group.id.get_value(),
                    old_owner_user_id: owner.clone(),
                    new_owner_user_id: user.clone(),
                };
                (
                    fill(t.transfer_warning, &[("user", &user), ("owner", &owner)]),
                    Callback::new(move |()| group.write(encode(&req))),
                )
            }
            // No one to hand over from: the role is set directly (v2.1+).
            _ if app.release() >= Release::V2_1 => {
                let id = user.clone();
                (
                    fill(t.transfer_set_role, &[("user", &user)]),
                    Callback::new(move |()| {
                        run.run((Action::SetRole, i64::from(ROLE_OWNER), vec![id.clone()]))
                    }),
                )
            }
            _ => {
                refusal.set(Some(t.owner_fix_none.into()));
                return;
            }
        };
        group.ask.set(Some(Ask {
            title,
            notes: vec![note],
            typed,
            button: t.make_owner.into(),
            class: "confirm-owner",
            go,
        }));
    };
    // Every selection action waits for a selection and the last run.
    let blocked = flag(move || {
        lookup.with(Lookup::selected_count) == 0 || group.acts.running.get() || dismissed()
    });
    let can_role = move || app.release() >= Release::V2_1;

    view! {
        <section class="panel group-members" aria-labelledby="group-members-title">
            <h2 id="group-members-title">{tr(|t| t.members_heading)}</h2>
            {move || group.reading.get().map(|n| view! {
                <p class="muted members-reading" role="status">{text(move || fill(app.t().members_loading, &[("loaded", &n)]))}</p>
            })}
            {move || group.members_error.get().map(|error| view! {
                <p class="warning">{text(move || fill(app.t().members_stopped, &[("loaded", &lookup.with(|l| l.rows.len()))]))}</p>
                <ErrorBox error/>
            })}
            <When when=flag(move || !dismissed())>
                <div class="member-actions" role="group" aria-label=tr(|t| t.selection_label)>
                    <button type="button" class="danger kick-selected" disabled=blocked on:click=move |_| act(Action::Kick, 0)>{tr(|t| t.kick_button)}</button>
                    <div class="field inline">
                        <label for="mute-for">{tr(|t| t.mute_for)}</label>
                        <select id="mute-for" on:change:target=move |ev| mute_for.set(ev.target().value().parse().unwrap_or(MUTE_SECONDS[1]))>
                            {MUTE_SECONDS.iter().zip(MUTE_LABELS).map(|(s, label)| view! {
                                <option value=s.to_string() selected=*s == MUTE_SECONDS[1]>{tr(label)}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <button type="button" class="secondary mute-selected" disabled=blocked on:click=move |_| act(Action::Mute, i64::from(mute_for.get_untracked()))>{tr(|t| t.mute_button)}</button>
                    <button type="button" class="secondary unmute-selected" disabled=blocked on:click=move |_| act(Action::Unmute, 0)>{tr(|t| t.unmute_button)}</button>
                    {move || if can_role() {
                        view! {
                            <button type="button" class="secondary admin-selected" disabled=blocked on:click=move |_| act(Action::SetRole, i64::from(ROLE_ADMIN))>{tr(|t| t.make_admin)}</button>
                            <button type="button" class="secondary member-selected" disabled=blocked on:click=move |_| act(Action::SetRole, i64::from(ROLE_ORDINARY))>{tr(|t| t.make_member)}</button>
                        }.into_any()
                    } else {
                        view! { <span class="note">{tr(|t| t.role_needs_v2_1)}</span> }.into_any()
                    }}
                    <button type="button" class="secondary owner-selected" disabled=blocked on:click=make_owner>{tr(|t| t.make_owner)}</button>
                </div>
                <p class="hint">{tr(|t| t.mute_advice)}</p>
            </When>
            {move || refusal.get().map(|r| view! { <p class="field-error selection-refused" role="alert">{r}</p> })}
            <When when=flag(move || group.reading.get().is_none() && lookup.with(|l| l.rows.is_empty()))>
                <p class="muted no-members">{text(move || fill(app.t().group_members_summary.form(0), &[("total", &0)]))}</p>
            </When>
            <UserResults run=group.members columns=GROUP_MEMBER_COLUMNS summary=|t| t.group_members_summary purpose=Purpose::Group id="members"/>
            <When when=flag(move || !dismissed())>
                <ByIds group run without_owner/>
            </When>
            <When when=flag(move || group.acts.total.get() > 0)>
                <h3>{tr(|t| t.action_results_title)}</h3>
                <RunStatus run=group.acts/>
                <UserResults run=group.acts columns=GROUP_RESULT_COLUMNS summary=|t| t.member_results_summary purpose=Purpose::Results id="results"/>
                <Undo run=group.acts ask=group.ask group=group.id/>
            </When>
        </section>
    }
}

/// Invites or kicks pasted IDs (the directory's selection arrives here),
/// confirmed like every write; the owner is never kicked from here.
#[component]
fn ByIds(
    group: Group,
    run: Callback<(Action, i64, Vec<String>)>,
    without_owner: Callback<Vec<String>, Vec<String>>,
) -> impl IntoView {
    let app = group.app;
    let ids_text = kept_draft(crate::keys::GROUP_MEMBER_IDS);
    let error = RwSignal::new(None::<String>);
    let start = move |action: Action| {
        let mut ids = parse_id_list(&ids_text.get_untracked()).ids;
        if action == Action::Kick {
            ids = without_owner.run(ids);
        }
        error.set(ids.is_empty().then(|| app.t().err_ids_empty.to_string()));
        let n = ids.len();
        if n == 0 || group.acts.running.get_untracked() {
            return;
        }
        let t = app.t();
        let (title, notes, class) = if action == Action::Kick {
            (
                t.kick_title,
                vec![t.kick_warning.to_string()],
                "confirm-kick",
            )
        } else {
            (t.invite_title, Vec::new(), "confirm-invite")
        };
        group.ask.set(Some(Ask {
            title: fill(title.form(n), &[("count", &n), ("group", &group.name())]),
            notes,
            typed: None,
            button: fill(t.confirm_count.form(n), &[("count", &n)]),
            class,
            go: Callback::new(move |()| {
                ids_text.set(String::new());
                run.run((action, 0, ids.clone()));
            }),
        }));
    };
    view! {
        <form class="by-ids" novalidate on:submit=move |ev| { ev.prevent_default(); start(Action::Invite) }>
            <h3>{tr(|t| t.members_title)}</h3>
            <IdListInput id="group-user-ids" label=Signal::derive(tr(|t| t.ids_label)) value=ids_text error/>
            <p class="hint">{tr(|t| t.members_rules_server)}</p>
            <When when=flag(move || app.release() == Release::V2_3_2)>
                <p class="warning invite-broken" role="note">{tr(|t| t.invite_broken)}</p>
            </When>
            <div class="actions">
                <button type="submit" class="primary invite" disabled=group.acts.running>{tr(|t| t.invite_button)}</button>
                <button type="button" class="danger kick" disabled=group.acts.running on:click=move |_| start(Action::Kick)>{tr(|t| t.kick_button)}</button>
            </div>
        </form>
    }
}
