//! A moment as every person of an exam reads it: on China's wall clock, with the zone named in the
//! reader's language. The one format for a time shown on a page, in a text, a document or an
//! export; the type carries no way to show the wall clock without its zone.

use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Timelike, Utc};
use serde::{Deserialize, Serialize};

use super::china_day::china_offset;

/// "2026-11-28 09:00" on China's wall clock. Serialized as that text alone: the type says whose
/// clock it is, and `zh`/`en` add the zone where a person reads it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ChinaTime {
    wall_clock: String,
}

impl ChinaTime {
    /// A moment, whatever offset it was written in, on China's clock.
    pub fn of<Tz: TimeZone>(at: &DateTime<Tz>) -> ChinaTime {
        let at = at.with_timezone(&china_offset());
        // Written field by field rather than with `format("%Y…")`: chrono's format strings are
        // parsed at run time, and that parser is code every candidate would download.
        let wall_clock =
            format!("{:04}-{:02}-{:02} {:02}:{:02}", at.year(), at.month(), at.day(), at.hour(), at.minute());
        ChinaTime { wall_clock }
    }

    /// The close of a China day, as a deadline is read: "2026-12-02 24:00".
    pub fn end_of(day: NaiveDate) -> ChinaTime {
        ChinaTime { wall_clock: format!("{:04}-{:02}-{:02} 24:00", day.year(), day.month(), day.day()) }
    }

    /// "2026-11-28 09:00 北京时间": without brackets, as it often stands inside a sentence's own
    /// ("已锁定（2026-11-28 09:00 北京时间）").
    pub fn zh(&self) -> String {
        format!("{} 北京时间", self.wall_clock)
    }

    /// "2026-11-28 09:00 Beijing time"
    pub fn en(&self) -> String {
        format!("{} Beijing time", self.wall_clock)
    }

    /// Both, (zh, en), for a sentence written in each language.
    pub fn words(&self) -> (String, String) {
        (self.zh(), self.en())
    }

    /// The wall clock alone, where a heading already names the zone (a table's column).
    pub fn wall_clock(&self) -> &str {
        &self.wall_clock
    }
}

/// A recorded instant on China's clock: the shorthand for the server's `DateTime<Utc>` columns.
pub fn china_time(at: DateTime<Utc>) -> ChinaTime {
    ChinaTime::of(&at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_moment_late_on_a_utc_day_is_read_on_the_next_china_day_with_its_zone() {
        let at = DateTime::parse_from_rfc3339("2026-11-27T17:05:00Z").unwrap().with_timezone(&Utc);
        assert_eq!(china_time(at).zh(), "2026-11-28 01:05 北京时间");
        assert_eq!(china_time(at).en(), "2026-11-28 01:05 Beijing time");
    }

    #[test]
    fn a_moment_written_in_another_offset_is_still_read_on_china_s_clock() {
        let newfoundland = DateTime::parse_from_rfc3339("2026-01-02T23:59:30-03:30").unwrap();
        assert_eq!(ChinaTime::of(&newfoundland).wall_clock(), "2026-01-03 11:29");
    }

    #[test]
    fn a_day_s_deadline_is_its_24_00() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        assert_eq!(ChinaTime::end_of(day).zh(), "2026-12-02 24:00 北京时间");
    }

    #[test]
    fn it_travels_as_the_wall_clock_alone() {
        let at = DateTime::parse_from_rfc3339("2026-12-01T09:00:00+08:00").unwrap();
        assert_eq!(serde_json::to_string(&ChinaTime::of(&at)).unwrap(), "\"2026-12-01 09:00\"");
    }
}
