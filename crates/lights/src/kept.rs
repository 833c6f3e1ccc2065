//! A server's kept copies of what it read from the database, each stamped with the revision it
//! was read at: the one revision-checked cache type, used by the plans' boards, the region's
//! directory of units and leaders, and the public pages. A reader compares the stamp with the
//! database's current revision (one small query) and reads again only when it moved; several
//! servers on one database each keep their own copies and see each other's writes through the
//! revision. Optionally bounded by a weight budget: the copies read least recently go first.

use std::{
    collections::HashMap,
    hash::Hash,
    sync::{Arc, Mutex},
};

/// The stamp of a copy of judged state: the day it was judged for and the revision it was read
/// at (a new day makes every copy old).
pub type DayRev = (chrono::NaiveDate, i64);

/// One kept copy.
#[derive(Debug)]
struct Entry<S, V> {
    stamp: S,
    value: Arc<V>,
    weight: usize,
    /// When it was last read (a counter), to drop the least recently read first.
    used: u64,
}

#[derive(Debug)]
struct Copies<K, S, V> {
    map: HashMap<K, Entry<S, V>>,
    clock: u64,
    weight: usize,
}

/// Copies of values by key, each with the stamp (revision, or day and revision) it was read at.
/// A stamp only grows: a slower reader never puts back a copy older than the one kept.
#[derive(Debug)]
pub struct Kept<K, S, V> {
    copies: Mutex<Copies<K, S, V>>,
    /// At most this much weight is kept over all copies (see [`Kept::bounded`]).
    budget: usize,
    weigh: fn(&V) -> usize,
}

impl<K, S, V> Default for Kept<K, S, V>
where
    K: Eq + Hash + Clone,
    S: Copy + PartialOrd,
{
    fn default() -> Self {
        Kept::unbounded()
    }
}

impl<K, S, V> Kept<K, S, V>
where
    K: Eq + Hash + Clone,
    S: Copy + PartialOrd,
{
    /// Keeps every copy (a region's directory, its public plans: few and small).
    pub fn unbounded() -> Self {
        Kept::bounded(usize::MAX, |_| 0)
    }

    /// Keeps copies while their weights (`weigh`) add up to at most `budget`; a copy heavier
    /// than the budget is not kept at all (a budget of 0 keeps none that weigh anything).
    pub fn bounded(budget: usize, weigh: fn(&V) -> usize) -> Self {
        Kept {
            copies: Mutex::new(Copies {
                map: HashMap::new(),
                clock: 0,
                weight: 0,
            }),
            budget,
            weigh,
        }
    }

    /// The copy kept for `key`, with its stamp; the caller decides whether the stamp is current.
    pub fn get(&self, key: &K) -> Option<(S, Arc<V>)> {
        let mut guard = self.copies.lock().ok()?;
        let c = &mut *guard;
        c.clock += 1;
        let copy = c.map.get_mut(key)?;
        copy.used = c.clock;
        Some((copy.stamp, copy.value.clone()))
    }

    /// The copy for `key` when it was read at `stamp` exactly.
    pub fn current(&self, key: &K, stamp: S) -> Option<Arc<V>> {
        self.get(key).filter(|(s, _)| *s == stamp).map(|(_, v)| v)
    }

    /// Keeps `value` as read at `stamp`, unless a copy read at a later stamp is kept already.
    pub fn put(&self, key: K, stamp: S, value: Arc<V>) {
        let weight = (self.weigh)(&value);
        if weight > self.budget {
            return;
        }
        let Ok(mut guard) = self.copies.lock() else {
            return;
        };
        let c = &mut *guard;
        c.clock += 1;
        if let Some(k) = c.map.get(&key)
            && k.stamp > stamp
        {
            return;
        }
        let used = c.clock;
        if let Some(old) = c.map.insert(
            key,
            Entry {
                stamp,
                value,
                weight,
                used,
            },
        ) {
            c.weight -= old.weight;
        }
        c.weight += weight;
        while c.weight > self.budget {
            let Some(oldest) = c.map.iter().min_by_key(|(_, v)| v.used).map(|(k, _)| k.clone()) else {
                break;
            };
            if let Some(gone) = c.map.remove(&oldest) {
                c.weight -= gone.weight;
            }
        }
    }

    /// How much weight is kept (for tests and metrics).
    pub fn weight(&self) -> usize {
        self.copies.lock().map(|c| c.weight).unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_is_current_only_at_its_stamp() {
        let k: Kept<i64, i64, &str> = Kept::unbounded();
        k.put(1, 5, Arc::new("a"));
        assert_eq!(k.current(&1, 5).as_deref(), Some(&"a"));
        assert_eq!(k.current(&1, 6), None);
        assert_eq!(k.current(&2, 5), None);
    }

    #[test]
    fn an_older_copy_never_replaces_a_newer_one() {
        let k: Kept<i64, (u32, i64), &str> = Kept::unbounded();
        k.put(1, (2, 7), Arc::new("new"));
        k.put(1, (2, 6), Arc::new("slow reader"));
        assert_eq!(k.get(&1).map(|(s, v)| (s, *v)), Some(((2, 7), "new")));
        k.put(1, (3, 0), Arc::new("next day"));
        assert_eq!(k.get(&1).map(|(_, v)| *v), Some("next day"));
    }

    #[test]
    fn the_least_recently_read_go_first_past_the_budget() {
        let k: Kept<i64, i64, usize> = Kept::bounded(10, |v| *v);
        k.put(1, 0, Arc::new(4));
        k.put(2, 0, Arc::new(4));
        k.get(&1);
        k.put(3, 0, Arc::new(4));
        assert!(k.get(&1).is_some());
        assert!(k.get(&2).is_none());
        assert!(k.get(&3).is_some());
        assert_eq!(k.weight(), 8);
        k.put(4, 0, Arc::new(11));
        assert!(k.get(&4).is_none(), "heavier than the budget: not kept");
    }
}
