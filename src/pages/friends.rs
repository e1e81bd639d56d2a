//! Friends and blacklists: import friendships for one user or from a CSV of
//! pairs, and block users for an owner, with each pair's result and what
//! the v2 server's answers mean (docs/api.md#friends).

use leptos::prelude::*;

use crate::api::ids::parse_id_list;
use crate::components::bulk::Run;
use crate::components::confirm::Confirm;
use crate::components::field_error::FieldError;
use crate::components::id_list_input::IdListInput;
use crate::components::text_field::TextField;
use crate::components::undo::Undo;
use crate::components::user_table::{Purpose, RunStatus, UserResults, PAIR_RESULT_COLUMNS};
use crate::i18n::{fill, Pick};
use crate::model::bulk::plan_action;
use crate::model::outcome::Action;
use crate::model::pairs::{parse_pairs, PairProblem};
use crate::model::users::Lookup;
use crate::state::{flag, kept_draft, tr, use_app, When};

/// Bad CSV lines listed in full; the rest are counted.
const BAD_SHOWN: usize = 10;

/// Starts `action` over (from, userID) pairs; the results table below
/// shows the latest.
type Start = Callback<(Action, Vec<(String, String)>)>;

#[component]
pub fn FriendsPage() -> impl IntoView {
    let app = use_app();
    // One call at a time: blocks are written row by row on the server.
    let run = Run::new(app).one_at_a_time();
    let start: Start = Callback::new(move |(action, pairs): (Action, Vec<(String, String)>)| {
        if run.running.get_untracked() {
            return;
        }
        run.failed.set(Vec::new());
        run.lookup.set(Lookup::results(action, &pairs, None));
        run.add(plan_action(app.release(), action, "", "", &pairs));
    });
    let ask = RwSignal::new(None);
    view! {
        <section class="page friends">
            <h1>{tr(|t| t.friends_title)}</h1>
            <p class="intro">{tr(|t| t.friends_intro)}</p>
            <OneUserForm form=&IMPORT start busy=run.running/>
            <ImportPairs start busy=run.running/>
            <OneUserForm form=&BLACKLIST start busy=run.running/>
            <section class="panel friend-results" aria-labelledby="friend-results-title">
                <h2 id="friend-results-title">{tr(|t| t.results_title)}</h2>
                <RunStatus run/>
                <When when=flag(move || run.lookup.with(|l| l.rows.is_empty()))>
                    <p class="muted">{tr(|t| t.results_none)}</p>
                </When>
                <UserResults run columns=PAIR_RESULT_COLUMNS summary=|t| t.member_results_summary purpose=Purpose::Results id="results"/>
                <Undo run ask group=StoredValue::new(String::new())/>
                <Confirm ask/>
            </section>
        </section>
    }
}

/// One user acting on any number of others: what a form of that kind
/// says and does. `key` names its drafts, element ids and classes.
struct OneToMany {
    action: Action,
    key: &'static str,
    title: Pick,
    from_label: Pick,
    ids_label: Pick,
    notes: &'static [Pick],
    button: Pick,
}

/// Friends for one fromUserID: both directions, 100 a call.
const IMPORT: OneToMany = OneToMany {
    action: Action::ImportFriend,
    key: "import",
    title: |t| t.import_title,
    from_label: |t| t.field_from_user,
    ids_label: |t| t.friend_ids_label,
    notes: &[|t| t.import_rules],
    button: |t| t.import_button,
};

/// Blocks for one owner, one call each.
const BLACKLIST: OneToMany = OneToMany {
    action: Action::AddBlack,
    key: "black",
    title: |t| t.black_title,
    from_label: |t| t.field_black_owner,
    ids_label: |t| t.black_ids_label,
    notes: &[
        |t| t.black_note_friendship,
        |t| t.black_note_messages,
        |t| t.black_note_unchecked,
    ],
    button: |t| t.black_button,
};

