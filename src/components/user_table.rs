//! The users table of the lookup page and the directory: summary, filter,
//! sort, selection with bulk actions (online check, delete, CSV, open in
//! lookup), and a virtualised list that renders a screenful of rows
//! whether the table holds ten users or a hundred thousand.

use leptos::prelude::*;

use crate::api::group::{ROLE_ADMIN, ROLE_ORDINARY};
use crate::api::user::{safe_url, GENDER_FEMALE, GENDER_MALE, PLATFORMS};
use crate::components::bulk::Run;
use crate::components::download::save_text;
use crate::components::error_box::ErrorBox;
use crate::components::progress::Progress;
use crate::i18n::{fill, Pick, PickCounted, Strings};
use crate::model::bulk::{plan_online, steps, Step, DELETE_MAX, INFO_MAX};
use crate::model::csv;
use crate::model::outcome::{self, Action, Note, Outcome};
use crate::model::users::{
    csv_row, window, Filtered, Lookup, Ordered, Show, Sort, UserRow, CSV_HEADER,
};
use crate::state::{counted, flag, text, tr, use_app, with_count, When};
use crate::{keys, routes};

const ROW_HEIGHT: u32 = 44;
const VIEWPORT: u32 = 560;
/// Failed requests shown in full; the rest are counted.
const ERRORS_SHOWN: usize = 3;

/// A column of the table; pages choose theirs as a list.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Col {
    Select,
    UserId,
    Account,
    Face,
    Nickname,
    Gender,
    Ex,
    Online,
    Platforms,
    /// The acting user of a pair (fromUserID, a blacklist's owner).
    From,
    /// A new group member's roleLevel, editable.
    Role,
    /// What a call did for the row.
    Result,
}

/// What a table is for, which decides its filters and actions.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub enum Purpose {
    /// Users to look at: online checks and refresh, export, delete.
    #[default]
    Users,
    /// A new group's member list: roles and removal.
    Members,
    /// What a call did for each row: export.
    Results,
}

impl Col {
    fn class(self) -> &'static str {
        match self {
            Col::Select => "select",
            Col::UserId => "user-id",
            Col::Account => "account",
            Col::Face => "face-cell",
            Col::Nickname => "nickname",
            Col::Gender => "gender",
            Col::Ex => "ex",
            Col::Online => "online",
            Col::Platforms => "platforms",
            Col::From => "from",
            Col::Role => "role",
            Col::Result => "result",
        }
    }

    fn title(self) -> Pick {
        match self {
            Col::Select => |t| t.col_select,
            Col::UserId => |t| t.col_user_id,
            Col::Account => |t| t.col_account,
            Col::Face => |t| t.col_face,
            Col::Nickname => |t| t.col_nickname,
            Col::Gender => |t| t.col_gender,
            Col::Ex => |t| t.col_ex,
            Col::Online => |t| t.col_online,
            Col::Platforms => |t| t.col_platforms,
            Col::From => |t| t.col_from,
            Col::Role => |t| t.col_role,
            Col::Result => |t| t.col_result,
        }
    }
}

/// The lookup page's columns: everything the requests return.
pub const LOOKUP_COLUMNS: &[Col] = &[
    Col::Select,
    Col::UserId,
    Col::Account,
    Col::Face,
    Col::Nickname,
    Col::Gender,
    Col::Ex,
    Col::Online,
    Col::Platforms,
];

/// The directory's: every listed ID is registered, so no account column.
pub const DIRECTORY_COLUMNS: &[Col] = &[
    Col::Select,
    Col::UserId,
    Col::Face,
    Col::Nickname,
    Col::Gender,
    Col::Ex,
    Col::Online,
    Col::Platforms,
];

/// A new group's member list: is each one registered, and with which role.
pub const MEMBER_COLUMNS: &[Col] = &[Col::Select, Col::UserId, Col::Account, Col::Role];

/// Results of invite and kick.
pub const GROUP_RESULT_COLUMNS: &[Col] = &[Col::Select, Col::UserId, Col::Result];

/// Results of friend imports and blocks: pairs.
pub const PAIR_RESULT_COLUMNS: &[Col] = &[Col::Select, Col::From, Col::UserId, Col::Result];

