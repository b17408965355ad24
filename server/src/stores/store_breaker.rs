//! A circuit breaker for a store: after `FAILURES_TO_OPEN` failures in a row the store is not
//! asked for `OPEN_FOR`, and every request meanwhile is told at once to come back; then one
//! request at a time asks it (the probe) until one succeeds. So a dead bucket costs each request
//! nothing but the refusal, and a bucket that came back serves again a second or so later.

use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Failures in a row that open the breaker: one slow answer in a calm minute does not.
const FAILURES_TO_OPEN: u32 = 3;
/// How long an open breaker refuses before it lets a probe through.
pub const OPEN_FOR: Duration = Duration::from_secs(1);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    Closed {
        failures_in_a_row: u32,
    },
    Open {
        until: Instant,
    },
    /// One request is asking; until `given_up_at` (its deadline and a margin: a probe whose
    /// request went away never reports) nobody else does.
    Probing {
        given_up_at: Instant,
    },
}

/// Whether a request may ask the store.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Permit {
    Ask,
    /// Ask, as the one request that finds out whether the store is back.
    Probe,
    /// Refused at once: the store is known to be down.
    Refused,
}

pub struct Breaker {
    phase: Mutex<Phase>,
    /// How long one request may take: a probe not heard of by then is given up.
    deadline: Duration,
}

impl Breaker {
    pub fn new(deadline: Duration) -> Breaker {
        Breaker { phase: Mutex::new(Phase::Closed { failures_in_a_row: 0 }), deadline }
    }

    fn phase(&self) -> std::sync::MutexGuard<'_, Phase> {
        self.phase.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn ask(&self, now: Instant) -> Permit {
        let mut phase = self.phase();
        match *phase {
            Phase::Closed { .. } => Permit::Ask,
            Phase::Open { until } | Phase::Probing { given_up_at: until } if now < until => Permit::Refused,
            Phase::Open { .. } | Phase::Probing { .. } => {
                *phase = Phase::Probing { given_up_at: now + self.deadline + OPEN_FOR };
                Permit::Probe
            }
        }
    }

    /// The store answered.
    pub fn succeeded(&self) {
        *self.phase() = Phase::Closed { failures_in_a_row: 0 };
    }

    /// The probe's request went away before the store answered (its client left, or a caller's
    /// shorter deadline ran out): another request probes after `OPEN_FOR`, not after the deadline.
    pub fn probe_abandoned(&self, now: Instant) {
        let mut phase = self.phase();
        if let Phase::Probing { .. } = *phase {
            *phase = Phase::Open { until: now + OPEN_FOR };
        }
    }

    /// The store failed or did not answer in time.
    pub fn failed(&self, now: Instant) {
        let mut phase = self.phase();
        *phase = match *phase {
            Phase::Closed { failures_in_a_row } if failures_in_a_row + 1 < FAILURES_TO_OPEN => {
                Phase::Closed { failures_in_a_row: failures_in_a_row + 1 }
            }
            _ => Phase::Open { until: now + OPEN_FOR },
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEADLINE: Duration = Duration::from_secs(5);

    /// A breaker three failures opened, and when.
    fn opened() -> (Breaker, Instant) {
        let breaker = Breaker::new(DEADLINE);
        let start = Instant::now();
        for _ in 0..FAILURES_TO_OPEN {
            breaker.failed(start);
        }
        (breaker, start)
    }

    #[test]
    fn three_failures_in_a_row_refuse_everyone_for_a_second_then_one_probe_asks() {
        let breaker = Breaker::new(DEADLINE);
        let start = Instant::now();
        breaker.failed(start);
        breaker.failed(start);
        assert_eq!(breaker.ask(start), Permit::Ask, "two failures leave it asking");
        breaker.failed(start);
        assert_eq!(breaker.ask(start), Permit::Refused);
        assert_eq!(breaker.ask(start + OPEN_FOR - Duration::from_millis(1)), Permit::Refused);
        let later = start + OPEN_FOR;
        assert_eq!(breaker.ask(later), Permit::Probe);
        assert_eq!(breaker.ask(later), Permit::Refused, "one probe at a time");
        breaker.succeeded();
        assert_eq!(breaker.ask(later), Permit::Ask, "the store is back: everyone asks");
    }

    #[test]
    fn a_failed_probe_opens_it_again_and_a_success_between_failures_starts_the_count_anew() {
        let (breaker, start) = opened();
        let probe_at = start + OPEN_FOR;
        assert_eq!(breaker.ask(probe_at), Permit::Probe);
        breaker.failed(probe_at);
        assert_eq!(breaker.ask(probe_at + Duration::from_millis(500)), Permit::Refused);
        assert_eq!(breaker.ask(probe_at + OPEN_FOR), Permit::Probe);
        breaker.succeeded();
        breaker.failed(probe_at);
        breaker.failed(probe_at);
        breaker.succeeded();
        breaker.failed(probe_at);
        assert_eq!(breaker.ask(probe_at), Permit::Ask, "not three in a row");
    }

    #[test]
    fn a_probe_never_heard_of_is_given_up_after_its_deadline() {
        let (breaker, start) = opened();
        assert_eq!(breaker.ask(start + OPEN_FOR), Permit::Probe);
        assert_eq!(breaker.ask(start + OPEN_FOR + DEADLINE), Permit::Refused);
        assert_eq!(breaker.ask(start + OPEN_FOR + DEADLINE + OPEN_FOR), Permit::Probe, "another probe");
    }

    #[test]
    fn an_abandoned_probe_lets_another_ask_a_second_later() {
        let (breaker, start) = opened();
        let probe_at = start + OPEN_FOR;
        assert_eq!(breaker.ask(probe_at), Permit::Probe);
        breaker.probe_abandoned(probe_at);
        assert_eq!(breaker.ask(probe_at + OPEN_FOR), Permit::Probe);
        breaker.succeeded();
        breaker.probe_abandoned(probe_at);
        assert_eq!(breaker.ask(probe_at), Permit::Ask, "a request that went away is no probe once closed");
    }
}
