//! A table with its summary, toolbar and selection actions.

use leptos::prelude::*;

use super::columns::{Col, Purpose, DESTINATIONS};
use super::delete::DeleteConfirm;
use super::status::RefreshOnline;
use super::table::UserTable;
use super::{ROW_HEIGHT, VIEWPORT};
use crate::api::group::{ROLE_ADMIN, ROLE_ORDINARY};
use crate::api::user::PLATFORMS;
use crate::components::bulk::Run;
use crate::components::download::save_text;
use crate::i18n::{fill, Pick, PickCounted};
use crate::model::bulk::{plan_online, Step, INFO_MAX};
use crate::model::csv;
use crate::model::outcome;
use crate::model::users::{
    csv_row, window, Filtered, Lookup, Ordered, Show, Sort, UserRow, CSV_HEADER,
};
use crate::state::{flag, text, tr, use_app, with_count, When};

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
        Purpose::Group => &Show::GROUP,
        Purpose::Relations => &[Show::All, Show::Selected],
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
                        {move || if app.release().deletes_users() {
                            view! { <button type="button" class="danger delete" disabled=none on:click=ask_delete>{tr(|t| t.delete_button)}</button> }.into_any()
                        } else {
                            view! { <p class="note no-delete">{tr(|t| t.no_delete_user)}</p> }.into_any()
                        }}
                    }.into_any(),
                    Purpose::Members => view! {
                        <button type="button" class="secondary make-admin" disabled=none on:click=move |_| set_role(ROLE_ADMIN)>{tr(|t| t.make_admin)}</button>
                        <button type="button" class="secondary make-member" disabled=none on:click=move |_| set_role(ROLE_ORDINARY)>{tr(|t| t.make_member)}</button>
                        <button type="button" class="danger remove" disabled=none on:click=move |_| lookup.update(Lookup::remove_selected)>{tr(|t| t.remove_button)}</button>
                    }.into_any(),
                    Purpose::Results | Purpose::Group | Purpose::Relations => view! {
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
        Show::Managers => |t| t.show_managers,
        Show::Muted => |t| t.show_muted,
    }
}

fn sort_text(s: Sort) -> Pick {
    match s {
        Sort::Listed => |t| t.sort_listed,
        Sort::UserId => |t| t.sort_user_id,
        Sort::Nickname => |t| t.sort_nickname,
    }
}
