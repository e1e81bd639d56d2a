//! Bulk runs for the user pages: a queue of requests sent three at a time,
//! each answer merged into the users table, failed requests kept for a
//! retry, and at most one re-render per animation frame however fast the
//! answers come.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use crate::api::transport::{post_text, Answer, Connection, Scope};
use crate::api::user::GetAllUsersUidReq;
use crate::api::{ApiError, ErrorKind};
use crate::model::bulk::{plan_online, Failed, Reply, Step};
use crate::model::users::Lookup;
use crate::state::AppState;
use leptos::prelude::*;

/// Requests in flight at once.
const WORKERS: usize = 3;

/// While answers stream in, the views catch up at most this often: a
/// redraw costs the browser more than merging an answer does, and ten
/// updates a second still read as live.
const REDRAW_MS: f64 = 100.0;

/// What outlives a single run: the calls in flight, the stop flag, the
/// active queue and whether a re-render is already scheduled.
#[derive(Default)]
struct Shared {
    scope: Scope,
    stop: Rc<Cell<bool>>,
    pool: RefCell<Option<Rc<Pool>>>,
    frame_pending: Cell<bool>,
    /// When the views last caught up (ms since the epoch).
    last_redraw: Cell<f64>,
}

struct Pool {
    conn: Connection,
    queue: RefCell<VecDeque<Step>>,
    /// A refused token ends the run: nothing more is sent with it.
    session_lost: Cell<bool>,
    /// Workers still running; the last one to finish closes the run.
    workers: Cell<usize>,
}

/// The state of a page's runs, for its views.
#[derive(Clone, Copy)]
pub struct Run {
    pub lookup: RwSignal<Lookup>,
    pub done: RwSignal<usize>,
    pub total: RwSignal<usize>,
    pub running: RwSignal<bool>,
    pub failed: RwSignal<Vec<Failed>>,
    /// Users delete_user removed, and IDs it reported as not deleted.
    pub deleted: RwSignal<usize>,
    pub not_deleted: RwSignal<Vec<String>>,
    /// Deleted rows leave the table (the directory) or stay, marked as
    /// not registered (the lookup page).
    remove_deleted: bool,
    /// Requests in flight at once.
    workers: usize,
    app: AppState,
    shared: StoredValue<Shared, LocalStorage>,
}

impl Run {
    /// A run for the current page; leaving the page cancels what is in
    /// flight. Deleted users stay in its table, marked as not registered.
    pub fn new(app: AppState) -> Self {
        let run = Self {
            lookup: RwSignal::new(Lookup::default()),
            done: RwSignal::new(0),
            total: RwSignal::new(0),
            running: RwSignal::new(false),
            failed: RwSignal::new(Vec::new()),
            deleted: RwSignal::new(0),
            not_deleted: RwSignal::new(Vec::new()),
            remove_deleted: false,
            workers: WORKERS,
            app,
            shared: StoredValue::new_local(Shared::default()),
        };
        on_cleanup(move || run.stop());
        run
    }

    /// The same run, with deleted users leaving its table (the directory).
    pub fn removing_deleted(self) -> Self {
        Self {
            remove_deleted: true,
            ..self
        }
    }

    /// The same run, one request at a time (calls that write row by row
    /// on the server, like blocks).
    pub fn one_at_a_time(self) -> Self {
        Self { workers: 1, ..self }
    }

    /// Queues `steps` after what waits, and starts workers unless some
    /// are running.
    pub fn add(self, steps: Vec<Step>) {
        self.queue(steps, false);
    }

    /// Queues `steps` ahead of what waits (the operator asked for them).
    pub fn add_first(self, steps: Vec<Step>) {
        self.queue(steps, true);
    }

    fn queue(self, steps: Vec<Step>, first: bool) {
        if steps.is_empty() {
            return;
        }
        let Some(conn) = self.app.connection() else {
            self.app.session_refused();
            return;
        };
        let added = steps.len();
        let active = self.shared.with_value(|s| {
            let pool = s.pool.borrow();
            let pool = pool.as_ref().filter(|p| p.workers.get() > 0)?;
            let mut queue = pool.queue.borrow_mut();
            if first {
                for step in steps.iter().rev() {
                    queue.push_front(step.clone());
                }
            } else {
                queue.extend(steps.iter().cloned());
            }
            Some(())
        });
        if active.is_some() {
            self.total.update(|t| *t += added);
            return;
        }
        self.done.set(0);
        self.total.set(added);
        self.running.set(true);
        let pool = Rc::new(Pool {
            conn,
            queue: RefCell::new(VecDeque::from(steps)),
            session_lost: Cell::new(false),
            workers: Cell::new(self.workers),
        });
        self.shared.with_value(|s| {
            s.stop.set(false);
            *s.pool.borrow_mut() = Some(pool.clone());
        });
        for _ in 0..self.workers {
            leptos::task::spawn_local(work(self, pool.clone()));
        }
    }

    /// While `every` holds a number of seconds, asks again for the online
    /// status of `ids()` at that interval. Ticks are skipped while the page
    /// is hidden (nobody is looking) or a run is still going (so a slow
    /// server never piles up requests). Leaving the page ends it.
    pub fn refresh_online(self, every: RwSignal<u32>, ids: impl Fn() -> Vec<String> + 'static) {
        let ids = Rc::new(ids);
        let timer = StoredValue::new_local(None::<gloo_timers::callback::Interval>);
        Effect::new(move |_| {
            let seconds = every.get();
            let ids = ids.clone();
            timer.set_value((seconds > 0).then(|| {
                gloo_timers::callback::Interval::new(seconds * 1000, move || {
                    if !document().hidden() && !self.running.get_untracked() {
                        self.add(plan_online(&ids()));
                    }
                })
            }));
        });
    }

