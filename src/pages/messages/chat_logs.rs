//! Searching the messages the server stored, through its CMS API
//! (docs/cms.md#cms-get-chat-logs): by chat type, sender, receiver or
//! group, content, content type and day, a page at a time. What a
//! generation would ignore or break is refused next to its field; every
//! row is shown as text, media only as a link to an http(s) address. A
//! message named by its clientMsgID (C) can be handed to the page's
//! revoke form.

use leptos::prelude::*;

use crate::api::cms::{CreatedAt, Gen};
use crate::api::cms_logs::{self, LogProblem, LogRow, LogSearch};
use crate::components::cms::{CmsNote, CmsPage, CmsPager};
use crate::components::field_error::FieldError;
use crate::components::text_field::TextField;
use crate::i18n::Pick;
use crate::model::days::day_text;
use crate::state::{flag, kept_draft, local_seconds, tr, use_app, When};

/// Rows a page.
const SHOW: u32 = 20;

/// The content types offered as filters: the spec's table.
const TYPES: [i32; 18] = [
    101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 118, 119, 120, 1400,
];

fn problem_text(p: LogProblem) -> Pick {
    match p {
        LogProblem::DayRequired => |t| t.err_required,
        LogProblem::BadDay => |t| t.err_bad_day,
        LogProblem::NotANumber => |t| t.err_not_number,
        LogProblem::Unsafe => |t| t.err_unsafe_search,
        LogProblem::NeedsSessionType => |t| t.err_needs_session_type,
        LogProblem::NoReceiverFilter => |t| t.err_no_receiver_filter,
    }
}

/// A row's time as the generation gives it: A/B's Go time string as it
/// is, C's send time in the operator's zone.
fn time_text(time: &CreatedAt, locale: crate::i18n::Locale) -> String {
    match time {
        CreatedAt::Text(t) => t.clone(),
        CreatedAt::Seconds(s) => local_seconds(*s, locale),
        CreatedAt::Unknown => String::new(),
    }
}

/// The search's fields: draft key (and problem key), label, input type
/// ("" for a choice).
const FIELDS: [(&str, Pick, &str); 6] = [
    ("session", |t| t.field_session_type, ""),
    ("sender", |t| t.field_sender, "text"),
    ("receiver", |t| t.field_receiver, "text"),
    ("content", |t| t.field_content, "text"),
    ("contentType", |t| t.field_content_type, ""),
    ("day", |t| t.field_day, "date"),
];

/// The choices of the field at `i` of `FIELDS`: chat types, or content
/// types by number and name.
fn choices(i: usize, t: &'static crate::i18n::Strings) -> Vec<(String, String)> {
    match i {
        0 => [
            ("0", t.session_any),
            ("1", t.session_single),
            ("2", t.session_group),
        ]
        .map(|(v, n)| (v.to_string(), n.to_string()))
        .into(),
        _ => std::iter::once((String::new(), t.field_any_type.to_string()))
            .chain(
                TYPES
                    .iter()
                    .map(|&n| (n.to_string(), format!("{n} {}", super::type_name(n)(t)))),
            )
            .collect(),
    }
}

