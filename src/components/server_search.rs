//! The directory's search on the server (v2.3.2+, /user/get_users): a page
//! of users at a time, by userID, by name or by either, so a server of a
//! million users is browsable without loading every ID first
//! (docs/releases.md#get-users).

use leptos::prelude::*;

use crate::api::user::{safe_url, FullUserInfo, GetUsersReq, GetUsersResp, SearchBy};
use crate::api::ApiError;
use crate::components::error_box::ErrorBox;
use crate::components::pager::Pager;
use crate::i18n::{Locale, Pick, Strings};
use crate::state::{counted, local_time, page_scope, tr, use_app};

/// The titles of the result columns, in the order `row` fills them.
const COLUMNS: [Pick; 7] = [
    |t| t.col_user_id,
    |t| t.col_face,
    |t| t.col_nickname,
    |t| t.col_gender,
    |t| t.field_phone,
    |t| t.field_email,
    |t| t.col_created,
];

/// Rows a page may hold: the choices offered.
const PAGE_SIZES: [u32; 3] = [20, 50, 100];

/// Which filter the text goes to, by the select's value.
const FILTERS: [(&str, SearchBy, Pick); 3] = [
    ("content", SearchBy::Any, |t| t.search_by_any),
    ("userID", SearchBy::UserId, |t| t.search_by_id),
    ("userName", SearchBy::Name, |t| t.search_by_name),
];

#[component]
pub fn ServerSearch() -> impl IntoView {
    let app = use_app();
    let scope = StoredValue::new(page_scope());
    let text_typed = RwSignal::new(String::new());
    let by = RwSignal::new(SearchBy::Any);
    let per_page = RwSignal::new(PAGE_SIZES[1]);
    let page = RwSignal::new(1_u32);
    let answer = RwSignal::new(None::<Result<GetUsersResp, ApiError>>);
    let busy = RwSignal::new(false);
    // Only the newest request's answer is shown, whatever order they come in.
    let latest = StoredValue::new(0_u64);

    let fetch = move |wanted: u32| {
        let req = GetUsersReq::search(
            &text_typed.get_untracked(),
            by.get_untracked(),
            wanted,
            per_page.get_untracked(),
        );
        let ticket = latest.get_value() + 1;
        latest.set_value(ticket);
        busy.set(true);
        leptos::task::spawn_local(async move {
            let got = (app.call(&scope.get_value(), &req).await)
                .map(|a| a.map(|v| GetUsersResp::from_json(&v)));
            if latest.get_value() != ticket {
                return;
            }
            busy.set(false);
            if let Some(got) = got {
                page.set(wanted);
                answer.set(Some(got));
            }
        });
    };
    fetch(1);

    let total = move || {
        answer.with(|a| match a {
            Some(Ok(r)) => r.total_num,
            _ => 0,
        })
    };
    let pages = move || total().div_ceil(u64::from(per_page.get())).max(1);
    let rows = move || {
        let t = app.t();
        let users = answer.with(|a| {
            a.as_ref()
                .and_then(|a| a.as_ref().ok())
                .map(GetUsersResp::users)
        });
        (users.unwrap_or_default().into_iter())
            .map(|u| row(u, t, app.locale.get_untracked()))
            .collect_view()
    };

    view! {
        <section class="panel server-search" aria-labelledby="search-title">
            <h2 id="search-title">{tr(|t| t.search_title)}</h2>
            <p class="hint">{tr(|t| t.search_hint)}</p>
            <form class="toolbar" role="search" novalidate on:submit=move |ev| { ev.prevent_default(); fetch(1); }>
                <div class="field inline">
                    <label for="search-text">{tr(|t| t.search_label)}</label>
                    <input id="search-text" type="search" prop:value=text_typed
                        on:input:target=move |ev| text_typed.set(ev.target().value())/>
                </div>
                <div class="field inline">
                    <label for="search-by" class="visually-hidden">{tr(|t| t.search_in)}</label>
                    <select id="search-by" on:change:target=move |ev| {
                        let key = ev.target().value();
                        by.set(FILTERS.iter().find(|f| f.0 == key).map_or(SearchBy::Any, |f| f.1));
                    }>
                        {FILTERS.map(|(key, _, label)| view! { <option value=key>{tr(label)}</option> })}
                    </select>
                </div>
                <div class="field inline">
                    <label for="search-size">{tr(|t| t.page_size)}</label>
                    <select id="search-size" on:change:target=move |ev| {
                        per_page.set(ev.target().value().parse().unwrap_or(PAGE_SIZES[1]));
                        fetch(1);
                    }>
                        {PAGE_SIZES.map(|n| view! { <option value=n.to_string() selected=n == PAGE_SIZES[1]>{n}</option> })}
                    </select>
                </div>
                <button type="submit" class="primary search" disabled=busy>{tr(|t| t.search_button)}</button>
            </form>
            {move || answer.get().and_then(Result::err).map(|error| view! { <ErrorBox error/> })}
            <Pager page pages=Signal::derive(pages) busy
                found=counted(|t| t.users_found, move || total() as usize)
                go=Callback::new(fetch)/>
            <div class="table-scroll">
                <table class="results search-results">
                    <thead><tr>{COLUMNS.map(|title| view! { <th scope="col">{tr(title)}</th> })}</tr></thead>
                    <tbody>{rows}</tbody>
                </table>
                {move || (!busy.get() && answer.with(|a| matches!(a, Some(Ok(r)) if r.total_num == 0)))
                    .then(|| view! { <p class="empty">{tr(|t| t.no_matches)}</p> })}
            </div>
        </section>
    }
}

/// One user of a page, in the texts of `t`.
fn row(u: FullUserInfo, t: &'static Strings, locale: Locale) -> impl IntoView {
    let gender = match u.gender {
        1 => t.gender_male,
        2 => t.gender_female,
        _ => t.gender_unset,
    };
    let created = (u.create_time > 0).then(|| local_time(u.create_time as f64 * 1000.0, locale));
    view! {
        <tr data-user-id=u.user_id.clone()>
            <td class="user-id"><a href=crate::routes::user(&u.user_id)><code>{u.user_id.clone()}</code></a></td>
            <td class="face-cell">{safe_url(&u.face_url).map(|url| view! {
                <img class="face" src=url.to_string() alt="" width="28" height="28" loading="lazy" referrerpolicy="no-referrer"/>
            })}</td>
            <td class="nickname">{u.nickname}</td>
            <td class="gender">{gender}</td>
            <td class="phone">{u.phone_number}</td>
            <td class="email">{u.email}</td>
            <td class="create-time">{created}</td>
        </tr>
    }
}
