//! Messages as any user (send_msg): a composer for every content type the
//! endpoint takes, checked before sending, the answer shown honestly, and
//! the messages sent from this tab with a one-click revoke.

mod chat_logs;

use leptos::prelude::*;

use crate::api::msg::{
    SendMsgReq, ADVANCED_REVOKE, CUSTOM, CUSTOM_NO_CONVERSATION, CUSTOM_ONLINE_ONLY, FILE,
    GROUP_CHAT, OA_NOTIFICATION, PICTURE, REVOKE, SINGLE_CHAT, TEXT, VIDEO, VOICE,
};
use rustc_hash::FxHashMap;

use crate::components::broadcast_panel::BroadcastPanel;
use crate::components::content_fields::{addressing, kept_values, names, ContentFields, Form};
use crate::components::copy_button::CopyButton;
use crate::components::field_error::FieldError;
use crate::components::send::{SendResult, Sender};
use crate::i18n::{fill, Pick};
use crate::model::message::{
    composed, content_groups, message_content, request, Problems, SendOutcome, Sent,
    COMPOSED_V2_3_3,
};
use crate::session::draft;
use crate::state::{flag, tr, use_app, When};

const DRAFT: &str = "messages.draft";

pub(crate) fn type_name(content_type: i32) -> Pick {
    match content_type {
        TEXT => |t| t.ct_text,
        PICTURE => |t| t.ct_picture,
        VOICE => |t| t.ct_sound,
        VIDEO => |t| t.ct_video,
        FILE => |t| t.ct_file,
        CUSTOM => |t| t.ct_custom,
        REVOKE => |t| t.ct_revoke,
        106 => |t| t.ct_at,
        107 => |t| t.ct_merger,
        108 => |t| t.ct_card,
        109 => |t| t.ct_location,
        112 => |t| t.ct_receipt,
        113 => |t| t.ct_typing,
        114 => |t| t.ct_quote,
        ADVANCED_REVOKE => |t| t.ct_advanced_revoke,
        CUSTOM_NO_CONVERSATION => |t| t.ct_custom_no_conversation,
        CUSTOM_ONLINE_ONLY => |t| t.ct_custom_online_only,
        _ => |t| t.ct_oa,
    }
}

/// The spec's content-type table, each type with how it can be sent
/// (`composed`: what the composer offers on this server).
fn reference(composed: &'static [i32]) -> impl IntoView {
    let later = [ADVANCED_REVOKE, CUSTOM_NO_CONVERSATION, CUSTOM_ONLINE_ONLY];
    let rows = (101..=114).chain(later).chain([OA_NOTIFICATION]).map(|n| {
        let how: Pick = match n {
            REVOKE => |t| t.ref_revoke,
            OA_NOTIFICATION => |t| t.ref_oa,
            ADVANCED_REVOKE => |t| t.ref_advanced_revoke,
            n if composed.contains(&n) => |t| t.ref_here,
            n if COMPOSED_V2_3_3.contains(&n) => |t| t.ref_v2_3_3,
            _ => |t| t.ref_not,
        };
        let sendable = n == REVOKE || n == OA_NOTIFICATION || composed.contains(&n);
        view! {
            <tr class:not-sendable=!sendable><td>{tr(type_name(n))}</td><td>{tr(how)}</td></tr>
        }
    });
    view! {
        <details class="panel ct-reference">
            <summary>{tr(|t| t.ref_title)}</summary>
            <table class="plain"><tbody>{rows.collect_view()}</tbody></table>
        </details>
    }
}

