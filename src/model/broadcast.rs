//! A broadcast: one message to many recipients, one send_msg call each,
//! where no recipient is ever sent to twice. The ledger holds each
//! recipient's state; the caller writes a recipient's chunk of it to
//! storage before its call (as in flight) and after (with the outcome), so
//! that after a reload a call whose answer never came reads as unknown and
//! is not sent again on its own.

use std::collections::VecDeque;

use crate::model::stored;

/// Recipients a stored chunk holds: each write costs the chunk, not the list.
pub const CHUNK: usize = 64;

/// Which recipients a retry sends to again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Retry {
    /// Those the server refused.
    Failed,
    /// Those whose call got no answer: they may receive it twice.
    Unknown,
}

/// What became of one recipient.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum State {
    Pending,
    /// Its call has gone out and no answer has come back yet.
    InFlight,
    Sent {
        client_msg_id: String,
    },
    /// The server answered with an error: nothing was sent.
    Failed {
        err_code: i64,
        err_msg: String,
        operation_id: String,
    },
    /// No answer (timeout, connection lost, reload): it may have been sent.
    Unknown {
        operation_id: String,
    },
}

impl State {
    /// One line of a stored chunk.
    fn encode(&self) -> String {
        match self {
            State::Pending => String::new(),
            State::InFlight => "?".into(),
            State::Sent { client_msg_id } => match pack_hex(client_msg_id) {
                Some(packed) => format!("S{packed}"),
                None => format!("s{}", stored::escape(client_msg_id)),
            },
            State::Failed {
                err_code,
                err_msg,
                operation_id,
            } => format!(
                "e{}",
                stored::line(&[&err_code.to_string(), err_msg, operation_id])
            ),
            State::Unknown { operation_id } => format!("u{}", stored::escape(operation_id)),
        }
    }

    /// A stored line; what does not read is taken as in flight, the state
    /// that is never sent again on its own.
    fn decode(line: &str) -> State {
        let mut chars = line.chars();
        let rest = || stored::unescape(line.get(1..).unwrap_or_default());
        match chars.next() {
            None => State::Pending,
            Some('s') => State::Sent {
                client_msg_id: rest(),
            },
            Some('S') => match unpack_hex(&rest()) {
                Some(client_msg_id) => State::Sent { client_msg_id },
                None => State::InFlight,
            },
            Some('u') => State::Unknown {
                operation_id: rest(),
            },
            Some('e') => {
                match <[String; 3]>::try_from(stored::fields(line.get(1..).unwrap_or_default())) {
                    Ok([code, err_msg, operation_id]) => State::Failed {
                        err_code: code.parse().unwrap_or_default(),
                        err_msg,
                        operation_id,
                    },
                    Err(_) => State::InFlight,
                }
            }
            _ => State::InFlight,
        }
    }
}

/// The first of 32,768 consecutive characters that are neither surrogates
/// nor controls (CJK and Hangul), each carrying 15 bits.
const PACK_BASE: u32 = 0x4E00;
const PACK_BITS: u32 = 15;

/// A 32-hex-digit ID (every clientMsgID) in 9 characters instead of 32:
/// sessionStorage holds about 5 million characters, and a broadcast to
/// 100,000 users keeps one ID each.
fn pack_hex(id: &str) -> Option<String> {
    if id.len() != 32
        || !id
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    {
        return None;
    }
    let n = u128::from_str_radix(id, 16).ok()?;
    (0..128u32.div_ceil(PACK_BITS))
        .map(|k| {
            let part = (n >> (k * PACK_BITS)) as u32 & ((1 << PACK_BITS) - 1);
            char::from_u32(PACK_BASE + part)
        })
        .collect()
}

fn unpack_hex(packed: &str) -> Option<String> {
    let mut n = 0u128;
    for (k, c) in packed.chars().enumerate() {
        let part = (c as u32)
            .checked_sub(PACK_BASE)
            .filter(|&p| p < 1 << PACK_BITS)?;
        n |= (part as u128).checked_shl(k as u32 * PACK_BITS)?;
    }
    Some(format!("{n:032x}"))
}

/// How many recipients are in each state.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub pending: usize,
    pub in_flight: usize,
    pub sent: usize,
    pub failed: usize,
    pub unknown: usize,
}

