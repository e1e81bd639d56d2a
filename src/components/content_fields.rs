//! The fields of a message's content, one box per media element, drawn from
//! the field lists in `model::message`. The message composer and the
//! notification composer both type into a map of values by path.

use leptos::prelude::*;
use rustc_hash::FxHashMap;

use crate::api::msg::{OfflinePushInfo, SINGLE_CHAT};
use crate::api::release::Release;
use crate::api::user::PLATFORMS;
use crate::components::field_error::FieldError;
use crate::i18n::{Pick, Strings};
use crate::model::message::{
    decode_values, encode_values, path, pretty_json, Addressing, FieldGroup, Kind, Problem,
    Problems,
};
use crate::session::{draft, set_draft};
use crate::state::{tr, use_app};

/// What the composers type into: every value by its path.
pub type Values = RwSignal<FxHashMap<String, String>>;

/// Values kept as the draft `name` (a line a value: path, tab, text with
/// its line breaks escaped), so a reload or a new login loses nothing.
pub fn kept_values(name: &'static str) -> Values {
    let stored = decode_values(&draft(name).unwrap_or_default());
    let values = RwSignal::new(stored.into_iter().collect());
    Effect::new(move |_| {
        values.with(|v: &FxHashMap<String, String>| set_draft(name, &encode_values(v.iter())))
    });
    values
}

pub fn problem_text(t: &Strings, p: Problem) -> &'static str {
    match p {
        Problem::Required => t.err_required,
        Problem::NotANumber => t.err_not_number,
        Problem::NotHttpUrl => t.err_not_http,
        Problem::NotJson => t.err_json_field,
        Problem::Zero => t.err_zero,
        Problem::NeedsUrl => t.err_needs_url,
    }
}

/// The message for the field at `key`, if the last check found one.
pub fn error_of(problems: RwSignal<Problems>, key: String) -> Signal<Option<String>> {
    let app = use_app();
    Signal::derive(move || {
        problems.with(|p| {
            (p.iter())
                .find(|(k, _)| *k == key)
                .map(|(_, p)| problem_text(app.t(), *p).to_string())
        })
    })
}

/// The boxes of `groups`, their values at `{prefix}{path}` in `values` and
/// their elements at `msg-{prefix}{path}`. Problems are keyed by path.
#[component]
pub fn ContentFields(
    #[prop(into)] groups: Signal<&'static [FieldGroup]>,
    values: Values,
    prefix: &'static str,
    problems: RwSignal<Problems>,
) -> impl IntoView {
    let get = move |key: &str| values.with(|v| v.get(key).cloned().unwrap_or_default());
    let set = move |key: &str, value: String| {
        values.update(|v| {
            v.insert(key.to_string(), value);
        })
    };
    move || {
        groups.get().iter().map(|&(group, fields)| {
            let rows = fields.iter().map(|field| {
                let at = path(group, field.key);
                let key = format!("{prefix}{at}");
                let id = format!("msg-{key}");
                let (k1, k2) = (key.clone(), key.clone());
                // A long text gets room; a JSON field can be laid out for reading.
                let control = if field.kind == Kind::Json || field.key == "text" {
                    let json = (field.kind == Kind::Json).then(|| {
                        let key = key.clone();
                        view! {
                            <button type="button" class="secondary small format-json"
                                on:click=move |_| if let Some(p) = pretty_json(&get(&key)) { set(&key, p) }>
                                {tr(|t| t.format_json)}
                            </button>
                        }
                    });
                    view! {
                        <textarea id=id.clone() rows="3" prop:value=move || get(&k1)
                            on:input:target=move |ev| set(&k2, ev.target().value())></textarea>
                        {json}
                    }.into_any()
                } else {
                    let kind = match field.kind { Kind::Int => "number", Kind::Url => "url", _ => "text" };
                    view! {
                        <input id=id.clone() type=kind prop:value=move || get(&k1)
                            on:input:target=move |ev| set(&k2, ev.target().value())/>
                    }.into_any()
                };
                // Inside a box the box names the element, so the field keeps its spec name.
                view! {
                    <div class="field">
                        <label for=id.clone()>{field.key} {field.required.then_some(" *")}</label>
                        {control}
                        <FieldError id=format!("{id}-error") message=error_of(problems, at)/>
                    </div>
                }
            }).collect_view();
            view! {
                <fieldset class="content-group" class:grid={fields.len() > 3}>
                    {(!group.is_empty()).then(|| view! { <legend>{group}</legend> })}
                    {rows}
                </fieldset>
            }
        }).collect_view()
    }
}

/// A composer's values and the problems its last check found, with the
/// controls both composers draw from them.
#[derive(Clone, Copy)]
pub struct Form {
    pub values: Values,
    pub problems: RwSignal<Problems>,
}

impl Form {
    pub fn get(self, key: &str) -> String {
        self.values
            .with(|v| v.get(key).cloned().unwrap_or_default())
    }

    pub fn set(self, key: &str, value: String) {
        self.values.update(|v| {
            v.insert(key.to_string(), value);
        })
    }

    /// The request a composer built, with its problems shown next to
    /// their fields (or cleared); None when there are any.
    pub fn checked<T>(self, built: Result<T, Problems>) -> Option<T> {
        self.problems
            .set(built.as_ref().err().cloned().unwrap_or_default());
        built.ok()
    }

