//! How an exam's applications moved through the states, day by day: the timeline's steps
//! replayed, for the administrator's progress chart.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use sea_orm::DatabaseConnection;

use crate::domain::record_ids::{ApplicationId, ExamCode};
use crate::domain::ApplicationState;
use crate::error::AppError;

/// At most this many days are drawn (the most recent).
pub const MAX_DAYS: usize = 120;

/// The states the chart draws: a draft and everything after it.
const CHARTED: &[ApplicationState] = ApplicationState::ENTERED;

pub async fn series(
    db: &DatabaseConnection,
    exam_code: &ExamCode,
    offset: FixedOffset,
    now: DateTime<Utc>,
) -> Result<(Vec<String>, Vec<(ApplicationState, Vec<u64>)>), AppError> {
    let steps = crate::ssr::messaging::timeline::exam_history(db, exam_code).await?;
    Ok(replay(&steps, offset, now))
}

/// Counts, at the end of each day from the first step to `now`, how many applications were in
/// each charted state.
pub fn replay(
    steps: &[(ApplicationId, DateTime<Utc>, ApplicationState)],
    offset: FixedOffset,
    now: DateTime<Utc>,
) -> (Vec<String>, Vec<(ApplicationState, Vec<u64>)>) {
    let day_of = |t: &DateTime<Utc>| t.with_timezone(&offset).date_naive();
    let Some(first) = steps.first().map(|(_, at, _)| day_of(at)) else {
        return (Vec::new(), CHARTED.iter().map(|s| (*s, Vec::new())).collect());
    };
    let last = day_of(&now).max(first);
    let days: Vec<NaiveDate> = first.iter_days().take_while(|d| *d <= last).collect();
    let days = &days[days.len().saturating_sub(MAX_DAYS)..];
    let mut current: HashMap<ApplicationId, ApplicationState> = HashMap::new();
    let mut counts: Vec<Vec<u64>> = vec![Vec::with_capacity(days.len()); CHARTED.len()];
    let mut next = 0;
    for day in days {
        while next < steps.len() && day_of(&steps[next].1) <= *day {
            current.insert(steps[next].0, steps[next].2);
            next += 1;
        }
        for (i, state) in CHARTED.iter().enumerate() {
            counts[i].push(current.values().filter(|s| *s == state).count() as u64);
        }
    }
    (days.iter().map(|d| d.format("%Y-%m-%d").to_string()).collect(), CHARTED.iter().copied().zip(counts).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn each_day_counts_where_every_application_stood_at_its_end() {
        let steps = vec![
            (ApplicationId(1), at("2026-03-01T09:00:00+08:00"), ApplicationState::Draft),
            (ApplicationId(1), at("2026-03-01T20:00:00+08:00"), ApplicationState::Submitted),
            (ApplicationId(2), at("2026-03-02T10:00:00+08:00"), ApplicationState::Draft),
            (ApplicationId(1), at("2026-03-03T23:30:00+08:00"), ApplicationState::Returned),
        ];
        let offset = FixedOffset::east_opt(8 * 3600).unwrap();
        let (days, series) = replay(&steps, offset, at("2026-03-04T12:00:00+08:00"));
        assert_eq!(days, ["2026-03-01", "2026-03-02", "2026-03-03", "2026-03-04"]);
        let of = |state| series.iter().find(|(s, _)| *s == state).unwrap().1.clone();
        assert_eq!(of(ApplicationState::Draft), [0, 1, 1, 1]);
        assert_eq!(of(ApplicationState::Submitted), [1, 1, 0, 0]);
        // 23:30 in Beijing is still the 3rd there, though it is the 3rd 15:30 in UTC.
        assert_eq!(of(ApplicationState::Returned), [0, 0, 1, 1]);
    }
}
