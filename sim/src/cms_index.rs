//! What the CMS reads, indexed as rows are written, so that a statistics
//! request costs the days (and months) of its range, never a scan of the
//! tables, and a chat-log search starts from the smallest index that fits
//! (docs/cms.md#cms-buckets, docs/cms.md#cms-get-chat-logs).
//!
//! - users and groups: rows created per day;
//! - messages, per day of the statistics column (insert time on A/B, send
//!   time on C; docs/cms.md#cms-buckets): private and group counts, sends
//!   per sender (single chat) and receipts per group, per day and per
//!   calendar month; and, for "distinct senders in a range", each day's
//!   senders with the day each of them last sent before, so a range's
//!   distinct count is one binary search per day;
//! - chat logs: message positions per send day, per sender and per receiver
//!   (the group for group messages).
//!
//! Bucket ends are inclusive (`send_time >= ? and send_time <= ?`), so rows
//! at exactly 00:00:00 are also kept apart, per day.

use crate::gotime::{day_of, month_key, month_start, DAY};
use crate::state::Message;
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;

/// What a CMS request visited: day buckets, map entries merged from them,
/// and single messages. Statistics never visit messages.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Work {
    pub days: u64,
    pub entries: u64,
    pub messages: u64,
}

/// Strings as small numbers, for compact per-day maps.
#[derive(Debug, Default)]
pub struct Interner {
    ids: FxHashMap<String, u32>,
    names: Vec<String>,
}

impl Interner {
    pub fn intern(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.ids.get(s) {
            return i;
        }
        let i = self.names.len() as u32;
        self.names.push(s.to_string());
        self.ids.insert(s.to_string(), i);
        i
    }

    pub fn get(&self, s: &str) -> Option<u32> {
        self.ids.get(s).copied()
    }

    pub fn name(&self, i: u32) -> &str {
        &self.names[i as usize]
    }
}

/// Rows per day of a Unix-seconds column: (all of the day, those at 00:00:00).
#[derive(Debug, Default)]
pub struct DayCounts {
    days: BTreeMap<i64, (i64, i64)>,
}

impl DayCounts {
    pub fn add(&mut self, secs: i64, delta: i64) {
        let day = day_of(secs);
        let e = self.days.entry(day).or_default();
        e.0 += delta;
        if secs.rem_euclid(DAY) == 0 {
            e.1 += delta;
        }
        if *e == (0, 0) {
            self.days.remove(&day);
        }
    }

    /// Rows at exactly 00:00:00 of `day`.
    pub fn midnight(&self, day: i64) -> i64 {
        self.days.get(&day).map_or(0, |e| e.1)
    }

    /// Rows with `lo` 00:00 <= t <= `hi` 00:00 (day numbers).
    pub fn between(&self, lo: i64, hi: i64, work: &mut Work) -> i64 {
        let mut n = 0;
        if lo < hi {
            for (_, (all, _)) in self.days.range(lo..hi) {
                work.days += 1;
                n += all;
            }
        }
        n + self.midnight(hi)
    }

    /// Rows before `day` 00:00.
    pub fn before(&self, day: i64, work: &mut Work) -> i64 {
        let mut n = 0;
        for (_, (all, _)) in self.days.range(..day) {
            work.days += 1;
            n += all;
        }
        n
    }
}

/// Per-key counts (sender or group → messages).
type Counts = FxHashMap<u32, u32>;

#[derive(Debug, Default)]
struct Tops {
    /// Single-chat messages per sender.
    private_by_sender: Counts,
    /// Group messages (session type 2) per group.
    group_by_recv: Counts,
    /// Super-group messages (session type 3) per group.
    super_by_recv: Counts,
}

impl Tops {
    fn add(&mut self, session: i64, sender: u32, recv: u32) {
        let map = match session {
            1 => &mut self.private_by_sender,
            2 => &mut self.group_by_recv,
            3 => &mut self.super_by_recv,
            _ => return,
        };
        let key = if session == 1 { sender } else { recv };
        *map.entry(key).or_default() += 1;
    }
}

/// A message at exactly 00:00:00 of its day: enough to count it in the
/// bucket that ends there without reading the message.
#[derive(Clone, Copy, Debug)]
struct Edge {
    session: i64,
    sender: u32,
    recv: u32,
}

