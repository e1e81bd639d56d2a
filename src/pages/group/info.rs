//! The group's record as get_groups_info returns it, and the edit that
//! set_group_info can make (docs/readback.md#set-group-info).

use leptos::prelude::*;

use super::Group;
use crate::api::endpoints::encode;
use crate::api::group::{GroupInfo, STATUS_DISMISSED, STATUS_MUTED};
use crate::api::release::Release;
use crate::components::error_box::ErrorBox;
use crate::components::field_error::FieldError;
use crate::i18n::{fill, Pick};
use crate::model::members::{changes, ownership, setting, Ownership, EDITABLE};
use crate::session::{draft, set_draft};
use crate::state::{flag, local_seconds, tr, When};

/// The status as a badge's class and text.
fn status(info: &GroupInfo) -> (&'static str, Pick) {
    match info.status {
        STATUS_DISMISSED => ("badge warn", |t| t.status_dismissed),
        STATUS_MUTED => ("badge warn", |t| t.status_muted),
        _ => ("badge ok", |t| t.status_normal),
    }
}

#[component]
pub(super) fn Header(group: Group) -> impl IntoView {
    let app = group.app;
    // Who owns the group, judged once every member is read: roles change
    // only with a new read (a new layout), not with a selection or a page.
    let layout = Memo::new(move |_| group.members.lookup.with(|l| l.layout));
    let owners = Memo::new(move |_| {
        layout.track();
        (group.reading.get().is_none()).then(|| group.members.lookup.with_untracked(ownership))
    });
    view! {
        <h1>
            <code class="detail-id">{group.id.get_value()}</code>
            {move || group.info().map(|g| {
                let (class, label) = status(&g);
                view! {
                    " " <span class="group-name">{g.group_name.clone()}</span>
                    " " <span class=format!("{class} group-status")>{tr(label)}</span>
                }
            })}
        </h1>
        <div class="toolbar">
            <button type="button" class="secondary refresh-group" on:click=move |_| group.reload()>{tr(|t| t.refresh_button)}</button>
            <a href=crate::routes::GROUPS.path>{tr(|t| t.nav_groups)}</a>
        </div>
        {move || match group.info.get() {
            None => Some(view! { <p class="muted" role="status">{tr(|t| t.loading)}</p> }.into_any()),
            Some(Ok(None)) => Some(view! { <p class="notice group-not-found" role="status">{tr(|t| t.group_not_found)}</p> }.into_any()),
            Some(Err(error)) => Some(view! { <ErrorBox error/> }.into_any()),
            Some(Ok(Some(_))) => None,
        }}
        // Ownership is judged once every member is read, and not for a
        // dismissed group, which has none left.
        {move || {
            let dismissed = group.info().is_some_and(|g| g.status == STATUS_DISMISSED);
            let problem = match owners.get() {
                _ if dismissed || group.info().is_none() => None,
                None | Some(Ownership::One(_)) => None,
                Some(Ownership::None) => Some(app.t().group_ownerless.to_string()),
                Some(Ownership::Several(n)) => Some(fill(app.t().group_owners_many, &[("count", &n)])),
            };
            problem.map(|p| {
                let fix = if app.release() >= Release::V2_1 { app.t().owner_fix_roles } else { app.t().owner_fix_none };
                view! {
                    <div class="warning owner-problem" role="alert">
                        <p>{p}</p>
                        <p>{fix}</p>
                    </div>
                }
            })
        }}
    }
}

/// How a record field is shown: as text, or as a link to a user's page.
#[derive(Clone, Copy, PartialEq)]
enum Shown {
    Text,
    User,
}

/// The record's rows: label, class and value, each drawn by one loop.
fn rows(
    g: &GroupInfo,
    release: Release,
    t: &'static crate::i18n::Strings,
    locale: crate::i18n::Locale,
) -> Vec<(String, &'static str, String, Shown)> {
    let kind = if g.group_type == 1 {
        t.group_type_1
    } else {
        t.group_type_0
    };
    let mut rows = vec![
        (
            t.col_group_name.into(),
            "name",
            g.group_name.clone(),
            Shown::Text,
        ),
        (
            t.col_owner.into(),
            "owner",
            g.owner_user_id.clone(),
            Shown::User,
        ),
        (t.field_group_type.into(), "type", kind.into(), Shown::Text),
        (
            t.col_members.into(),
            "member-count",
            g.member_count.to_string(),
            Shown::Text,
        ),
        (
            t.col_created.into(),
            "create-time",
            local_seconds(i64::from(g.create_time), locale),
            Shown::Text,
        ),
        (
            t.col_creator.into(),
            "creator",
            g.creator_user_id.clone(),
            Shown::User,
        ),
        (
            t.field_notification.into(),
            "notification",
            g.notification.clone(),
            Shown::Text,
        ),
        (
            t.field_introduction.into(),
            "introduction",
            g.introduction.clone(),
            Shown::Text,
        ),
        (
            t.field_face_url.into(),
            "face-url",
            g.face_url.clone(),
            Shown::Text,
        ),
        (t.col_ex.into(), "ex", g.ex.clone(), Shown::Text),
    ];
    // API field names, the same in every language.
    let flags = [
        (Release::V2_2, "needVerification", g.need_verification),
        (Release::V2_3, "lookMemberInfo", g.look_member_info),
        (Release::V2_3, "applyMemberFriend", g.apply_member_friend),
    ];
    for (since, key, value) in flags {
        if release >= since {
            rows.push((key.into(), "flag", value.to_string(), Shown::Text));
        }
    }
    rows
}