/// Where the directory's selection can be used: a destination key, its
/// label, the route and the draft that route reads its IDs from.
pub const DESTINATIONS: [(&str, Pick, &str, &str); 4] = [
    (
        "lookup",
        |t| t.to_lookup,
        routes::USERS.path,
        keys::LOOKUP_IDS,
    ),
    (
        "new-group",
        |t| t.to_new_group,
        routes::GROUPS.path,
        keys::NEW_GROUP_MEMBERS,
    ),
    (
        "members",
        |t| t.to_members,
        routes::GROUPS.path,
        keys::GROUP_MEMBER_IDS,
    ),
    (
        "broadcast",
        |t| t.to_broadcast,
        routes::NOTIFICATIONS.path,
        keys::BROADCAST_IDS,
    ),
];

/// Progress, failed requests with a retry, and what deletes did.
#[component]
pub fn RunStatus(run: Run) -> impl IntoView {
    view! {
        <When when=flag(move || run.total.get() > 0)>
            <div class="run-line">
                <Progress done=run.done total=run.total/>
                <When when=run.running.into()>
                    <button type="button" class="danger stop" on:click=move |_| run.stop()>{tr(|t| t.stop_button)}</button>
                </When>
            </div>
        </When>
        <When when=flag(move || !run.failed.get().is_empty())>
            <div class="failures">
                <p role="alert">{with_count(|t| t.failed_requests, move || run.failed.get().len())}</p>
                <button type="button" class="secondary retry" disabled=run.running on:click=move |_| run.retry()>{tr(|t| t.retry_failed)}</button>
                {move || run.failed.get().into_iter().take(ERRORS_SHOWN).map(|f| view! { <ErrorBox error=f.error/> }).collect_view()}
            </div>
        </When>
        <When when=flag(move || run.deleted.get() > 0 || !run.not_deleted.get().is_empty())>
            <div class="delete-report" role="status">
                <p class="deleted-count">{with_count(|t| t.deleted_summary, move || run.deleted.get())}</p>
                <When when=flag(move || !run.not_deleted.get().is_empty())>
                    <p>{with_count(|t| t.not_deleted, move || run.not_deleted.get().len())}</p>
                    <ul class="not-deleted">
                        {move || run.not_deleted.get().into_iter().map(|id| view! { <li><code>{id}</code></li> }).collect_view()}
                    </ul>
                </When>
            </div>
        </When>
    }
}

