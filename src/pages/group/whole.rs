//! What acts on the whole group: mute and unmute everyone, where the
//! status allows it, and dismissal (docs/readback.md#mute-group,
//! docs/readback.md#dismiss-group).

use leptos::prelude::*;

use super::Group;
use crate::api::endpoints::encode;
use crate::api::group::{CancelMuteGroupReq, DismissGroupReq, MuteGroupReq};
use crate::components::confirm::{Ask, WriteOutcome};
use crate::i18n::fill;
use crate::model::members::{is_dismissed, may_mute_all, may_unmute_all};
use crate::state::{flag, tr, When};

#[component]
pub(super) fn Whole(group: Group) -> impl IntoView {
    let app = group.app;
    let status = move || group.info().map(|g| (g.status, is_dismissed(&g)));
    let id = move || group.id.get_value();
    let mute_all = move |_| {
        let req = MuteGroupReq { group_id: id() };
        group.ask.set(Some(Ask {
            title: fill(app.t().mute_group_title, &[("group", &group.name())]),
            notes: vec![app.t().mute_advice.into()],
            typed: None,
            button: app.t().mute_group_button.into(),
            class: "confirm-mute-group",
            go: Callback::new(move |()| group.write(encode(&req))),
        }));
    };
    let unmute_all = move |_| {
        let req = CancelMuteGroupReq { group_id: id() };
        group.ask.set(Some(Ask {
            title: fill(app.t().unmute_group_title, &[("group", &group.name())]),
            notes: Vec::new(),
            typed: None,
            button: app.t().unmute_group_button.into(),
            class: "confirm-unmute-group",
            go: Callback::new(move |()| group.write(encode(&req))),
        }));
    };
    let dismiss = move |_| {
        let req = DismissGroupReq { group_id: id() };
        let name = group.name();
        let t = app.t();
        group.ask.set(Some(Ask {
            title: fill(t.dismiss_title, &[("group", &name)]),
            notes: vec![t.dismiss_warning.into()],
            typed: Some((fill(t.dismiss_type_name, &[("name", &name)]), name)),
            button: t.dismiss_confirm.into(),
            class: "confirm-dismiss",
            go: Callback::new(move |()| group.write(encode(&req))),
        }));
    };
    view! {
        <When when=flag(move || status().is_some())>
            <section class="panel group-whole" aria-labelledby="group-whole-title">
                <h2 id="group-whole-title">{tr(|t| t.group_actions_title)}</h2>
                <WriteOutcome outcome=group.outcome/>
                {move || match status() {
                    Some((_, true)) => view! { <p class="notice dismissed-note">{tr(|t| t.dismissed_note)}</p> }.into_any(),
                    Some((s, false)) => view! {
                        <div class="actions">
                            {may_mute_all(s).then(|| view! { <button type="button" class="secondary mute-group" on:click=mute_all>{tr(|t| t.mute_group_button)}</button> })}
                            {may_unmute_all(s).then(|| view! { <button type="button" class="secondary unmute-group" on:click=unmute_all>{tr(|t| t.unmute_group_button)}</button> })}
                            <button type="button" class="danger dismiss-group" on:click=dismiss>{tr(|t| t.dismiss_button)}</button>
                        </div>
                    }.into_any(),
                    None => ().into_any(),
                }}
            </section>
        </When>
    }
}