#[component]
pub fn MessagesPage() -> impl IntoView {
    let app = use_app();
    let me = app
        .session
        .with_untracked(|s| s.as_ref().map(|s| s.user_id.clone()))
        .unwrap_or_default();
    let values = kept_values(DRAFT);
    let problems = RwSignal::new(Problems::new());
    // Defaults: the signed-in admin sends, from the web, a text to a user.
    values.update(|v| {
        for (key, default) in [
            ("sendID", me.as_str()),
            ("senderPlatformID", "5"),
            ("sessionType", "1"),
            ("contentType", "101"),
            ("revoke.sessionType", "1"),
        ] {
            v.entry(key.to_string())
                .or_insert_with(|| default.to_string());
        }
    });
    let form = Form { values, problems };
    let get = move |key: &str| form.get(key);
    let number = move |key: &str, default: i32| get(key).parse().unwrap_or(default);
    let content_type = move || number("contentType", TEXT);
    let session_type = move || number("sessionType", SINGLE_CHAT);

    let sender = Sender::new();
    let (sending, history) = (sender.sending, sender.history);
    let send = Callback::new(move |req: SendMsgReq| sender.send(req));

    // The request from what is typed (read without tracking when `track`
    // is false), or its problems.
    let make = move |v: &FxHashMap<String, String>, to: Option<String>| {
        let val = |k: &str| v.get(k).cloned().unwrap_or_default();
        let mut addressing = addressing(v);
        // A broadcast goes to users one by one, whatever the form says.
        if let Some(to) = to {
            addressing.target = to;
            addressing.session_type = SINGLE_CHAT;
        }
        let ct = val("contentType").parse().unwrap_or(TEXT);
        let content = message_content(ct, &|k: &str| val(&format!("c.{k}")));
        request(&addressing, ct, content)
    };
    let build = move |track: bool| {
        if track {
            values.with(|v| make(v, None))
        } else {
            values.with_untracked(|v| make(v, None))
        }
    };
    let compose = Callback::new(move |first: String| {
        form.checked(values.with_untracked(|v| make(v, Some(first))))
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if sending.get_untracked() {
            return;
        }
        if let Some(req) = form.checked(build(false)) {
            send.run(req);
        }
    };
    // The request as JSON and as curl, the token shown only on request.
    let reveal = RwSignal::new(false);
    let preview = Memo::new(move |_| {
        build(true).ok().map(|req| {
            let body = serde_json::to_string(&req).unwrap_or_default();
            let conn = app
                .connection()
                .unwrap_or_else(|| crate::api::transport::Connection {
                    server: String::new(),
                    token: None,
                    release: Default::default(),
                });
            let token = conn.token.filter(|_| reveal.get());
            let pretty = crate::model::message::pretty_json(&body).unwrap_or_default();
            (
                pretty,
                crate::model::message::curl(
                    &conn.server,
                    conn.release
                        .route(crate::api::endpoints::SEND_MSG)
                        .unwrap_or_default(),
                    token.as_deref(),
                    &body,
                ),
            )
        })
    });
    // A revoke of a message sent elsewhere.
    let manual_problem = RwSignal::new(None::<String>);
    let manual_revoke = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let v = values.get_untracked();
        let val = |k: &str| v.get(k).map(|s| s.trim().to_string()).unwrap_or_default();
        let id = val("revoke.clientMsgID");
        if val("revoke.sendID").is_empty() || val("revoke.target").is_empty() {
            return manual_problem.set(Some(app.t().err_revoke_fields.to_string()));
        }
        if !crate::api::msg::is_client_msg_id(&id) {
            return manual_problem.set(Some(app.t().err_client_msg_id.to_string()));
        }
        manual_problem.set(None);
        let group = val("revoke.sessionType") == GROUP_CHAT.to_string();
        let original = SendMsgReq {
            send_id: val("revoke.sendID"),
            recv_id: if group {
                String::new()
            } else {
                val("revoke.target")
            },
            group_id: if group {
                val("revoke.target")
            } else {
                String::new()
            },
            session_type: if group { GROUP_CHAT } else { SINGLE_CHAT },
            ..Default::default()
        };
        send.run(crate::model::message::revoke(&original, &id));
    };
    // A message found in the chat logs fills the revoke form, which the
    // operator then reads and sends.
    let from_log = Callback::new(move |row: crate::api::cms_logs::LogRow| {
        let session = if row.in_group() { "2" } else { "1" };
        form.set("revoke.sessionType", session.to_string());
        form.set("revoke.sendID", row.sender_id);
        form.set("revoke.target", row.receiver_id);
        form.set("revoke.clientMsgID", row.client_msg_id);
        manual_problem.set(None);
        // The focus goes to the form's heading, where a screen reader goes
        // on from.
        let heading = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("revoke-title"));
        if let Some(heading) = heading {
            use wasm_bindgen::JsCast;
            // At the top of the window, so the whole form shows below it.
            heading.scroll_into_view();
            let _ = heading.unchecked_into::<web_sys::HtmlElement>().focus();
        }
    });
    // The target's problems are named after the field the spec uses.
    let target_error = Signal::derive(move || {
        if session_type() == GROUP_CHAT {
            "groupID"
        } else {
            "recvID"
        }
        .to_string()
    });
    let composed = composed(app.release());
    let types = names(composed.iter().map(|&c| (c, type_name(c))).collect());
    let sessions = names(vec![
        (SINGLE_CHAT, |t| t.session_single),
        (GROUP_CHAT, |t| t.session_group),
    ]);
    let revoke_one = move |sent: Sent| {
        if let Some(req) = sent.revoke() {
            send.run(req);
        }
    };

    view! {
        <section class="page messages">
            <h1>{tr(|t| t.messages_title)}</h1>
            <p class="intro">{tr(|t| t.messages_intro)}</p>
            <form class="panel composer" novalidate on:submit=submit>
                <h2>{tr(|t| t.compose_title)}</h2>
                {form.sender_fields()}
                {form.select("sessionType", |t| t.field_session_type, sessions)}
                {move || if session_type() == GROUP_CHAT {
                    form.input_as("target", |t| t.field_group_id, "text", target_error)
                } else {
                    form.input_as("target", |t| t.field_recv_id, "text", target_error)
                }}
                {form.select("contentType", |t| t.field_content_type, types)}
                <ContentFields groups=Signal::derive(move || content_groups(content_type())) values prefix="c." problems/>
                {form.option_fields()}
                <details class="preview">
                    <summary>{tr(|t| t.preview_title)}</summary>
                    {move || match preview.get() {
                        None => view! { <p class="muted">{tr(|t| t.preview_invalid)}</p> }.into_any(),
                        Some((json, curl)) => view! {
                            <pre class="json">{json}</pre>
                            <pre class="curl">{curl.clone()}</pre>
                            <div class="actions">
                                <label class="check">
                                    <input type="checkbox" class="reveal" prop:checked=reveal on:change:target=move |ev| reveal.set(ev.target().checked())/>
                                    " " {tr(|t| t.reveal_token)}
                                </label>
                                <CopyButton text=curl/>
                            </div>
                        }.into_any(),
                    }}
                </details>
                <div class="actions">
                    <button type="submit" class="primary send" disabled=sending>{tr(|t| t.send_button)}</button>
                </div>
            </form>
            <SendResult sender note=Signal::derive(move || (session_type() == GROUP_CHAT).then(|| {
                // What this tab knows of the group (see the groups page).
                let target = get("target");
                let known = crate::model::groups::parse(draft(crate::keys::RECENT_GROUPS).as_deref())
                    .into_iter()
                    .find(|g| g.group_id == target.trim())
                    .and_then(|g| g.member_count);
                let known = match known {
                    Some(n) => fill(app.t().group_known_members.form(n as usize), &[("count", &n)]),
                    None => app.t().group_not_known.to_string(),
                };
                format!("{} {known}", app.t().group_send_note)
            }))/>
            <BroadcastPanel compose/>
            <section class="panel sent-history" aria-labelledby="history-title">
                <h2 id="history-title">{tr(|t| t.history_title)}</h2>
                <When when=flag(move || history.with(Vec::is_empty))>
                    <p class="muted">{tr(|t| t.history_none)}</p>
                </When>
                <When when=flag(move || history.with(|h| !h.is_empty()))>
                    <div class="plain-scroll">
                        <table class="plain history">
                            <thead><tr>
                                <th scope="col">{tr(|t| t.col_time)}</th>
                                <th scope="col">"sendID"</th>
                                <th scope="col">{tr(|t| t.col_target)}</th>
                                <th scope="col">{tr(|t| t.field_content_type)}</th>
                                <th scope="col">{tr(|t| t.col_summary)}</th>
                                <th scope="col">"clientMsgID"</th>
                                <th scope="col">{tr(|t| t.col_result)}</th>
                                <th scope="col"><span class="sr-only">{tr(|t| t.revoke_button)}</span></th>
                            </tr></thead>
                            <tbody>
                                {move || history.get().into_iter().rev().map(|sent| {
                                    let t = app.t();
                                    let when = crate::state::local_time(sent.at as f64, app.locale.get());
                                    let result = match &sent.outcome {
                                        SendOutcome::Sent { .. } if sent.revoked => t.revoked.to_string(),
                                        SendOutcome::Sent { .. } => t.sent_short.to_string(),
                                        SendOutcome::Refused { err_code, err_msg, .. } => format!("{err_code} {err_msg}"),
                                        SendOutcome::Unknown { operation_id } => fill(t.unknown_short, &[("op", operation_id)]),
                                    };
                                    let revocable = sent.revoke().is_some() && !sent.revoked;
                                    let id = sent.client_msg_id().unwrap_or_default().to_string();
                                    let row_id = id.clone();
                                    let confirm = RwSignal::new(false);
                                    let kind = type_name(sent.content_type)(t);
                                    view! {
                                        <tr data-client-msg-id=row_id>
                                            <td>{when}</td>
                                            <td><code>{sent.send_id.clone()}</code></td>
                                            <td><code>{sent.target.clone()}</code></td>
                                            <td>{kind}</td>
                                            <td class="summary-cell">{sent.summary.clone()}</td>
                                            <td><code>{id}</code></td>
                                            <td class="result">{result}</td>
                                            <td>{revocable.then(|| view! {
                                                {move || if confirm.get() {
                                                    let sent = sent.clone();
                                                    view! {
                                                        <button type="button" class="danger confirm-revoke" disabled=sending on:click=move |_| { confirm.set(false); revoke_one(sent.clone()); }>
                                                            {tr(|t| t.revoke_confirm)}
                                                        </button>
                                                    }.into_any()
                                                } else {
                                                    view! { <button type="button" class="secondary revoke" on:click=move |_| confirm.set(true)>{tr(|t| t.revoke_button)}</button> }.into_any()
                                                }}
                                            })}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                </When>
            </section>
            <form class="panel manual-revoke" aria-labelledby="revoke-title" novalidate on:submit=manual_revoke>
                <h2 id="revoke-title" tabindex="-1">{tr(|t| t.manual_revoke_title)}</h2>
                <p class="hint">{tr(|t| t.revoke_note)}</p>
                {form.input("revoke.sendID", |t| t.field_send_id, "text")}
                {form.select("revoke.sessionType", |t| t.field_session_type,
                    names(vec![(SINGLE_CHAT, |t| t.session_single), (GROUP_CHAT, |t| t.session_group)]))}
                {form.input("revoke.target", |t| t.field_revoke_target, "text")}
                {form.input("revoke.clientMsgID", |t| t.field_client_msg_id, "text")}
                <FieldError id="revoke-error".to_string() message=manual_problem/>
                <div class="actions">
                    <button type="submit" class="danger manual-revoke-button" disabled=sending>{tr(|t| t.revoke_button)}</button>
                </div>
            </form>
            <chat_logs::ChatLogs revoke=from_log/>
            {reference(composed)}
        </section>
    }
}
