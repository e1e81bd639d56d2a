//! The broadcast runner: one message to many recipients, a bounded number
//! of calls at a time, for the whole app (it keeps going while the operator
//! looks at other pages). Its ledger is in sessionStorage, each recipient's
//! state written before and after its call, so a reload resumes without
//! repeating a send, and a refused session pauses it until the next login.

use leptos::prelude::*;

use crate::api::body::with_first_field;
use crate::api::endpoints::BATCH_SEND_MSG;
use crate::api::envelope::answer_as;
use crate::api::msg::{SendMsgReq, SendMsgResp};
use crate::api::transport::{post_text_within, Scope};
use crate::api::{ApiError, Endpoint, ErrorKind};
use crate::model::broadcast::{batch_outcomes, Counts, Ledger, Retry, State, CHUNK};
use crate::session::{draft, remove_drafts, set_draft};
use crate::state::{local_storage as shared, AppState};

const META: &str = "bc.meta";
const RECIPIENTS: &str = "bc.to";
/// The views catch up at most this often while answers stream in.
const REDRAW_MS: u32 = 100;

fn chunk_key(k: usize) -> String {
    format!("bc.c{k}")
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// No broadcast in this tab.
    Idle,
    Running,
    Paused(Why),
    /// Cancelled by the operator: what was not sent stays pending.
    Cancelled,
    /// Every recipient has an outcome.
    Done,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Why {
    Operator,
    /// The server refused the token; it resumes after the next login.
    Session,
    /// sessionStorage would not take the ledger: sending on could not be
    /// recorded, so nothing more is sent.
    Storage,
    /// Another tab is sending this broadcast, or was a moment ago (a
    /// reload leaves the old page's beat behind): checked again each second.
    OtherTab,
    /// Another tab went on with this broadcast: this tab's copy (a
    /// duplicated tab copies sessionStorage) is out of date and never sends.
    Stale,
}

impl Phase {
    fn word(self) -> &'static str {
        match self {
            Phase::Idle => "idle",
            Phase::Running => "running",
            Phase::Paused(Why::Operator) => "paused",
            Phase::Paused(Why::Session) => "session",
            Phase::Paused(Why::Storage) => "storage",
            Phase::Paused(Why::OtherTab) => "session",
            Phase::Paused(Why::Stale) => "stale",
            Phase::Cancelled => "cancelled",
            Phase::Done => "done",
        }
    }

    fn from_word(w: &str) -> Phase {
        match w {
            "running" => Phase::Running,
            "paused" => Phase::Paused(Why::Operator),
            "session" => Phase::Paused(Why::Session),
            "storage" => Phase::Paused(Why::Storage),
            "stale" => Phase::Paused(Why::Stale),
            "cancelled" => Phase::Cancelled,
            "done" => Phase::Done,
            _ => Phase::Idle,
        }
    }
}

#[derive(Default)]
struct Inner {
    ledger: Ledger,
    /// The request as JSON without its recvID, which each call adds.
    body: String,
    workers: usize,
    /// When this run started (ms) and how many had answers then: the rate.
    run_started: f64,
    settled_at_start: usize,
    redraw_pending: bool,
    scope: Scope,
    /// Changes when the broadcast is forgotten, so calls of an old one
    /// that come back touch nothing.
    generation: u64,
    /// Names the broadcast among tabs, and counts this tab's writes of it.
    id: String,
    writes: u64,
    /// While sending, this tab says so to the others every BEAT_MS.
    beat: Option<gloo_timers::callback::Interval>,
}

/// Tabs share localStorage but not sessionStorage: a sending tab beats
/// there ("id\tms"), and every tab's writes of the ledger are counted
/// there ("id\tcount") and in its own sessionStorage.
const BEAT: &str = "openim-admin.bc.beat";
const WRITES: &str = "openim-admin.bc.writes";
const MY_WRITES: &str = "bc.writes";
const BEAT_MS: u32 = 1_000;
/// A beat older than this is a tab that stopped (or a page reloaded).
const QUIET_MS: f64 = 2_500.0;

