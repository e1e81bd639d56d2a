//! The shell: header, navigation, routes, and the guard that sends a
//! signed-out operator to login and back.

use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes, A};
use leptos_router::hooks::use_location;
use leptos_router::{path, ParamSegment, StaticSegment};

use crate::i18n::{fill, Locale};
use crate::pages::{
    directory::DirectoryPage, friends::FriendsPage, group::GroupPage, groups::GroupsPage,
    login::LoginPage, messages::MessagesPage, not_found::NotFound,
    notifications::NotificationsPage, overview::OverviewPage, user::UserPage, users::UsersPage,
};
use crate::routes;
use crate::state::{flag, local_time, text, tr, use_app, AppState, When};

#[component]
pub fn App() -> impl IntoView {
    // Before anything is drawn, so the page never shows two login forms.
    crate::components::boot_form::adopt();
    let app = AppState::from_browser();
    provide_context(app);
    provide_context(crate::components::broadcast::Broadcaster::new(app));

    // Deployment settings arrive once, before the operator can submit.
    leptos::task::spawn_local(async move {
        app.config.set(crate::config::fetch().await);
    });
    Effect::new(move |_| {
        let tag = app.locale.get().tag();
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", tag);
        }
        document().set_title(app.t().app_name);
    });

    view! {
        <Router>
            <a class="skip-link" href="#main">{tr(|t| t.skip_to_content)}</a>
            <Header/>
            <main id="main" tabindex="-1">
                <Routes fallback=NotFound>
                    <Route path=(StaticSegment(routes::LOGIN.segment),) view={login as Page}/>
                    <Route path=(StaticSegment(routes::OVERVIEW.segment),) view={overview as Page}/>
                    <Route path=(StaticSegment(routes::DIRECTORY.segment),) view={directory as Page}/>
                    <Route path=(StaticSegment(routes::USERS.segment),) view={users as Page}/>
                    <Route
                        path=(StaticSegment(routes::USERS.segment), ParamSegment(routes::USER_PARAM))
                        view={user as Page}
                    />
                    <Route path=(StaticSegment(routes::GROUPS.segment),) view={groups as Page}/>
                    <Route
                        path=(StaticSegment(routes::GROUPS.segment), ParamSegment(routes::GROUP_PARAM))
                        view={group as Page}
                    />
                    <Route path=(StaticSegment(routes::FRIENDS.segment),) view={friends as Page}/>
                    <Route path=(StaticSegment(routes::MESSAGES.segment),) view={messages as Page}/>
                    <Route path=(StaticSegment(routes::NOTIFICATIONS.segment),) view={notifications as Page}/>
                    <Route path=path!("/") view={home as Page}/>
                </Routes>
            </main>
        </Router>
    }
}

/// Every route's view has this one type, so the router's matching code is
/// compiled once rather than once per route.
type Page = fn() -> AnyView;

fn login() -> AnyView {
    view! { <LoginPage/> }.into_any()
}

fn overview() -> AnyView {
    view! { <Protected><OverviewPage/></Protected> }.into_any()
}

fn directory() -> AnyView {
    view! { <Protected><DirectoryPage/></Protected> }.into_any()
}

fn users() -> AnyView {
    view! { <Protected><UsersPage/></Protected> }.into_any()
}

fn user() -> AnyView {
    view! { <Protected><UserPage/></Protected> }.into_any()
}

fn groups() -> AnyView {
    view! { <Protected><GroupsPage/></Protected> }.into_any()
}

fn group() -> AnyView {
    view! { <Protected><GroupPage/></Protected> }.into_any()
}

fn friends() -> AnyView {
    view! { <Protected><FriendsPage/></Protected> }.into_any()
}

fn messages() -> AnyView {
    view! { <Protected><MessagesPage/></Protected> }.into_any()
}

fn notifications() -> AnyView {
    view! { <Protected><NotificationsPage/></Protected> }.into_any()
}

fn home() -> AnyView {
    view! { <Redirect path=routes::LANDING/> }.into_any()
}

#[component]
fn Header() -> impl IntoView {
    let app = use_app();
    view! {
        <header class="topbar">
            <span class="brand">{tr(|t| t.app_name)}</span>
            <When when=flag(move || app.session.with(Option::is_some))>
                <nav aria-label=tr(|t| t.nav_label)>
                    <A href=routes::OVERVIEW.path>{tr(|t| t.nav_overview)}</A>
                    <A href=routes::DIRECTORY.path>{tr(|t| t.nav_directory)}</A>
                    <A href=routes::USERS.path>{tr(|t| t.nav_users)}</A>
                    <A href=routes::GROUPS.path>{tr(|t| t.nav_groups)}</A>
                    <A href=routes::FRIENDS.path>{tr(|t| t.nav_friends)}</A>
                    <A href=routes::MESSAGES.path>{tr(|t| t.nav_messages)}</A>
                    <A href=routes::NOTIFICATIONS.path>{tr(|t| t.nav_notifications)}</A>
                </nav>
            </When>
            <div class="topbar-end">
                <LanguageSwitch/>
                {move || app.session.get().map(|s| {
                    let expires = format_expiry(s.expired_time, app.locale.get());
                    view! {
                        <span class="who">
                            <span>
                                <span class="visually-hidden">{tr(|t| t.signed_in_as)} " "</span>
                                <strong class="who-id">{s.user_id.clone()}</strong>
                                " · " <span class="api-release">{text(move || fill(app.t().api_release, &[("release", &s.release().label())]))}</span>
                            </span>
                            <span class="expiry">{tr(|t| t.token_expires)} " " {expires}</span>
                        </span>
                        <button type="button" class="logout secondary" on:click=move |_| app.logout()>
                            {tr(|t| t.logout)}
                        </button>
                    }
                })}
            </div>
        </header>
    }
}

#[component]
fn LanguageSwitch() -> impl IntoView {
    let app = use_app();
    view! {
        <label class="lang">
            <span class="visually-hidden">{tr(|t| t.language)}</span>
            <select
                class="lang-select"
                on:change:target=move |ev| {
                    if let Some(l) = Locale::from_tag(&ev.target().value()) {
                        app.set_locale(l);
                    }
                }
                prop:value=move || app.locale.get().tag()
            >
                {Locale::ALL.map(|l| view! { <option value=l.tag()>{l.name()}</option> })}
            </select>
        </label>
    }
}

/// Renders its children only with a live session; otherwise sends the
/// operator to login with the way back in `?next=`.
#[component]
fn Protected(children: ChildrenFn) -> impl IntoView {
    let app = use_app();
    let location = use_location();
    // A token past its expiredTime ends the session as a refused one would.
    Effect::new(move |_| {
        if app.session.get().is_some() && !app.signed_in() {
            app.session_refused();
        }
    });
    move || {
        if app.signed_in() {
            children().into_any()
        } else {
            let path = location.pathname.get_untracked();
            // Already on the way to login (the session ended while leaving).
            if path.starts_with(routes::LOGIN.path) {
                return ().into_any();
            }
            let here = routes::location_path(&path, &location.search.get_untracked());
            let next = routes::encode_component(&here);
            view! { <Redirect path=format!("{}?next={next}", routes::LOGIN.path)/> }.into_any()
        }
    }
}

fn format_expiry(expired_time: i64, locale: Locale) -> String {
    local_time(expired_time as f64 * 1000.0, locale)
}