    /// A value not yet typed starts as `default`.
    pub fn default(self, key: &str, default: &str) {
        self.values.update(|v| {
            v.entry(key.to_string())
                .or_insert_with(|| default.to_string());
        })
    }

    /// A labelled input at `msg-{key}`, its problems looked up under `error`.
    pub fn input_as(
        self,
        key: &'static str,
        label: Pick,
        kind: &'static str,
        error: Signal<String>,
    ) -> AnyView {
        let id = format!("msg-{key}");
        let message = Signal::derive(move || error_of(self.problems, error.get()).get());
        view! {
            <div class="field">
                <label for=id.clone()>{tr(label)}</label>
                <input id=id.clone() type=kind prop:value=move || self.get(key)
                    aria-describedby=format!("{id}-error")
                    on:input:target=move |ev| self.set(key, ev.target().value())/>
                <FieldError id=format!("{id}-error") message/>
            </div>
        }
        .into_any()
    }

    pub fn input(self, key: &'static str, label: Pick, kind: &'static str) -> AnyView {
        self.input_as(key, label, kind, Signal::stored(key.to_string()))
    }

    /// A labelled checkbox at `msg-{key}`.
    pub fn check(self, key: &'static str, label: Pick) -> AnyView {
        view! {
            <label class="check">
                <input type="checkbox" id=format!("msg-{key}") prop:checked=move || self.get(key) == "true"
                    on:change:target=move |ev| self.set(key, ev.target().checked().to_string())/>
                " " {tr(label)}
            </label>
        }
        .into_any()
    }

    pub fn select(
        self,
        key: &'static str,
        label: Pick,
        options: Vec<(String, Signal<String>)>,
    ) -> AnyView {
        let id = format!("msg-{key}");
        view! {
            <div class="field">
                <label for=id.clone()>{tr(label)}</label>
                <select id=id prop:value=move || self.get(key)
                    on:change:target=move |ev| self.set(key, ev.target().value())>
                    {options.into_iter().map(|(value, name)| view! { <option value=value>{name}</option> }).collect_view()}
                </select>
            </div>
        }
        .into_any()
    }

    /// Who sends: any user, with the name, face and platform clients show.
    pub fn sender_fields(self) -> AnyView {
        let platforms = (PLATFORMS.iter())
            .map(|&(n, name)| (n.to_string(), Signal::stored(format!("{n} {name}"))))
            .collect();
        view! {
            {self.input("sendID", |t| t.field_send_id, "text")}
            {self.input("senderNickname", |t| t.field_sender_nickname, "text")}
            {self.input("senderFaceURL", |t| t.field_sender_face, "url")}
            {self.select("senderPlatformID", |t| t.field_platform, platforms)}
        }
        .into_any()
    }

    /// isOnlineOnly and offlinePushInfo.
    pub fn option_fields(self) -> AnyView {
        let app = use_app();
        view! {
            {self.check("isOnlineOnly", |t| t.field_online_only)}
            <p class="hint">{tr(|t| t.online_only_note)}</p>
            {move || (app.release() >= Release::V2_3).then(|| view! {
                {self.check("notOfflinePush", |t| t.field_not_offline_push)}
                <p class="hint">{tr(|t| t.not_offline_push_note)}</p>
                {self.input("businessOperationID", |t| t.field_business_operation_id, "text")}
            })}
            <details class="push">
                <summary>{tr(|t| t.push_title)}</summary>
                {self.input("push.title", |t| t.push_field_title, "text")}
                {self.input("push.desc", |t| t.push_field_desc, "text")}
                {self.input("push.ex", |t| t.col_ex, "text")}
                {self.input("push.iOSPushSound", |t| t.push_field_sound, "text")}
                {self.check("push.iOSBadgeCount", |t| t.push_field_badge)}
            </details>
        }
        .into_any()
    }
}

/// Options of a select from numbered texts.
pub fn names(picks: Vec<(i32, Pick)>) -> Vec<(String, Signal<String>)> {
    let app = use_app();
    (picks.into_iter())
        .map(|(n, pick)| {
            (
                n.to_string(),
                Signal::derive(move || pick(app.t()).to_string()),
            )
        })
        .collect()
}

/// Everything of a send but its content, from the typed values.
pub fn addressing(v: &FxHashMap<String, String>) -> Addressing {
    let val = |k: &str| v.get(k).cloned().unwrap_or_default();
    Addressing {
        send_id: val("sendID"),
        sender_nickname: val("senderNickname"),
        sender_face_url: val("senderFaceURL"),
        sender_platform_id: val("senderPlatformID").parse().unwrap_or(5),
        session_type: val("sessionType").parse().unwrap_or(SINGLE_CHAT),
        target: val("target"),
        is_online_only: val("isOnlineOnly") == "true",
        not_offline_push: val("notOfflinePush") == "true",
        business_operation_id: val("businessOperationID"),
        push: OfflinePushInfo {
            title: val("push.title"),
            desc: val("push.desc"),
            ex: val("push.ex"),
            ios_push_sound: val("push.iOSPushSound"),
            ios_badge_count: val("push.iOSBadgeCount") == "true",
        },
    }
}
