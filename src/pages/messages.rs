//! Messages as any user (send_msg): a composer for every content type the
//! endpoint takes, checked before sending, the answer shown honestly, and
//! the messages sent from this tab with a one-click revoke.

use leptos::prelude::*;
use rustc_hash::FxHashMap;

use crate::api::msg::{
    SendMsgReq, SendMsgResp, CUSTOM, FILE, GROUP_CHAT, OA_NOTIFICATION, PICTURE, REVOKE,
    SINGLE_CHAT, TEXT, VIDEO, VOICE,
};
use crate::api::transport::post;
use crate::api::user::PLATFORMS;
use crate::api::{endpoints, ApiError};
use crate::components::content_fields::{error_of, ContentFields};
use crate::components::copy_button::CopyButton;
use crate::components::error_box::ErrorBox;
use crate::components::field_error::FieldError;
use crate::i18n::{fill, Strings};
use crate::model::message::{
    build_content, content_groups, parse_history, remember, request, store_history, Envelope,
    Outcome, Problems, Sent, COMPOSED,
};
use crate::session::{draft, set_draft};
use crate::state::{flag, page_scope, tr, use_app, When};

const DRAFT: &str = "messages.draft";
const HISTORY: &str = "messages.history";

type Pick = fn(&'static Strings) -> &'static str;

fn type_name(content_type: i32) -> Pick {
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
        _ => |t| t.ct_oa,
    }
}

