//! Groups: create one, invite and kick members in bulk, and pick from the
//! groups this tab created or used (the v2 admin API cannot list them).

mod create;
mod members;
mod recent;

use leptos::prelude::*;

use crate::components::bulk::Run;
use crate::model::groups::{self, remember_members, RecentGroup};
use crate::model::outcome::Action;
use crate::session::{draft, set_draft};
use crate::state::{kept_draft, tr};

/// Drafts of the page: the recent groups (JSON) and the members form's
/// groupID, which the other sections fill in.
const RECENT: &str = crate::keys::RECENT_GROUPS;
const GROUP_ID: &str = "groups.groupID";

/// The recent groups, kept in sessionStorage with every change.
#[derive(Clone, Copy)]
struct Recent(RwSignal<Vec<RecentGroup>>);

impl Recent {
    fn load() -> Self {
        Self(RwSignal::new(groups::parse(draft(RECENT).as_deref())))
    }

    fn change(self, f: impl FnOnce(&mut Vec<RecentGroup>)) {
        self.0.update(f);
        self.0
            .with_untracked(|l| set_draft(RECENT, &groups::store(l)));
    }
}

/// The group and action of the call `run` was last given, until the
/// recent groups have learnt its outcome.
type Pending = StoredValue<Option<(String, Action)>>;

/// When `run` has finished what `pending` names, the recent groups learn
/// who is in that group now.
fn remember_when_done(run: Run, recent: Recent, pending: Pending) {
    Effect::new(move |_| {
        if run.running.get() {
            return;
        }
        if let Some((group, action)) = pending.get_value() {
            pending.set_value(None);
            let succeeded: Vec<String> = run.lookup.with_untracked(|l| {
                (l.rows.iter().filter(|r| r.succeeded()))
                    .map(|r| r.user_id.clone())
                    .collect()
            });
            recent.change(|l| remember_members(l, &group, action, &succeeded));
        }
    });
}

#[component]
pub fn GroupsPage() -> impl IntoView {
    let recent = Recent::load();
    let group_id = kept_draft(GROUP_ID);
    view! {
        <section class="page groups">
            <h1>{tr(|t| t.groups_title)}</h1>
            <p class="intro">{tr(|t| t.groups_intro)}</p>
            <recent::RecentGroups recent group_id/>
            <create::CreateGroup recent group_id/>
            <members::GroupMembers recent group_id/>
        </section>
    }
}
