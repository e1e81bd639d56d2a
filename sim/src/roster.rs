//! One group's member IDs in join order ("DB order") with positional
//! access, so a page of a group's members costs what the page costs, not
//! the group's size (docs/readback.md#get-group-all-member-list).
//!
//! A member who leaves leaves a hole. A Fenwick tree over the slots counts
//! the members before any slot, so the member at a given position is found
//! in O(log n) whatever the holes; a page then walks forward from there,
//! and jumps again with the tree if it meets a long run of holes. The holes
//! are compacted away once they outnumber the members (amortised O(1) per
//! removal, as in `Table`).

use rustc_hash::FxHashMap as HashMap;

/// After this many holes in a row, a page finds its next member with the
/// tree instead of stepping on.
const JUMP_AFTER: usize = 16;

#[derive(Debug, Default)]
pub struct Roster {
    /// userIDs in join order; `None` where a member left.
    slots: Vec<Option<String>>,
    /// userID → its slot.
    slot_of: HashMap<String, usize>,
    /// Fenwick tree over `slots`, 1-based (`tree[0]` unused): 1 per member,
    /// 0 per hole. `tree.len() == slots.len() + 1`.
    tree: Vec<u32>,
    /// The members whose role is not 1 (owners, group admins, odd values
    /// stored by set_group_member_info), so the owner is found without a
    /// scan of the group.
    roles: HashMap<String, i32>,
}

/// A page of IDs and how many slots were looked at to make it.
#[derive(Debug)]
pub struct Page<'a> {
    pub ids: Vec<&'a str>,
    /// Slots visited plus tree descents; O(count · log n) at worst.
    pub steps: usize,
}

fn lowbit(i: usize) -> usize {
    i & i.wrapping_neg()
}

impl Roster {
    pub fn len(&self) -> usize {
        self.slot_of.len()
    }

    pub fn is_empty(&self) -> bool {
        self.slot_of.is_empty()
    }

    pub fn contains(&self, uid: &str) -> bool {
        self.slot_of.contains_key(uid)
    }

    /// Appends a member with `role`; false (no change) if already there.
    pub fn push(&mut self, uid: &str, role: i32) -> bool {
        if self.slot_of.contains_key(uid) {
            return false;
        }
        if self.tree.is_empty() {
            self.tree.push(0);
        }
        let i = self.slots.len() + 1;
        // tree[i] covers slots (i - lowbit(i), i]: this one plus those before.
        let below = self.prefix(i - 1) - self.prefix(i - lowbit(i));
        self.tree.push(below + 1);
        self.slots.push(Some(uid.to_string()));
        self.slot_of.insert(uid.to_string(), i - 1);
        self.set_role(uid, role);
        true
    }

    /// Removes a member; false if it was not there.
    pub fn remove(&mut self, uid: &str) -> bool {
        let Some(slot) = self.slot_of.remove(uid) else {
            return false;
        };
        self.slots[slot] = None;
        self.roles.remove(uid);
        let mut i = slot + 1;
        while i < self.tree.len() {
            self.tree[i] -= 1;
            i += lowbit(i);
        }
        if self.slots.len() > 64 && self.slots.len() > 2 * self.len() {
            self.compact();
        }
        true
    }

    /// Records a member's role (only roles other than 1 are kept).
    pub fn set_role(&mut self, uid: &str, role: i32) {
        if !self.slot_of.contains_key(uid) {
            return;
        }
        if role == 1 {
            self.roles.remove(uid);
        } else {
            self.roles.insert(uid.to_string(), role);
        }
    }

    /// The members with a role other than 1, in join order.
    pub fn special(&self) -> Vec<(&str, i32)> {
        let mut out: Vec<(&str, i32, usize)> = self
            .roles
            .iter()
            .map(|(u, r)| (u.as_str(), *r, self.slot_of[u]))
            .collect();
        out.sort_by_key(|(_, _, slot)| *slot);
        out.into_iter().map(|(u, r, _)| (u, r)).collect()
    }

    /// The first owner (role 2) in join order, as `LIMIT 1` finds it.
    pub fn owner(&self) -> Option<&str> {
        self.roles
            .iter()
            .filter(|(_, r)| **r == 2)
            .min_by_key(|(u, _)| self.slot_of[*u])
            .map(|(u, _)| u.as_str())
    }