/// The spec's content-type table, each type with how it can be sent.
fn reference() -> impl IntoView {
    let rows = (101..=114).chain([OA_NOTIFICATION]).map(|n| {
        let how: Pick = match n {
            REVOKE => |t| t.ref_revoke,
            OA_NOTIFICATION => |t| t.ref_oa,
            n if COMPOSED.contains(&n) => |t| t.ref_here,
            _ => |t| t.ref_not,
        };
        let sendable = n == REVOKE || n == OA_NOTIFICATION || COMPOSED.contains(&n);
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

/// Every typed value of the composer by path (`sendID`, `text`,
/// `bigPicture.url`, …), kept as one draft.
fn load_draft() -> FxHashMap<String, String> {
    (draft(DRAFT).unwrap_or_default().lines())
        .filter_map(|l| l.split_once('\t'))
        .map(|(k, v)| (k.to_string(), v.replace("\\n", "\n").replace("\\\\", "\\")))
        .collect()
}

fn save_draft(values: &FxHashMap<String, String>) {
    let lines: Vec<String> = (values.iter())
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}\t{}", v.replace('\\', "\\\\").replace('\n', "\\n")))
        .collect();
    set_draft(DRAFT, &lines.join("\n"));
}

#[component]
pub fn MessagesPage() -> impl IntoView {
    let app = use_app();
    let scope = page_scope();
    let me = app
        .session
        .with_untracked(|s| s.as_ref().map(|s| s.user_id.clone()))
        .unwrap_or_default();
    let values = RwSignal::new(load_draft());
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
    Effect::new(move |_| values.with(save_draft));
    let get = move |key: &str| values.with(|v| v.get(key).cloned().unwrap_or_default());
    let number = move |key: &str, default: i32| get(key).parse().unwrap_or(default);
    let content_type = move || number("contentType", TEXT);
    let session_type = move || number("sessionType", SINGLE_CHAT);

    let problems = RwSignal::new(Problems::new());
    let sending = RwSignal::new(false);
    let last = RwSignal::new(None::<Result<SendMsgResp, ApiError>>);
    let history = RwSignal::new(parse_history(draft(HISTORY).as_deref()));
    let keep = move |sent: Sent| {
        history.update(|h| remember(h, sent));
        history.with_untracked(|h| set_draft(HISTORY, &store_history(h)));
    };

    // One send: never repeated on its own; an unknown outcome stays unknown.
    let send = Callback::new({
        let scope = scope.clone();
        move |req: SendMsgReq| {
            let Some(conn) = app.connection() else {
                return app.session_refused();
            };
            sending.set(true);
            last.set(None);
            let scope = scope.clone();
            leptos::task::spawn_local(async move {
                let answer: Result<SendMsgResp, ApiError> =
                    post(&conn, &scope, endpoints::SEND_MSG, &req).await;
                sending.set(false);
                let outcome = match &answer {
                    Ok(r) => Outcome::Sent {
                        server_msg_id: r.server_msg_id.clone(),
                        client_msg_id: r.client_msg_id.clone(),
                        send_time: r.send_time,
                    },
                    Err(e) if e.is_session() => return app.session_refused(),
                    Err(e) if e.outcome_unknown() => Outcome::Unknown {
                        operation_id: e.operation_id.clone(),
                    },
                    Err(e) => Outcome::Refused {
                        err_code: e.err_code().unwrap_or_default(),
                        err_msg: e.err_msg().unwrap_or_default().to_string(),
                        operation_id: e.operation_id.clone(),
                    },
                };
                keep(Sent::new(js_sys::Date::now() as i64, &req, outcome));
                last.set(Some(answer));
            });
        }
    });

    // The request from what is typed (read without tracking when `track`
    // is false), or its problems.
    let build = move |track: bool| {
        let v = if track {
            values.get()
        } else {
            values.get_untracked()
        };
        let val = |k: &str| v.get(k).cloned().unwrap_or_default();
        let envelope = Envelope {
            send_id: val("sendID"),
            sender_nickname: val("senderNickname"),
            sender_face_url: val("senderFaceURL"),
            sender_platform_id: val("senderPlatformID").parse().unwrap_or(5),
            session_type: val("sessionType").parse().unwrap_or(SINGLE_CHAT),
            target: val("target"),
            is_online_only: val("isOnlineOnly") == "true",
            push: crate::api::msg::OfflinePushInfo {
                title: val("push.title"),
                desc: val("push.desc"),
                ex: val("push.ex"),
                ios_push_sound: val("push.iOSPushSound"),
                ios_badge_count: val("push.iOSBadgeCount") == "true",
            },
        };
        let ct = val("contentType").parse().unwrap_or(TEXT);
        let content = build_content(content_groups(ct), &|k: &str| val(&format!("c.{k}")));
        request(&envelope, ct, content)
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if sending.get_untracked() {
            return;
        }
        match build(false) {
            Err(p) => problems.set(p),
            Ok(req) => {
                problems.set(Vec::new());
                send.run(req);
            }
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
                });
            let token = conn.token.filter(|_| reveal.get());
            let pretty = crate::model::message::pretty_json(&body).unwrap_or_default();
            (
                pretty,
                crate::model::message::curl(&conn.server, token.as_deref(), &body),
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
    let error_of = move |key: String| error_of(problems, key);
    // The target's problems are named after the field the spec uses.
    let problem_key = move |key: &str| match key {
        "target" if session_type() == GROUP_CHAT => "groupID".to_string(),
        "target" => "recvID".to_string(),
        other => other.to_string(),
    };
    let input = move |key: &'static str, label: Pick, kind: &'static str| {
        let id = format!("msg-{key}");
        view! {
            <div class="field">
                <label for=id.clone()>{tr(label)}</label>
                <input id=id.clone() type=kind prop:value=move || get(key)
                    aria-describedby=format!("{id}-error")
                    on:input:target=move |ev| values.update(|v| { v.insert(key.to_string(), ev.target().value()); })/>
                <FieldError id=format!("{id}-error") message=error_of(problem_key(key))/>
            </div>
        }
    };
    let check = move |key: &'static str, label: Pick| {
        view! {
            <label class="check">
                <input type="checkbox" prop:checked=move || get(key) == "true"
                    on:change:target=move |ev| values.update(|v| { v.insert(key.to_string(), ev.target().checked().to_string()); })/>
                " " {tr(label)}
            </label>
        }
    };
    let select = move |key: &'static str, label: Pick, options: Vec<(String, Signal<String>)>| {
        let id = format!("msg-{key}");
        view! {
            <div class="field">
                <label for=id.clone()>{tr(label)}</label>
                <select id=id prop:value=move || get(key)
                    on:change:target=move |ev| values.update(|v| { v.insert(key.to_string(), ev.target().value()); })>
                    {options.into_iter().map(|(value, name)| view! { <option value=value>{name}</option> }).collect_view()}
                </select>
            </div>
        }
    };
    let names = |picks: Vec<(i32, Pick)>| {
        picks
            .into_iter()
            .map(|(n, pick)| {
                (
                    n.to_string(),
                    Signal::derive(move || pick(app.t()).to_string()),
                )
            })
            .collect::<Vec<_>>()
    };
    let platforms = (PLATFORMS.iter())
        .map(|&(n, name)| (n.to_string(), Signal::stored(format!("{n} {name}"))))
        .collect();
    let types = names(COMPOSED.iter().map(|&c| (c, type_name(c))).collect());
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
                {input("sendID", |t| t.field_send_id, "text")}
                {input("senderNickname", |t| t.field_sender_nickname, "text")}
                {input("senderFaceURL", |t| t.field_sender_face, "url")}
                {select("senderPlatformID", |t| t.field_platform, platforms)}
                {select("sessionType", |t| t.field_session_type, sessions)}
                {move || if session_type() == GROUP_CHAT {
                    input("target", |t| t.field_group_id, "text").into_any()
                } else {
                    input("target", |t| t.field_recv_id, "text").into_any()
                }}
                {select("contentType", |t| t.field_content_type, types)}
                <ContentFields groups=Signal::derive(move || content_groups(content_type())) values prefix="c." problems/>
                {check("isOnlineOnly", |t| t.field_online_only)}
                <p class="hint">{tr(|t| t.online_only_note)}</p>
                <details class="push">
                    <summary>{tr(|t| t.push_title)}</summary>
                    {input("push.title", |t| t.push_field_title, "text")}
                    {input("push.desc", |t| t.push_field_desc, "text")}
                    {input("push.ex", |t| t.col_ex, "text")}
                    {input("push.iOSPushSound", |t| t.push_field_sound, "text")}
                    {check("push.iOSBadgeCount", |t| t.push_field_badge)}
                </details>
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
            {move || last.get().map(|answer| match answer {
                Ok(r) => {
                    let send_time = r.send_time as f64;
                    let when = move || crate::app::local_time(send_time, app.locale.get());
                    view! {
                        <div class="notice sent" role="status">
                            <p>{tr(|t| t.sent_ok)}</p>
                            <dl class="ids">
                                <dt>"serverMsgID"</dt><dd><code class="server-msg-id">{r.server_msg_id.clone()}</code> " " <CopyButton text=r.server_msg_id/></dd>
                                <dt>"clientMsgID"</dt><dd><code class="client-msg-id">{r.client_msg_id.clone()}</code> " " <CopyButton text=r.client_msg_id/></dd>
                                <dt>"sendTime"</dt><dd>{when}</dd>
                            </dl>
                            <When when=flag(move || session_type() == GROUP_CHAT)>
                                <p class="warning group-note">
                                    {tr(|t| t.group_send_note)} " "
                                    {move || {
                                        // What this tab knows of the group (see the groups page).
                                        let target = get("target");
                                        let known = crate::model::groups::parse(draft("groups.recent").as_deref())
                                            .into_iter()
                                            .find(|g| g.group_id == target.trim())
                                            .and_then(|g| g.member_count);
                                        match known {
                                            Some(n) => fill(app.t().group_known_members, &[("count", &n)]),
                                            None => app.t().group_not_known.to_string(),
                                        }
                                    }}
                                </p>
                            </When>
                        </div>
                    }.into_any()
                }
                Err(e) => {
                    let blocked = e.err_code() == Some(600);
                    let unknown = e.outcome_unknown();
                    view! {
                        <ErrorBox error=e/>
                        {blocked.then(|| view! { <p class="warning">{tr(|t| t.err_600)}</p> })}
                        {unknown.then(|| view! { <p class="warning">{tr(|t| t.send_unknown)}</p> })}
                    }.into_any()
                }
            })}
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
                                    let when = crate::app::local_time(sent.at as f64, app.locale.get());
                                    let result = match &sent.outcome {
                                        Outcome::Sent { .. } if sent.revoked => t.revoked.to_string(),
                                        Outcome::Sent { .. } => t.sent_short.to_string(),
                                        Outcome::Refused { err_code, err_msg, .. } => format!("{err_code} {err_msg}"),
                                        Outcome::Unknown { operation_id } => fill(t.unknown_short, &[("op", operation_id)]),
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
            <form class="panel manual-revoke" novalidate on:submit=manual_revoke>
                <h2>{tr(|t| t.manual_revoke_title)}</h2>
                <p class="hint">{tr(|t| t.revoke_note)}</p>
                {input("revoke.sendID", |t| t.field_send_id, "text")}
                {select("revoke.sessionType", |t| t.field_session_type,
                    names(vec![(SINGLE_CHAT, |t| t.session_single), (GROUP_CHAT, |t| t.session_group)]))}
                {input("revoke.target", |t| t.field_revoke_target, "text")}
                {input("revoke.clientMsgID", |t| t.field_client_msg_id, "text")}
                <FieldError id="revoke-error".to_string() message=manual_problem/>
                <div class="actions">
                    <button type="submit" class="danger manual-revoke-button" disabled=sending>{tr(|t| t.revoke_button)}</button>
                </div>
            </form>
            {reference()}
        </section>
    }
}
