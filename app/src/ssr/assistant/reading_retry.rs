//! When a reading tesseract did not finish is tried again: an ID number's (`id_number_retry`) or a
//! document number's (`document_number_retry`). Not finished says nothing of the picture (tesseract
//! failed, or was still reading at its deadline on a machine busy far past normal load), so it is
//! read again, each time after as long again as it has waited so far: a broken tesseract costs
//! little, and a mended one reads every picture it missed within a day.

use chrono::{DateTime, Utc};

/// The shortest wait before a reading that was not finished is tried again.
const FIRST_RETRY_MINUTES: i64 = 10;
/// The longest wait between two readings.
const LONGEST_WAIT_HOURS: i64 = 24;

/// When a reading not finished `now`, first tried at `first_tried`, is tried again: after as long
/// as it has waited, from [`FIRST_RETRY_MINUTES`] to [`LONGEST_WAIT_HOURS`].
pub fn retry_at(first_tried: DateTime<Utc>, now: DateTime<Utc>) -> DateTime<Utc> {
    let waited = now - first_tried;
    now + waited.clamp(chrono::Duration::minutes(FIRST_RETRY_MINUTES), chrono::Duration::hours(LONGEST_WAIT_HOURS))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_retry_waits_as_long_again_as_the_reading_has_waited_from_ten_minutes_to_a_day() {
        let first = DateTime::parse_from_rfc3339("2026-11-27T10:00:00Z").unwrap().with_timezone(&Utc);
        let minutes = |m: i64| chrono::Duration::minutes(m);
        assert_eq!(retry_at(first, first), first + minutes(10));
        assert_eq!(retry_at(first, first + minutes(10)), first + minutes(20));
        assert_eq!(retry_at(first, first + minutes(20)), first + minutes(40));
        assert_eq!(retry_at(first, first + minutes(12 * 60)), first + minutes(24 * 60));
        assert_eq!(retry_at(first, first + minutes(72 * 60)), first + minutes(96 * 60), "a day at most");
    }
}
