//! When an exam's results time moves, every result waiting for it moves too: the candidate's
//! timeline line, the in-app notification, and the email and text message not yet sent. A
//! result never shows before its decision was made, so each lands at the later of the two.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, SimpleExpr};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::domain::record_ids::ExamCode;
use crate::domain::ApplicationState;
use crate::error::AppError;
use crate::ssr::{entities::application_event, entities::notification, entities::outbox_message};

/// The later of the new results time and the moment the row was written.
fn later_of(results_at: DateTime<Utc>, written_at: impl ColumnTrait) -> SimpleExpr {
    Expr::case(Expr::col(written_at).lte(results_at), Expr::value(results_at)).finally(Expr::col(written_at)).into()
}

pub async fn follow_results_time(
    db: &impl ConnectionTrait,
    exam_code: &ExamCode,
    results_at: DateTime<Utc>,
) -> Result<(), AppError> {
    application_event::Entity::update_many()
        .col_expr(application_event::Column::VisibleFrom, later_of(results_at, application_event::Column::At))
        .filter(application_event::Column::ExamCode.eq(exam_code))
        .filter(application_event::Column::StateAfter.is_in([ApplicationState::Approved, ApplicationState::Rejected]))
        .exec(db)
        .await?;
    notification::Entity::update_many()
        .col_expr(notification::Column::VisibleFrom, later_of(results_at, notification::Column::CreatedAt))
        .filter(notification::Column::HeldForResultsOf.eq(exam_code))
        .exec(db)
        .await?;
    // What is sent cannot be called back; what waits goes out at the new time.
    outbox_message::Entity::update_many()
        .col_expr(outbox_message::Column::NotBefore, later_of(results_at, outbox_message::Column::CreatedAt))
        .col_expr(outbox_message::Column::NextAttemptAt, later_of(results_at, outbox_message::Column::CreatedAt))
        .filter(outbox_message::Column::HeldForResultsOf.eq(exam_code))
        .filter(outbox_message::Column::SentAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}
