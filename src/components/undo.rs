//! The way back after a bulk write: once a block, import or invite run is
//! over, one button takes back what succeeded, confirmed and reported per
//! user like the original (docs/readback.md#readback-undo).

use leptos::prelude::*;

use crate::components::bulk::Run;
use crate::components::confirm::Ask;
use crate::i18n::{fill, PickCounted};
use crate::model::bulk::undo_plan;
use crate::model::outcome::Action;
use crate::model::users::Lookup;
use crate::state::{tr, use_app};

/// `group` is the group an invite run went to (unused for friend runs).
#[component]
pub fn Undo(run: Run, ask: RwSignal<Option<Ask>>, group: StoredValue<String>) -> impl IntoView {
    let app = use_app();
    // The finished run's action and how many rows it succeeded for.
    let done = Memo::new(move |_| {
        if run.running.get() {
            return None;
        }
        run.lookup.with(|l| {
            let action = l.action?;
            let n = l.summary().succeeded;
            (n > 0
                && matches!(
                    action,
                    Action::AddBlack | Action::ImportFriend | Action::Invite
                ))
            .then_some((action, n))
        })
    });
    let offer = move |(action, n): (Action, usize)| {
        let t = app.t();
        let (label, title, note, class): (&str, PickCounted, &str, &'static str) = match action {
            Action::AddBlack => (
                t.undo_unblock,
                |t| t.unblock_title,
                t.unblock_warning,
                "undo-unblock",
            ),
            Action::ImportFriend => (
                t.undo_unfriend,
                |t| t.unfriend_title,
                t.unfriend_warning,
                "undo-unfriend",
            ),
            _ => (t.undo_kick, |t| t.kick_title, t.kick_warning, "undo-kick"),
        };
        let go = move |_| {
            let pairs: Vec<(String, String)> = run.lookup.with_untracked(|l| {
                (l.rows.iter().filter(|r| r.succeeded()))
                    .map(|r| (r.from.clone(), r.user_id.clone()))
                    .collect()
            });
            let Some((inverse, rows, steps)) =
                undo_plan(app.release(), action, &group.get_value(), &pairs)
            else {
                return;
            };
            let t = app.t();
            ask.set(Some(Ask {
                title: fill(title(t).form(n), &[("count", &n)]),
                notes: vec![note.into()],
                typed: None,
                button: fill(t.confirm_count.form(n), &[("count", &n)]),
                class: "confirm-undo",
                go: Callback::new(move |()| {
                    run.failed.set(Vec::new());
                    run.lookup.set(Lookup::results(inverse, &rows, None));
                    run.add(steps.clone());
                }),
            }));
        };
        view! {
            <div class="undo" role="group" aria-label=tr(|t| t.undo_title)>
                <button type="button" class=format!("secondary {class}") on:click=go>{format!("{label} ({n})")}</button>
            </div>
        }
    };
    move || done.get().map(offer)
}
