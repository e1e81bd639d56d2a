//! What a table shows: a status choice, a sort order, the text filter and
//! the slice of rows on screen.

use std::sync::Arc;

use super::super::text::fold_case;
use super::lookup::Lookup;
use super::row::UserRow;

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
    /// Group members: the owner and group admins.
    Managers,
    /// Group members muted when the list was read.
    Muted,
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
    /// The choices of a group's member list.
    pub const GROUP: [Show; 4] = [Show::All, Show::Managers, Show::Muted, Show::Selected];

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
            Show::Managers => "managers",
            Show::Muted => "muted",
        }
    }

    pub fn from_key(key: &str) -> Show {
        (Show::USERS
            .into_iter()
            .chain(Show::RESULTS)
            .chain(Show::GROUP))
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
            Show::Managers => row.role > 1,
            Show::Muted => row.muted_until > 0,
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
    use crate::model::users::fixtures::{directory, ids, sample, shown};

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
        assert_eq!(Show::from_key("online"), Show::Online);
        assert_eq!(Show::from_key("nonsense"), Show::All);
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
    fn window_covers_the_viewport_with_overscan() {
        assert_eq!(window(0, 40, 0, 400), (0, 0));
        assert_eq!(window(1000, 40, 0, 400), (0, 15));
        assert_eq!(window(1000, 40, 4000, 400), (96, 115));
        assert_eq!(window(1000, 40, u32::MAX, 400), (985, 1000));
        assert_eq!(window(5, 40, 0, 400), (0, 5));
        assert_eq!(window(1000, 40, 4020, 400), (96, 115));
    }
}
