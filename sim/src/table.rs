//! A table in insertion order ("DB order") with a primary-key index, so a
//! lookup, insert or delete costs O(1) whatever the table's size, and a
//! scan still returns rows in the order they were inserted. Keys hash with
//! FxHash: the sim is a local test server, and SipHash's flood resistance
//! would cost a third of a million-user start-up.

use rustc_hash::FxHashMap as HashMap;
use std::hash::Hash;

/// Rows in insertion order; a deleted row leaves a hole until holes
/// outnumber rows, when the table is compacted (amortised O(1)).
#[derive(Debug)]
pub struct Table<K, T> {
    rows: Vec<Option<T>>,
    /// Key → position in `rows`; the only copy of each key.
    index: HashMap<K, usize>,
}

impl<K, T> Default for Table<K, T> {
    fn default() -> Self {
        Table {
            rows: Vec::new(),
            index: HashMap::default(),
        }
    }
}

impl<K: Hash + Eq, T> Table<K, T> {
    pub fn len(&self) -> usize {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    pub fn contains(&self, key: &K) -> bool {
        self.index.contains_key(key)
    }

    pub fn get(&self, key: &K) -> Option<&T> {
        let slot = *self.index.get(key)?;
        self.rows[slot].as_ref()
    }

    pub fn get_mut(&mut self, key: &K) -> Option<&mut T> {
        let slot = *self.index.get(key)?;
        self.rows[slot].as_mut()
    }

    /// Appends a row; false (and no change) when the key exists.
    pub fn insert(&mut self, key: K, row: T) -> bool {
        if self.index.contains_key(&key) {
            return false;
        }
        self.index.insert(key, self.rows.len());
        self.rows.push(Some(row));
        true
    }

    /// Replaces the row in place (keeping its position) or appends it.
    pub fn put(&mut self, key: K, row: T) {
        match self.get_mut(&key) {
            Some(existing) => *existing = row,
            None => {
                self.insert(key, row);
            }
        }
    }

    /// Deletes the row with `key`; true if there was one.
    pub fn remove(&mut self, key: &K) -> bool {
        let Some(slot) = self.index.remove(key) else {
            return false;
        };
        self.rows[slot] = None;
        if self.rows.len() > 64 && self.rows.len() > 2 * self.index.len() {
            self.compact();
        }
        true
    }

    /// Rows in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = &T> {
        self.rows.iter().flatten()
    }

    /// At most `limit` rows after the first `offset`, in insertion order.
    /// Without holes this starts at the page itself; with some, it steps
    /// over the rows before it, still without copying any.
    pub fn page(&self, offset: usize, limit: usize) -> impl Iterator<Item = &T> {
        let (start, skip) = if self.rows.len() == self.index.len() {
            (offset.min(self.rows.len()), 0)
        } else {
            (0, offset)
        };
        self.rows[start..].iter().flatten().skip(skip).take(limit)
    }

    /// Drops the holes; each row moves up by the holes before it.
    fn compact(&mut self) {
        let mut holes_before = Vec::with_capacity(self.rows.len());
        let mut holes = 0;
        for row in &self.rows {
            holes_before.push(holes);
            holes += usize::from(row.is_none());
        }
        for slot in self.index.values_mut() {
            *slot -= holes_before[*slot];
        }
        self.rows.retain(Option::is_some);
    }
}

impl<K, T: serde::Serialize> serde::Serialize for Table<K, T> {
    /// As a JSON array of rows, in insertion order.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.rows.iter().flatten())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(t: &Table<String, i32>) -> Vec<i32> {
        t.iter().copied().collect()
    }

    #[test]
    fn keeps_insertion_order_through_replaces_and_deletes() {
        let mut t = Table::default();
        for (i, k) in ["a", "b", "c", "d"].iter().enumerate() {
            assert!(t.insert(k.to_string(), i as i32));
        }
        assert!(!t.insert("b".into(), 99), "duplicate key refused");
        t.put("b".into(), 10);
        t.put("e".into(), 4);
        assert!(t.remove(&"c".into()));
        assert!(!t.remove(&"c".into()));
        assert_eq!(keys(&t), [0, 10, 3, 4]);
        assert_eq!(t.len(), 4);
        assert_eq!(t.get(&"d".into()), Some(&3));
        assert!(
            t.insert("c".into(), 5),
            "a deleted key can come back, at the end"
        );
        assert_eq!(keys(&t), [0, 10, 3, 4, 5]);
    }

    #[test]
    fn pages_skip_holes() {
        let mut t = Table::default();
        for i in 0..10 {
            t.insert(i.to_string(), i);
        }
        let page = |t: &Table<String, i32>, o, l| t.page(o, l).copied().collect::<Vec<_>>();
        assert_eq!(page(&t, 8, 5), [8, 9]);
        assert_eq!(page(&t, 20, 5), Vec::<i32>::new());
        t.remove(&"1".into());
        assert_eq!(page(&t, 2, 3), [3, 4, 5]);
    }

    #[test]
    fn compaction_keeps_order_and_index() {
        let mut t = Table::default();
        for i in 0..1000 {
            t.insert(i.to_string(), i);
        }
        for i in (0..1000).filter(|i| i % 3 != 0) {
            assert!(t.remove(&i.to_string()));
        }
        let expected: Vec<i32> = (0..1000).filter(|i| i % 3 == 0).collect();
        assert_eq!(keys(&t), expected);
        assert!(t.rows.len() < 1000, "holes were compacted away");
        for i in expected {
            assert_eq!(t.get(&i.to_string()), Some(&i));
        }
        assert_eq!(serde_json::to_string(&t).unwrap().matches(',').count(), 333);
    }
}
