//! The users table shared by the lookup page and the directory: one row per
//! user ID, filled in as account_check, get_users_info and online-status
//! answers arrive, with selection, sorting and an incremental filter that
//! stay fast at 100,000 rows.

use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};

use super::outcome::{Action, Outcome};
use super::text::fold_case;
use crate::api::user::{AccountStatus, OnlineStatus, UserInfo, ONLINE, PLATFORMS, REGISTERED};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct UserRow {
    pub user_id: String,
    /// None until account_check answered (or when its request failed).
    pub registered: Option<bool>,
    pub info: Option<UserInfo>,
    /// get_users_info answered for this ID (a registered user may still have
    /// no profile fields).
    pub profile_checked: bool,
    pub online: Option<OnlineStatus>,
    /// One of the server's app-manager accounts: never deleted from here.
    pub admin: bool,
    pub selected: bool,
    /// In a results table of pairs: the user acting on `user_id` (the
    /// fromUserID of import_friend, the owner of a blacklist).
    pub from: String,
    /// In a new group's member list: roleLevel, 1 member or 3 admin.
    pub role: i32,
    /// Known to be in the group before a kick (None: not known).
    pub member: Option<bool>,
    /// In a results table: what the call did for this row.
    pub outcome: Option<Box<Outcome>>,
}

impl UserRow {
    pub fn new(user_id: &str) -> Self {
        Self {
            user_id: user_id.to_string(),
            ..Default::default()
        }
    }

    /// Every request about this user has been answered.
    pub fn is_complete(&self) -> bool {
        self.registered.is_some() && self.profile_checked && self.online.is_some()
    }

    pub fn is_online(&self) -> bool {
        self.online.as_ref().is_some_and(|o| o.status == ONLINE)
    }

    pub fn nickname(&self) -> &str {
        self.info.as_ref().map_or("", |i| i.nickname.as_str())
    }

