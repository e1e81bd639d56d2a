//! The table itself: rows in order, an index by userID, the selection and
//! counts kept up to date as answers arrive.

use rustc_hash::{FxHashMap, FxHashSet};

use super::super::outcome::{Action, Outcome};
use super::row::{pair_key, UserRow};
use crate::api::user::{AccountStatus, OnlineStatus, UserInfo, PLATFORMS, REGISTERED};

/// A number no table has used yet.
pub(super) fn stamp() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static LAST: AtomicU64 = AtomicU64::new(0);
    LAST.fetch_add(1, Ordering::Relaxed) + 1
}

/// Rows in request (or server) order plus an index by userID.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Lookup {
    pub rows: Vec<UserRow>,
    index: FxHashMap<String, usize>,
    /// Renewed by every change, so derived lists know when to recompute.
    /// Numbers are never reused, not even by a new table.
    pub version: u64,
    /// Renewed when rows are added or removed (positions change).
    pub layout: u64,
    selected: usize,
    /// Each row's search key, case-folded once instead of on every
    /// keystroke, and kept apart from the rows so a filter pass reads
    /// little memory.
    pub(super) keys: Vec<String>,
    /// What a results table reports on (None: a table of users).
    pub action: Option<Action>,
    /// Kept up to date row by row: counting 100,000 rows on every answer
    /// would cost more than the frame it is drawn in. Rows therefore change
    /// only through these methods.
    counts: Summary,
}

impl Lookup {
    /// One row per ID; `admins` are marked as such.
    pub fn new(ids: &[String], admins: &[String]) -> Self {
        let mut l = Self {
            rows: ids.iter().map(|id| UserRow::new(id)).collect(),
            version: stamp(),
            layout: stamp(),
            ..Default::default()
        };
        l.index_rows();
        for a in admins {
            if let Some(row) = l.row(a) {
                row.admin = true;
            }
        }
        l.recount();
        l.keys = l.rows.iter().map(UserRow::search_key).collect();
        l
    }

    /// A results table of `action`: one row per (from, userID) pair (an
    /// empty from for group calls); `members`, if known, marks who was in
    /// the group before.
    pub fn results(
        action: Action,
        pairs: &[(String, String)],
        members: Option<&FxHashSet<&str>>,
    ) -> Self {
        let rows = (pairs.iter())
            .map(|(from, id)| UserRow {
                from: from.clone(),
                member: members.map(|m| m.contains(id.as_str())),
                ..UserRow::new(id)
            })
            .collect();
        Self::from_rows(rows, Some(action))
    }

    fn from_rows(rows: Vec<UserRow>, action: Option<Action>) -> Self {
        let mut l = Self {
            rows,
            action,
            version: stamp(),
            layout: stamp(),
            ..Default::default()
        };
        l.index_rows();
        l.recount();
        l.keys = l.rows.iter().map(UserRow::search_key).collect();
        l
    }

    /// A table of `rows` as they are (a group's member list).
    pub fn of_rows(rows: Vec<UserRow>) -> Self {
        Self::from_rows(rows, None)
    }

    /// Appends the rows whose key the table lacks (the next page of a
    /// list); their positions are new, so the layout changes.
    pub fn extend(&mut self, rows: Vec<UserRow>) {
        for row in rows {
            let key = row.key();
            if self.index.contains_key(&key) {
                continue;
            }
            self.index.insert(key, self.rows.len());
            self.counts.count(&row, 1);
            self.keys.push(row.search_key());
            self.rows.push(row);
        }
        self.layout = stamp();
        self.changed();
    }

    /// Each row's outcome, by (from, userID).
    pub fn apply_outcomes(&mut self, from: &str, outcomes: Vec<(String, Outcome)>) {
        for (id, outcome) in outcomes {
            self.edit(&pair_key(from, &id), false, |row| {
                row.outcome = Some(Box::new(outcome))
            });
        }
        self.changed();
    }

    /// Sets the roleLevel of the rows at `positions`.
    pub fn set_role(&mut self, positions: impl IntoIterator<Item = usize>, role: i32) {
        for i in positions {
            if let Some(row) = self.rows.get_mut(i) {
                row.role = role;
            }
        }
        self.changed();
    }

    /// Adds rows for the IDs not in the table yet, with `role`; true if any
    /// was new.
    pub fn add_ids(&mut self, ids: &[String], role: i32) -> bool {
        let before = self.rows.len();
        let mut rows = std::mem::take(&mut self.rows);
        for id in ids {
            if !self.index.contains_key(id) {
                self.index.insert(id.clone(), rows.len());
                rows.push(UserRow {
                    role,
                    ..UserRow::new(id)
                });
            }
        }
        self.rows = rows;
        let added = self.rows.len() > before;
        if added {
            self.keys
                .extend(self.rows[before..].iter().map(UserRow::search_key));
            self.recount();
            self.layout = stamp();
        }
        self.changed();
        added
    }

    /// The same table with every row known to be registered (the
    /// directory's IDs come from the server's list of users).
    pub fn all_registered(mut self) -> Self {
        self.rows.iter_mut().for_each(|r| r.registered = Some(true));
        self.recount();
        self
    }

