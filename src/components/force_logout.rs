//! Ending a user's connection on one platform (v2.1+), with what it does
//! in the server's release: v2.1 leaves the token valid, later releases
//! revoke it; neither is a ban (docs/releases.md#force-logout).

use leptos::prelude::*;

use crate::api::auth::ForceLogoutReq;
use crate::api::release::Release;
use crate::api::ApiError;
use crate::components::error_box::ErrorBox;
use crate::i18n::fill;
use crate::state::{flag, page_scope, text, tr, use_app, When};

#[component]
pub fn ForceLogout(user_id: String) -> impl IntoView {
    let app = use_app();
    let scope = StoredValue::new(page_scope());
    let platform = RwSignal::new(1);
    let busy = RwSignal::new(false);
    // The platform logged out of, or why not.
    let outcome = RwSignal::new(None::<Result<i32, ApiError>>);
    let platforms = move || app.release().platforms();
    let name = move |n: i32| {
        (platforms().iter())
            .find(|(p, _)| *p == n)
            .map_or_else(|| n.to_string(), |(p, name)| format!("{p} {name}"))
    };
    let id = user_id.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let req = ForceLogoutReq {
            platform: platform.get_untracked(),
            from_user_id: id.clone(),
        };
        busy.set(true);
        outcome.set(None);
        leptos::task::spawn_local(async move {
            let answer = app.call(&scope.get_value(), &req).await;
            busy.set(false);
            // No answer: the session ended; the choice stays for after.
            if let Some(answer) = answer {
                outcome.set(Some(answer.map(|()| req.platform)));
            }
        });
    };
    view! {
        <section class="force-logout" aria-labelledby="force-logout-title">
            <h2 id="force-logout-title">{tr(|t| t.force_logout_title)}</h2>
            <p class="hint">{move || if app.release() >= Release::V2_2 {
                app.t().force_logout_revokes
            } else {
                app.t().force_logout_keeps_token
            }}</p>
            <form class="toolbar" novalidate on:submit=submit>
                <div class="field inline">
                    <label for="force-logout-platform">{tr(|t| t.platform_label)}</label>
                    <select id="force-logout-platform"
                        on:change:target=move |ev| platform.set(ev.target().value().parse().unwrap_or(1))>
                        {move || platforms().iter().map(|(n, name)| {
                            view! { <option value=n.to_string() selected=*n == platform.get_untracked()>{format!("{n} · {name}")}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <button type="submit" class="secondary force-logout-button" disabled=busy>
                    {tr(|t| t.force_logout_button)}
                </button>
            </form>
            {move || outcome.get().map(|o| match o {
                Ok(p) => {
                    let user_id = user_id.clone();
                    view! {
                        <p class="notice force-logout-done" role="status">
                            {text(move || fill(app.t().force_logout_done, &[("user", &user_id), ("platform", &name(p))]))}
                        </p>
                    }.into_any()
                }
                Err(error) => view! { <ErrorBox error/> }.into_any(),
            })}
            <When when=flag(move || busy.get())>
                <p class="muted" role="status">{tr(|t| t.loading)}</p>
            </When>
        </section>
    }
}