    /// Names of the platforms the user is online on, comma separated.
    pub fn platforms(&self) -> String {
        self.online
            .as_ref()
            .map(|o| {
                o.detail_platform_status
                    .iter()
                    .map(|p| p.platform.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default()
    }

    /// What the text filter searches: userID, nickname and the acting
    /// user, case-folded. A newline cannot occur in what the operator types
    /// into the filter, so no match spans two parts.
    fn search_key(&self) -> String {
        let nickname = self.nickname();
        if nickname.is_empty() && self.from.is_empty() {
            return fold_case(&self.user_id);
        }
        fold_case(&format!("{}\n{}\n{}", self.user_id, nickname, self.from))
    }

    /// The row's place in the index: its userID, or in a table of pairs
    /// the pair.
    fn key(&self) -> String {
        pair_key(&self.from, &self.user_id)
    }

    /// The call this row is in succeeded for it.
    pub fn succeeded(&self) -> bool {
        self.outcome.as_deref().is_some_and(Outcome::ok)
    }

    pub fn refused(&self) -> bool {
        self.outcome.as_deref().is_some_and(|o| !o.ok())
    }
}

/// Where a row of `from` acting on `user_id` is found (`from` may be empty).
pub fn pair_key(from: &str, user_id: &str) -> String {
    if from.is_empty() {
        user_id.to_string()
    } else {
        // A unit separator: no userID contains it.
        format!("{from}\u{1f}{user_id}")
    }
}

/// A number no table has used yet.
fn stamp() -> u64 {
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
    keys: Vec<String>,
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

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Show {
    #[default]
    All,
    Registered,
    Unregistered,
    Online,
    /// Online status known, and offline.
    Offline,
    Incomplete,
    Selected,
    /// Results tables: the call succeeded for the row.
    Succeeded,
    /// Results tables: the call answered, and not with success.
    Refused,
}

impl Show {
    /// The choices of a table of users.
    pub const USERS: [Show; 7] = [
        Show::All,
        Show::Registered,
        Show::Unregistered,
        Show::Online,
        Show::Offline,
        Show::Incomplete,
        Show::Selected,
    ];
    /// The choices of a results table.
    pub const RESULTS: [Show; 4] = [Show::All, Show::Succeeded, Show::Refused, Show::Selected];

    pub fn key(self) -> &'static str {
        match self {
            Show::All => "all",
            Show::Registered => "registered",
            Show::Unregistered => "unregistered",
            Show::Online => "online",
            Show::Offline => "offline",
            Show::Incomplete => "incomplete",
            Show::Selected => "selected",
            Show::Succeeded => "succeeded",
            Show::Refused => "refused",
        }
    }

    pub fn from_key(key: &str) -> Show {
        (Show::USERS.into_iter().chain(Show::RESULTS))
            .find(|s| s.key() == key)
            .unwrap_or_default()
    }

    fn admits(self, row: &UserRow) -> bool {
        match self {
            Show::All => true,
            Show::Registered => row.registered == Some(true),
            Show::Unregistered => row.registered == Some(false),
            Show::Online => row.is_online(),
            Show::Offline => row.online.is_some() && !row.is_online(),
            Show::Incomplete => !row.is_complete(),
            Show::Selected => row.selected,
            Show::Succeeded => row.succeeded(),
            Show::Refused => row.refused(),
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    /// As listed: the pasted order, or the server's.
    #[default]
    Listed,
    UserId,
    /// By nickname, then userID (rows without a profile first).
    Nickname,
}

impl Sort {
    pub const ALL: [Sort; 3] = [Sort::Listed, Sort::UserId, Sort::Nickname];

    pub fn key(self) -> &'static str {
        match self {
            Sort::Listed => "listed",
            Sort::UserId => "userID",
            Sort::Nickname => "nickname",
        }
    }

    pub fn from_key(key: &str) -> Sort {
        Sort::ALL
            .into_iter()
            .find(|s| s.key() == key)
            .unwrap_or_default()
    }
}

/// Whether `needle` occurs in `hay`. Keys are a few dozen bytes, where a
/// plain scan beats `str::contains`, which sets up a searcher per call
/// (100,000 rows a keystroke).
fn contains(hay: &[u8], needle: &[u8]) -> bool {
    match needle {
        [] => true,
        [first, rest @ ..] => (hay.iter().enumerate())
            .filter(|(_, b)| *b == first)
            .any(|(i, _)| hay[i + 1..].starts_with(rest)),
    }
}

/// Row positions in a sort order, with what they were computed from: a
/// userID order survives profile answers, so it is sorted once per table.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Ordered {
    /// Shared, so handing the same order on (or to an unfiltered view)
    /// copies nothing and compares by address.
    pub positions: Arc<[u32]>,
    sort: Sort,
    basis: u64,
}

impl Ordered {
    pub fn new(l: &Lookup, sort: Sort, prev: Option<&Ordered>) -> Ordered {
        let by_nick = sort == Sort::Nickname;
        let basis = if by_nick { l.version } else { l.layout };
        if let Some(p) = prev.filter(|p| p.sort == sort && p.basis == basis) {
            return p.clone();
        }
        let mut positions: Vec<u32> = (0..l.rows.len() as u32).collect();
        if sort != Sort::Listed {
            // One comparator for both orders: one copy of the sort code.
            let key = |i: &u32| {
                let r = &l.rows[*i as usize];
                (if by_nick { r.nickname() } else { "" }, r.user_id.as_str())
            };
            positions.sort_unstable_by(|a, b| key(a).cmp(&key(b)));
        }
        Ordered {
            positions: positions.into(),
            sort,
            basis,
        }
    }
}

/// The rows matching the text (in userID or nickname, case-insensitive)
/// and the status choice, as positions in sort order. Typing one more
/// character narrows the previous result instead of scanning every row.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filtered {
    pub positions: Arc<[u32]>,
    needle: String,
    show: Show,
    basis: (u64, Sort),
}

impl Filtered {
    pub fn new(
        l: &Lookup,
        order: &Ordered,
        text: &str,
        show: Show,
        prev: Option<&Filtered>,
    ) -> Filtered {
        let needle = fold_case(text.trim());
        let basis = (l.version, order.sort);
        let admits = |&i: &u32| {
            let i = i as usize;
            contains(l.keys[i].as_bytes(), needle.as_bytes())
                && (show == Show::All || show.admits(&l.rows[i]))
        };
        let positions = match prev {
            // Nothing to filter: every row, whatever the answers changed.
            _ if needle.is_empty() && show == Show::All => order.positions.clone(),
            Some(p) if p.basis == basis && p.show == show && needle.contains(p.needle.as_str()) => {
                p.positions.iter().copied().filter(admits).collect()
            }
            _ => order.positions.iter().copied().filter(admits).collect(),
        };
        Filtered {
            positions,
            needle,
            show,
            basis,
        }
    }
}

pub const CSV_HEADER: [&str; 8] = [
    "userID",
    "accountStatus",
    "nickname",
    "faceURL",
    "gender",
    "ex",
    "status",
    "platforms",
];

/// A CSV row with the API's own values, so exports are language-neutral.
pub fn csv_row(row: &UserRow) -> Vec<String> {
    let info = row.info.clone().unwrap_or_default();
    vec![
        row.user_id.clone(),
        match row.registered {
            Some(true) => "registered".into(),
            Some(false) => "unregistered".into(),
            None => String::new(),
        },
        info.nickname,
        info.face_url,
        if info.gender == 0 {
            String::new()
        } else {
            info.gender.to_string()
        },
        info.ex,
        row.online
            .as_ref()
            .map(|o| o.status.clone())
            .unwrap_or_default(),
        row.platforms(),
    ]
}

/// Visible slice of a long list: which rows to render for a scroll offset
/// (all in whole pixels), so thousands of rows cost as much as a screenful.
pub fn window(total: usize, row_height: u32, scroll_top: u32, viewport: u32) -> (usize, usize) {
    const OVERSCAN: usize = 4;
    if total == 0 || row_height == 0 {
        return (0, 0);
    }
    let count = viewport.div_ceil(row_height) as usize + 1;
    // A stale offset (the list just got shorter) still shows its last rows.
    let first = ((scroll_top / row_height) as usize).min(total.saturating_sub(count));
    let start = first.saturating_sub(OVERSCAN).min(total);
    let end = (first + count + OVERSCAN).min(total);
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::user::PlatformStatus;

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    fn sample() -> Lookup {
        let mut l = Lookup::new(&ids(&["a", "b", "c", "d"]), &[]);
        l.apply_accounts(&[
            AccountStatus {
                user_id: "a".into(),
                account_status: "registered".into(),
            },
            AccountStatus {
                user_id: "b".into(),
                account_status: "unregistered".into(),
            },
            AccountStatus {
                user_id: "c".into(),
                account_status: "registered".into(),
            },
            AccountStatus {
                user_id: "zz".into(),
                account_status: "registered".into(),
            },
        ]);
        l.apply_infos(
            &ids(&["a", "b", "c"]),
            vec![UserInfo {
                user_id: "a".into(),
                nickname: "Alice 张".into(),
                gender: 2,
                ..Default::default()
            }],
        );
        l.apply_online(vec![
            OnlineStatus {
                user_id: "a".into(),
                status: "online".into(),
                detail_platform_status: vec![
                    PlatformStatus {
                        platform: "IOS".into(),
                        status: "online".into(),
                    },
                    PlatformStatus {
                        platform: "Web".into(),
                        status: "online".into(),
                    },
                ],
            },
            OnlineStatus {
                user_id: "c".into(),
                status: "offline".into(),
                ..Default::default()
            },
        ]);
        l
    }

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

    fn shown(l: &Lookup, sort: Sort, text: &str, show: Show) -> Vec<String> {
        let order = Ordered::new(l, sort, None);
        let f = Filtered::new(l, &order, text, show, None);
        (f.positions.iter())
            .map(|&i| l.rows[i as usize].user_id.clone())
            .collect()
    }

    #[test]
    fn filters_combine_text_and_status() {
        let l = sample();
        let all = |show| shown(&l, Sort::Listed, "", show);
        assert_eq!(all(Show::All), ["a", "b", "c", "d"]);
        assert_eq!(all(Show::Registered), ["a", "c"]);
        assert_eq!(all(Show::Unregistered), ["b"]);
        assert_eq!(all(Show::Online), ["a"]);
        assert_eq!(all(Show::Offline), ["c"]);
        assert_eq!(all(Show::Incomplete), ["b", "d"]);
        assert_eq!(shown(&l, Sort::Listed, "张", Show::All), ["a"]);
        assert_eq!(shown(&l, Sort::Listed, " ALICE ", Show::Registered), ["a"]);
        assert!(shown(&l, Sort::Listed, "alice", Show::Unregistered).is_empty());
        // The filter never matches across the userID/nickname boundary.
        assert!(shown(&l, Sort::Listed, "aalice", Show::All).is_empty());
    }

    /// A table like the directory's: IDs out of order, some nicknames.
    fn directory(n: usize) -> Lookup {
        let list: Vec<String> = (0..n).map(|i| format!("u{:05}", (i * 7919) % n)).collect();
        let mut l = Lookup::new(&list, &ids(&["u00003", "nobody"]));
        let infos = (list.iter().step_by(3))
            .map(|id| UserInfo {
                user_id: id.clone(),
                nickname: format!("Nick{}", id.len() + id.as_bytes()[5] as usize % 4),
                ..Default::default()
            })
            .collect();
        l.apply_infos(&list, infos);
        l
    }

    #[test]
    fn the_key_scan_finds_what_str_contains_finds() {
        let hays = [
            "",
            "a",
            "abc\nalice 张伟",
            "aaab",
            "17396220460\nlily",
            "张张伟",
        ];
        let needles = [
            "", "a", "ab", "aab", "c\na", "张伟", "伟", "604", "x", "abcd", "lily!",
        ];
        for hay in hays {
            for needle in needles {
                assert_eq!(
                    contains(hay.as_bytes(), needle.as_bytes()),
                    hay.contains(needle),
                    "{needle:?} in {hay:?}"
                );
            }
        }
    }

    #[test]
    fn narrowing_a_filter_gives_what_a_full_scan_gives() {
        let l = directory(2000);
        let order = Ordered::new(&l, Sort::Nickname, None);
        let mut prev: Option<Filtered> = None;
        for text in ["n", "ni", "nick", "nick7", "nick", "u0", "u00", "u001"] {
            let step = Filtered::new(&l, &order, text, Show::All, prev.as_ref());
            let full = Filtered::new(&l, &order, text, Show::All, None);
            assert_eq!(step.positions, full.positions, "filter {text:?}");
            prev = Some(step);
        }
        assert_eq!(prev.unwrap().positions.len(), 100 + 1000 / 1000 - 1);
    }

    #[test]
    fn sorts_by_id_and_nickname_and_keeps_listed_order() {
        let l = directory(50);
        let listed = shown(&l, Sort::Listed, "", Show::All);
        assert_eq!(listed[..3], ["u00000", "u00019", "u00038"]);
        let mut by_id = listed.clone();
        by_id.sort();
        assert_eq!(shown(&l, Sort::UserId, "", Show::All), by_id);
        let by_nick = shown(&l, Sort::Nickname, "", Show::All);
        let nick = |id: &str| l.rows[l.position(id).unwrap()].nickname().to_string();
        assert!(by_nick
            .windows(2)
            .all(|w| (nick(&w[0]), &w[0]) <= (nick(&w[1]), &w[1])));
        assert_eq!(nick(&by_nick[0]), "", "rows without a profile come first");
        assert_eq!(Sort::from_key("nickname"), Sort::Nickname);
        assert_eq!(Sort::from_key("?"), Sort::Listed);
    }

    #[test]
    fn a_new_table_never_reuses_an_old_tables_order() {
        let empty = Lookup::default();
        let old = Ordered::new(&empty, Sort::Listed, None);
        let fresh = Lookup::new(&ids(&["a", "b"]), &[]);
        let order = Ordered::new(&fresh, Sort::Listed, Some(&old));
        assert_eq!(*order.positions, [0, 1]);
        let f = Filtered::new(&fresh, &order, "", Show::All, None);
        let again = Lookup::new(&ids(&["c", "d", "e"]), &[]);
        let order = Ordered::new(&again, Sort::Listed, Some(&order));
        assert_eq!(
            *Filtered::new(&again, &order, "", Show::All, Some(&f)).positions,
            [0, 1, 2]
        );
    }

    #[test]
    fn a_userid_order_is_kept_across_profile_answers() {
        let mut l = directory(30);
        let first = Ordered::new(&l, Sort::UserId, None);
        l.apply_infos(&ids(&["u00001"]), vec![]);
        let again = Ordered::new(&l, Sort::UserId, Some(&first));
        assert_eq!(again, first);
        l.apply_deleted(&ids(&["u00001"]), true);
        let after = Ordered::new(&l, Sort::UserId, Some(&first));
        assert_eq!(after.positions.len(), 29);
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

    #[test]
    fn csv_rows_use_api_values() {
        let l = sample();
        assert_eq!(
            csv_row(&l.rows[0]),
            [
                "a",
                "registered",
                "Alice 张",
                "",
                "2",
                "",
                "online",
                "IOS, Web"
            ]
        );
        assert_eq!(csv_row(&l.rows[3]), ["d", "", "", "", "", "", "", ""]);
        assert_eq!(Show::from_key("online"), Show::Online);
        assert_eq!(Show::from_key("nonsense"), Show::All);
    }

    #[test]
    fn window_covers_the_viewport_with_overscan() {
        assert_eq!(window(0, 40, 0, 400), (0, 0));
        assert_eq!(window(1000, 40, 0, 400), (0, 15));
        assert_eq!(window(1000, 40, 4000, 400), (96, 115));
        assert_eq!(window(1000, 40, u32::MAX, 400), (985, 1000));
        assert_eq!(window(5, 40, 0, 400), (0, 5));
        assert_eq!(window(1000, 40, 4020, 400), (96, 115));
    }
}
