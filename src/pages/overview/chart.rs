//! One chart of the overview: its totals, the drawing, its numbers as a
//! table, and a line on what they mean and miss (docs/cms.md#cms-buckets);
//! and the top-12 lists, each name linked to its page.

use leptos::prelude::*;
use serde_json::Value;

use crate::api::cms::Gen;
use crate::api::cms_stats::{self, Range, Series};
use crate::api::ApiError;
use crate::components::error_box::ErrorBox;
use crate::i18n::{Pick, Strings};
use crate::model::chart::{figure, ranking, Drawn, Texts};
use crate::state::{tr, use_app};

/// A panel: its name, texts, the route it reads (an index into
/// `cms_stats::ROUTES`), and what it draws.
#[derive(Clone, Copy)]
pub struct Def {
    pub id: &'static str,
    pub title: Pick,
    pub note: Pick,
    pub route: usize,
    pub kind: Kind,
}

#[derive(Clone, Copy)]
pub enum Kind {
    /// Bars (side by side for two series) or a line, each series by its
    /// total's key, its items' key ("": the same) and name.
    Chart {
        series: &'static [(&'static str, &'static str, Pick)],
        line: bool,
    },
    /// A top-12 list of "user" or "group"; the note when C lost the IDs.
    Top { who: &'static str, note_c: Pick },
}

type Answer = RwSignal<Option<Result<Value, ApiError>>>;
type Shown = RwSignal<Option<(Gen, Range)>>;

/// The panel's markup for the data of what is shown.
fn html(def: Def, t: &'static Strings, gen: Gen, range: Range, data: &Value) -> String {
    match def.kind {
        Kind::Chart { series, line } => {
            let series: Vec<(&'static str, Series)> = (series.iter())
                .map(|&(total, item, name)| {
                    let list = format!("{total}_list");
                    let item = if item.is_empty() { total } else { item };
                    (
                        name(t),
                        cms_stats::series(gen, data, range, [total, &list, item]),
                    )
                })
                .collect();
            let drawn: Vec<Drawn> = series.iter().map(|(n, s)| (*n, &s.points[..])).collect();
            let totals: Vec<u64> = series.iter().map(|(_, s)| s.total).collect();
            let texts = Texts {
                title: (def.title)(t),
                numbers: t.numbers_label,
                from: t.col_bucket,
            };
            figure(&texts, &drawn, &totals, line, range.monthly())
        }
        Kind::Top { who, .. } => {
            let rows: Vec<_> = (cms_stats::top(gen, data, who).into_iter())
                .map(|(id, name, n)| {
                    let href = (!id.is_empty()).then(|| match who {
                        "user" => crate::routes::user(&id),
                        _ => crate::routes::group(&id),
                    });
                    let name = if name.is_empty() { id } else { name };
                    let count =
                        crate::i18n::fill(t.top_messages.form(n as usize), &[("count", &n)]);
                    (href, name, count)
                })
                .collect();
            match rows.is_empty() {
                true => format!(r#"<p class="muted">{}</p>"#, t.chart_empty),
                false => ranking(&rows),
            }
        }
    }
}

/// A panel of the overview: its title, then while its answer is on its
/// way a status, its error, or what it draws; then what the numbers mean
/// and miss (docs/cms.md#cms-buckets).
#[component]
pub fn Chart(def: Def, answer: Answer, shown: Shown) -> impl IntoView {
    let app = use_app();
    let body = move || {
        let (gen, range) = shown.get()?;
        let t = app.t();
        answer.with(|a| {
            a.as_ref().map(|a| {
                a.as_ref()
                    .map(|d| html(def, t, gen, range, d))
                    .map_err(Clone::clone)
            })
        })
    };
    let note = move || match (def.kind, shown.get().map(|s| s.0)) {
        (Kind::Top { note_c, .. }, Some(Gen::C)) => tr(note_c)(),
        _ => tr(def.note)(),
    };
    view! {
        <section class=format!("panel chart chart-{}", def.id) aria-labelledby=format!("chart-{}", def.id)>
            <h2 id=format!("chart-{}", def.id)>{tr(def.title)}</h2>
            {move || match body() {
                None => view! { <p class="muted" role="status">{tr(|t| t.loading)}</p> }.into_any(),
                Some(Err(error)) => view! { <ErrorBox error/> }.into_any(),
                Some(Ok(html)) => view! { <div inner_html=html></div> }.into_any(),
            }}
            <p class="hint chart-note">{note}</p>
        </section>
    }
}
