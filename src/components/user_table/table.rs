//! The rows on screen, drawn from a filtered table.

use leptos::prelude::*;

use super::columns::Col;
use super::{ROW_HEIGHT, VIEWPORT};
use crate::api::group::{ROLE_ADMIN, ROLE_ORDINARY, ROLE_OWNER};
use crate::api::user::{safe_url, GENDER_FEMALE, GENDER_MALE};
use crate::components::bulk::Run;
use crate::i18n::{fill, Locale, Strings};
use crate::model::outcome::{Action, Note, Outcome};
use crate::model::users::{Filtered, UserRow};
use crate::state::{flag, local_seconds, tr, use_app, When};

/// The rows in view plus spacers for the rest, so the scrollbar is true.
#[component]
pub(super) fn UserTable(
    run: Run,
    columns: &'static [Col],
    filtered: Memo<Filtered>,
    in_view: Memo<(usize, usize)>,
    scroll_top: RwSignal<u32>,
    table_ref: NodeRef<leptos::html::Div>,
    id: String,
) -> impl IntoView {
    // Where the last click landed, for shift-click range selection.
    let anchor = StoredValue::new(None::<usize>);
    // The rows on screen as data: the table is redrawn only when they
    // change, not on every answer about rows elsewhere.
    let shown = Memo::new(move |_| {
        let (start, end) = in_view.get();
        run.lookup.with(|l| {
            filtered.with(|f| {
                let rows: Vec<UserRow> = (f.positions[start..end].iter())
                    .map(|&i| l.rows[i as usize].clone())
                    .collect();
                (start, f.positions.len() - end, rows)
            })
        })
    });
    let app = use_app();
    let rows = move || {
        let (before, after, rows) = shown.get();
        // Texts are read once here (a language switch redraws the rows), so
        // a row holds no reactive parts but its checkbox handler.
        let ctx = RowContext {
            run,
            t: app.t(),
            locale: app.locale.get(),
            columns,
            filtered,
            anchor,
        };
        let spacer = |rows: usize| {
            view! { <tr class="spacer" aria-hidden="true" style:height=format!("{}px", rows * ROW_HEIGHT as usize)></tr> }
        };
        view! {
            {spacer(before)}
            {rows.into_iter().enumerate().map(|(k, row)| row_view(ctx, before + k, row)).collect_view()}
            {spacer(after)}
        }
    };
    view! {
        <div class="table-scroll" id=id node_ref=table_ref style:max-height=format!("{VIEWPORT}px")
            on:scroll:target=move |ev| scroll_top.set(ev.target().scroll_top().max(0) as u32)>
            <table class="results">
                <thead>
                    <tr>
                        {columns.iter().map(|c| view! { <th scope="col" class=format!("c-{}", c.class())>{tr(c.title())}</th> }).collect_view()}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            <When when=flag(move || filtered.with(|f| f.positions.is_empty()))>
                <p class="empty">{tr(|t| t.no_matches)}</p>
            </When>
        </div>
    }
}

/// What every row of one drawing shares.
#[derive(Clone, Copy)]
struct RowContext {
    run: Run,
    /// The texts, read once per drawing (a language switch redraws).
    t: &'static Strings,
    locale: Locale,
    columns: &'static [Col],
    filtered: Memo<Filtered>,
    /// Where the last click landed, for shift-click range selection.
    anchor: StoredValue<Option<usize>>,
}