/// A shared "id\tnumber" entry, if it is about broadcast `id`. Whole
/// numbers only: parsing floats would add about 10 KB of wasm.
fn shared_number(key: &str, id: &str) -> Option<u64> {
    let text = shared()?.get_item(key).ok()??;
    let (of, n) = text.split_once('\t')?;
    (of == id).then(|| n.parse().ok()).flatten()
}

/// The app's broadcast, for its views.
#[derive(Clone, Copy)]
pub struct Broadcaster {
    pub phase: RwSignal<Phase>,
    pub counts: RwSignal<Counts>,
    /// What is being sent, in one line.
    pub summary: RwSignal<String>,
    /// Answers a second in this run.
    pub rate: RwSignal<f64>,
    pub concurrency: RwSignal<usize>,
    /// How long a call may take before its outcome counts as unknown.
    pub timeout_s: RwSignal<usize>,
    /// Recipients a call carries: 1 is one send_msg each; more is one
    /// batch_send_msg for as many (v2.1+).
    pub per_call: RwSignal<usize>,
    /// Bumped whenever the ledger changes, for views that read it.
    pub version: RwSignal<u64>,
    inner: StoredValue<Inner, LocalStorage>,
    app: AppState,
}

impl Broadcaster {
    /// The broadcast this tab had going, if any; it carries on when it was
    /// running or waiting for a login.
    pub fn new(app: AppState) -> Self {
        let b = Broadcaster {
            phase: RwSignal::new(Phase::Idle),
            counts: RwSignal::new(Counts::default()),
            summary: RwSignal::new(String::new()),
            rate: RwSignal::new(0.0),
            concurrency: RwSignal::new(4),
            timeout_s: RwSignal::new(30),
            per_call: RwSignal::new(1),
            version: RwSignal::new(0),
            inner: StoredValue::new_local(Inner::default()),
            app,
        };
        b.restore();
        // A new login resumes a broadcast the old session's end paused; a
        // logout (which clears the ledger) ends it.
        Effect::new(move |was_signed_in: Option<bool>| {
            let signed_in = app.session.with(Option::is_some);
            let logged_out =
                was_signed_in == Some(true) && !signed_in && !app.session_ended.get_untracked();
            if logged_out || signed_in && draft(META).is_none() {
                if b.phase.get_untracked() != Phase::Idle {
                    b.forget_in_memory();
                }
            } else if signed_in && b.phase.get_untracked() == Phase::Paused(Why::Session) {
                b.start();
            }
            signed_in
        });
        b
    }

    fn restore(self) {
        let Some(meta) = draft(META) else { return };
        let fields: Vec<&str> = meta.splitn(6, '\t').collect();
        let [phase, conc, timeout, id, summary, body] = fields[..] else {
            return;
        };
        let recipients: Vec<String> = (draft(RECIPIENTS).unwrap_or_default().lines())
            .map(str::to_string)
            .collect();
        let ledger = Ledger::restore(recipients, &|k| draft(&chunk_key(k)));
        self.concurrency.set(conc.parse().unwrap_or(4));
        self.timeout_s.set(timeout.parse().unwrap_or(30));
        self.summary.set(summary.to_string());
        self.counts.set(ledger.counts());
        self.inner.update_value(|i| {
            i.ledger = ledger;
            i.body = body.to_string();
            i.id = id.to_string();
            i.writes = draft(MY_WRITES).and_then(|w| w.parse().ok()).unwrap_or(0);
        });
        let phase = Phase::from_word(phase);
        // A reload stopped the calls; their outcomes are now unknown.
        self.phase.set(if phase == Phase::Running {
            Phase::Paused(Why::Session)
        } else {
            phase
        });
        self.version.update(|v| *v += 1);
    }

    fn forget_in_memory(self) {
        self.inner.update_value(|i| {
            *i = Inner {
                generation: i.generation + 1,
                ..Inner::default()
            }
        });
        self.phase.set(Phase::Idle);
        self.counts.set(Counts::default());
        self.version.update(|v| *v += 1);
    }

