//! OA notifications as any user: a composer whose media follow the chosen
//! mixType, a live preview beside it, named templates, and the same send
//! rules and history as the messages page.

use leptos::prelude::*;

use crate::components::broadcast_panel::BroadcastPanel;
use crate::components::content_fields::{addressing, kept_values, names, ContentFields, Form};
use crate::components::oa_preview::OaPreview;
use crate::components::send::{SendResult, Sender};
use crate::components::templates::Templates;
use crate::model::message::Problems;
use crate::model::notification::{groups, notification};
use crate::state::{tr, use_app};

const DRAFT: &str = "notifications.draft";
/// Where the content's values live among the form's.
const CONTENT: &str = "n.";

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let app = use_app();
    let me = app
        .session
        .with_untracked(|s| s.as_ref().map(|s| s.user_id.clone()))
        .unwrap_or_default();
    let form = Form {
        values: kept_values(DRAFT),
        problems: RwSignal::new(Problems::new()),
    };
    // Defaults: the signed-in admin sends from the web, text only, type 1.
    for (key, default) in [
        ("sendID", me.as_str()),
        ("senderPlatformID", "5"),
        ("mixType", "0"),
        ("n.notificationType", "1"),
    ] {
        form.default(key, default);
    }
    let mix_type = Signal::derive(move || form.get("mixType").parse().unwrap_or(0));
    let sender = Sender::new();
    // The notification typed, to `to` when a broadcast names the recipient.
    let build = move |to: Option<String>| {
        form.checked(form.values.with_untracked(|v| {
            let value = |k: &str| v.get(&format!("{CONTENT}{k}")).cloned().unwrap_or_default();
            let mut e = addressing(v);
            if let Some(to) = to {
                e.target = to;
            }
            notification(&e, mix_type.get_untracked(), &value)
        }))
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if sender.sending.get_untracked() {
            return;
        }
        if let Some(req) = build(None) {
            sender.send(req);
        }
    };
    // A broadcast sends what the composer holds, to each recipient in turn.
    let compose = Callback::new(move |first: String| build(Some(first)));
    let mixes = names(vec![
        (0, |t| t.mix_0),
        (1, |t| t.mix_1),
        (2, |t| t.mix_2),
        (3, |t| t.mix_3),
        (4, |t| t.mix_4),
        (5, |t| t.mix_5),
    ]);
    view! {
        <section class="page notifications">
            <h1>{tr(|t| t.notifications_title)}</h1>
            <p class="intro">{tr(|t| t.notifications_intro)}</p>
            <div class="compose-grid">
                <form class="panel composer" novalidate on:submit=submit>
                    <h2>{tr(|t| t.compose_title)}</h2>
                    {form.sender_fields()}
                    {form.input_as("target", |t| t.field_recv_id, "text", Signal::stored("recvID".to_string()))}
                    {form.select("mixType", |t| t.field_mix_type, mixes)}
                    <ContentFields groups=Signal::derive(move || groups(mix_type.get())) values=form.values prefix=CONTENT problems=form.problems/>
                    {form.option_fields()}
                    <p class="hint">{tr(|t| t.oa_history_note)}</p>
                    <div class="actions">
                        <button type="submit" class="primary send" disabled=sender.sending>{tr(|t| t.send_button)}</button>
                    </div>
                </form>
                <aside class="panel oa-preview" aria-labelledby="oa-preview-title">
                    <h2 id="oa-preview-title">{tr(|t| t.oa_preview_title)}</h2>
                    <p class="hint">{tr(|t| t.oa_preview_note)}</p>
                    <OaPreview form prefix=CONTENT mix_type/>
                </aside>
            </div>
            <SendResult sender note=Signal::stored(None::<String>)/>
            <BroadcastPanel compose/>
            <Templates form kind="oa"/>
        </section>
    }
}