/// One row; `at` is its place in the filtered list (for range selection).
fn row_view(ctx: RowContext, at: usize, row: UserRow) -> AnyView {
    let RowContext {
        run,
        t,
        locale,
        columns,
        filtered,
        anchor,
    } = ctx;
    let info = row.info.clone().unwrap_or_default();
    let badge = |class: &'static str, text: &'static str| {
        view! { <span use:attrs=vec![("class", Some(class.into()))]>{text}</span> }.into_any()
    };
    let cell = |col: Col| -> (Option<String>, AnyView) {
        match col {
            Col::Select => {
                let label = fill(t.select_row, &[("id", &row.user_id)]);
                let select = move |ev: leptos::ev::MouseEvent| {
                    let on = event_target_checked(&ev);
                    let from = if ev.shift_key() { anchor.get_value().unwrap_or(at) } else { at };
                    let positions: Vec<usize> = filtered.with_untracked(|f| {
                        let last = f.positions.len().saturating_sub(1);
                        (f.positions[from.min(at)..=from.max(at).min(last)].iter())
                            .map(|&p| p as usize)
                            .collect()
                    });
                    run.lookup.update(|l| l.select(positions, on));
                    anchor.set_value(Some(at));
                };
                (None, view! { <input use:checkbox=(label, row.selected) on:click=select/> }.into_any())
            }
            Col::UserId => (
                Some(row.user_id.clone()),
                view! {
                    <a use:attrs=vec![("href", Some(crate::routes::user(&row.user_id)))]><code>{row.user_id.clone()}</code></a>
                    {row.admin.then(|| view! { " " <span class="badge admin">{t.admin_badge}</span> })}
                }
                .into_any(),
            ),
            Col::Account => (
                None,
                match row.registered {
                    Some(true) => badge("badge ok", t.registered),
                    Some(false) => badge("badge warn", t.unregistered),
                    None => badge("badge unknown", t.unknown),
                },
            ),
            Col::Face => (
                None,
                match safe_url(&info.face_url) {
                    Some(url) => view! { <img class="face" src=url.to_string() alt="" width="28" height="28" loading="lazy" referrerpolicy="no-referrer"/> }.into_any(),
                    None if info.face_url.is_empty() => badge("muted", t.no_face),
                    None => view! { <span class="muted raw">{info.face_url.clone()}</span> }.into_any(),
                },
            ),
            Col::Nickname => (Some(info.nickname.clone()), info.nickname.clone().into_any()),
            Col::Gender => (
                None,
                match info.gender {
                    GENDER_MALE => t.gender_male,
                    GENDER_FEMALE => t.gender_female,
                    _ => t.gender_unset,
                }
                .into_any(),
            ),
            Col::Ex => (Some(info.ex.clone()), info.ex.clone().into_any()),
            Col::Online => (
                None,
                match (&row.online, row.is_online()) {
                    (_, true) => badge("badge ok", t.online),
                    (Some(_), false) => badge("badge", t.offline),
                    (None, _) => badge("badge unknown", t.unknown),
                },
            ),
            Col::From => (Some(row.from.clone()), view! { <code>{row.from.clone()}</code> }.into_any()),
            Col::Role => {
                let set = move |role: i32| {
                    let position = filtered.with_untracked(|f| f.positions.get(at).copied());
                    run.lookup.update(|l| l.set_role(position.map(|p| p as usize), role));
                };
                (None, view! {
                    <select class="role" aria-label=t.col_role prop:value=row.role.to_string()
                        on:change:target=move |ev| set(ev.target().value().parse().unwrap_or(ROLE_ORDINARY))>
                        <option value="1">{t.role_member}</option>
                        <option value="3">{t.role_admin}</option>
                    </select>
                }.into_any())
            }
            Col::Result => {
                let Some(outcome) = row.outcome.as_deref() else {
                    return (None, badge("badge unknown", t.waiting));
                };
                let action = run.lookup.with_untracked(|l| l.action).unwrap_or(Action::Invite);
                let class = if outcome.ok() { "badge ok" } else { "badge warn" };
                let detail = match outcome {
                    Outcome::Failed(e) => e.to_string(),
                    Outcome::Result(r) => format!("result {r}"),
                    Outcome::NoResult => "data: null".to_string(),
                    Outcome::AtCreation { .. } => "create_group".to_string(),
                };
                let note = note_text(t, outcome.note(action, row.member));
                (Some(format!("{note} · {detail}")), view! {
                    <span class=class>{note}</span> " " <span class="muted detail">{detail}</span>
                }.into_any())
            }
            Col::GroupRole => (
                None,
                match row.role {
                    ROLE_OWNER => badge("badge ok", t.role_owner),
                    ROLE_ADMIN => badge("badge", t.role_admin),
                    _ => badge("muted", t.role_member),
                },
            ),
            Col::Joined | Col::Since => (None, local_seconds(row.joined, locale).into_any()),
            Col::MutedUntil => (None, local_seconds(row.muted_until, locale).into_any()),
            Col::Remark => (Some(row.remark.clone()), row.remark.clone().into_any()),
            Col::Platforms => (
                None,
                (row.online.iter().flat_map(|o| &o.detail_platform_status))
                    .map(|p| view! { <span class="badge ok">{p.platform.clone()}</span> " " })
                    .collect_view()
                    .into_any(),
            ),
        }
    };
    let cells: Vec<AnyView> = (columns.iter())
        .map(|&c| {
            let (title, content) = cell(c);
            view! { <td use:attrs=vec![("class", Some(c.class().into())), ("title", title)]>{content}</td> }.into_any()
        })
        .collect();
    let tr = vec![
        ("data-user-id", Some(row.user_id.clone())),
        ("class", row.selected.then(|| "selected".into())),
    ];
    view! { <tr use:attrs=tr>{cells}</tr> }.into_any()
}