    fn recount(&mut self) {
        let mut counts = Summary::default();
        for r in &self.rows {
            counts.count(r, 1);
        }
        self.counts = counts;
    }

    /// Changes the row of `id`, if there is one, keeping the counts (and,
    /// with `rekey`, its search key) right.
    fn edit(&mut self, id: &str, rekey: bool, change: impl FnOnce(&mut UserRow)) {
        let Some(&i) = self.index.get(id) else {
            return;
        };
        let row = &mut self.rows[i];
        self.counts.count(row, -1);
        change(row);
        self.counts.count(row, 1);
        if rekey {
            self.keys[i] = row.search_key();
        }
    }

    fn index_rows(&mut self) {
        if self.index.len() != self.rows.len() {
            self.index = (self.rows.iter().enumerate())
                .map(|(i, r)| (r.key(), i))
                .collect();
        }
    }

    fn row(&mut self, id: &str) -> Option<&mut UserRow> {
        let i = *self.index.get(id)?;
        self.rows.get_mut(i)
    }

    pub fn position(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    fn changed(&mut self) {
        self.version = stamp();
    }

    pub fn apply_accounts(&mut self, results: &[AccountStatus]) {
        for r in results {
            self.edit(&r.user_id, false, |row| {
                row.registered = Some(r.account_status == REGISTERED);
            });
        }
        self.changed();
    }

    /// get_users_info silently omits unknown IDs (docs/api.md#get-users-info), so a
    /// missing profile is not an error: every asked ID counts as checked.
    pub fn apply_infos(&mut self, asked: &[String], infos: Vec<UserInfo>) {
        for id in asked {
            self.edit(id, false, |row| row.profile_checked = true);
        }
        for info in infos {
            self.edit(&info.user_id.clone(), true, |row| row.info = Some(info));
        }
        self.changed();
    }

    pub fn apply_online(&mut self, statuses: Vec<OnlineStatus>) {
        for s in statuses {
            self.edit(&s.user_id.clone(), false, |row| row.online = Some(s));
        }
        self.changed();
    }

    /// Users the server deleted: dropped from the table (`remove`), or kept
    /// and shown as no longer registered.
    pub fn apply_deleted(&mut self, ids: &[String], remove: bool) {
        let mut unselected = 0;
        for id in ids {
            self.edit(id, true, |row| {
                unselected += usize::from(row.selected);
                row.selected = false;
                row.registered = Some(false);
                row.info = None;
                row.online = None;
            });
        }
        self.selected -= unselected;
        if remove {
            let gone: FxHashSet<&str> = ids.iter().map(String::as_str).collect();
            self.keep_rows(|r| !gone.contains(r.user_id.as_str()));
        }
        self.changed();
    }

    /// Drops the selected rows (a member list's "remove").
    pub fn remove_selected(&mut self) {
        self.keep_rows(|r| !r.selected);
        self.selected = 0;
        self.changed();
    }

    fn keep_rows(&mut self, kept: impl Fn(&UserRow) -> bool) {
        let mut keep = self.rows.iter().map(&kept);
        self.keys.retain(|_| keep.next() == Some(true));
        self.rows.retain(kept);
        self.index.clear();
        self.index_rows();
        self.recount();
        self.layout = stamp();
    }

    pub fn selected_count(&self) -> usize {
        self.selected
    }

    /// Selects or clears the rows at `positions`.
    pub fn select(&mut self, positions: impl IntoIterator<Item = usize>, on: bool) {
        for i in positions {
            if let Some(row) = self.rows.get_mut(i) {
                if row.selected != on {
                    row.selected = on;
                    if on {
                        self.selected += 1;
                    } else {
                        self.selected -= 1;
                    }
                }
            }
        }
        self.changed();
    }

    pub fn clear_selection(&mut self) {
        for r in &mut self.rows {
            r.selected = false;
        }
        self.selected = 0;
        self.changed();
    }

    /// Every row's ID in table order.
    pub fn ids(&self) -> Vec<String> {
        self.rows.iter().map(|r| r.user_id.clone()).collect()
    }

    /// The selected rows' IDs in table order.
    pub fn selected_ids(&self) -> Vec<String> {
        (self.rows.iter().filter(|r| r.selected))
            .map(|r| r.user_id.clone())
            .collect()
    }

    pub fn summary(&self) -> Summary {
        Summary {
            total: self.rows.len(),
            ..self.counts
        }
    }
}

impl Summary {
    /// Adds (`by` 1) or takes away (`by` -1) what `r` counts for.
    fn count(&mut self, r: &UserRow, by: isize) {
        let add = |n: &mut usize, yes: bool| {
            if yes {
                *n = n.wrapping_add_signed(by);
            }
        };
        add(&mut self.registered, r.registered == Some(true));
        add(&mut self.unregistered, r.registered == Some(false));
        add(&mut self.incomplete, !r.is_complete());
        add(&mut self.online, r.is_online());
        add(&mut self.profiles, r.profile_checked);
        add(&mut self.admins, r.admin);
        add(&mut self.succeeded, r.succeeded());
        add(&mut self.refused, r.refused());
        for p in r.online.iter().flat_map(|o| &o.detail_platform_status) {
            if let Some(i) = PLATFORMS.iter().position(|(_, name)| *name == p.platform) {
                add(&mut self.platforms[i], true);
            }
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub total: usize,
    pub registered: usize,
    pub unregistered: usize,
    /// Rows with at least one unanswered request.
    pub incomplete: usize,
    pub online: usize,
    /// Rows whose profile request was answered.
    pub profiles: usize,
    pub admins: usize,
    /// Users online on each of [`PLATFORMS`], in its order.
    pub platforms: [usize; PLATFORMS.len()],
    /// Results tables: rows the call succeeded for, and rows it did not.
    pub succeeded: usize,
    pub refused: usize,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::users::fixtures::{directory, ids, sample, shown};
    use crate::model::users::{Show, Sort};

    #[test]
    fn results_land_on_their_rows_and_unknown_ids_are_ignored() {
        let l = sample();
        assert_eq!(l.rows.len(), 4);
        assert_eq!(l.rows[0].registered, Some(true));
        assert_eq!(l.rows[1].registered, Some(false));
        assert_eq!(l.rows[3].registered, None);
        assert_eq!(l.rows[0].nickname(), "Alice 张");
        assert_eq!(l.rows[0].platforms(), "IOS, Web");
        assert!(!l.rows[2].is_online());
        assert!(l.rows[0].is_complete() && l.rows[2].is_complete());
        assert!(!l.rows[1].is_complete(), "no online status yet");
        assert!(!l.rows[3].is_complete());
    }

    /// The kept counts against a count from scratch.
    fn counted_right(l: &Lookup) {
        let mut fresh = l.clone();
        fresh.recount();
        assert_eq!(l.summary(), fresh.summary());
    }

    #[test]
    fn kept_counts_match_a_recount_after_every_kind_of_change() {
        let mut l = sample();
        counted_right(&l);
        l.apply_accounts(&[AccountStatus {
            user_id: "d".into(),
            account_status: "registered".into(),
        }]);
        counted_right(&l);
        // A user going offline leaves the platform counts.
        l.apply_online(vec![OnlineStatus {
            user_id: "a".into(),
            status: "offline".into(),
            ..Default::default()
        }]);
        counted_right(&l);
        assert_eq!(l.summary().platforms, [0; 7]);
        l.select([0, 1], true);
        l.apply_deleted(&ids(&["a"]), false);
        counted_right(&l);
        l.apply_deleted(&ids(&["b", "nobody"]), true);
        counted_right(&l);
        assert_eq!(l.selected_count(), 0);
        let d = directory(500);
        counted_right(&d);
        let all = d.all_registered();
        counted_right(&all);
        assert_eq!(all.summary().registered, 500);
    }

    #[test]
    fn summary_counts_every_state() {
        assert_eq!(
            sample().summary(),
            Summary {
                total: 4,
                registered: 2,
                unregistered: 1,
                incomplete: 2,
                online: 1,
                profiles: 3,
                admins: 0,
                platforms: [1, 0, 0, 0, 1, 0, 0],
                succeeded: 0,
                refused: 0,
            }
        );
    }

    #[test]
    fn selection_is_counted_and_follows_deletes() {
        let mut l = directory(10);
        assert!(l.rows[l.position("u00003").unwrap()].admin);
        assert!(!l.rows[0].admin);
        l.select([0, 1, 2, 2, 99], true);
        assert_eq!(l.selected_count(), 3);
        l.select([1], false);
        assert_eq!(l.selected_count(), 2);
        let chosen = l.selected_ids();
        assert_eq!(
            chosen,
            [l.rows[0].user_id.clone(), l.rows[2].user_id.clone()]
        );
        assert_eq!(shown(&l, Sort::Listed, "", Show::Selected), chosen);

        // Removing keeps the others in their order and the index right.
        let before: Vec<String> = l.rows.iter().map(|r| r.user_id.clone()).collect();
        l.apply_deleted(&chosen[..1], true);
        assert_eq!(l.selected_count(), 1);
        let after: Vec<String> = l.rows.iter().map(|r| r.user_id.clone()).collect();
        let expected: Vec<String> = before.into_iter().filter(|id| *id != chosen[0]).collect();
        assert_eq!(after, expected);
        for (i, id) in after.iter().enumerate() {
            assert_eq!(l.position(id), Some(i));
            assert!(
                l.keys[i].starts_with(id.as_str()),
                "keys stay with their rows"
            );
        }
        assert_eq!(l.keys.len(), l.rows.len());
        assert_eq!(l.position(&chosen[0]), None);

        // Kept rows (the lookup page) show the user as gone.
        l.apply_deleted(&chosen[1..], false);
        let row = &l.rows[l.position(&chosen[1]).unwrap()];
        assert_eq!(
            (row.registered, row.selected, row.info.is_none()),
            (Some(false), false, true)
        );
        l.select([0, 1], true);
        l.clear_selection();
        assert_eq!(l.selected_count(), 0);
    }
}
