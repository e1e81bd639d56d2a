//! The overview: the server's users, messages and groups over a range of
//! days, from the CMS statistics (docs/cms.md#cms-statistics), drawn as
//! charts with their numbers, and the most active users and groups. The
//! page after sign-in when a CMS answers.

pub mod chart;

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use serde_json::Value;

use crate::api::cms::Gen;
use crate::api::cms_stats::{self, Range, ROUTES};
use crate::api::ApiError;
use crate::components::cms::{CmsNote, CmsPage};
use crate::components::text_field::TextField;
use crate::i18n::{fill, Pick};
use crate::model::days::{day_text, parse_day};
use crate::state::{kept_draft, tr, use_app};
use chart::{Chart, Def, Kind};

/// What each route answered for the range shown, by route.
type Answers = [RwSignal<Option<Result<Value, ApiError>>>; 5];

/// The panels, by route (an index into `ROUTES`) and what they draw.
const CHARTS: [Def; 8] = [
    chart(
        "new-users",
        |t| t.chart_new_users,
        |t| t.note_new_users,
        0,
        USERS_NEW,
        false,
    ),
    chart(
        "total-users",
        |t| t.chart_total_users,
        |t| t.note_total_users,
        0,
        USERS_TOTAL,
        true,
    ),
    chart(
        "active-users",
        |t| t.chart_active_users,
        |t| t.note_active_users,
        0,
        USERS_ACTIVE,
        false,
    ),
    chart(
        "messages",
        |t| t.chart_messages,
        |t| t.note_messages,
        1,
        MESSAGES,
        false,
    ),
    chart(
        "new-groups",
        |t| t.chart_new_groups,
        |t| t.note_new_groups,
        2,
        GROUPS_NEW,
        false,
    ),
    chart(
        "total-groups",
        |t| t.chart_total_groups,
        |t| t.note_total_groups,
        2,
        GROUPS_TOTAL,
        true,
    ),
    Def {
        id: "top-users",
        title: |t| t.top_users,
        note: |t| t.note_top_users,
        route: 3,
        kind: Kind::Top {
            who: "user",
            note_c: |t| t.note_top_users_c,
        },
    },
    Def {
        id: "top-groups",
        title: |t| t.top_groups,
        note: |t| t.note_top_groups,
        route: 4,
        kind: Kind::Top {
            who: "group",
            note_c: |t| t.note_top_groups,
        },
    },
];

const fn chart(
    id: &'static str,
    title: Pick,
    note: Pick,
    route: usize,
    series: &'static [(&'static str, &'static str, Pick)],
    line: bool,
) -> Def {
    Def {
        id,
        title,
        note,
        route,
        kind: Kind::Chart { series, line },
    }
}

/// A series: its total's key, its list's item key when not the same,
/// and its name (docs/cms.md#cms-statistics).
type Named = [(&'static str, &'static str, Pick)];
const USERS_NEW: &Named = &[("increase_user_num", "", |t| t.chart_new_users)];
const USERS_TOTAL: &Named = &[("total_user_num", "", |t| t.chart_total_users)];
const USERS_ACTIVE: &Named = &[("active_user_num", "", |t| t.chart_active_users)];
const GROUPS_NEW: &Named = &[("increase_group_num", "", |t| t.chart_new_groups)];
const GROUPS_TOTAL: &Named = &[("total_group_num", "", |t| t.chart_total_groups)];
const MESSAGES: &Named = &[
    ("private_message_num", "message_num", |t| t.series_private),
    ("group_message_num", "message_num", |t| t.series_group),
];

/// The range choices, as kept in the draft.
const CHOICES: [(&str, Pick); 4] = [
    ("7d", |t| t.range_week),
    ("30d", |t| t.range_month),
    ("12m", |t| t.range_year),
    ("custom", |t| t.range_custom),
];