#[component]
pub(super) fn Info(group: Group) -> impl IntoView {
    let app = group.app;
    move || {
        group.info().map(|g| {
            let rows = rows(&g, app.release(), app.t(), app.locale.get());
            view! {
                <section class="panel group-info" aria-label=tr(|t| t.col_group_name)>
                    <dl class="profile">
                        {rows.into_iter().map(|(label, class, value, shown)| view! {
                            <dt>{label}</dt>
                            <dd class=class>{if shown == Shown::User && !value.is_empty() {
                                let href = crate::routes::user(&value);
                                view! { <a href=href><code>{value}</code></a> }.into_any()
                            } else {
                                value.into_any()
                            }}</dd>
                        }).collect_view()}
                    </dl>
                </section>
                {(g.status != STATUS_DISMISSED).then(|| view! { <Edit group info=g/> })}
            }
        })
    }
}

/// The edit form: each field starts at the server's value, and what the
/// operator changed is kept as a draft until it is saved.
#[component]
fn Edit(group: Group, info: GroupInfo) -> impl IntoView {
    let app = group.app;
    let gid = info.group_id.clone();
    let draft_name = move |key: &str| format!("group.{gid}.{key}");
    let fields: [RwSignal<String>; 5] = EDITABLE.map(|key| {
        let value = draft(&draft_name(key)).unwrap_or_else(|| setting(&info, key).to_string());
        RwSignal::new(value)
    });
    let cleared = RwSignal::new(Vec::<&'static str>::new());
    let unchanged = RwSignal::new(false);
    for (key, field) in EDITABLE.into_iter().zip(fields) {
        let (name, server) = (draft_name(key), setting(&info, key).to_string());
        // Only an edit is a draft: a later visit starts from the server.
        Effect::new(move |_| {
            let value = field.get();
            set_draft(&name, if value == server { "" } else { &value });
        });
    }
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let edited = fields.map(|f| f.get_untracked());
        unchanged.set(false);
        match changes(&info, &edited) {
            Err(keys) => cleared.set(keys),
            Ok(None) => {
                cleared.set(Vec::new());
                unchanged.set(true);
            }
            Ok(Some(req)) => {
                cleared.set(Vec::new());
                crate::session::remove_drafts(&draft_name(""));
                group.write(encode(&req));
            }
        }
    };
    let labels: [Pick; 5] = [
        |t| t.field_group_name,
        |t| t.field_notification,
        |t| t.field_introduction,
        |t| t.field_face_url,
        |t| t.col_ex,
    ];
    view! {
        <form class="panel group-edit" novalidate on:submit=submit aria-labelledby="group-edit-title">
            <h2 id="group-edit-title">{tr(|t| t.group_edit_title)}</h2>
            <p class="hint">{tr(|t| t.group_edit_rules)}</p>
            {EDITABLE.into_iter().zip(fields).zip(labels).map(|((key, value), label)| {
                let id = format!("group-edit-{key}");
                let error = Signal::derive(move || cleared.with(|c| c.contains(&key)).then(|| app.t().err_cannot_clear.to_string()));
                let error_id = format!("{id}-error");
                view! {
                    <div class="field">
                        <label for=id.clone()>{tr(label)}</label>
                        <input id=id spellcheck="false" aria-describedby=error_id.clone()
                            aria-invalid=move || error.get().is_some().to_string()
                            prop:value=value on:input:target=move |ev| value.set(ev.target().value())/>
                        <FieldError id=error_id message=error/>
                    </div>
                }
            }).collect_view()}
            <When when=flag(move || unchanged.get())>
                <p class="muted" role="status">{tr(|t| t.nothing_changed)}</p>
            </When>
            <div class="actions">
                <button type="submit" class="primary save-group">{tr(|t| t.save_button)}</button>
            </div>
        </form>
    }
}
