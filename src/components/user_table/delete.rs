//! The confirmation before users are deleted.

use leptos::prelude::*;

use crate::components::bulk::Run;
use crate::model::bulk::{steps, Step, DELETE_MAX};
use crate::state::{counted, flag, tr, with_count};

/// Deleting is final, so the operator types the count to confirm it.
#[component]
pub(super) fn DeleteConfirm(
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
    // A form may not be a dialog itself: the dialog holds it.
    view! {
        <div role="alertdialog" aria-labelledby="delete-title">
        <form class="confirm" novalidate on:submit=confirm>
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
        </div>
    }
    .into_any()
}