/// What an outcome means, in the operator's language.
fn note_text(t: &'static Strings, note: Note) -> &'static str {
    match note {
        Note::Invited => t.note_invited,
        Note::UnknownOrMember => t.note_unknown_or_member,
        Note::NotInGroupNow => t.note_not_in_group_now,
        Note::WasNotMember => t.note_was_not_member,
        Note::OwnerNotKickable => t.note_owner_not_kickable,
        Note::Friends => t.note_friends,
        Note::UnknownUser => t.note_unknown_user,
        Note::Blocked => t.note_blocked,
        Note::AlreadyBlocked => t.note_already_blocked,
        Note::NoResult => t.note_no_result,
        Note::UnknownGroup => t.note_unknown_group,
        Note::Dismissed => t.note_dismissed,
        Note::NoPermission => t.note_no_permission,
        Note::UnknownFromUser => t.note_unknown_from_user,
        Note::Error => t.note_error,
        Note::AddedAtCreation => t.note_added_at_creation,
        Note::SkippedAtCreation => t.note_skipped_at_creation,
        Note::Unblocked => t.note_unblocked,
        Note::Unfriended => t.note_unfriended,
        Note::Muted => t.note_muted,
        Note::Unmuted => t.note_unmuted,
        Note::RoleSet => t.note_role_set,
        Note::NoPermissionOrDb => t.note_no_permission_or_db,
    }
}

/// Attributes of a row's elements, set in place: the renderer's own redraw
/// of a row (its views are type-erased) removes every attribute and sets it
/// again, which turns each checkbox into a text box and back and restyles
/// every cell. Setting a value an attribute already has gives the browser
/// nothing to redo.
type Attrs = Vec<(&'static str, Option<String>)>;

fn attrs(el: web_sys::Element, list: Attrs) {
    for (name, value) in list {
        let _ = match value {
            Some(value) => el.set_attribute(name, &value),
            None => el.remove_attribute(name),
        };
    }
}

/// A row's selection checkbox, labelled, ticked or not.
fn checkbox(el: web_sys::Element, (label, on): (String, bool)) {
    attrs(
        el.clone(),
        vec![
            ("type", Some("checkbox".into())),
            ("class", Some("pick".into())),
            ("aria-label", Some(label)),
        ],
    );
    wasm_bindgen::JsCast::unchecked_into::<web_sys::HtmlInputElement>(el).set_checked(on);
}