/// Everything below a page's source of IDs: summary, toolbar, selection
/// actions and the table. `id` prefixes the element ids (two tables can
/// share a page); `send_to` offers the selection to other pages (see
/// DESTINATIONS); `eager` loads the profiles of rows on screen first.
#[component]
pub fn UserResults(
    run: Run,
    columns: &'static [Col],
    summary: PickCounted,
    #[prop(optional)] purpose: Purpose,
    #[prop(default = "users")] id: &'static str,
    #[prop(optional)] send_to: Option<Callback<(&'static str, Vec<String>)>>,
    #[prop(optional)] eager: bool,
) -> impl IntoView {
    let app = use_app();
    let needle = RwSignal::new(String::new());
    let show = RwSignal::new(Show::All);
    let sort = RwSignal::new(Sort::Listed);
    let lookup = run.lookup;
    let ordered =
        Memo::new(move |prev: Option<&Ordered>| lookup.with(|l| Ordered::new(l, sort.get(), prev)));
    let filtered = Memo::new(move |prev: Option<&Filtered>| {
        lookup.with(|l| ordered.with(|o| Filtered::new(l, o, &needle.get(), show.get(), prev)))
    });
    let scroll_top = RwSignal::new(0_u32);
    let table_ref = NodeRef::<leptos::html::Div>::new();
    // A new filter or order starts at the top of its results.
    Effect::new(move |_| {
        needle.track();
        show.track();
        sort.track();
        // Only when scrolled: setting scrollTop forces a layout.
        if scroll_top.get_untracked() != 0 {
            scroll_top.set(0);
            if let Some(el) = table_ref.get_untracked() {
                el.set_scroll_top(0);
            }
        }
    });
    let in_view = Memo::new(move |_| {
        let (start, end) = window(
            filtered.with(|f| f.positions.len()),
            ROW_HEIGHT,
            scroll_top.get(),
            VIEWPORT,
        );
        (start, end)
    });
    if eager {
        // Profiles of the rows on screen are fetched before the others.
        Effect::new(move |_| {
            let (start, end) = in_view.get();
            let chunks: rustc_hash::FxHashSet<usize> = lookup.with(|l| {
                filtered.with(|f| {
                    (f.positions[start..end].iter())
                        .filter(|&&p| !l.rows[p as usize].profile_checked)
                        .map(|&p| p as usize / INFO_MAX)
                        .collect()
                })
            });
            if !chunks.is_empty() {
                lookup.with_untracked(|l| {
                    run.prioritise(|step| {
                        matches!(step, Step::Infos(ids)
                            if ids.first().and_then(|id| l.position(id)).is_some_and(|p| chunks.contains(&(p / INFO_MAX))))
                    })
                });
            }
        });
    }

    let confirming = RwSignal::new(None::<(Vec<String>, usize)>);
    let selected = move || lookup.with(Lookup::selected_count);
    let chosen = move || lookup.with_untracked(Lookup::selected_ids);
    let none = flag(move || selected() == 0);
    let check_online = move |_| run.add_first(plan_online(&chosen()));
    let ask_delete = move |_| {
        let (admins, ids): (Vec<UserRow>, Vec<UserRow>) = lookup.with_untracked(|l| {
            (l.rows.iter().filter(|r| r.selected).cloned()).partition(|r| r.admin)
        });
        let ids = ids.into_iter().map(|r| r.user_id).collect();
        confirming.set(Some((ids, admins.len())));
    };
    let export = move |_| {
        let doc = lookup.with_untracked(|l| {
            let rows: Vec<&UserRow> = if l.selected_count() > 0 {
                l.rows.iter().filter(|r| r.selected).collect()
            } else {
                filtered
                    .with_untracked(|f| f.positions.iter().map(|&i| &l.rows[i as usize]).collect())
            };
            if l.action.is_some() {
                let row = |r: &UserRow| outcome::csv_row(&r.from, &r.user_id, r.outcome.as_deref());
                return csv::document(&outcome::CSV_HEADER, rows.into_iter().map(row));
            }
            csv::document(&CSV_HEADER, rows.into_iter().map(csv_row))
        });
        let _ = save_text("openim-users.csv", "text/csv;charset=utf-8", &doc);
    };
    let select_shown = move |on: bool| {
        let positions = filtered.with_untracked(|f| f.positions.clone());
        lookup.update(|l| l.select(positions.iter().map(|&p| p as usize), on));
    };

    let set_role = move |role: i32| {
        lookup.update(|l| {
            let picked: Vec<usize> = (0..l.rows.len()).filter(|&i| l.rows[i].selected).collect();
            l.set_role(picked, role)
        })
    };
    let element = move |name: &str| format!("{id}-{name}");
    let shows: &'static [Show] = match purpose {
        Purpose::Users => &Show::USERS,
        Purpose::Members => &[
            Show::All,
            Show::Registered,
            Show::Unregistered,
            Show::Selected,
        ],
        Purpose::Results => &Show::RESULTS,
    };

    let choice = |id: String,
                  label: Pick,
                  value: Signal<&'static str>,
                  keys: Vec<(&'static str, Pick)>,
                  set: Callback<String>| {
        view! {
            <div class="field inline">
                <label for=id.clone()>{tr(label)}</label>
                <select id=id prop:value=value on:change:target=move |ev| set.run(ev.target().value())>
                    {keys.into_iter().map(|(k, pick)| view! { <option value=k>{tr(pick)}</option> }).collect_view()}
                </select>
            </div>
        }
    };

    view! {
        <When when=flag(move || lookup.with(|l| !l.rows.is_empty()))>
            <p class="summary" id=element("summary") aria-live="polite">
                {text(move || {
                    let s = lookup.with(|l| l.summary());
                    fill(summary(app.t()).form(s.total), &[
                        ("total", &s.total), ("registered", &s.registered), ("unregistered", &s.unregistered),
                        ("online", &s.online), ("incomplete", &s.incomplete), ("profiles", &s.profiles), ("admins", &s.admins),
                        ("succeeded", &s.succeeded), ("refused", &s.refused), ("waiting", &(s.total - s.succeeded - s.refused)),
                    ])
                })}
            </p>
            <When when=flag(move || lookup.with(|l| l.summary().online > 0))>
                <p class="by-platform">
                    {tr(|t| t.by_platform)}
                    {PLATFORMS.iter().enumerate().map(|(i, (n, name))| view! {
                        " " <span class="badge" title=n.to_string() data-platform=*name>
                            {*name} " " <b>{move || lookup.with(|l| l.summary().platforms[i])}</b>
                        </span>
                    }).collect_view()}
                </p>
            </When>
            <div class="toolbar">
                <div class="field inline">
                    <label for=element("filter")>{tr(|t| t.filter_label)}</label>
                    <input id=element("filter") type="search" placeholder=tr(|t| t.filter_placeholder)
                        prop:value=needle
                        on:input:target=move |ev| needle.set(ev.target().value())/>
                </div>
                {choice(element("show"), |t| t.show_label, Signal::derive(move || show.get().key()),
                    shows.iter().map(|s| (s.key(), show_text(*s))).collect(),
                    Callback::new(move |k: String| show.set(Show::from_key(&k))))}
                {choice(element("sort"), |t| t.sort_label, Signal::derive(move || sort.get().key()),
                    Sort::ALL.iter().map(|s| (s.key(), sort_text(*s))).collect(),
                    Callback::new(move |k: String| sort.set(Sort::from_key(&k))))}
                <span class="rows-shown">
                    {text(move || fill(app.t().rows_shown, &[("shown", &filtered.with(|f| f.positions.len())), ("total", &lookup.with(|l| l.rows.len()))]))}
                </span>
            </div>
            <div class="selection-bar" role="group" aria-label=tr(|t| t.selection_label)>
                <span class="selected-count">{with_count(|t| t.selected_count, selected)}</span>
                <button type="button" class="secondary select-shown" on:click=move |_| select_shown(true)>
                    {with_count(|t| t.select_shown, move || filtered.with(|f| f.positions.len()))}
                </button>
                <button type="button" class="secondary clear-selection" disabled=none
                    on:click=move |_| lookup.update(Lookup::clear_selection)>{tr(|t| t.clear_selection)}</button>
                {match purpose {
                    Purpose::Users => view! {
                        <button type="button" class="secondary check-online" disabled=none on:click=check_online>{tr(|t| t.check_online)}</button>
                        <RefreshOnline run ids=Callback::new(move |()| {
                            // The selection, else every row of the table.
                            lookup.with_untracked(|l| if l.selected_count() > 0 { l.selected_ids() } else { l.ids() })
                        })/>
                        {send_to.map(|go| view! {
                            <div class="field inline">
                                <label for=element("use")>{tr(|t| t.use_selection)}</label>
                                <select id=element("use") class="use-selection" disabled=none
                                    on:change:target=move |ev| {
                                        let key = ev.target().value();
                                        ev.target().set_value("");
                                        if let Some(&(key, ..)) = DESTINATIONS.iter().find(|d| d.0 == key) {
                                            go.run((key, chosen()));
                                        }
                                    }>
                                    <option value="">"…"</option>
                                    {DESTINATIONS.map(|(key, label, ..)| view! { <option value=key>{tr(label)}</option> })}
                                </select>
                            </div>
                        })}
                        <button type="button" class="secondary export" on:click=export>{tr(|t| t.export_csv)}</button>
                        <button type="button" class="danger delete" disabled=none on:click=ask_delete>{tr(|t| t.delete_button)}</button>
                    }.into_any(),
                    Purpose::Members => view! {
                        <button type="button" class="secondary make-admin" disabled=none on:click=move |_| set_role(ROLE_ADMIN)>{tr(|t| t.make_admin)}</button>
                        <button type="button" class="secondary make-member" disabled=none on:click=move |_| set_role(ROLE_ORDINARY)>{tr(|t| t.make_member)}</button>
                        <button type="button" class="danger remove" disabled=none on:click=move |_| lookup.update(Lookup::remove_selected)>{tr(|t| t.remove_button)}</button>
                    }.into_any(),
                    Purpose::Results => view! {
                        <button type="button" class="secondary export" on:click=export>{tr(|t| t.export_csv)}</button>
                    }.into_any(),
                }}
            </div>
            {move || confirming.get().map(|(ids, admins)| view! { <DeleteConfirm run ids admins confirming/> })}
            <UserTable run columns filtered in_view scroll_top table_ref id=element("table")/>
        </When>
    }
}

