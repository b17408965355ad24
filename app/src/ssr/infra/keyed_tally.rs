//! Counts what a key did lately (a password tried at one account from one address, a forged
//! payment notice from one address) and refuses the key once it did it too often. Unlike the
//! token buckets in `rate_limits`, an event can be given back: a password attempt is counted as
//! it begins (so attempts sent at once cannot all slip past the check before any is counted) and
//! given back when the password was right, so only failures stay counted, and a correct password
//! from an address that has not failed is never refused because somebody else failed elsewhere.
//!
//! `governor` cannot look at a bucket without taking from it, so the arithmetic is its own: the
//! same generic cell rate algorithm, one instant per key (the "theoretical arrival time").

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::error::AppError;

pub struct KeyedTally<K> {
    /// How many events a key may have unforgiven before it is refused.
    burst: u32,
    /// How long it takes to forgive one event.
    period: Duration,
    /// Per key: the instant by which every recorded event will have been forgiven.
    forgiven_at: Mutex<HashMap<K, Instant>>,
}

impl<K: Hash + Eq> KeyedTally<K> {
    pub fn new(burst: u32, period: Duration) -> KeyedTally<K> {
        KeyedTally { burst, period, forgiven_at: Mutex::new(HashMap::new()) }
    }

    /// Refuses (429 with the wait) while `key` has `burst` events not yet forgiven; one is
    /// forgiven every `period`.
    pub fn check(&self, key: &K) -> Result<(), AppError> {
        self.check_at(key, Instant::now())
    }

    /// Counts one event of `key`.
    pub fn record(&self, key: K) {
        self.record_at(key, Instant::now())
    }

    /// Refuses as `check` does, or counts one event at once: the check and the count are one
    /// step, so attempts made at the same moment are counted one after another.
    pub fn take(&self, key: K) -> Result<(), AppError> {
        self.take_at(key, Instant::now())
    }

    /// Gives back one event counted by `take` (the attempt turned out not to count).
    pub fn give_back(&self, key: &K) {
        let period = self.period();
        if let Some(forgiven_at) = self.table().get_mut(key) {
            *forgiven_at = forgiven_at.checked_sub(period).unwrap_or(*forgiven_at);
        }
    }

    /// Forgets keys whose events are all forgiven, so the table stays small.
    pub fn forget_idle(&self) {
        let now = Instant::now();
        self.table().retain(|_, forgiven_at| *forgiven_at > now);
    }

    fn check_at(&self, key: &K, now: Instant) -> Result<(), AppError> {
        let Some(forgiven_at) = self.table().get(key).copied() else { return Ok(()) };
        self.verdict(forgiven_at, now)
    }

    fn take_at(&self, key: K, now: Instant) -> Result<(), AppError> {
        let period = self.period();
        let mut table = self.table();
        let forgiven_at = table.entry(key).or_insert(now);
        self.verdict(*forgiven_at, now)?;
        *forgiven_at = (*forgiven_at).max(now) + period;
        Ok(())
    }

    fn verdict(&self, forgiven_at: Instant, now: Instant) -> Result<(), AppError> {
        let room = self.period() * self.burst.saturating_sub(1);
        let allowed_from = forgiven_at.checked_sub(room).unwrap_or(now);
        if allowed_from <= now {
            return Ok(());
        }
        Err(AppError::TooManyRequests { retry_after_secs: (allowed_from - now).as_secs() + 1 })
    }

    fn record_at(&self, key: K, now: Instant) {
        let period = self.period();
        let mut table = self.table();
        let forgiven_at = table.entry(key).or_insert(now);
        *forgiven_at = (*forgiven_at).max(now) + period;
    }

    fn period(&self) -> Duration {
        self.period.max(Duration::from_millis(1))
    }

    fn table(&self) -> std::sync::MutexGuard<'_, HashMap<K, Instant>> {
        // A panic elsewhere while holding the lock leaves plain instants behind: still usable.
        self.forgiven_at.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn three_a_minute() -> KeyedTally<&'static str> {
        KeyedTally::new(3, Duration::from_secs(60))
    }

    #[test]
    fn a_key_is_refused_after_its_burst_of_events_and_told_how_long_to_wait() {
        let tally = three_a_minute();
        let now = Instant::now();
        for _ in 0..3 {
            assert!(tally.check_at(&"a", now).is_ok());
            tally.record_at("a", now);
        }
        let Err(AppError::TooManyRequests { retry_after_secs }) = tally.check_at(&"a", now) else {
            panic!("a fourth attempt is refused")
        };
        assert!((60..=61).contains(&retry_after_secs), "{retry_after_secs}");
    }

    #[test]
    fn asking_is_free_only_recorded_events_count() {
        let tally = three_a_minute();
        let now = Instant::now();
        for _ in 0..100 {
            assert!(tally.check_at(&"a", now).is_ok());
        }
    }

    #[test]
    fn one_event_is_forgiven_every_period() {
        let tally = three_a_minute();
        let now = Instant::now();
        for _ in 0..3 {
            tally.record_at("a", now);
        }
        assert!(tally.check_at(&"a", now + Duration::from_secs(59)).is_err());
        assert!(tally.check_at(&"a", now + Duration::from_secs(60)).is_ok());
    }

    #[test]
    fn attempts_taken_at_once_are_counted_one_after_another_and_a_right_one_is_given_back() {
        let tally = three_a_minute();
        let now = Instant::now();
        let taken = (0..10).filter(|_| tally.take_at("a", now).is_ok()).count();
        assert_eq!(taken, 3, "no more than the burst, however many arrive together");
        tally.give_back(&"a");
        assert!(tally.take_at("a", now).is_ok(), "a given-back attempt makes room for one more");
        assert!(tally.take_at("a", now).is_err());
    }

    #[test]
    fn another_key_is_not_touched_by_the_first_one_s_events() {
        let tally = three_a_minute();
        let now = Instant::now();
        for _ in 0..5 {
            tally.record_at("guesser", now);
        }
        assert!(tally.check_at(&"guesser", now).is_err());
        assert!(tally.check_at(&"owner", now).is_ok());
    }
}