    /// Every member ID in join order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.slots.iter().flatten().map(String::as_str)
    }

    /// The members at positions `offset..offset + count` (fewer at the end).
    pub fn page(&self, offset: usize, count: usize) -> Page<'_> {
        let len = self.len();
        let end = offset.saturating_add(count).min(len);
        let mut page = Page {
            ids: Vec::with_capacity(end.saturating_sub(offset)),
            steps: 0,
        };
        if offset >= end {
            return page;
        }
        let (mut slot, steps) = self.find(offset);
        page.steps += steps;
        let mut rank = offset;
        let mut run = 0;
        while rank < end {
            page.steps += 1;
            match &self.slots[slot] {
                Some(uid) => {
                    page.ids.push(uid);
                    rank += 1;
                    slot += 1;
                    run = 0;
                }
                None => {
                    slot += 1;
                    run += 1;
                    if run >= JUMP_AFTER {
                        let (s, steps) = self.find(rank);
                        slot = s;
                        page.steps += steps;
                        run = 0;
                    }
                }
            }
        }
        page
    }

    /// Members in slots before 1-based index `i`, inclusive.
    fn prefix(&self, mut i: usize) -> u32 {
        let mut sum = 0;
        while i > 0 {
            sum += self.tree[i];
            i &= i - 1;
        }
        sum
    }

    /// The slot of the member at position `rank` (< len), and the steps taken.
    fn find(&self, rank: usize) -> (usize, usize) {
        let n = self.slots.len();
        let mut pos = 0;
        let mut left = rank as u32 + 1;
        let mut step = if n == 0 { 0 } else { 1 << n.ilog2() };
        let mut steps = 0;
        while step > 0 {
            steps += 1;
            let next = pos + step;
            if next <= n && self.tree[next] < left {
                pos = next;
                left -= self.tree[next];
            }
            step >>= 1;
        }
        (pos, steps)
    }

    /// Drops the holes and rebuilds the slot index and the tree.
    fn compact(&mut self) {
        self.slots.retain(Option::is_some);
        for (i, uid) in self.slots.iter().flatten().enumerate() {
            if let Some(slot) = self.slot_of.get_mut(uid) {
                *slot = i;
            }
        }
        let n = self.slots.len();
        self.tree = vec![0; n + 1];
        for i in 1..=n {
            self.tree[i] += 1;
            let j = i + lowbit(i);
            if j <= n {
                self.tree[j] += self.tree[i];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(p: &Page) -> Vec<String> {
        p.ids.iter().map(|s| s.to_string()).collect()
    }

    fn names(r: std::ops::Range<usize>) -> Vec<String> {
        r.map(|i| format!("u{i}")).collect()
    }

    #[test]
    fn pages_in_join_order_through_removals() {
        let mut r = Roster::default();
        for i in 0..10 {
            assert!(r.push(&format!("u{i}"), 1));
        }
        assert!(!r.push("u3", 1), "no duplicates");
        assert_eq!(ids(&r.page(8, 5)), names(8..10));
        assert!(r.page(10, 5).ids.is_empty());
        assert!(r.page(3, 0).ids.is_empty());
        assert!(r.remove("u1") && !r.remove("u1"));
        assert_eq!(ids(&r.page(1, 3)), ["u2", "u3", "u4"]);
        r.push("u1", 1);
        assert_eq!(ids(&r.page(8, 5)), ["u9", "u1"]);
        assert_eq!(r.iter().count(), 10);
    }

    #[test]
    fn owner_is_the_first_role_2_in_join_order() {
        let mut r = Roster::default();
        r.push("a", 1);
        r.push("b", 2);
        r.push("c", 3);
        r.push("d", 2);
        assert_eq!(r.owner(), Some("b"));
        r.set_role("b", 1);
        assert_eq!(r.owner(), Some("d"));
        assert_eq!(r.special(), [("c", 3), ("d", 2)]);
        r.remove("d");
        assert_eq!(r.owner(), None);
    }

    /// A page costs its own length plus a tree descent or two, whatever
    /// came before it, holes included.
    #[test]
    fn a_page_costs_the_page_not_the_group() {
        let mut r = Roster::default();
        let n = 100_000;
        for i in 0..n {
            r.push(&format!("u{i}"), 1);
        }
        // Remove a long run in the middle and every third member elsewhere,
        // fewer than half in all, so nothing is compacted.
        let mut gone = std::collections::HashSet::new();
        for i in (40_000..60_000).chain((0..n).filter(|i| i % 3 == 0).take(20_000)) {
            if r.remove(&format!("u{i}")) {
                gone.insert(i);
            }
        }
        assert_eq!(r.slots.len(), n, "not compacted");
        let live: Vec<String> = (0..n)
            .filter(|i| !gone.contains(i))
            .map(|i| format!("u{i}"))
            .collect();
        for offset in [0, 17, 25_000, 39_990, live.len() - 300] {
            let page = r.page(offset, 500);
            let end = (offset + 500).min(live.len());
            assert_eq!(ids(&page), live[offset..end], "offset {offset}");
            assert!(
                page.steps < 500 + 300,
                "offset {offset}: {} steps",
                page.steps
            );
        }
        // Past half, the holes go.
        for i in 60_000..n {
            r.remove(&format!("u{i}"));
        }
        assert!(r.slots.len() < n);
        let left: Vec<String> = r.iter().map(str::to_string).collect();
        assert_eq!(ids(&r.page(100, 50)), left[100..150]);
        assert_eq!(r.len(), left.len());
    }
}