impl Counts {
    fn slot(&mut self, state: &State) -> &mut usize {
        match state {
            State::Pending => &mut self.pending,
            State::InFlight => &mut self.in_flight,
            State::Sent { .. } => &mut self.sent,
            State::Failed { .. } => &mut self.failed,
            State::Unknown { .. } => &mut self.unknown,
        }
    }

    /// Recipients with an answer, good or bad, or none to wait for.
    pub fn settled(&self) -> usize {
        self.sent + self.failed + self.unknown
    }

    pub fn total(&self) -> usize {
        self.settled() + self.pending + self.in_flight
    }
}

/// Every recipient's state, and the order the pending ones go in.
#[derive(Clone, Debug, Default)]
pub struct Ledger {
    pub recipients: Vec<String>,
    states: Vec<State>,
    /// Pending recipients by index, next first.
    queue: VecDeque<usize>,
    counts: Counts,
}

impl Ledger {
    pub fn new(recipients: Vec<String>) -> Self {
        let n = recipients.len();
        Ledger {
            states: vec![State::Pending; n],
            queue: (0..n).collect(),
            counts: Counts {
                pending: n,
                ..Counts::default()
            },
            recipients,
        }
    }

    /// The ledger as stored: `chunk(k)` is the text `chunk_text(k)` wrote,
    /// if any. A call that was in flight when the page went away has an
    /// unknown outcome.
    pub fn restore(recipients: Vec<String>, chunk: &dyn Fn(usize) -> Option<String>) -> Self {
        let mut ledger = Ledger::new(recipients);
        ledger.queue.clear();
        ledger.counts = Counts::default();
        for k in 0..ledger.recipients.len().div_ceil(CHUNK) {
            let text = chunk(k).unwrap_or_default();
            let mut lines = text.split('\n');
            for i in k * CHUNK..((k + 1) * CHUNK).min(ledger.recipients.len()) {
                let state = match State::decode(lines.next().unwrap_or_default()) {
                    State::InFlight => State::Unknown {
                        operation_id: String::new(),
                    },
                    other => other,
                };
                if state == State::Pending {
                    ledger.queue.push_back(i);
                }
                *ledger.counts.slot(&state) += 1;
                ledger.states[i] = state;
            }
        }
        ledger
    }

    pub fn counts(&self) -> Counts {
        self.counts
    }

    pub fn state(&self, i: usize) -> &State {
        &self.states[i]
    }

    /// The next recipient to send to, now marked in flight. Store its chunk
    /// before sending.
    pub fn take(&mut self) -> Option<usize> {
        let i = self.queue.pop_front()?;
        self.set(i, State::InFlight);
        Some(i)
    }

    /// The outcome of a call that was in flight.
    pub fn settle(&mut self, i: usize, state: State) {
        if self.states[i] == State::InFlight {
            self.set(i, state);
        }
    }

    /// A call known not to have been sent (its chunk could not be stored,
    /// or the server refused the token before sending) goes first again.
    pub fn put_back(&mut self, i: usize) {
        if self.states[i] == State::InFlight {
            self.set(i, State::Pending);
            self.queue.push_front(i);
        }
    }

    /// Queues the failed recipients again, or the unknown ones (which may
    /// then receive the message twice: the operator's explicit choice).
    /// Returns how many.
    pub fn retry(&mut self, which: Retry) -> usize {
        let again: Vec<usize> = (0..self.states.len())
            .filter(|&i| match &self.states[i] {
                State::Failed { .. } => which == Retry::Failed,
                State::Unknown { .. } => which == Retry::Unknown,
                _ => false,
            })
            .collect();
        for &i in &again {
            self.set(i, State::Pending);
            self.queue.push_back(i);
        }
        again.len()
    }

    /// Nothing waits and nothing is in flight.
    pub fn finished(&self) -> bool {
        self.queue.is_empty() && self.counts.in_flight == 0
    }

    fn set(&mut self, i: usize, state: State) {
        *self.counts.slot(&self.states[i]) -= 1;
        *self.counts.slot(&state) += 1;
        self.states[i] = state;
    }

