//! User lookup: registration, profile and online status for pasted IDs,
//! split into the server's batch limits, with progress, filtering, export
//! and retry of failed requests.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use leptos::prelude::*;

use crate::api::endpoints::{self, ACCOUNT_CHECK_MAX, ONLINE_STATUS_MAX};
use crate::api::ids::{chunk, parse_id_list};
use crate::api::transport::{post, Connection, Scope};
use crate::api::user::{
    safe_url, AccountCheckReq, AccountStatus, GetAllUsersUidReq, GetUsersInfoReq,
    GetUsersOnlineStatusReq, OnlineStatus, UserInfo, GENDER_FEMALE, GENDER_MALE,
};
use crate::api::{ApiError, ErrorKind};
use crate::components::download::save_text;
use crate::components::error_box::ErrorBox;
use crate::components::id_list_input::IdListInput;
use crate::components::progress::Progress;
use crate::i18n::{fill, Strings};
use crate::model::csv;
use crate::model::users::{csv_row, filter, window, Lookup, Show, UserRow, CSV_HEADER};
use crate::state::{tr, use_app, AppState};

const DRAFT: &str = "users.ids";
/// get_users_info has no documented cap; stay at account_check's.
const INFO_MAX: usize = 100;
const ROW_HEIGHT: u32 = 44;
const VIEWPORT: u32 = 560;
/// Failed requests shown in full; the rest are counted.
const ERRORS_SHOWN: usize = 3;

/// One request of a lookup; kept so a failed one can be sent again.
#[derive(Clone, Debug, PartialEq)]
enum Step {
    Accounts(Vec<String>),
    Infos(Vec<String>),
    Online(Vec<String>),
}

#[derive(Clone, Debug, PartialEq)]
struct Failed {
    step: Step,
    error: ApiError,
}

fn plan(ids: &[String]) -> Vec<Step> {
    let mut steps: Vec<Step> = chunk(ids, ACCOUNT_CHECK_MAX)
        .map(|c| Step::Accounts(c.to_vec()))
        .collect();
    steps.extend(chunk(ids, INFO_MAX).map(|c| Step::Infos(c.to_vec())));
    steps.extend(chunk(ids, ONLINE_STATUS_MAX).map(|c| Step::Online(c.to_vec())));
    steps
}

/// Sends one step and merges its answer into the table.
async fn run_step(
    conn: &Connection,
    scope: &Scope,
    step: &Step,
    lookup: RwSignal<Lookup>,
) -> Result<(), ApiError> {
    match step {
        Step::Accounts(ids) => {
            let req = AccountCheckReq {
                check_user_id_list: ids.clone(),
            };
            let r: Vec<AccountStatus> = post(conn, scope, endpoints::ACCOUNT_CHECK, &req).await?;
            lookup.update(|l| l.apply_accounts(&r));
        }
        Step::Infos(ids) => {
            let req = GetUsersInfoReq {
                user_id_list: ids.clone(),
            };
            let r: Vec<UserInfo> = post(conn, scope, endpoints::GET_USERS_INFO, &req).await?;
            lookup.update(|l| l.apply_infos(ids, r));
        }
        Step::Online(ids) => {
            let req = GetUsersOnlineStatusReq {
                user_id_list: ids.clone(),
            };
            let r: Vec<OnlineStatus> =
                post(conn, scope, endpoints::GET_USERS_ONLINE_STATUS, &req).await?;
            lookup.update(|l| l.apply_online(r));
        }
    }
    Ok(())
}

#[derive(Clone, Copy)]
struct Run {
    lookup: RwSignal<Lookup>,
    done: RwSignal<usize>,
    total: RwSignal<usize>,
    running: RwSignal<bool>,
    failed: RwSignal<Vec<Failed>>,
}

/// What the workers of one run share.
struct Pool {
    run: Run,
    app: AppState,
    conn: Connection,
    scope: Scope,
    stop: Arc<AtomicBool>,
    queue: RefCell<VecDeque<Step>>,
    /// A refused token ends the run: nothing more is sent with it.
    session_lost: Cell<bool>,
    /// Workers still running; the last one to finish closes the run.
    workers: Cell<usize>,
}

/// Requests in flight at once.
const WORKERS: usize = 3;

impl Run {
    /// Runs the steps, three at a time; a failed step is recorded and the
    /// rest go on. A refused token ends the run and the session.
    fn start(self, app: AppState, scope: Scope, stop: Arc<AtomicBool>, steps: Vec<Step>) {
        let Some(conn) = app.connection() else {
            app.session_refused();
            return;
        };
        stop.store(false, Ordering::Relaxed);
        self.done.set(0);
        self.total.set(steps.len());
        self.running.set(true);
        let pool = Rc::new(Pool {
            run: self,
            app,
            conn,
            scope,
            stop,
            queue: RefCell::new(VecDeque::from(steps)),
            session_lost: Cell::new(false),
            workers: Cell::new(WORKERS),
        });
        for _ in 0..WORKERS {
            leptos::task::spawn_local(work(pool.clone()));
        }
    }
}

