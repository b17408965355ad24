//! Where each of the assistant's passes looks for pictures not yet looked at (issue 55). Looking
//! among every stored picture took most of a pass's time at 700 000 pictures on PostgreSQL, twice
//! for each upload (`scripts/bench-hash-index-scale.sh`), so most passes look only among the
//! pictures stored since the last pass that found nothing began, through the index on when a
//! picture was stored. A whole pass at the start and every hour picks up what those miss: a
//! picture whose look failed, one stored by a server whose clock is far behind.

use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};

/// How often a pass looks among every stored picture.
const WHOLE_PASS_EVERY: Duration = Duration::from_secs(3600);
/// How much earlier than the last pass's start a picture may have been stored and still only
/// become visible after it: its row is stamped when inserted and seen when its upload commits.
const LATE_MINUTES: i64 = 10;

#[derive(Default)]
pub struct PassPlan {
    /// When the last pass that found nothing began (the server's clock).
    found_nothing_since: Option<DateTime<Utc>>,
    /// When the last whole pass that found nothing ended.
    whole_pass_at: Option<Instant>,
}

impl PassPlan {
    /// Since when the pictures were stored that the pass to make at `instant`, `now` by the clock,
    /// looks among; None: a whole pass, among every picture. A clock set back (by hand, or to a
    /// server's time that was ahead) moves the pass's start back with it.
    pub fn next(&self, instant: Instant, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let whole = self.whole_pass_at.is_none_or(|at| instant.duration_since(at) >= WHOLE_PASS_EVERY);
        let since = self.found_nothing_since.filter(|_| !whole)?;
        Some(since.min(now) - chrono::Duration::minutes(LATE_MINUTES))
    }

    /// The pass among the pictures stored since `stored_since` (None: a whole pass), begun at
    /// `began` by the clock, found nothing to do; it ended at `instant`.
    pub fn found_nothing(&mut self, stored_since: Option<DateTime<Utc>>, began: DateTime<Utc>, instant: Instant) {
        self.found_nothing_since = Some(began);
        if stored_since.is_none() {
            self.whole_pass_at = Some(instant);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(minutes: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000, 0).unwrap() + chrono::Duration::minutes(minutes)
    }

    #[test]
    fn the_first_pass_looks_among_every_picture_and_the_next_only_among_those_stored_since_it_began() {
        let mut plan = PassPlan::default();
        let start = Instant::now();
        let first = plan.next(start, at(0));
        assert_eq!(first, None, "a whole pass");
        plan.found_nothing(first, at(0), start);
        let second = plan.next(start + Duration::from_secs(5), at(1));
        assert_eq!(second, Some(at(-LATE_MINUTES)));
        // A pass that looked at pictures changes nothing: the next looks as far back again.
        assert_eq!(plan.next(start + Duration::from_secs(6), at(1)), second);
        plan.found_nothing(second, at(30), start + Duration::from_secs(1800));
        assert_eq!(plan.next(start + Duration::from_secs(1801), at(31)), Some(at(30 - LATE_MINUTES)));
    }

    #[test]
    fn every_hour_a_pass_looks_among_every_picture_again_until_it_finds_nothing() {
        let mut plan = PassPlan::default();
        let start = Instant::now();
        plan.found_nothing(plan.next(start, at(0)), at(0), start);
        let hour_later = start + WHOLE_PASS_EVERY;
        let whole = plan.next(hour_later, at(60));
        assert_eq!(whole, None, "a whole pass");
        // It found pictures a failed look had left behind: the next pass is whole again.
        assert_eq!(plan.next(hour_later + Duration::from_secs(1), at(60)), None, "whole again");
        plan.found_nothing(whole, at(60), hour_later + Duration::from_secs(2));
        assert_eq!(plan.next(hour_later + Duration::from_secs(3), at(61)), Some(at(60 - LATE_MINUTES)));
    }

    #[test]
    fn a_clock_set_back_looks_back_from_its_new_time() {
        let mut plan = PassPlan::default();
        let start = Instant::now();
        plan.found_nothing(plan.next(start, at(600)), at(600), start);
        // The clock was a day ahead and is mended: a picture stored now is still looked for.
        assert_eq!(plan.next(start + Duration::from_secs(1), at(0)), Some(at(-LATE_MINUTES)));
    }
}