    /// Calls `then` each time a run of this page finishes (to read back
    /// what it changed).
    pub fn when_finished(self, then: impl Fn() + 'static) {
        let was_running = StoredValue::new(false);
        Effect::new(move |_| {
            let running = self.running.get();
            if was_running.get_value() && !running {
                then();
            }
            was_running.set_value(running);
        });
    }

    /// Moves the waiting steps that `wanted` picks to the front, keeping
    /// their order (the rows on screen load first).
    pub fn prioritise(self, wanted: impl Fn(&Step) -> bool) {
        self.shared.with_value(|s| {
            if let Some(pool) = s.pool.borrow().as_ref() {
                let mut queue = pool.queue.borrow_mut();
                let (first, rest): (VecDeque<Step>, VecDeque<Step>) =
                    queue.drain(..).partition(|step| wanted(step));
                queue.extend(first);
                queue.extend(rest);
            }
        });
    }

    /// Stops sending; what was not sent is kept as failed, so a retry
    /// resumes where the operator stopped.
    pub fn stop(self) {
        self.shared.try_with_value(|s| {
            s.stop.set(true);
            s.scope.abort_all();
        });
    }

    /// Sends the failed steps again.
    pub fn retry(self) {
        let steps = self.failed.get_untracked().into_iter().map(|f| f.step);
        self.failed.set(Vec::new());
        self.add(steps.collect());
    }

    /// Changes the table without re-rendering now; the views catch up
    /// soon, once for however many answers arrive in between.
    fn apply(self, change: impl FnOnce(&mut Lookup)) {
        if self.lookup.try_update_untracked(change).is_some() {
            self.redraw_soon();
        }
    }

    /// Lets the views catch up with the table and the progress on the next
    /// animation frame at least REDRAW_MS after the last time they did.
    fn redraw_soon(self) {
        // None: a redraw is already on its way, or the page is gone.
        let wait = self.shared.try_with_value(|s| {
            (!s.frame_pending.replace(true))
                .then(|| s.last_redraw.get() + REDRAW_MS - js_sys::Date::now())
        });
        let Some(wait) = wait.flatten() else {
            return;
        };
        let draw = move || {
            request_animation_frame(move || {
                let live = self.shared.try_with_value(|s| {
                    s.frame_pending.set(false);
                    s.last_redraw.set(js_sys::Date::now());
                });
                if live.is_some() {
                    self.lookup.notify();
                    self.done.notify();
                }
            })
        };
        if wait > 0.0 {
            set_timeout(draw, std::time::Duration::from_millis(wait as u64));
        } else {
            draw();
        }
    }

    /// Sends one step and merges its answer into the table.
    async fn send(self, conn: &Connection, scope: &Scope, step: &Step) -> Result<(), ApiError> {
        let (path, body) = step.request();
        let answer = post_text(conn, scope, path, body).await;
        self.absorb(step, answer)
    }

    /// Merges a step's answer into the table (not async, so the worker's
    /// state machine is the same for every kind).
    fn absorb(self, step: &Step, answer: Answer) -> Result<(), ApiError> {
        let from = step.from();
        let reply = step.decode(answer).inspect_err(|e| {
            // Each row of the call shows why; the call is listed as failed too.
            if let Some(all) = step.failed_outcomes(e) {
                self.apply(|l| l.apply_outcomes(from, all));
            }
        })?;
        match reply {
            Reply::Accounts(r) => self.apply(|l| l.apply_accounts(&r)),
            Reply::Infos(r) => self.apply(|l| l.apply_infos(step.ids(), r)),
            Reply::Online(r) => self.apply(|l| l.apply_online(r)),
            Reply::Deleted { gone, not_deleted } => {
                self.deleted.update(|d| *d += gone.len());
                self.not_deleted.update(|n| n.extend(not_deleted));
                let remove = self.remove_deleted;
                self.apply(|l| l.apply_deleted(&gone, remove));
            }
            Reply::Outcomes(results) => self.apply(|l| l.apply_outcomes(from, results)),
        }
        Ok(())
    }
}

/// Every registered user ID (get_all_users_uid, unpaged). A failure is put
/// in `error` and gives `None`; a refused token also ends the session.
pub async fn all_user_ids(
    app: AppState,
    scope: &Scope,
    error: RwSignal<Option<ApiError>>,
) -> Option<Vec<String>> {
    error.set(None);
    match app.call(scope, &GetAllUsersUidReq {}).await? {
        Ok(ids) => Some(ids),
        Err(e) => {
            error.set(Some(e));
            None
        }
    }
}

/// One worker: takes the next step until none is left.
async fn work(run: Run, pool: Rc<Pool>) {
    let Some((scope, stop)) = run
        .shared
        .try_with_value(|s| (s.scope.clone(), s.stop.clone()))
    else {
        return;
    };
    while !pool.session_lost.get() {
        let Some(step) = pool.queue.borrow_mut().pop_front() else {
            break;
        };
        let result = if stop.get() {
            Err(ApiError::new("", ErrorKind::Aborted))
        } else {
            run.send(&pool.conn, &scope, &step).await
        };
        match result {
            Ok(()) => {}
            Err(e) if e.is_session() => {
                pool.session_lost.set(true);
                scope.abort_all();
            }
            Err(_) if pool.session_lost.get() => {}
            Err(error) => {
                let _ = run.failed.try_update(|f| f.push(Failed { step, error }));
            }
        }
        if run.done.try_update_untracked(|d| *d += 1).is_some() {
            run.redraw_soon();
        }
    }
    pool.workers.set(pool.workers.get() - 1);
    if pool.workers.get() == 0 {
        let _ = run.running.try_set(false);
        if pool.session_lost.get() {
            run.app.session_refused();
        }
    }
}