/// One worker: takes the next step until none is left.
async fn work(pool: Rc<Pool>) {
    let run = pool.run;
    while !pool.session_lost.get() {
        let Some(step) = pool.queue.borrow_mut().pop_front() else {
            break;
        };
        // Stopped: what was not sent is kept as failed, so "retry" resumes
        // where the operator stopped.
        let result = if pool.stop.load(Ordering::Relaxed) {
            Err(ApiError::new("", ErrorKind::Aborted))
        } else {
            run_step(&pool.conn, &pool.scope, &step, run.lookup).await
        };
        match result {
            Ok(()) => {}
            Err(e) if e.is_session() => {
                pool.session_lost.set(true);
                pool.scope.abort_all();
            }
            Err(_) if pool.session_lost.get() => {}
            Err(error) => run.failed.update(|f| f.push(Failed { step, error })),
        }
        run.done.update(|d| *d += 1);
    }
    pool.workers.set(pool.workers.get() - 1);
    if pool.workers.get() == 0 {
        run.running.set(false);
        if pool.session_lost.get() {
            pool.app.session_refused();
        }
    }
}

#[component]
pub fn UsersPage() -> impl IntoView {
    let app = use_app();
    let scope = Scope::new();
    let stop = Arc::new(AtomicBool::new(false));
    on_cleanup({
        let scope = scope.clone();
        move || scope.abort_all()
    });

    // The textarea is saved as a draft on every change, so a refused token
    // or a reload never loses what the operator pasted.
    let ids_text = RwSignal::new(crate::session::draft(DRAFT).unwrap_or_default());
    Effect::new(move |_| crate::session::set_draft(DRAFT, &ids_text.get()));

    let ids_error = RwSignal::new(None::<String>);
    let info = RwSignal::new(None::<String>);
    let load_error = RwSignal::new(None::<ApiError>);
    let run = Run {
        lookup: RwSignal::new(Lookup::default()),
        done: RwSignal::new(0),
        total: RwSignal::new(0),
        running: RwSignal::new(false),
        failed: RwSignal::new(Vec::new()),
    };
    let text_filter = RwSignal::new(String::new());
    let show = RwSignal::new(Show::All);
    let scroll_top = RwSignal::new(0_u32);
    let table_ref = NodeRef::<leptos::html::Div>::new();
    // A new filter starts at the top of its results.
    Effect::new(move |_| {
        text_filter.track();
        show.track();
        scroll_top.set(0);
        if let Some(el) = table_ref.get_untracked() {
            el.set_scroll_top(0);
        }
    });

    let look_up = {
        let (scope, stop) = (scope.clone(), stop.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if run.running.get_untracked() {
                return;
            }
            let ids = parse_id_list(&ids_text.get_untracked()).ids;
            if ids.is_empty() {
                ids_error.set(Some(app.t().err_ids_empty.to_string()));
                return;
            }
            ids_error.set(None);
            info.set(None);
            run.failed.set(Vec::new());
            run.lookup.set(Lookup::new(&ids));
            scroll_top.set(0);
            run.start(app, scope.clone(), stop.clone(), plan(&ids));
        }
    };

    let retry = {
        let (scope, stop) = (scope.clone(), stop.clone());
        move |_| {
            let steps: Vec<Step> = run
                .failed
                .get_untracked()
                .into_iter()
                .map(|f| f.step)
                .collect();
            run.failed.set(Vec::new());
            run.start(app, scope.clone(), stop.clone(), steps);
        }
    };

    let load_all = {
        let scope = scope.clone();
        move |_| {
            let Some(conn) = app.connection() else {
                app.session_refused();
                return;
            };
            let scope = scope.clone();
            load_error.set(None);
            leptos::task::spawn_local(async move {
                match post::<_, Vec<String>>(
                    &conn,
                    &scope,
                    endpoints::GET_ALL_USERS_UID,
                    &GetAllUsersUidReq {},
                )
                .await
                {
                    Ok(ids) => {
                        info.set(Some(fill(app.t().loaded_all, &[("count", &ids.len())])));
                        ids_text.set(ids.join("\n"));
                    }
                    Err(e) if e.is_session() => app.session_refused(),
                    Err(e) => load_error.set(Some(e)),
                }
            });
        }
    };

    let stop_run = {
        let (scope, stop) = (scope.clone(), stop.clone());
        move |_| {
            stop.store(true, Ordering::Relaxed);
            scope.abort_all();
        }
    };

    let visible = Memo::new(move |_| {
        run.lookup
            .with(|l| filter(&l.rows, &text_filter.get(), show.get()))
    });

    let export = move |_| {
        let doc = run.lookup.with_untracked(|l| {
            visible.with_untracked(|v| {
                csv::document(&CSV_HEADER, v.iter().map(|&i| csv_row(&l.rows[i])))
            })
        });
        let _ = save_text("openim-users.csv", "text/csv;charset=utf-8", &doc);
    };

    view! {
        <section class="page users">
            <h1>{tr(|t| t.users_title)}</h1>
            <p class="intro">{tr(|t| t.users_intro)}</p>
            <form class="lookup-form" novalidate on:submit=look_up>
                <IdListInput id="user-ids" label=Signal::derive(tr(|t| t.ids_label)) value=ids_text error=ids_error/>
                <div class="actions">
                    <button type="submit" class="primary" disabled=move || run.running.get()>{tr(|t| t.lookup_button)}</button>
                    <button type="button" class="secondary load-all" disabled=move || run.running.get() on:click=load_all>{tr(|t| t.load_all_button)}</button>
                    <button type="button" class="secondary" disabled=move || run.running.get() on:click=move |_| ids_text.set(String::new())>{tr(|t| t.clear_button)}</button>
                    <Show when=move || run.running.get()>
                        <button type="button" class="danger stop" on:click=stop_run.clone()>{tr(|t| t.stop_button)}</button>
                    </Show>
                </div>
            </form>
            {move || info.get().map(|m| view! { <p class="notice" role="status">{m}</p> })}
            {move || load_error.get().map(|e| view! { <ErrorBox error=e/> })}
            <Show when=move || { run.total.get() > 0 }>
                <Progress done=run.done total=run.total/>
            </Show>
            <Show when=move || !run.failed.get().is_empty()>
                <div class="failures">
                    <p role="alert">{move || fill(app.t().failed_requests, &[("count", &run.failed.get().len())])}</p>
                    <button type="button" class="secondary retry" disabled=move || run.running.get() on:click=retry.clone()>{tr(|t| t.retry_failed)}</button>
                    {move || run.failed.get().into_iter().take(ERRORS_SHOWN).map(|f| view! { <ErrorBox error=f.error/> }).collect_view()}
                </div>
            </Show>
            <Show when=move || run.lookup.with(|l| !l.rows.is_empty())>
                <ResultsToolbar lookup=run.lookup text_filter show visible export/>
                <UserTable lookup=run.lookup visible scroll_top table_ref/>
            </Show>
        </section>
    }
}

