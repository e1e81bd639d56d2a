//! Blocking users through the CMS API (docs/cms.md#cms-blocks): block
//! until a moment, unblock, and the list with expired blocks marked (C
//! lists them as blocked, T15), after one sentence on what the server
//! enforces (docs/cms.md#cms-block-enforcement). Every write is confirmed
//! and the list read again after it.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::api::cms::Gen;
use crate::api::cms_blocks;
use crate::api::ApiError;
use crate::components::cms::{CmsNote, CmsPage, CmsPager};
use crate::components::confirm::{Ask, Confirm, WriteOutcome};
use crate::components::text_field::TextField;
use crate::i18n::fill;
use crate::model::days::utc_text;
use crate::state::{kept_draft, tr, use_app};

/// Blocks a page.
const SHOW: u32 = 20;

#[component]
pub fn Blocks() -> impl IntoView {
    let app = use_app();
    let user = kept_draft("blocks.user");
    let until = kept_draft("blocks.until");
    let problems = RwSignal::new((None::<String>, None::<String>));
    let ask = RwSignal::new(None::<Ask>);
    let outcome = RwSignal::new(None::<Result<(), ApiError>>);

    let list = move |cms: CmsPage, wanted: u32| {
        if let Some(found) = cms.get_untracked() {
            cms.read(wanted, |op| cms_blocks::list(found.gen, wanted, SHOW, op));
        }
    };
    let cms = CmsPage::new(move |cms| list(cms, 1));
    let gen = move || cms.get().map(|c| c.gen);
    let enforced = move || match gen() {
        Some(Gen::C) => app.t().blocks_enforce_c,
        _ => app.t().blocks_enforce_ab,
    };
    // A write, then the list as the server now holds it.
    let write = move |build: &dyn Fn(&str) -> crate::api::cms::CmsRequest| {
        let req = build(&crate::api::opid::next_operation_id());
        outcome.set(None);
        leptos::task::spawn_local(async move {
            let got = cms.call(req).await.map(|_| ());
            if outcome.try_set(Some(got)).is_none() {
                list(cms, cms.page.get_untracked());
            }
        });
    };
    let block = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(found) = cms.get_untracked() else {
            return;
        };
        let t = app.t();
        let id = user.get_untracked().trim().to_string();
        // The input's local time, as the UTC the server reads.
        let ms = js_sys::Date::new(&until.get_untracked().into()).get_time();
        let end = (ms.is_finite()).then(|| (ms / 1000.0) as i64);
        let user_problem = id.is_empty().then(|| t.err_required.to_string());
        let until_problem = match end {
            None => Some(t.err_required),
            Some(end) if end <= crate::session::now_secs() => Some(t.err_until_past),
            _ => None,
        };
        problems.set((user_problem.clone(), until_problem.map(str::to_string)));
        let (None, None, Some(end)) = (user_problem, until_problem, end) else {
            return;
        };
        let end = utc_text(end);
        ask.set(Some(Ask {
            title: fill(t.block_confirm, &[("user", &id), ("until", &end)]),
            notes: vec![enforced().to_string()],
            typed: None,
            button: t.block_button.to_string(),
            class: "block-go",
            go: Callback::new(move |()| write(&|op| cms_blocks::block(found.gen, &id, &end, op))),
        }));
    };
    // The list's unblock buttons carry their userID.
    let unblock = move |ev: leptos::ev::MouseEvent| {
        let Some(button) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        let (Some(id), Some(found)) = (button.get_attribute("data-user"), cms.get_untracked())
        else {
            return;
        };
        let t = app.t();
        ask.set(Some(Ask {
            title: fill(t.unblock_title.form(1), &[("count", &1)]),
            notes: vec![id.clone()],
            typed: None,
            button: t.unblock_button.trim_end_matches('…').to_string(),
            class: "unblock-go",
            go: Callback::new(move |()| write(&|op| cms_blocks::unblock(found.gen, &id, op))),
        }));
    };
    let page = move || {
        let gen = gen()?;
        cms.with_data(|data| cms_blocks::page(gen, data))
    };
    let table = move || {
        let (rows, _) = page()?;
        let t = app.t();
        Some(match rows.is_empty() {
            true => format!(r#"<p class="muted">{}</p>"#, t.blocks_none),
            false => crate::model::markup::blocks_table(
                &rows,
                crate::session::now_secs(),
                [
                    t.col_user_id,
                    t.col_nickname,
                    t.col_block_begin,
                    t.col_block_end,
                    t.col_status,
                ],
                [t.block_active, t.block_expired],
                t.unblock_button,
            ),
        })
    };

    view! {
        <section class="panel blocks" aria-labelledby="blocks-title">
            <h2 id="blocks-title">{tr(|t| t.blocks_title)}</h2>
            <CmsNote page=cms/>
            <div hidden=move || gen().is_none()>
                <p class="notice blocks-enforced">{enforced}</p>
                <form class="toolbar block-form" novalidate on:submit=block>
                    <TextField id="block-user" label=tr(|t| t.field_block_user) value=user
                        error=Signal::derive(move || problems.get().0)/>
                    <TextField id="block-until" kind="datetime-local" label=tr(|t| t.field_block_until) value=until
                        error=Signal::derive(move || problems.get().1)/>
                    <button type="submit" class="primary block-button">{tr(|t| t.block_button)}</button>
                </form>
                <Confirm ask/>
                <WriteOutcome outcome/>
                <CmsPager cms show=SHOW total=Signal::derive(move || page().map_or(0, |p| p.1))
                    found_text=|t| t.blocks_found go=Callback::new(move |n| list(cms, n))/>
                <div class="plain-scroll" on:click=unblock inner_html=table></div>
            </div>
        </section>
    }
    .into_any()
}
