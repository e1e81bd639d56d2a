//! One user at `/users/:userID`, to link and bookmark: registration,
//! profile, online status per platform (refreshed on request), and an edit
//! form for every update_user_info field, and the user's groups, friends
//! and blacklist.

mod relations;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::endpoints::FORCE_LOGOUT;
use crate::api::user::PLATFORMS;
use crate::components::bulk::Run;
use crate::components::force_logout::ForceLogout;
use crate::components::profile_edit::ProfileEdit;
use crate::components::user_table::{RefreshOnline, RunStatus};
use crate::model::bulk::{plan_lookup, Step};
use crate::model::users::Lookup;
use crate::state::{admin_ids, flag, text, tr, use_app, When};

#[component]
pub fn UserPage() -> impl IntoView {
    let params = use_params_map();
    let user_id = Memo::new(move |_| params.with(|p| p.get("userID").unwrap_or_default()));
    // Another user in the address (a link, back, forward) is a new page.
    move || view! { <UserDetail user_id=user_id.get()/> }
}

#[component]
fn UserDetail(user_id: String) -> impl IntoView {
    let app = use_app();
    let run = Run::new(app);
    let id = user_id.clone();
    run.lookup
        .set(Lookup::new(std::slice::from_ref(&id), &admin_ids(app)));
    run.add(plan_lookup(std::slice::from_ref(&id)));
    let row = Memo::new(move |_| {
        run.lookup
            .with(|l| l.rows.first().cloned().unwrap_or_default())
    });

    let info = Memo::new(move |_| row.with(|r| r.info.clone()));

    view! {
        <section class="page user">
            <h1>
                <code class="detail-id">{user_id.clone()}</code>
                {move || row.with(|r| r.admin).then(|| view! { " " <span class="badge admin">{tr(|t| t.admin_badge)}</span> })}
            </h1>
            <RunStatus run/>
            <When when=flag(move || row.with(|r| r.registered == Some(false)))>
                <p class="notice not-registered" role="status">{tr(|t| t.user_not_registered)}</p>
                <p><a href=crate::routes::DIRECTORY.path>{tr(|t| t.nav_directory)}</a></p>
            </When>
            <When when=flag(move || row.with(|r| r.registered == Some(true)))>
                <div class="detail-grid">
                    <dl class="profile">
                        <dt>{tr(|t| t.col_account)}</dt>
                        <dd><span class="badge ok">{tr(|t| t.registered)}</span></dd>
                        <dt>{tr(|t| t.col_nickname)}</dt>
                        <dd class="nickname">{move || row.with(|r| r.nickname().to_string())}</dd>
                        <dt>{tr(|t| t.col_gender)}</dt>
                        <dd class="gender">{text(move || {
                            let t = app.t();
                            match row.with(|r| r.info.as_ref().map_or(0, |i| i.gender)) {
                                1 => t.gender_male,
                                2 => t.gender_female,
                                _ => t.gender_unset,
                            }
                            .to_string()
                        })}</dd>
                        <dt>{tr(|t| t.col_ex)}</dt>
                        <dd class="ex">{move || row.with(|r| r.info.as_ref().map(|i| i.ex.clone()))}</dd>
                        <dt>{tr(|t| t.col_online)}</dt>
                        <dd class="platforms">
                            <span class="badge status" class:ok=move || row.with(|r| r.is_online())>{text(move || {
                                let t = app.t();
                                row.with(|r| match (&r.online, r.is_online()) {
                                    (_, true) => t.online,
                                    (Some(_), false) => t.offline,
                                    (None, _) => t.unknown,
                                })
                                .to_string()
                            })}</span>
                            " · "
                            {PLATFORMS.map(|(n, name)| {
                                let on = move || row.with(|r| r.online.as_ref().is_some_and(|o| o.detail_platform_status.iter().any(|p| p.platform == name)));
                                view! { <span class="badge" class:ok=on title=n.to_string()>{format!("{n} {name}")}</span> " " }
                            })}
                        </dd>
                    </dl>
                    <RefreshOnline run ids=Callback::new({
                        let id = id.clone();
                        move |()| vec![id.clone()]
                    })/>
                </div>
                <ProfileEdit user_id=id.clone() info on_saved=Callback::new(move |id| {
                    // Show what the server now returns.
                    run.add_first(vec![Step::Infos(vec![id])]);
                })/>
                {
                    let id = id.clone();
                    move || app.release().has(FORCE_LOGOUT).then(|| view! { <ForceLogout user_id=id.clone()/> })
                }
                <relations::Relations user_id=id.clone()/>
            </When>
        </section>
    }
}