#[component]
fn ResultsToolbar(
    lookup: RwSignal<Lookup>,
    text_filter: RwSignal<String>,
    show: RwSignal<Show>,
    visible: Memo<Vec<usize>>,
    export: impl Fn(leptos::ev::MouseEvent) + 'static,
) -> impl IntoView {
    let app = use_app();
    let show_label = move |s: Show| {
        let t = app.t();
        match s {
            Show::All => t.show_all,
            Show::Registered => t.show_registered,
            Show::Unregistered => t.show_unregistered,
            Show::Online => t.show_online,
            Show::Incomplete => t.show_incomplete,
        }
    };
    view! {
        <p class="summary" aria-live="polite">
            {move || {
                let s = lookup.with(|l| l.summary());
                fill(app.t().results_summary, &[
                    ("total", &s.total), ("registered", &s.registered), ("unregistered", &s.unregistered),
                    ("online", &s.online), ("incomplete", &s.incomplete),
                ])
            }}
        </p>
        <div class="toolbar">
            <div class="field inline">
                <label for="users-filter">{tr(|t| t.filter_label)}</label>
                <input id="users-filter" type="search" placeholder=tr(|t| t.filter_placeholder)
                    prop:value=move || text_filter.get()
                    on:input:target=move |ev| text_filter.set(ev.target().value())/>
            </div>
            <div class="field inline">
                <label for="users-show">{tr(|t| t.show_label)}</label>
                <select id="users-show" prop:value=move || show.get().key()
                    on:change:target=move |ev| show.set(Show::from_key(&ev.target().value()))>
                    {Show::ALL.map(|s| view! { <option value=s.key()>{move || show_label(s)}</option> })}
                </select>
            </div>
            <span class="rows-shown">
                {move || fill(app.t().rows_shown, &[("shown", &visible.with(Vec::len)), ("total", &lookup.with(|l| l.rows.len()))])}
            </span>
            <button type="button" class="secondary export" on:click=export>{tr(|t| t.export_csv)}</button>
        </div>
    }
}