#[component]
pub fn OverviewPage() -> impl IntoView {
    let app = use_app();
    let choice = kept_draft("overview.range");
    if choice.get_untracked().is_empty() {
        choice.set("7d".into());
    }
    let from = kept_draft("overview.from");
    let to = kept_draft("overview.to");
    let problems = RwSignal::new((None::<Pick>, None::<Pick>));
    let answers: Answers = std::array::from_fn(|_| RwSignal::new(None));
    // The generation and range the answers are for.
    let shown = RwSignal::new(None::<(Gen, Range)>);

    let load = move |cms: CmsPage| {
        let Some(found) = cms.get_untracked() else {
            return;
        };
        let range = match choice.get_untracked().as_str() {
            "30d" => Range::days(crate::session::today(), 30),
            "12m" => Range::months(crate::session::today()),
            "custom" => {
                let (f, t) = (
                    parse_day(&from.get_untracked()),
                    parse_day(&to.get_untracked()),
                );
                let bad = |d: Option<i64>| d.is_none().then_some((|t| t.err_bad_day) as Pick);
                let after = matches!((f, t), (Some(f), Some(t)) if f > t);
                problems.set((bad(f), bad(t).or(after.then_some(|t| t.err_from_after_to))));
                match (f, t) {
                    (Some(from), Some(to)) if !after => Range { from, to },
                    _ => return,
                }
            }
            _ => Range::days(crate::session::today(), 7),
        };
        problems.set((None, None));
        shown.set(Some((found.gen, range)));
        for (i, route) in ROUTES.iter().enumerate() {
            answers[i].set(None);
            let req = cms_stats::request(
                found.gen,
                route,
                range,
                &crate::api::opid::next_operation_id(),
            );
            leptos::task::spawn_local(async move {
                let got = cms.call(req).await;
                // A later range overtakes this one.
                if shown.try_get_untracked().flatten() == Some((found.gen, range)) {
                    answers[i].set(Some(got));
                }
            });
        }
    };
    // Landing here from sign-in with no CMS: the user pages instead.
    let navigate = use_navigate();
    let landing = (web_sys::window().and_then(|w| w.location().search().ok()))
        .is_some_and(|q| q.contains("start"));
    let cms = CmsPage::new(move |cms| {
        if landing && cms.get_untracked().is_none() {
            navigate(crate::routes::USERS.path, Default::default());
        }
        load(cms);
    });
    let pick = move |key: &'static str| {
        choice.set(key.to_string());
        if key != "custom" {
            load(cms);
        }
    };
    let problem = move |i: usize| {
        Signal::derive(move || {
            let (f, t) = problems.get();
            [f, t][i].map(|p| p(app.t()).to_string())
        })
    };
    let buckets = move || {
        shown.get().map(|(_, r)| {
            let note = if r.monthly() {
                app.t().buckets_monthly
            } else {
                app.t().buckets_daily
            };
            fill(note, &[("from", &r.from_text()), ("to", &r.to_text())])
        })
    };
    if from.get_untracked().is_empty() {
        from.set(day_text(crate::session::today() - 13));
        to.set(day_text(crate::session::today()));
    }

    view! {
        <section class="page overview">
            <h1>{tr(|t| t.overview_title)}</h1>
            <p class="intro">{tr(|t| t.overview_intro)}</p>
            <CmsNote page=cms/>
            {move || cms.get().map(|_| view! {
                <form class="panel range-form" novalidate on:submit=move |ev| { ev.prevent_default(); load(cms); }>
                    <div class="range-choices" role="group" aria-label=tr(|t| t.range_label)>
                        {CHOICES.map(|(key, label)| view! {
                            <button type="button" class=format!("secondary range-{key}")
                                aria-pressed=move || (choice.get() == key).to_string()
                                on:click=move |_| pick(key)>{tr(label)}</button>
                        }).collect_view()}
                    </div>
                    {move || (choice.get() == "custom").then(|| view! {
                        <div class="range-days">
                            <TextField id="range-from" kind="date" label=tr(|t| t.field_from_day) value=from error=problem(0)/>
                            <TextField id="range-to" kind="date" label=tr(|t| t.field_to_day) value=to error=problem(1)/>
                            <button type="submit" class="primary show-range">{tr(|t| t.show_button)}</button>
                        </div>
                    })}
                    <p class="hint buckets">{buckets}</p>
                </form>
                <div class="charts">
                    {CHARTS.map(|def| view! { <Chart def answer=answers[def.route] shown/> }).collect_view()}
                </div>
            })}
        </section>
    }
}