    /// The stored text of the chunk holding recipient `i`, with its number.
    pub fn chunk_text(&self, i: usize) -> (usize, String) {
        let k = i / CHUNK;
        let end = ((k + 1) * CHUNK).min(self.states.len());
        let lines: Vec<String> = self.states[k * CHUNK..end]
            .iter()
            .map(State::encode)
            .collect();
        (k, lines.join("\n"))
    }

    /// Every recipient's result as CSV rows: userID, result, clientMsgID,
    /// errCode, errMsg, operationID.
    pub fn csv_rows(&self) -> Vec<Vec<String>> {
        (self.recipients.iter().zip(&self.states))
            .map(|(id, state)| {
                let (result, cm, code, msg, op) = match state {
                    State::Pending => ("pending", "", String::new(), "", ""),
                    State::InFlight => ("in flight", "", String::new(), "", ""),
                    State::Sent { client_msg_id } => {
                        ("sent", client_msg_id.as_str(), String::new(), "", "")
                    }
                    State::Failed {
                        err_code,
                        err_msg,
                        operation_id,
                    } => (
                        "failed",
                        "",
                        err_code.to_string(),
                        err_msg.as_str(),
                        operation_id.as_str(),
                    ),
                    State::Unknown { operation_id } => {
                        ("unknown", "", String::new(), "", operation_id.as_str())
                    }
                };
                vec![
                    id.clone(),
                    result.into(),
                    cm.into(),
                    code,
                    msg.into(),
                    op.into(),
                ]
            })
            .collect()
    }

    /// The state of one recipient, if it is in this broadcast.
    pub fn find(&self, user_id: &str) -> Option<&State> {
        let i = self.recipients.iter().position(|r| r == user_id)?;
        Some(&self.states[i])
    }

    /// Recipients that did not get a clear "sent", in order, with their
    /// state: at most `max` of them.
    pub fn problems(&self, max: usize) -> Vec<(String, State)> {
        (self.recipients.iter().zip(&self.states))
            .filter(|(_, s)| matches!(s, State::Failed { .. } | State::Unknown { .. }))
            .take(max)
            .map(|(id, s)| (id.clone(), s.clone()))
            .collect()
    }
}

/// About how long the rest takes: what is left, `concurrency` at a time,
/// at `ms_per_call` each. Whole seconds.
pub fn estimate_secs(left: usize, concurrency: usize, ms_per_call: f64) -> u64 {
    (left as f64 * ms_per_call / concurrency.max(1) as f64 / 1000.0).ceil() as u64
}