fn show_text(s: Show) -> Pick {
    match s {
        Show::All => |t| t.show_all,
        Show::Registered => |t| t.show_registered,
        Show::Unregistered => |t| t.show_unregistered,
        Show::Online => |t| t.show_online,
        Show::Offline => |t| t.show_offline,
        Show::Incomplete => |t| t.show_incomplete,
        Show::Selected => |t| t.show_selected,
        Show::Succeeded => |t| t.show_succeeded,
        Show::Refused => |t| t.show_refused,
    }
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
    }
}

fn sort_text(s: Sort) -> Pick {
    match s {
        Sort::Listed => |t| t.sort_listed,
        Sort::UserId => |t| t.sort_user_id,
        Sort::Nickname => |t| t.sort_nickname,
    }
}

/// Deleting is final, so the operator types the count to confirm it.
#[component]
fn DeleteConfirm(
    run: Run,
    ids: Vec<String>,
    admins: usize,
    confirming: RwSignal<Option<(Vec<String>, usize)>>,
) -> impl IntoView {
    let count = ids.len();
    let typed = RwSignal::new(String::new());
    let ready = move || typed.get().trim() == count.to_string();
    let confirm = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !ready() {
            return;
        }
        run.deleted.set(0);
        run.not_deleted.set(Vec::new());
        run.add_first(steps(&ids, DELETE_MAX, Step::Delete));
        confirming.set(None);
    };
    if count == 0 {
        // Only admin accounts are selected: nothing to confirm.
        return view! {
            <div class="confirm" role="alertdialog" aria-labelledby="delete-title">
                <h2 id="delete-title">{tr(|t| t.delete_nothing_title)}</h2>
                <p class="admins-left-out">{counted(|t| t.delete_only_admins, move || admins)}</p>
                <div class="actions">
                    <button type="button" class="secondary" on:click=move |_| confirming.set(None)>{tr(|t| t.close)}</button>
                </div>
            </div>
        }
        .into_any();
    }
    view! {
        <form class="confirm" role="alertdialog" aria-labelledby="delete-title" novalidate on:submit=confirm>
            <h2 id="delete-title">{counted(|t| t.delete_title, move || count)}</h2>
            <p class="warning">{tr(|t| t.delete_warning)}</p>
            {(admins > 0).then(|| view! {
                <p class="admins-left-out">{counted(|t| t.delete_admins_left_out, move || admins)}</p>
            })}
            <div class="field">
                <label for="delete-typed">{with_count(|t| t.delete_type_count, move || count)}</label>
                <input id="delete-typed" inputmode="numeric" autocomplete="off"
                    prop:value=typed on:input:target=move |ev| typed.set(ev.target().value())/>
            </div>
            <div class="actions">
                <button type="submit" class="danger confirm-delete" disabled=flag(move || !ready())>
                    {counted(|t| t.delete_confirm, move || count)}
                </button>
                <button type="button" class="secondary" on:click=move |_| confirming.set(None)>{tr(|t| t.cancel)}</button>
            </div>
        </form>
    }
    .into_any()
}

