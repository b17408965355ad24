//! When an exam's results time moves, every result waiting for it moves too: the candidate's
//! timeline line, the in-app notification, and the email and text message not yet sent. A
//! result never shows before its decision was made, so each lands at the later of the two.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::entities::{application_event, notification, outbox_message};
use crate::error::AppError;
use crate::models::ApplicationState;

pub async fn follow_results_time(db: &impl ConnectionTrait, exam_code: &str, results_at: DateTime<Utc>) -> Result<(), AppError> {
    let fail = |e| super::internal("results re-timing", e);
    let results = [ApplicationState::Approved.as_str(), ApplicationState::Rejected.as_str()];
    // Decided before the new time: shown at it. Decided after it: shown at the decision.
    application_event::Entity::update_many()
        .col_expr(application_event::Column::VisibleFrom, Expr::value(results_at))
        .filter(application_event::Column::ExamCode.eq(exam_code))
        .filter(application_event::Column::StateAfter.is_in(results))
        .filter(application_event::Column::At.lte(results_at))
        .exec(db)
        .await
        .map_err(fail)?;
    application_event::Entity::update_many()
        .col_expr(application_event::Column::VisibleFrom, Expr::col(application_event::Column::At).into())
        .filter(application_event::Column::ExamCode.eq(exam_code))
        .filter(application_event::Column::StateAfter.is_in(results))
        .filter(application_event::Column::At.gt(results_at))
        .exec(db)
        .await
        .map_err(fail)?;
    notification::Entity::update_many()
        .col_expr(notification::Column::VisibleFrom, Expr::value(results_at))
        .filter(notification::Column::HeldForResultsOf.eq(exam_code))
        .filter(notification::Column::CreatedAt.lte(results_at))
        .exec(db)
        .await
        .map_err(fail)?;
    notification::Entity::update_many()
        .col_expr(notification::Column::VisibleFrom, Expr::col(notification::Column::CreatedAt).into())
        .filter(notification::Column::HeldForResultsOf.eq(exam_code))
        .filter(notification::Column::CreatedAt.gt(results_at))
        .exec(db)
        .await
        .map_err(fail)?;
    // What is sent cannot be called back; what waits goes out at the new time.
    outbox_message::Entity::update_many()
        .col_expr(outbox_message::Column::NotBefore, Expr::value(results_at))
        .col_expr(outbox_message::Column::NextAttemptAt, Expr::value(results_at))
        .filter(outbox_message::Column::HeldForResultsOf.eq(exam_code))
        .filter(outbox_message::Column::SentAt.is_null())
        .filter(outbox_message::Column::CreatedAt.lte(results_at))
        .exec(db)
        .await
        .map_err(fail)?;
    outbox_message::Entity::update_many()
        .col_expr(outbox_message::Column::NotBefore, Expr::col(outbox_message::Column::CreatedAt).into())
        .col_expr(outbox_message::Column::NextAttemptAt, Expr::col(outbox_message::Column::CreatedAt).into())
        .filter(outbox_message::Column::HeldForResultsOf.eq(exam_code))
        .filter(outbox_message::Column::SentAt.is_null())
        .filter(outbox_message::Column::CreatedAt.gt(results_at))
        .exec(db)
        .await
        .map_err(fail)?;
    Ok(())
}