/// What a batch_send_msg answer `data` (as JSON) says of each recipient
/// `asked` of one call (docs/releases.md#batch-send-msg). IDs in
/// `FailedIDList` failed (the server gives no reason). The results name
/// their recipient only from v2.3; before, they follow the request's order
/// with the failures left out, and are matched so only when their count
/// fits: otherwise the others were sent, with no clientMsgID to show.
pub fn batch_outcomes(
    asked: &[String],
    data: &serde_json::Value,
    operation_id: &str,
) -> Vec<State> {
    let list = |key: &str| data[key].as_array().cloned().unwrap_or_default();
    let text = |v: &serde_json::Value, key: &str| v[key].as_str().unwrap_or_default().to_string();
    let failed: Vec<String> = (list("FailedIDList").iter())
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect();
    let results = list("resultList");
    let named = results.iter().all(|r| r["recvID"].is_string());
    let sent_ones = asked.iter().filter(|id| !failed.contains(id)).count();
    let mut by_order = results.iter();
    (asked.iter())
        .map(|id| {
            if failed.contains(id) {
                return State::Failed {
                    err_code: 0,
                    err_msg: "FailedIDList".into(),
                    operation_id: operation_id.to_string(),
                };
            }
            let result = if named {
                results.iter().find(|r| r["recvID"].as_str() == Some(id))
            } else if results.len() == sent_ones {
                by_order.next()
            } else {
                None
            };
            State::Sent {
                client_msg_id: result.map(|r| text(r, "clientMsgID")).unwrap_or_default(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn a_batch_answer_settles_each_recipient_honestly() {
        let asked = ids(4);
        let sent = |id: &str| State::Sent {
            client_msg_id: id.to_string(),
        };
        let failed = State::Failed {
            err_code: 0,
            err_msg: "FailedIDList".into(),
            operation_id: "op".into(),
        };
        // v2.3: results name their recipient, in any order.
        let named = serde_json::json!({
            "resultList": [{"recvID": "u3", "clientMsgID": "c3"}, {"recvID": "u0", "clientMsgID": "c0"}, {"recvID": "u2", "clientMsgID": "c2"}],
            "FailedIDList": ["u1"]
        });
        assert_eq!(
            batch_outcomes(&asked, &named, "op"),
            [sent("c0"), failed.clone(), sent("c2"), sent("c3")]
        );
        // Before v2.3: by position, the failures left out.
        let ordered = serde_json::json!({
            "resultList": [{"clientMsgID": "a"}, {"clientMsgID": "b"}],
            "FailedIDList": ["u1", "u2"]
        });
        assert_eq!(
            batch_outcomes(&asked, &ordered, "op"),
            [sent("a"), failed.clone(), failed.clone(), sent("b")]
        );
        // A count that does not fit: sent, but no clientMsgID is claimed.
        let odd = serde_json::json!({"resultList": [{"clientMsgID": "a"}], "FailedIDList": []});
        assert!(batch_outcomes(&asked, &odd, "op")
            .iter()
            .all(|s| *s == sent("")));
        // Nothing succeeded: resultList is null.
        let none =
            serde_json::json!({"resultList": null, "FailedIDList": ["u0", "u1", "u2", "u3"]});
        assert!(batch_outcomes(&asked, &none, "op")
            .iter()
            .all(|s| *s == failed));
    }

    fn ids(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("u{i}")).collect()
    }

    /// A tiny deterministic generator for the simulations.
    struct Lcg(u64);
    impl Lcg {
        fn below(&mut self, n: u64) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (self.0 >> 33) % n
        }
    }

    #[test]
    fn states_survive_being_stored() {
        let states = [
            State::Pending,
            State::InFlight,
            State::Sent {
                client_msg_id: "0123456789abcdef0123456789abcdef".into(),
            },
            State::Failed {
                err_code: 600,
                err_msg: "in black list\twith\na break".into(),
                operation_id: "op-1".into(),
            },
            State::Unknown {
                operation_id: "op-2".into(),
            },
        ];
        for s in &states {
            let line = s.encode();
            assert!(!line.contains('\n'), "{line:?}");
            assert_eq!(&State::decode(&line), s);
        }
        assert_eq!(
            State::decode("x?!"),
            State::InFlight,
            "unreadable is never resent"
        );
        // clientMsgIDs are kept in 9 characters; other texts as they are.
        for id in [
            "0123456789abcdef0123456789abcdef",
            "ffffffffffffffffffffffffffffffff",
            "00000000000000000000000000000000",
        ] {
            let sent = State::Sent {
                client_msg_id: id.into(),
            };
            let line = sent.encode();
            assert_eq!(line.chars().count(), 10, "{line}");
            assert!(line
                .chars()
                .all(|c| !c.is_control() && !(0xD800..0xE000).contains(&(c as u32))));
            assert_eq!(State::decode(&line), sent);
        }
        let odd = State::Sent {
            client_msg_id: "ABC-not-hex".into(),
        };
        assert_eq!(State::decode(&odd.encode()), odd);
    }

    /// Sends like a browser would, with calls that fail, time out, and a
    /// page that goes away mid-run: nobody is sent to twice, and everyone
    /// is accounted for.
    #[test]
    fn no_recipient_is_sent_twice_through_failures_timeouts_and_reloads() {
        let n = 1_000;
        let mut rng = Lcg(7);
        let mut stored: HashMap<usize, String> = HashMap::new();
        let mut calls = vec![0u32; n];
        let mut ledger = Ledger::new(ids(n));
        let mut in_flight: Vec<usize> = Vec::new();
        let mut reloads = 0;
        loop {
            while in_flight.len() < 4 {
                let Some(i) = ledger.take() else { break };
                let (k, text) = ledger.chunk_text(i);
                stored.insert(k, text);
                calls[i] += 1;
                in_flight.push(i);
            }
            if in_flight.is_empty() {
                break;
            }
            // The page goes away now and then, with calls in flight.
            if rng.below(100) == 0 {
                reloads += 1;
                ledger = Ledger::restore(ids(n), &|k| stored.get(&k).cloned());
                in_flight.clear();
                continue;
            }
            let i = in_flight.remove(rng.below(in_flight.len() as u64) as usize);
            let state = match rng.below(50) {
                0..=4 => State::Failed {
                    err_code: 500,
                    err_msg: "rpc".into(),
                    operation_id: format!("op{i}"),
                },
                5 => State::Unknown {
                    operation_id: format!("op{i}"),
                },
                _ => State::Sent {
                    client_msg_id: format!("{i:032x}"),
                },
            };
            ledger.settle(i, state);
            let (k, text) = ledger.chunk_text(i);
            stored.insert(k, text);
        }
        assert!(reloads > 3, "the simulation reloaded ({reloads})");
        assert!(calls.iter().all(|&c| c == 1), "each recipient called once");
        let c = ledger.counts();
        assert_eq!(c.total(), n);
        assert_eq!((c.pending, c.in_flight), (0, 0));
        assert!(
            c.unknown >= reloads,
            "calls in flight at a reload are unknown"
        );
        assert!(c.failed > 0 && c.sent > 0);
        assert!(ledger.finished());

        // Retrying failures sends to exactly those; unknowns stay put.
        let failed = c.failed;
        assert_eq!(ledger.retry(Retry::Failed), failed);
        let mut again = Vec::new();
        while let Some(i) = ledger.take() {
            assert!(matches!(calls[i], 1));
            again.push(i);
            ledger.settle(
                i,
                State::Sent {
                    client_msg_id: "x".into(),
                },
            );
        }
        assert_eq!(again.len(), failed);
        assert_eq!(ledger.counts().unknown, c.unknown);
        assert_eq!(ledger.retry(Retry::Unknown), c.unknown);
    }

    #[test]
    fn a_call_not_sent_goes_first_again() {
        let mut ledger = Ledger::new(ids(3));
        let a = ledger.take().unwrap();
        let b = ledger.take().unwrap();
        ledger.put_back(b);
        ledger.settle(
            a,
            State::Sent {
                client_msg_id: "x".into(),
            },
        );
        assert_eq!(ledger.take(), Some(b));
        // Settling twice, or putting back a settled call, changes nothing.
        ledger.put_back(a);
        ledger.settle(
            a,
            State::Unknown {
                operation_id: String::new(),
            },
        );
        assert_eq!(ledger.counts().sent, 1);
        assert_eq!(ledger.counts().in_flight, 1);
    }

    #[test]
    fn chunks_hold_their_own_recipients() {
        let mut ledger = Ledger::new(ids(CHUNK * 2 + 5));
        for _ in 0..CHUNK + 1 {
            let i = ledger.take().unwrap();
            ledger.settle(
                i,
                State::Sent {
                    client_msg_id: format!("m{i}"),
                },
            );
        }
        let (k, text) = ledger.chunk_text(CHUNK);
        assert_eq!(k, 1);
        assert_eq!(text.lines().next(), Some(format!("sm{CHUNK}").as_str()));
        assert_eq!(ledger.chunk_text(CHUNK * 2 + 4).1.split('\n').count(), 5);
        let rows = ledger.csv_rows();
        assert_eq!(rows[0], ["u0", "sent", "m0", "", "", ""]);
        assert_eq!(
            ledger.find("u1"),
            Some(&State::Sent {
                client_msg_id: "m1".into()
            })
        );
        assert_eq!(
            ledger.find(&format!("u{}", CHUNK * 2)),
            Some(&State::Pending)
        );
        assert_eq!(ledger.find("nobody"), None);
        assert_eq!(rows[CHUNK + 1][1], "pending");
    }

    #[test]
    fn estimates_round_up_to_whole_seconds() {
        assert_eq!(estimate_secs(10_000, 4, 20.0), 50);
        assert_eq!(estimate_secs(1, 4, 20.0), 1);
        assert_eq!(estimate_secs(0, 4, 20.0), 0);
        assert_eq!(estimate_secs(10, 0, 100.0), 1);
    }
}
