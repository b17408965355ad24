//! China's calendar day (UTC+8): the day retention dates, providers' bills and a listed
//! candidate's own last day count in.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};

const CHINA_HOURS: i64 = 8;

/// The calendar day in China at `at`.
pub fn china_day_of(at: DateTime<Utc>) -> NaiveDate {
    (at + Duration::hours(CHINA_HOURS)).date_naive()
}

/// The moment a China day ends (its 24:00), in UTC.
pub fn end_of_china_day(day: NaiveDate) -> DateTime<Utc> {
    (day + Duration::days(1)).and_time(NaiveTime::MIN).and_utc() - Duration::hours(CHINA_HOURS)
}
