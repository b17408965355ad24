//! China's calendar day (UTC+8): the day retention dates, gateways' bills and a listed
//! candidate's own last day count in.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc};

const CHINA_HOURS: i64 = 8;

/// China's offset from UTC, the one place it is written.
pub fn china_offset() -> chrono::FixedOffset {
    chrono::FixedOffset::east_opt((CHINA_HOURS * 3600) as i32).expect("UTC+8 is an offset")
}

/// "December": a day's month as English writes it, for the sentences that name a China day.
pub fn english_month(day: NaiveDate) -> &'static str {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    MONTHS[day.month0() as usize]
}

/// The calendar day in China at `at`.
pub fn china_day_of(at: DateTime<Utc>) -> NaiveDate {
    (at + Duration::hours(CHINA_HOURS)).date_naive()
}

/// The moment a China day ends (its 24:00), in UTC.
pub fn end_of_china_day(day: NaiveDate) -> DateTime<Utc> {
    (day + Duration::days(1)).and_time(NaiveTime::MIN).and_utc() - Duration::hours(CHINA_HOURS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_moment_late_on_a_utc_day_falls_on_the_next_china_day() {
        let at = DateTime::parse_from_rfc3339("2026-11-27T17:05:00Z").unwrap().with_timezone(&Utc);
        assert_eq!(china_day_of(at), NaiveDate::from_ymd_opt(2026, 11, 28).unwrap());
    }
}
