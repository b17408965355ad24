//! Who may review what: administrators every exam, a reviewer the exams assigned to them, and
//! only applications handed in at least once. Anything else is "not found" or "forbidden".

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use crate::domain::Role;
use crate::error::AppError;
use crate::ssr::access::caller::Caller;
use crate::ssr::access::gate::Staff;
use crate::ssr::application::application_queries;
use crate::ssr::entities::{application, material, reviewer_assignment};

/// Administrators review every exam; a reviewer only those assigned (nobody else is `Staff`).
pub async fn require_reviewer_of(
    db: &DatabaseConnection,
    account: &Caller<Staff>,
    exam_code: &str,
) -> Result<(), AppError> {
    match account.role {
        Role::Admin => Ok(()),
        Role::Reviewer if assigned_exams(db, account.id).await?.iter().any(|c| c == exam_code) => Ok(()),
        _ => Err(AppError::Forbidden),
    }
}

pub async fn assigned_exams(db: &DatabaseConnection, user_id: i32) -> Result<Vec<String>, AppError> {
    let rows = reviewer_assignment::Entity::find()
        .filter(reviewer_assignment::Column::UserId.eq(user_id))
        .order_by_asc(reviewer_assignment::Column::ExamCode)
        .all(db)
        .await
        .map_err(|e| crate::ssr::internal("assignments", e))?;
    Ok(rows.into_iter().map(|r| r.exam_code).collect())
}

/// An application the account may review: one of an exam assigned to them, handed in at least
/// once. Anything else is "not found", whether it exists or not.
pub async fn reviewable(
    db: &DatabaseConnection,
    account: &Caller<Staff>,
    application_id: i32,
) -> Result<application::Model, AppError> {
    let row = application::Entity::find_by_id(application_id)
        .one(db)
        .await
        .map_err(|e| crate::ssr::internal("application lookup", e))?
        .ok_or(AppError::NotFound)?;
    if row.last_submitted_at.is_none() || require_reviewer_of(db, account, &row.exam_code).await.is_err() {
        return Err(AppError::NotFound);
    }
    Ok(row)
}

/// The application an image belongs to, when the account may review it.
pub async fn reviewable_image(
    db: &DatabaseConnection,
    account: &Caller<Staff>,
    image: &material::Model,
) -> Result<application::Model, AppError> {
    let application =
        application_queries::find(db, image.user_id, &image.exam_code).await?.ok_or(AppError::NotFound)?;
    reviewable(db, account, application.id).await
}
