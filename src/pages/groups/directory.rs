//! Every group on the server, from its CMS API: listed a page at a time
//! and searched by name (and by groupID on generation C), each linked to
//! its page (docs/cms.md#cms-get-groups). Without a reachable CMS it says
//! what to deploy; everything else works without one.

use leptos::prelude::*;

use crate::api::cms::{groups_page, groups_request, Gen, GroupSearch, UNSAFE_SEARCH};
use crate::components::cms::{CmsNote, CmsPage, CmsPager};
use crate::components::field_error::FieldError;
use crate::components::group_list::{GroupList, GroupRow};
use crate::state::{flag, tr, use_app, When};

/// Groups a page.
const SHOW: u32 = 20;

#[component]
pub fn AllGroups() -> impl IntoView {
    let app = use_app();
    let typed = RwSignal::new(String::new());
    let by_id = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let fetch = move |cms: CmsPage, wanted: u32| {
        let Some(found) = cms.get_untracked() else {
            return;
        };
        let text = typed.get_untracked().trim().to_string();
        // A/B paste the name into SQL: those characters are refused here.
        let unsafe_text = found.gen != Gen::C && text.contains(UNSAFE_SEARCH);
        error.set(unsafe_text.then(|| app.t().err_unsafe_search.to_string()));
        if unsafe_text {
            return;
        }
        let search = match (text.is_empty(), by_id.get_untracked()) {
            (true, _) => GroupSearch::All,
            (false, true) => GroupSearch::Id(text),
            (false, false) => GroupSearch::Name(text),
        };
        cms.read(wanted, |op| {
            groups_request(found.gen, &search, wanted, SHOW, op)
        });
    };
    let found = CmsPage::new(move |cms| fetch(cms, 1));
    let page = move || {
        let gen = found.get().map_or(Gen::C, |c| c.gen);
        found.with_data(|data| groups_page(gen, data))
    };
    let rows = move || {
        let rows: Vec<GroupRow> = (page().unwrap_or_default().groups.into_iter())
            .map(|g| GroupRow {
                group_id: g.group_id,
                name: g.name,
                owner: g.owner_id,
                members: g.members.map(|n| n as u32),
                status: g.status.map(|s| s as i32),
            })
            .collect();
        (!rows.is_empty()).then(|| view! { <GroupList rows class="all-groups"/> })
    };
    let gen = move || found.get().map(|c| c.gen);

    view! {
        <section class="panel cms-groups" aria-labelledby="all-groups-title">
            <h2 id="all-groups-title">{tr(|t| t.all_groups_title)}</h2>
            <CmsNote page=found/>
            <When when=flag(move || gen().is_some())>
                <When when=flag(move || gen() != Some(Gen::C))>
                    <p class="hint cms-ab-note">{tr(|t| t.cms_ab_note)}</p>
                </When>
                <form class="toolbar" role="search" novalidate on:submit=move |ev| { ev.prevent_default(); fetch(found, 1); }>
                    <div class="field inline">
                        <label for="group-search">{tr(|t| t.search_label)}</label>
                        <input id="group-search" type="search" aria-describedby="group-search-error" prop:value=typed
                            on:input:target=move |ev| typed.set(ev.target().value())/>
                    </div>
                    <div class="field inline">
                        <label for="group-search-by" class="visually-hidden">{tr(|t| t.search_in)}</label>
                        <select id="group-search-by" on:change:target=move |ev| by_id.set(ev.target().value() == "groupID")>
                            <option value="groupName">{tr(|t| t.search_by_name)}</option>
                            {move || (gen() == Some(Gen::C)).then(|| view! { <option value="groupID">{tr(|t| t.search_by_group_id)}</option> })}
                        </select>
                    </div>
                    <button type="submit" class="primary search-groups" disabled=found.busy>{tr(|t| t.search_button)}</button>
                </form>
                <FieldError id="group-search-error".to_string() message=error/>
                <CmsPager cms=found show=SHOW
                    total=Signal::derive(move || page().map_or(0, |p| p.total))
                    found_text=|t| t.groups_found
                    go=Callback::new(move |n| fetch(found, n))/>
                {rows}
            </When>
        </section>
    }
}
