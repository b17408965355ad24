//! Counts what a key did lately (a wrong password from one address at one account, a recovery
//! code sent to one account at one address's request) and refuses the key once it did it too
//! often. Unlike the token buckets in `rate_limits`, asking costs nothing: only the events the
//! caller records are counted, so a correct password from an address that has not failed is
//! never refused because somebody else failed at the same account.
//!
//! `governor` cannot look at a bucket without taking from it, so the arithmetic is its own: the
//! same generic cell rate algorithm, one instant per key (the "theoretical arrival time").

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::error::AppError;

use super::rate_limits::Limit;

pub struct KeyedTally<K> {
    limit: Limit,
    /// Per key: the instant by which every recorded event will have been forgiven.
    forgiven_at: Mutex<HashMap<K, Instant>>,
}

impl<K: Hash + Eq> KeyedTally<K> {
    pub fn new(limit: Limit) -> KeyedTally<K> {
        KeyedTally { limit, forgiven_at: Mutex::new(HashMap::new()) }
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

    /// Forgets keys whose events are all forgiven, so the table stays small.
    pub fn forget_idle(&self) {
        let now = Instant::now();
        self.table().retain(|_, forgiven_at| *forgiven_at > now);
    }

    fn check_at(&self, key: &K, now: Instant) -> Result<(), AppError> {
        let Some(forgiven_at) = self.table().get(key).copied() else { return Ok(()) };
        let room = self.period() * self.limit.burst.saturating_sub(1);
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
        self.limit.period.max(Duration::from_millis(1))
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
        KeyedTally::new(Limit { burst: 3, period: Duration::from_secs(60) })
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