    /// Starts a new broadcast of `req` (its recvID replaced per recipient).
    pub fn begin(self, mut req: SendMsgReq, recipients: Vec<String>) {
        self.clear();
        let ledger = Ledger::new(recipients);
        let stored = set_draft(RECIPIENTS, &ledger.recipients.join("\n"));
        self.summary
            .set(crate::model::message::summary(&req).replace('\t', " "));
        req.recv_id.clear();
        let body = serde_json::to_string(&req).unwrap_or_default();
        self.counts.set(ledger.counts());
        let id = format!(
            "{:x}{:x}",
            js_sys::Date::now() as u64,
            (js_sys::Math::random() * 1e12) as u64
        );
        self.inner.update_value(|i| {
            i.ledger = ledger;
            i.body = body;
            i.id = id;
            i.writes = 0;
        });
        if stored {
            self.start();
        } else {
            self.set_phase(Phase::Paused(Why::Storage));
        }
    }

    /// Runs (or resumes) with up to `concurrency` calls at a time.
    pub fn start(self) {
        if self.app.connection().is_none() {
            return self.set_phase(Phase::Paused(Why::Session));
        }
        if self.stale() {
            return self.set_phase(Phase::Paused(Why::Stale));
        }
        if self.other_tab_sending() {
            self.set_phase(Phase::Paused(Why::OtherTab));
            gloo_timers::callback::Timeout::new(BEAT_MS, move || {
                if self.phase.get_untracked() == Phase::Paused(Why::OtherTab) {
                    self.start();
                }
            })
            .forget();
            return;
        }
        self.set_phase(Phase::Running);
        self.beat_now();
        let beat = gloo_timers::callback::Interval::new(BEAT_MS, move || self.beat_now());
        self.inner.update_value(|i| i.beat = Some(beat));
        let now = js_sys::Date::now();
        let want = self.concurrency.get_untracked().clamp(1, 64);
        let add = self.inner.with_value(|i| want.saturating_sub(i.workers));
        self.inner.update_value(|i| {
            i.run_started = now;
            i.settled_at_start = i.ledger.counts().settled();
            i.workers += add;
        });
        for _ in 0..add {
            leptos::task::spawn_local(self.worker());
        }
        self.finish_if_done();
    }

    pub fn pause(self) {
        if self.phase.get_untracked() == Phase::Running {
            self.set_phase(Phase::Paused(Why::Operator));
        }
    }

    /// Stops sending; calls in flight still record their answers.
    pub fn cancel(self) {
        self.set_phase(Phase::Cancelled);
    }

    /// Sends again to the recipients that failed, or (the operator having
    /// been warned that they may get it twice) those whose outcome is
    /// unknown.
    pub fn retry(self, which: Retry) {
        let again = self
            .inner
            .try_update_value(|i| i.ledger.retry(which))
            .unwrap_or(0);
        if again > 0 {
            self.persist_all();
            self.start();
        }
    }

    /// Forgets the broadcast, in memory and in storage (every key of it,
    /// so nothing of an old one is read into a new one).
    pub fn clear(self) {
        remove_drafts("bc.");
        self.forget_in_memory();
    }

    /// Reads the ledger (for results and CSV) without copying it.
    pub fn with_ledger<T>(self, f: impl FnOnce(&Ledger) -> T) -> T {
        self.inner.with_value(|i| f(&i.ledger))
    }

    fn set_phase(self, phase: Phase) {
        self.phase.set(phase);
        if phase != Phase::Running {
            self.inner.update_value(|i| i.beat = None);
        }
        let meta = self.inner.with_value(|i| {
            format!(
                "{}\t{}\t{}\t{}\t{}\t{}",
                phase.word(),
                self.concurrency.get_untracked(),
                self.timeout_s.get_untracked(),
                i.id,
                self.summary.get_untracked(),
                i.body
            )
        });
        if !set_draft(META, &meta) && phase == Phase::Running {
            self.phase.set(Phase::Paused(Why::Storage));
        }
    }

