//! Groups: open any group's page, pick one this tab created or opened, or
//! create one. Members are read and changed on each group's page.

mod create;
mod directory;
mod recent;

use leptos::prelude::*;

use crate::api::group::GroupInfo;
use crate::model::groups::{self, RecentGroup};
use crate::session::{draft, set_draft};
use crate::state::tr;

/// The recent groups' draft.
const RECENT: &str = crate::keys::RECENT_GROUPS;

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

/// A group's page read the group: it goes to the front of the recent ones.
pub fn remember_read(info: &GroupInfo) {
    let mut list = groups::parse(draft(RECENT).as_deref());
    groups::remember(&mut list, info);
    set_draft(RECENT, &groups::store(&list));
}

#[component]
pub fn GroupsPage() -> impl IntoView {
    let recent = Recent::load();
    view! {
        <section class="page groups">
            <h1>{tr(|t| t.groups_title)}</h1>
            <p class="intro">{tr(|t| t.groups_intro)}</p>
            <recent::OpenGroup/>
            <directory::AllGroups/>
            <recent::RecentGroups recent/>
            <create::CreateGroup recent/>
        </section>
    }
}
