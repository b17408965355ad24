//! Reading a candidate's application: the row, its form, its state as stored and as the
//! candidate may see it, and an exam's counts per state.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect};

use crate::domain::personal_form::FormValues;
use crate::domain::record_ids::{ExamCode, UserId};
use crate::domain::ApplicationState;
use crate::domain::{ExamPhase, ExamWindows};
use crate::error::AppError;
use crate::ssr::entities::application;

pub async fn find(
    db: &DatabaseConnection,
    user_id: UserId,
    exam_code: &ExamCode,
) -> Result<Option<application::Model>, AppError> {
    Ok(application::Entity::find()
        .filter(application::Column::UserId.eq(user_id))
        .filter(application::Column::ExamCode.eq(exam_code))
        .one(db)
        .await?)
}

pub fn form_of(row: &application::Model) -> FormValues {
    serde_json::from_str(&row.form).unwrap_or_default()
}

pub fn state_of(row: Option<&application::Model>) -> ApplicationState {
    row.map(|r| r.state).unwrap_or(ApplicationState::NotStarted)
}

/// The state a candidate may see: a decision stays "submitted" until the exam's results time,
/// read from the exam as it is now (an administrator may move it). The one rule for every page
/// that shows a result: 我的考试, the exam page.
pub fn state_seen_by_candidate(
    row: Option<&application::Model>,
    windows: &ExamWindows,
    now: DateTime<Utc>,
) -> ApplicationState {
    state_of(row).as_seen_by_candidate(windows.phase_at(now) == ExamPhase::ResultsPublished)
}

/// How many applications of an exam are in each state (those not started are not counted here).
pub async fn count_by_state(
    db: &DatabaseConnection,
    exam_code: &ExamCode,
) -> Result<Vec<(ApplicationState, u64)>, AppError> {
    let rows: Vec<(ApplicationState, i64)> = application::Entity::find()
        .select_only()
        .column(application::Column::State)
        .column_as(application::Column::Id.count(), "count")
        .filter(application::Column::ExamCode.eq(exam_code))
        .group_by(application::Column::State)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|(state, count)| (state, count as u64)).collect())
}