    /// Stores the chunk holding recipient `i`.
    fn persist(self, i: usize) -> bool {
        let (k, text) = self.inner.with_value(|inner| inner.ledger.chunk_text(i));
        if !set_draft(&chunk_key(k), &text) {
            return false;
        }
        let (id, writes) = self
            .inner
            .try_update_value(|inner| {
                inner.writes += 1;
                (inner.id.clone(), inner.writes)
            })
            .unwrap_or_default();
        if let Some(s) = shared() {
            let _ = s.set_item(WRITES, &format!("{id}\t{writes}"));
        }
        set_draft(MY_WRITES, &writes.to_string())
    }

    /// Another tab has written this broadcast's ledger since this tab did.
    fn stale(self) -> bool {
        let (id, writes) = self.inner.with_value(|i| (i.id.clone(), i.writes));
        shared_number(WRITES, &id).is_some_and(|n| n > writes)
    }

    /// Another tab beat for this broadcast within QUIET_MS.
    fn other_tab_sending(self) -> bool {
        let (id, beating) = self.inner.with_value(|i| (i.id.clone(), i.beat.is_some()));
        !beating
            && shared_number(BEAT, &id)
                .is_some_and(|ms| js_sys::Date::now() - (ms as f64) < QUIET_MS)
    }

    fn beat_now(self) {
        let id = self.inner.with_value(|i| i.id.clone());
        if let Some(s) = shared() {
            let _ = s.set_item(BEAT, &format!("{id}\t{}", js_sys::Date::now() as u64));
        }
    }

    fn persist_all(self) {
        let n = self.inner.with_value(|i| i.ledger.recipients.len());
        for i in (0..n).step_by(crate::model::broadcast::CHUNK) {
            self.persist(i);
        }
    }

    /// One of the calls-at-a-time: takes the next recipient, records it as
    /// in flight, sends, records the outcome; until nothing is left or the
    /// broadcast is no longer running.
    async fn worker(self) {
        let (scope, generation) = self.inner.with_value(|i| (i.scope.clone(), i.generation));
        let current = move || self.inner.with_value(|i| i.generation == generation);
        while self.phase.get_untracked() == Phase::Running && current() {
            if self.stale() {
                self.set_phase(Phase::Paused(Why::Stale));
                break;
            }
            let Some(conn) = self.app.connection() else {
                self.set_phase(Phase::Paused(Why::Session));
                break;
            };
            // Batches only where the release has them: a resumed broadcast
            // on another server falls back to one call each.
            let per_call = if conn.release.has(BATCH_SEND_MSG) {
                self.per_call.get_untracked().max(1)
            } else {
                1
            };
            let taken: Vec<usize> = self
                .inner
                .try_update_value(|inner| {
                    (0..per_call).map_while(|_| inner.ledger.take()).collect()
                })
                .unwrap_or_default();
            if taken.is_empty() {
                break;
            }
            // Each taken recipient is recorded as in flight before the call.
            if !self.persist_each(&taken) {
                self.inner
                    .update_value(|inner| taken.iter().for_each(|&i| inner.ledger.put_back(i)));
                self.set_phase(Phase::Paused(Why::Storage));
                break;
            }
            let batch = per_call > 1;
            let body = self.inner.with_value(|inner| {
                let to: Vec<&String> = taken.iter().map(|&i| &inner.ledger.recipients[i]).collect();
                let (key, to) = if batch {
                    ("recvIDList", serde_json::to_string(&to)?)
                } else {
                    ("recvID", serde_json::to_string(&to[0])?)
                };
                with_first_field(&inner.body, key, &to)
                    .ok_or_else(|| serde::ser::Error::custom("the message is no JSON object"))
            });
            let path = if batch {
                BATCH_SEND_MSG
            } else {
                SendMsgReq::PATH
            };
            let timeout = (self.timeout_s.get_untracked().clamp(1, 600) * 1000) as u32;
            let answer = post_text_within(&conn, &scope, path, body, timeout).await;
            if !current() {
                return;
            }
            let settled: Result<Vec<State>, ApiError> = match (answer, batch) {
                (Ok((data, op)), true) => {
                    let data = data
                        .and_then(|d| serde_json::from_str(&d).ok())
                        .unwrap_or_default();
                    let asked: Vec<String> = self.inner.with_value(|inner| {
                        taken
                            .iter()
                            .map(|&i| inner.ledger.recipients[i].clone())
                            .collect()
                    });
                    Ok(batch_outcomes(&asked, &data, &op))
                }
                (answer, _) => answer_as::<serde_json::Value>(answer).map(|v| {
                    let r = SendMsgResp::from_json(&v);
                    vec![State::Sent {
                        client_msg_id: r.client_msg_id,
                    }]
                }),
            };
            match settled {
                Ok(states) => self.settle(taken.iter().copied().zip(states).collect()),
                // Refused before sending: they go first again after the login.
                Err(e) if e.is_session() => {
                    self.inner
                        .update_value(|inner| taken.iter().for_each(|&i| inner.ledger.put_back(i)));
                    self.persist_each(&taken);
                    self.set_phase(Phase::Paused(Why::Session));
                    self.app.session_refused();
                }
                // No answer: every recipient of the call is unknown.
                Err(e) => {
                    let state = if e.outcome_unknown() || matches!(e.kind, ErrorKind::Aborted) {
                        State::Unknown {
                            operation_id: e.operation_id.clone(),
                        }
                    } else {
                        State::Failed {
                            err_code: e.err_code().unwrap_or_default(),
                            err_msg: e.err_msg().unwrap_or_default().to_string(),
                            operation_id: e.operation_id.clone(),
                        }
                    };
                    self.settle(taken.iter().map(|&i| (i, state.clone())).collect());
                }
            }
        }
        self.inner
            .update_value(|i| i.workers = i.workers.saturating_sub(1));
        self.finish_if_done();
        self.redraw();
    }