/// The results, rendered a screenful at a time so 10 000 rows stay smooth.
#[component]
fn UserTable(
    lookup: RwSignal<Lookup>,
    visible: Memo<Vec<usize>>,
    scroll_top: RwSignal<u32>,
    table_ref: NodeRef<leptos::html::Div>,
) -> impl IntoView {
    let rows = move || {
        let all = visible.get();
        let (start, end) = window(all.len(), ROW_HEIGHT, scroll_top.get(), VIEWPORT);
        let before = start * ROW_HEIGHT as usize;
        let after = (all.len() - end) * ROW_HEIGHT as usize;
        let shown: Vec<UserRow> =
            lookup.with(|l| all[start..end].iter().map(|&i| l.rows[i].clone()).collect());
        view! {
            <tr class="spacer" aria-hidden="true" style:height=format!("{before}px")></tr>
            {shown.into_iter().map(|r| view! { <UserRowView row=r/> }).collect_view()}
            <tr class="spacer" aria-hidden="true" style:height=format!("{after}px")></tr>
        }
    };
    view! {
        <div class="table-scroll" node_ref=table_ref style:max-height=format!("{VIEWPORT}px")
            on:scroll:target=move |ev| scroll_top.set(ev.target().scroll_top().max(0) as u32)>
            <table class="results">
                <thead>
                    <tr>
                        <th scope="col" class="c-user-id">{tr(|t| t.col_user_id)}</th>
                        <th scope="col" class="c-account">{tr(|t| t.col_account)}</th>
                        <th scope="col" class="c-face">{tr(|t| t.col_face)}</th>
                        <th scope="col" class="c-nickname">{tr(|t| t.col_nickname)}</th>
                        <th scope="col" class="c-gender">{tr(|t| t.col_gender)}</th>
                        <th scope="col" class="c-ex">{tr(|t| t.col_ex)}</th>
                        <th scope="col" class="c-online">{tr(|t| t.col_online)}</th>
                        <th scope="col" class="c-platforms">{tr(|t| t.col_platforms)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            <Show when=move || visible.with(Vec::is_empty)>
                <p class="empty">{tr(|t| t.no_matches)}</p>
            </Show>
        </div>
    }
}

#[component]
pub fn UserRowView(row: UserRow) -> impl IntoView {
    let info = row.info.clone().unwrap_or_default();
    let face = match safe_url(&info.face_url) {
        Some(url) => view! { <img class="face" src=url.to_string() alt="" width="28" height="28" loading="lazy" referrerpolicy="no-referrer"/> }.into_any(),
        None if info.face_url.is_empty() => view! { <span class="muted">{tr(|t| t.no_face)}</span> }.into_any(),
        None => view! { <span class="muted raw">{info.face_url.clone()}</span> }.into_any(),
    };
    // Texts as picks from the current language, so a language switch
    // re-renders them without a view per state.
    let (account_class, account_text): (_, fn(&Strings) -> &'static str) = match row.registered {
        Some(true) => ("badge ok", |t| t.registered),
        Some(false) => ("badge warn", |t| t.unregistered),
        None => ("badge unknown", |t| t.unknown),
    };
    let gender_text: fn(&Strings) -> &'static str = match info.gender {
        GENDER_MALE => |t| t.gender_male,
        GENDER_FEMALE => |t| t.gender_female,
        _ => |t| t.gender_unset,
    };
    let (online_class, online_text): (_, fn(&Strings) -> &'static str) =
        match (&row.online, row.is_online()) {
            (_, true) => ("badge ok", |t| t.online),
            (Some(_), false) => ("badge", |t| t.offline),
            (None, _) => ("badge unknown", |t| t.unknown),
        };
    let badge =
        |class: &'static str, pick| view! { <span class=class>{tr(pick)}</span> }.into_any();
    let platforms = row.platforms();
    // Every column renders through one cell shape, so the table's
    // rendering code is compiled once rather than once per column.
    let cells: [(&str, Option<String>, AnyView); 8] = [
        (
            "user-id",
            Some(row.user_id.clone()),
            view! { <code>{row.user_id.clone()}</code> }.into_any(),
        ),
        ("account", None, badge(account_class, account_text)),
        ("face-cell", None, face),
        (
            "nickname",
            Some(info.nickname.clone()),
            info.nickname.into_any(),
        ),
        ("gender", None, tr(gender_text).into_any()),
        ("ex", Some(info.ex.clone()), info.ex.into_any()),
        ("online", None, badge(online_class, online_text)),
        ("platforms", Some(platforms.clone()), platforms.into_any()),
    ];
    view! {
        <tr data-user-id=row.user_id>
            {cells.into_iter().map(|(class, title, content)| view! { <td class=class title=title>{content}</td> }).collect::<Vec<_>>()}
        </tr>
    }
}