#[derive(Debug, Default)]
struct MsgDay {
    private: i64,
    group: i64,
    tops: Tops,
    /// For each distinct sender of the day (any session type): the last
    /// day before this one on which they sent (`i64::MIN` if none), sorted.
    prev_days: Vec<i64>,
    midnight: Vec<Edge>,
}

/// Which top list to rank.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Top {
    /// Single-chat senders.
    Senders,
    /// Groups by session-type-2 messages.
    Groups,
    /// Groups by session types 2 and 3.
    GroupsAndSuper,
}

#[derive(Debug, Default)]
pub struct CmsIndex {
    /// The statistics column: `create_time` (gen A/B) or `send_time` (C).
    pub by_create_time: bool,
    pub users: DayCounts,
    pub groups: DayCounts,
    ids: Interner,
    days: BTreeMap<i64, MsgDay>,
    months: BTreeMap<i64, Tops>,
    /// Each sender's active days (statistics column), sorted.
    sender_days: FxHashMap<u32, Vec<i64>>,
    log_by_day: FxHashMap<i64, Vec<u32>>,
    log_by_sender: FxHashMap<u32, Vec<u32>>,
    log_by_recv: FxHashMap<u32, Vec<u32>>,
}

/// The chat-log receiver of a stored message: the group for group and
/// super-group messages, else the user (docs/cms.md#cms-get-chat-logs).
pub fn chat_receiver(m: &Message) -> &str {
    if matches!(m.session_type, 2 | 3) {
        &m.group_id
    } else {
        &m.recv_id
    }
}

fn insert_sorted(v: &mut Vec<i64>, x: i64) {
    let at = v.partition_point(|&p| p < x);
    v.insert(at, x);
}

fn remove_one(v: &mut Vec<i64>, x: i64) {
    let at = v.partition_point(|&p| p < x);
    if v.get(at) == Some(&x) {
        v.remove(at);
    }
}

impl CmsIndex {
    pub fn new(by_create_time: bool) -> CmsIndex {
        CmsIndex {
            by_create_time,
            ..CmsIndex::default()
        }
    }

    /// The statistics column of a message, in Unix seconds.
    pub fn stat_secs(&self, m: &Message) -> i64 {
        let ms = if self.by_create_time {
            m.create_time
        } else {
            m.send_time
        };
        ms.div_euclid(1000)
    }

    /// Indexes the message stored at position `at`.
    pub fn add_message(&mut self, at: u32, m: &Message) {
        let sender = self.ids.intern(&m.send_id);
        let recv = self.ids.intern(chat_receiver(m));
        let secs = self.stat_secs(m);
        let day = day_of(secs);
        let d = self.days.entry(day).or_default();
        match m.session_type {
            1 => d.private += 1,
            2 => d.group += 1,
            _ => {}
        }
        d.tops.add(m.session_type, sender, recv);
        if secs.rem_euclid(DAY) == 0 {
            d.midnight.push(Edge {
                session: m.session_type,
                sender,
                recv,
            });
        }
        self.months
            .entry(month_key(day))
            .or_default()
            .add(m.session_type, sender, recv);
        self.note_active(sender, day);

        let send_day = day_of(m.send_time.div_euclid(1000));
        self.log_by_day.entry(send_day).or_default().push(at);
        self.log_by_sender.entry(sender).or_default().push(at);
        self.log_by_recv.entry(recv).or_default().push(at);
    }

    /// Records that `sender` sent on `day`, keeping every day's list of
    /// "previous active day" entries right.
    fn note_active(&mut self, sender: u32, day: i64) {
        let list = self.sender_days.entry(sender).or_default();
        let at = list.partition_point(|&d| d < day);
        if list.get(at) == Some(&day) {
            return;
        }
        let prev = if at > 0 { list[at - 1] } else { i64::MIN };
        let next = list.get(at).copied();
        list.insert(at, day);
        if let Some(d) = self.days.get_mut(&day) {
            insert_sorted(&mut d.prev_days, prev);
        }
        if let Some(next) = next {
            if let Some(d) = self.days.get_mut(&next) {
                remove_one(&mut d.prev_days, prev);
                insert_sorted(&mut d.prev_days, day);
            }
        }
    }

    fn edges(&self, day: i64) -> &[Edge] {
        self.days.get(&day).map_or(&[], |d| d.midnight.as_slice())
    }

