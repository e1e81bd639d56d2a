//! Invite users to a group or kick them out, in bulk, with each user's
//! result and what it really means on the v2 server
//! (docs/api.md#invite-user-to-group, docs/api.md#kick-group).

use leptos::prelude::*;

use super::Recent;
use crate::api::ids::parse_id_list;
use crate::api::release::Release;
use crate::components::bulk::Run;
use crate::components::id_list_input::IdListInput;
use crate::components::text_field::TextField;
use crate::components::user_table::{Purpose, RunStatus, UserResults, GROUP_RESULT_COLUMNS};
use crate::model::bulk::plan_action;
use crate::model::outcome::Action;
use crate::model::users::Lookup;
use crate::state::{counted, flag, kept_draft, tr, use_app, When};

/// Drafts of the pasted IDs (the directory's "invite or kick" writes here)
/// and the reason.
const IDS: &str = crate::keys::GROUP_MEMBER_IDS;
const REASON: &str = "groups.reason";

#[component]
pub fn GroupMembers(recent: Recent, group_id: RwSignal<String>) -> impl IntoView {
    let app = use_app();
    let ids_text = kept_draft(IDS);
    let reason = kept_draft(REASON);
    let group_error = RwSignal::new(None::<String>);
    let ids_error = RwSignal::new(None::<String>);
    let run = Run::new(app);
    // The kick waiting for its confirmation: how many users.
    let confirming = RwSignal::new(None::<usize>);
    // The run whose results still have to reach the recent groups.
    let pending = StoredValue::new(None::<(String, Action)>);

    // The checked form: the group and the IDs, or None with the errors shown.
    let checked = move || {
        let group = group_id.get_untracked().trim().to_string();
        let ids = parse_id_list(&ids_text.get_untracked()).ids;
        group_error.set(
            group
                .is_empty()
                .then(|| app.t().err_group_missing.to_string()),
        );
        ids_error.set(ids.is_empty().then(|| app.t().err_ids_empty.to_string()));
        (!group.is_empty() && !ids.is_empty() && !run.running.get_untracked())
            .then_some((group, ids))
    };
    let start = move |action: Action, group: String, ids: Vec<String>| {
        let pairs: Vec<(String, String)> = ids.into_iter().map(|id| (String::new(), id)).collect();
        let table = recent.0.with_untracked(|l| {
            let known = l
                .iter()
                .find(|g| g.group_id == group)
                .and_then(|g| g.member_set());
            Lookup::results(action, &pairs, known.as_ref())
        });
        run.failed.set(Vec::new());
        run.lookup.set(table);
        pending.set_value(Some((group.clone(), action)));
        run.add(plan_action(
            app.release(),
            action,
            &group,
            reason.get_untracked().trim(),
            &pairs,
        ));
    };
    let invite = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some((group, ids)) = checked() {
            start(Action::Invite, group, ids);
        }
    };
    let ask_kick = move |_| {
        if let Some((_, ids)) = checked() {
            confirming.set(Some(ids.len()));
        }
    };
    let kick = move |_| {
        confirming.set(None);
        if let Some((group, ids)) = checked() {
            start(Action::Kick, group, ids);
        }
    };
    // A finished run tells the recent groups who is in now.
    super::remember_when_done(run, recent, pending);

    let no_error = Signal::stored(None::<String>);
    view! {
        <section class="panel group-members" aria-labelledby="members-title">
            <h2 id="members-title">{tr(|t| t.members_title)}</h2>
            <form class="members-form" novalidate on:submit=invite>
                <TextField id="group-id" label=Signal::derive(tr(|t| t.field_group_id)) value=group_id error=group_error/>
                <IdListInput id="group-user-ids" label=Signal::derive(tr(|t| t.ids_label)) value=ids_text error=ids_error/>
                <TextField id="group-reason" label=Signal::derive(tr(|t| t.field_reason)) value=reason error=no_error/>
                <p class="hint">{tr(|t| t.members_rules_server)}</p>
                <When when=flag(move || app.release() == Release::V2_3_2)>
                    <p class="warning invite-broken" role="note">{tr(|t| t.invite_broken)}</p>
                </When>
                <div class="actions">
                    <button type="submit" class="primary invite" disabled=run.running>{tr(|t| t.invite_button)}</button>
                    <button type="button" class="danger kick" disabled=run.running on:click=ask_kick>{tr(|t| t.kick_button)}</button>
                </div>
            </form>
            <When when=flag(move || confirming.get().is_some())>
                <div class="confirm kick-confirm" role="alertdialog" aria-labelledby="kick-title">
                    <h3 id="kick-title">{counted(|t| t.kick_title, move || confirming.get().unwrap_or_default())}</h3>
                    <p class="warning">{tr(|t| t.kick_warning)}</p>
                    <div class="actions">
                        <button type="button" class="danger confirm-kick" on:click=kick>
                            {counted(|t| t.kick_confirm, move || confirming.get().unwrap_or_default())}
                        </button>
                        <button type="button" class="secondary" on:click=move |_| confirming.set(None)>{tr(|t| t.cancel)}</button>
                    </div>
                </div>
            </When>
            <RunStatus run/>
            <UserResults run columns=GROUP_RESULT_COLUMNS summary=|t| t.member_results_summary purpose=Purpose::Results id="results"/>
        </section>
    }
}