/// `revoke` gets the row whose Revoke… button was pressed.
#[component]
pub fn ChatLogs(revoke: Callback<LogRow>) -> impl IntoView {
    let app = use_app();
    let values = FIELDS.map(|(key, _, _)| kept_draft(format!("logs.{key}")));
    let day = values[5];
    if day.get_untracked().is_empty() {
        day.set(day_text(crate::session::today()));
    }
    let problems = RwSignal::new(Vec::<(&'static str, LogProblem)>::new());
    // The generation of the search last sent, to read its answer.
    let sent = RwSignal::new(None::<Gen>);

    let fetch = move |cms: CmsPage, wanted: u32| {
        let Some(found) = cms.get_untracked() else {
            return;
        };
        let [session, sender, receiver, content, content_type, day] =
            values.map(|v| v.get_untracked());
        let search = LogSearch {
            session_type: session.parse().unwrap_or(0),
            sender,
            receiver,
            content,
            content_type,
            day,
        };
        let found_problems = cms_logs::check(found.gen, &search);
        let refused = !found_problems.is_empty();
        problems.set(found_problems);
        if refused {
            return;
        }
        sent.set(Some(found.gen));
        cms.read(wanted, |op| {
            cms_logs::request(found.gen, &search, wanted, SHOW, op)
        });
    };
    // Nothing is searched before the operator asks: an open search makes
    // the server count every stored message (T10).
    let cms = CmsPage::new(|_| {});
    let gen = move || cms.get().map(|c| c.gen);
    let rows = move || {
        let gen = sent.get()?;
        cms.with_data(|data| cms_logs::page(gen, data))
    };
    let export = move |_| {
        let Some((rows, _)) = rows() else { return };
        let locale = app.locale.get_untracked();
        let cells = (rows.iter()).map(|r| cms_logs::csv_row(r, time_text(&r.time, locale)));
        let doc = crate::model::csv::document(&cms_logs::CSV_HEADER, cells);
        let _ = crate::components::download::save_text("chat-logs.csv", "text/csv", &doc);
    };
    // The rows' revoke buttons carry their index in the page shown.
    let pick = move |ev: leptos::ev::MouseEvent| {
        use wasm_bindgen::JsCast;
        let at = (ev.target())
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|b| b.get_attribute("data-row")?.parse::<usize>().ok());
        if let Some(row) = at.and_then(|i| rows()?.0.into_iter().nth(i)) {
            revoke.run(row);
        }
    };
    let fields = FIELDS.iter().enumerate().map(|(i, &(key, label, kind))| {
        let value = values[i];
        let id = format!("logs-{key}");
        let error = Signal::derive(move || {
            problems.with(|p| {
                (p.iter().find(|(f, _)| *f == key)).map(|(_, p)| problem_text(*p)(app.t()).to_string())
            })
        });
        if !kind.is_empty() {
            return view! { <TextField id kind label=tr(label) value error/> }.into_any();
        }
        view! {
            <div class="field">
                <label for=id.clone()>{tr(label)}</label>
                <select id=id.clone() prop:value=value aria-describedby=format!("{id}-error")
                    on:change:target=move |ev| value.set(ev.target().value())>
                    {move || choices(i, app.t()).into_iter().map(|(v, name)| view! { <option value=v>{name}</option> }).collect_view()}
                </select>
                <FieldError id=format!("{id}-error") message=error/>
            </div>
        }
        .into_any()
    }).collect_view();

    view! {
        <section class="panel chat-logs" aria-labelledby="logs-title">
            <h2 id="logs-title">{tr(|t| t.logs_title)}</h2>
            <p class="hint">{tr(|t| t.logs_intro)}</p>
            <CmsNote page=cms/>
            <When when=flag(move || gen().is_some())>
                <p class="hint logs-gen-note">{move || if gen() == Some(Gen::C) { tr(|t| t.logs_c_note)() } else { tr(|t| t.logs_ab_note)() }}</p>
            </When>
            <form class="logs-form" role="search" novalidate hidden=move || gen().is_none()
                on:submit=move |ev| { ev.prevent_default(); fetch(cms, 1); }>
                <div class="grid">{fields}</div>
                <div class="actions">
                    <button type="submit" class="primary search-logs" disabled=cms.busy>{tr(|t| t.search_button)}</button>
                    <button type="button" class="secondary export-logs" disabled=move || rows().is_none_or(|r| r.0.is_empty()) on:click=export>
                        {tr(|t| t.logs_export)}
                    </button>
                </div>
            </form>
            <div hidden=move || sent.get().is_none()>
                <CmsPager cms show=SHOW total=Signal::derive(move || rows().map_or(0, |r| r.1))
                    found_text=|t| t.logs_found go=Callback::new(move |n| fetch(cms, n))/>
            </div>
            <div class="plain-scroll" on:click=pick
                inner_html=move || rows().filter(|r| !r.0.is_empty()).map(|(rows, _)| log_table(&rows)).unwrap_or_default()></div>
        </section>
    }
    .into_any()
}

/// A page of rows, drawn at once as markup (docs: model::markup).
fn log_table(rows: &[LogRow]) -> String {
    let app = use_app();
    let t = app.t();
    let locale = app.locale.get();
    let times: Vec<String> = rows.iter().map(|r| time_text(&r.time, locale)).collect();
    let heads = [
        t.col_time,
        t.col_sender,
        t.col_receiver,
        t.col_content_type,
        t.col_summary,
    ];
    let revoke = format!("{}…", t.revoke_button);
    crate::model::markup::logs_table(rows, &times, heads, [t.open_media, &revoke])
}
