//! The steps of an application: written with every state change, shown to the candidate newest
//! first (a result only from the exam's results time) and replayed for the progress chart.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};

use crate::domain::record_ids::{ApplicationId, ExamCode};
use crate::domain::ApplicationState;
use crate::error::AppError;
use crate::models::feedback::TimelineEntry;
use crate::ssr::entities::application_event;

pub struct Step<'a> {
    pub application_id: ApplicationId,
    pub exam_code: &'a ExamCode,
    pub at: DateTime<Utc>,
    pub state_after: ApplicationState,
    pub message_zh: String,
    pub message_en: String,
    /// Hidden from the candidate before this (results); otherwise `at`.
    pub visible_from: DateTime<Utc>,
}

pub async fn record(db: &impl ConnectionTrait, step: Step<'_>) -> Result<(), AppError> {
    application_event::ActiveModel {
        application_id: Set(step.application_id),
        exam_code: Set(step.exam_code.clone()),
        at: Set(step.at),
        state_after: Set(step.state_after),
        message_zh: Set(step.message_zh),
        message_en: Set(step.message_en),
        visible_from: Set(step.visible_from),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The application's messages visible at `now` (all of them when `now` is `None`), newest first.
pub async fn entries(
    db: &DatabaseConnection,
    application_id: ApplicationId,
    now: Option<DateTime<Utc>>,
) -> Result<Vec<TimelineEntry>, AppError> {
    let mut query =
        application_event::Entity::find().filter(application_event::Column::ApplicationId.eq(application_id));
    if let Some(now) = now {
        query = query.filter(application_event::Column::VisibleFrom.lte(now));
    }
    let rows =
        query.order_by_desc(application_event::Column::At).order_by_desc(application_event::Column::Id).all(db).await?;
    Ok(rows
        .into_iter()
        .map(|r| TimelineEntry {
            at: crate::domain::china_time::china_time(r.at),
            message_zh: r.message_zh,
            message_en: r.message_en,
        })
        .collect())
}

/// Every step of an exam's applications in time order: (application, when, state after).
pub async fn exam_history(
    db: &DatabaseConnection,
    exam_code: &ExamCode,
) -> Result<Vec<(ApplicationId, DateTime<Utc>, ApplicationState)>, AppError> {
    let rows = application_event::Entity::find()
        .filter(application_event::Column::ExamCode.eq(exam_code))
        .order_by_asc(application_event::Column::At)
        .order_by_asc(application_event::Column::Id)
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|r| (r.application_id, r.at, r.state_after)).collect())
}