/// The rows in view plus spacers for the rest, so the scrollbar is true.
#[component]
fn UserTable(
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
        let t = app.t();
        let spacer = |rows: usize| {
            view! { <tr class="spacer" aria-hidden="true" style:height=format!("{}px", rows * ROW_HEIGHT as usize)></tr> }
        };
        view! {
            {spacer(before)}
            {rows.into_iter().enumerate().map(|(k, row)| row_view(run, t, columns, filtered, anchor, before + k, row)).collect_view()}
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

/// One row; `at` is its place in the filtered list (for range selection).
#[allow(clippy::too_many_arguments)]
fn row_view(
    run: Run,
    t: &'static Strings,
    columns: &'static [Col],
    filtered: Memo<Filtered>,
    anchor: StoredValue<Option<usize>>,
    at: usize,
    row: UserRow,
) -> AnyView {
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
                };
                let note = note_text(t, outcome.note(action, row.member));
                (Some(format!("{note} · {detail}")), view! {
                    <span class=class>{note}</span> " " <span class="muted detail">{detail}</span>
                }.into_any())
            }
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

/// Seconds between automatic online checks an operator can choose (0: off).
const REFRESH_CHOICES: [u32; 4] = [0, 10, 30, 60];

/// Asks again for the online status of `ids` at a chosen interval.
#[component]
pub fn RefreshOnline(run: Run, ids: Callback<(), Vec<String>>) -> impl IntoView {
    let app = use_app();
    let every = RwSignal::new(0);
    run.refresh_online(every, move || ids.run(()));
    view! {
        <div class="field inline refresh">
            <label for="refresh-online">{tr(|t| t.refresh_label)}</label>
            <select id="refresh-online" on:change:target=move |ev| every.set(ev.target().value().parse().unwrap_or(0))>
                {REFRESH_CHOICES.map(|s| view! {
                    <option value=s.to_string()>{text(move || match s {
                        0 => app.t().refresh_off.to_string(),
                        s => fill(app.t().refresh_every, &[("seconds", &s)]),
                    })}</option>
                })}
            </select>
        </div>
    }
}
