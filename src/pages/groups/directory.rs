//! Every group on the server, from its CMS API: listed a page at a time
//! and searched by name (and by groupID on generation C), each linked to
//! its page (docs/cms.md#cms-get-groups). Without a reachable CMS it says
//! what to deploy; everything else works without one.

use leptos::prelude::*;

use crate::api::cms::{groups_request, Cms, Gen, GroupSearch, GroupsPage, UNSAFE_SEARCH};
use crate::api::ApiError;
use crate::components::error_box::ErrorBox;
use crate::components::field_error::FieldError;
use crate::components::group_list::{GroupList, GroupRow};
use crate::components::pager::Pager;
use crate::i18n::fill;
use crate::state::{counted, flag, page_scope, text, tr, use_app, When};

/// Groups a page.
const SHOW: u32 = 20;

#[component]
pub fn AllGroups() -> impl IntoView {
    let app = use_app();
    let scope = StoredValue::new(page_scope());
    // None while looking; then the CMS, or None inside when none answers.
    let cms = RwSignal::new(None::<Option<Cms>>);
    let typed = RwSignal::new(String::new());
    let by_id = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let page = RwSignal::new(1_u32);
    let busy = RwSignal::new(false);
    let answer = RwSignal::new(None::<Result<GroupsPage, ApiError>>);
    let latest = StoredValue::new(0_u64);

    let fetch = move |wanted: u32| {
        let Some(Some(found)) = cms.get_untracked() else {
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
        let Some(token) = app
            .session
            .with_untracked(|s| s.as_ref().map(|s| s.token.clone()))
        else {
            return;
        };
        let ticket = latest.get_value() + 1;
        latest.set_value(ticket);
        busy.set(true);
        leptos::task::spawn_local(async move {
            let req = groups_request(
                found.gen,
                &search,
                wanted,
                SHOW,
                &crate::api::opid::next_operation_id(),
            );
            let got = crate::api::cms_transport::call(&found, &token, &scope.get_value(), &req)
                .await
                .map(|data| crate::api::cms::groups_page(found.gen, &data));
            if latest.get_value() == ticket {
                busy.set(false);
                page.set(wanted);
                answer.set(Some(got));
            }
        });
    };
    let look = move || {
        cms.set(None);
        leptos::task::spawn_local(async move {
            cms.set(Some(app.cms().await));
            fetch(1);
        });
    };
    look();

    let total = move || {
        answer.with(|a| {
            a.as_ref()
                .and_then(|a| a.as_ref().ok())
                .map_or(0, |p| p.total)
        })
    };
    let pages = move || total().div_ceil(u64::from(SHOW)).max(1);
    let rows = move || {
        let groups = answer.with(|a| {
            a.as_ref()
                .and_then(|a| a.as_ref().ok())
                .map(|p| p.groups.clone())
        });
        let rows: Vec<GroupRow> = (groups.unwrap_or_default().into_iter())
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
    let gen = move || cms.get().flatten().map(|c| c.gen);

    view! {
        <section class="panel cms-groups" aria-labelledby="all-groups-title">
            <h2 id="all-groups-title">{tr(|t| t.all_groups_title)}</h2>
            {move || match cms.get() {
                None => view! { <p class="muted cms-looking" role="status">{tr(|t| t.cms_looking)}</p> }.into_any(),
                Some(None) => view! {
                    <p class="notice cms-none">{tr(|t| t.cms_none)}</p>
                    <button type="button" class="secondary cms-look-again" on:click=move |_| { app.forget_cms(); look(); }>
                        {tr(|t| t.cms_look_again)}
                    </button>
                }.into_any(),
                Some(Some(found)) => {
                    let place = if found.base.is_empty() { app.t().cms_here.to_string() } else { found.base.clone() };
                    view! {
                        <p class="hint cms-at">{text(move || fill(app.t().cms_at, &[("base", &place), ("gen", &found.gen.key())]))}</p>
                    }.into_any()
                }
            }}
            <When when=flag(move || gen().is_some())>
                <When when=flag(move || gen() != Some(Gen::C))>
                    <p class="hint cms-ab-note">{tr(|t| t.cms_ab_note)}</p>
                </When>
                <form class="toolbar" role="search" novalidate on:submit=move |ev| { ev.prevent_default(); fetch(1); }>
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
                    <button type="submit" class="primary search-groups" disabled=busy>{tr(|t| t.search_button)}</button>
                </form>
                <FieldError id="group-search-error".to_string() message=error/>
                {move || answer.get().and_then(Result::err).map(|error| view! { <ErrorBox error/> })}
                <Pager page pages=Signal::derive(pages) busy
                    found=counted(|t| t.groups_found, move || total() as usize)
                    go=Callback::new(fetch)/>
                {rows}
            </When>
        </section>
    }
}