#[component]
fn OneUserForm(form: &'static OneToMany, start: Start, busy: RwSignal<bool>) -> impl IntoView {
    let app = use_app();
    let key = form.key;
    let from = kept_draft(format!("friends.{key}.from"));
    let ids = kept_draft(format!("friends.{key}.ids"));
    let (from_error, ids_error) = (RwSignal::new(None), RwSignal::new(None));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let who = from.get_untracked().trim().to_string();
        let list = parse_id_list(&ids.get_untracked()).ids;
        from_error.set(who.is_empty().then(|| app.t().err_from_missing.to_string()));
        ids_error.set(list.is_empty().then(|| app.t().err_ids_empty.to_string()));
        if !who.is_empty() && !list.is_empty() {
            let pairs = list.into_iter().map(|id| (who.clone(), id)).collect();
            start.run((form.action, pairs));
        }
    };
    view! {
        <section class=format!("panel {key}") aria-labelledby=format!("{key}-title")>
            <h2 id=format!("{key}-title")>{tr(form.title)}</h2>
            <form class=format!("{key}-form") novalidate on:submit=submit>
                <TextField id=format!("{key}-from") label=Signal::derive(tr(form.from_label)) value=from error=from_error/>
                <IdListInput id=format!("{key}-ids") label=Signal::derive(tr(form.ids_label)) value=ids error=ids_error/>
                <ul class="hint notes">
                    {form.notes.iter().map(|&note| view! { <li>{tr(note)}</li> }).collect_view()}
                </ul>
                <div class="actions">
                    <button type="submit" class="primary" disabled=busy>{tr(form.button)}</button>
                </div>
            </form>
        </section>
    }
}

/// A CSV of `fromUserID,friendUserID` pairs, checked line by line first.
#[component]
fn ImportPairs(start: Start, busy: RwSignal<bool>) -> impl IntoView {
    let app = use_app();
    let text = kept_draft("friends.pairs");
    let parsed = Memo::new(move |_| parse_pairs(&text.get()));
    let error = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let p = parsed.get_untracked();
        let t = app.t();
        if !p.bad.is_empty() {
            return error.set(Some(fill(
                t.pairs_bad_count.form(p.bad.len()),
                &[("count", &p.bad.len())],
            )));
        }
        if p.pairs.is_empty() {
            return error.set(Some(t.err_pairs_empty.to_string()));
        }
        error.set(None);
        start.run((Action::ImportFriend, p.pairs));
    };
    let problem = move |p: PairProblem| {
        let t = app.t();
        match p {
            PairProblem::NotTwoFields => t.pair_not_two,
            PairProblem::EmptyId => t.pair_empty,
            PairProblem::TooLong => t.pair_too_long,
        }
    };
    view! {
        <section class="panel import-pairs" aria-labelledby="pairs-title">
            <h2 id="pairs-title">{tr(|t| t.pairs_title)}</h2>
            <form class="pairs-form" novalidate on:submit=submit>
                <div class="field">
                    <label for="pairs">{tr(|t| t.pairs_label)}</label>
                    <textarea id="pairs" class="id-list" rows="8" spellcheck="false" autocomplete="off"
                        aria-describedby="pairs-hint pairs-error" aria-invalid=move || error.get().is_some().to_string()
                        prop:value=text on:input:target=move |ev| text.set(ev.target().value())></textarea>
                    <p class="hint" id="pairs-hint">
                        {tr(|t| t.pairs_hint)} " "
                        <span class="id-count" aria-live="polite">{move || {
                            let p = parsed.get();
                            fill(app.t().pairs_count.form(p.pairs.len()), &[("count", &p.pairs.len()), ("duplicates", &p.duplicates)])
                        }}</span>
                    </p>
                    <FieldError id="pairs-error".to_string() message=error/>
                    <ul class="bad-lines">
                        {move || parsed.with(|p| p.bad.iter().take(BAD_SHOWN).map(|&(line, p)| {
                            let text = fill(app.t().pair_line, &[("line", &line), ("problem", &problem(p))]);
                            view! { <li>{text}</li> }
                        }).collect_view())}
                    </ul>
                </div>
                <div class="actions">
                    <button type="submit" class="primary import-pairs-button" disabled=busy>{tr(|t| t.pairs_button)}</button>
                </div>
            </form>
        </section>
    }
}