    /// Single-chat (`session` 1) or group (2) messages with `lo` 00:00 <= t
    /// <= `hi` 00:00.
    pub fn messages_between(&self, session: i64, lo: i64, hi: i64, work: &mut Work) -> i64 {
        let mut n = 0;
        if lo < hi {
            for (_, d) in self.days.range(lo..hi) {
                work.days += 1;
                n += if session == 1 { d.private } else { d.group };
            }
        }
        let edge = self.edges(hi).iter().filter(|e| e.session == session);
        n + edge.count() as i64
    }

    /// Distinct senders (any session type) with `lo` 00:00 <= t <= `hi` 00:00.
    pub fn active_between(&self, lo: i64, hi: i64, work: &mut Work) -> i64 {
        let mut n = 0;
        if lo < hi {
            for (_, d) in self.days.range(lo..hi) {
                work.days += 1;
                n += d.prev_days.partition_point(|&p| p < lo) as i64;
            }
        }
        // Senders whose only message in the window is at `hi` 00:00.
        let mut extra: Vec<u32> = Vec::new();
        for e in self.edges(hi) {
            work.entries += 1;
            if extra.contains(&e.sender) {
                continue;
            }
            let days = self
                .sender_days
                .get(&e.sender)
                .map_or(&[][..], Vec::as_slice);
            let at = days.partition_point(|&d| d < lo);
            if days.get(at).is_none_or(|&d| d >= hi) {
                extra.push(e.sender);
            }
        }
        n + extra.len() as i64
    }

    /// The top `limit` of `top` in `lo` 00:00 <= t <= `hi` 00:00, most
    /// messages first (ties by ID): the months inside the range are read
    /// whole, the days at its ends one by one.
    pub fn top(
        &self,
        top: Top,
        lo: i64,
        hi: i64,
        limit: usize,
        work: &mut Work,
    ) -> Vec<(String, i64)> {
        let mut sum: FxHashMap<u32, i64> = FxHashMap::default();
        let mut merge = |tops: &Tops, work: &mut Work| {
            let maps: &[&Counts] = match top {
                Top::Senders => &[&tops.private_by_sender],
                Top::Groups => &[&tops.group_by_recv],
                Top::GroupsAndSuper => &[&tops.group_by_recv, &tops.super_by_recv],
            };
            for map in maps {
                for (&k, &v) in map.iter() {
                    work.entries += 1;
                    *sum.entry(k).or_default() += v as i64;
                }
            }
        };
        let mut d = lo;
        while d < hi {
            let key = month_key(d);
            let end = month_start(key + 1);
            if month_start(key) == d && end <= hi {
                work.days += 1;
                if let Some(m) = self.months.get(&key) {
                    merge(m, work);
                }
                d = end;
            } else {
                work.days += 1;
                if let Some(day) = self.days.get(&d) {
                    merge(&day.tops, work);
                }
                d += 1;
            }
        }
        for e in self.edges(hi) {
            let counted = match top {
                Top::Senders => e.session == 1,
                Top::Groups => e.session == 2,
                Top::GroupsAndSuper => matches!(e.session, 2 | 3),
            };
            if counted {
                let key = if top == Top::Senders {
                    e.sender
                } else {
                    e.recv
                };
                *sum.entry(key).or_default() += 1;
            }
        }
        let mut ranked: Vec<(&str, i64)> = sum
            .into_iter()
            .map(|(k, v)| (self.ids.name(k), v))
            .collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        ranked.truncate(limit);
        ranked
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect()
    }

    /// The smallest chat-log index list among the filters that have one
    /// (send day, sender, receiver), or `None` when no filter has an index.
    pub fn log_candidates(
        &self,
        day: Option<i64>,
        sender: Option<&str>,
        recv: Option<&str>,
    ) -> Option<&[u32]> {
        let none: &[u32] = &[];
        let mut lists: Vec<&[u32]> = Vec::new();
        if let Some(day) = day {
            lists.push(self.log_by_day.get(&day).map_or(none, Vec::as_slice));
        }
        if let Some(s) = sender {
            let list = self.ids.get(s).and_then(|i| self.log_by_sender.get(&i));
            lists.push(list.map_or(none, Vec::as_slice));
        }
        if let Some(r) = recv {
            let list = self.ids.get(r).and_then(|i| self.log_by_recv.get(&i));
            lists.push(list.map_or(none, Vec::as_slice));
        }
        lists.into_iter().min_by_key(|l| l.len())
    }
}