    /// Records the outcomes, writing each chunk they touch once.
    fn settle(self, outcomes: Vec<(usize, State)>) {
        let touched: Vec<usize> = outcomes.iter().map(|(i, _)| *i).collect();
        self.inner.update_value(|inner| {
            for (i, state) in outcomes {
                inner.ledger.settle(i, state);
            }
        });
        if !self.persist_each(&touched) {
            self.set_phase(Phase::Paused(Why::Storage));
        }
        self.schedule_redraw();
    }

    /// Writes the chunks holding `recipients`, each once; false when one
    /// could not be written.
    fn persist_each(self, recipients: &[usize]) -> bool {
        let mut chunks: Vec<usize> = recipients.iter().map(|i| i / CHUNK).collect();
        chunks.dedup();
        chunks.into_iter().all(|k| self.persist(k * CHUNK))
    }

    fn finish_if_done(self) {
        let done = self
            .inner
            .with_value(|i| i.ledger.finished() && i.workers == 0);
        let phase = self.phase.get_untracked();
        if done && matches!(phase, Phase::Running) {
            self.set_phase(Phase::Done);
        }
    }

    /// At most one redraw every REDRAW_MS however fast answers come.
    fn schedule_redraw(self) {
        let pending = self.inner.with_value(|i| i.redraw_pending);
        if pending {
            return;
        }
        self.inner.update_value(|i| i.redraw_pending = true);
        gloo_timers::callback::Timeout::new(REDRAW_MS, move || self.redraw()).forget();
    }

    fn redraw(self) {
        let (counts, started, at_start) = self
            .inner
            .with_value(|i| (i.ledger.counts(), i.run_started, i.settled_at_start));
        self.inner.update_value(|i| i.redraw_pending = false);
        let secs = (js_sys::Date::now() - started) / 1000.0;
        if secs > 0.0 {
            self.rate
                .set((counts.settled().saturating_sub(at_start)) as f64 / secs);
        }
        self.counts.set(counts);
        self.version.update(|v| *v += 1);
    }
}
