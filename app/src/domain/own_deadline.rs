//! A listed candidate's own last day (seed 004, 九.4: "请于收到确认短信的五日内上传报名材料，逾期
//! 视为自动放弃"): counted in China's calendar from the day the gateway accepted the text, plus
//! any days an administrator gave, and lasting to that day's end (24:00, UTC+8). The exam's own
//! window still closes first when it closes earlier.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};

pub use super::china_day::{china_day_of, end_of_china_day};
use super::ApplicationState;

/// The last day a candidate told at `noticed_at` may still upload and submit: text on 11月27日
/// with five days → 12月2日, to its end.
pub fn own_last_day(noticed_at: DateTime<Utc>, days: u32, extra_days: i32) -> NaiveDate {
    china_day_of(noticed_at) + Duration::days(i64::from(days) + i64::from(extra_days))
}

/// 逾期放弃: the candidate's own last day ended and nothing was ever submitted.
pub fn has_lapsed(last_day: Option<NaiveDate>, state: ApplicationState, now: DateTime<Utc>) -> bool {
    last_day.is_some_and(|day| now >= end_of_china_day(day))
        && matches!(state, ApplicationState::NotStarted | ApplicationState::Draft)
}

/// "12月2日": the last day as the text names it (a gateway's parameter is short).
pub fn text_day(day: NaiveDate) -> String {
    format!("{}月{}日", day.month(), day.day())
}

/// "12月2日 24:00" and "24:00 on 2 December", as the candidate reads their last day.
pub fn last_day_words(day: NaiveDate) -> (String, String) {
    let month = super::china_day::english_month(day);
    (format!("{}月{}日 24:00", day.month(), day.day()), format!("24:00 on {} {month}", day.day()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn five_days_from_a_text_on_27_november_end_at_the_close_of_2_december_china_time() {
        let day = own_last_day(at("2026-11-27T10:00:00+08:00"), 5, 0);
        assert_eq!(day, NaiveDate::from_ymd_opt(2026, 12, 2).unwrap());
        assert_eq!(end_of_china_day(day), at("2026-12-03T00:00:00+08:00"));
        assert_eq!(last_day_words(day).0, "12月2日 24:00");
        assert_eq!(last_day_words(day).1, "24:00 on 2 December");
    }

    #[test]
    fn a_text_accepted_after_midnight_in_china_counts_from_chinas_day_not_utcs() {
        // 23:30 UTC on 26 November is 07:30 on 27 November in China.
        assert_eq!(own_last_day(at("2026-11-26T23:30:00Z"), 5, 0), NaiveDate::from_ymd_opt(2026, 12, 2).unwrap());
    }

    #[test]
    fn only_a_candidate_who_never_submitted_lapses_and_only_once_the_last_day_ended() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        let (before, after) = (at("2026-12-02T23:59:00+08:00"), at("2026-12-03T00:00:00+08:00"));
        assert!(!has_lapsed(Some(day), ApplicationState::Draft, before));
        assert!(has_lapsed(Some(day), ApplicationState::Draft, after));
        assert!(has_lapsed(Some(day), ApplicationState::NotStarted, after));
        assert!(!has_lapsed(Some(day), ApplicationState::Submitted, after));
        assert!(!has_lapsed(None, ApplicationState::Draft, after), "no text accepted: no clock");
    }

    #[test]
    fn days_given_by_an_administrator_move_the_last_day() {
        assert_eq!(own_last_day(at("2026-11-27T10:00:00+08:00"), 5, 3), NaiveDate::from_ymd_opt(2026, 12, 5).unwrap());
    }
}
