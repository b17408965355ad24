//! Who may review what: administrators every exam, a reviewer the exams assigned to them for
//! review, and only applications handed in at least once; and who may work an exam's on-site check on the
//! day (现场报名): those, and staff named for its on-site check only. Anything else is "not found" or
//! "forbidden".

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use crate::domain::application_state::ApplicationState;
use crate::domain::record_ids::{ApplicationId, ExamCode, UserId};
use crate::domain::staff_duty::StaffDuty;
use crate::domain::Role;
use crate::error::AppError;
use crate::ssr::access::caller::Caller;
use crate::ssr::access::gate::Staff;
use crate::ssr::application::application_queries;
use crate::ssr::entities::{application, material, reviewer_assignment};

/// Administrators review every exam; a reviewer only those assigned for review (nobody else is
/// `Staff`).
#[tracing::instrument(skip_all, fields(user = %account.id, exam = %exam_code))]
pub async fn require_reviewer_of(
    db: &DatabaseConnection,
    account: &Caller<Staff>,
    exam_code: &ExamCode,
) -> Result<(), AppError> {
    match duty_for(db, account, exam_code).await? {
        Some(StaffDuty::Review) => Ok(()),
        _ => Err(AppError::Forbidden),
    }
}

/// The exam's on-site check on the day: its reviewers, and staff named for it only.
#[tracing::instrument(skip_all, fields(user = %account.id, exam = %exam_code))]
pub async fn require_on_site_of(
    db: &DatabaseConnection,
    account: &Caller<Staff>,
    exam_code: &ExamCode,
) -> Result<(), AppError> {
    match duty_for(db, account, exam_code).await? {
        Some(_) => Ok(()),
        None => Err(AppError::Forbidden),
    }
}

/// What the account does for the exam: an administrator everything.
async fn duty_for(
    db: &DatabaseConnection,
    account: &Caller<Staff>,
    exam_code: &ExamCode,
) -> Result<Option<StaffDuty>, AppError> {
    if account.role == Role::Admin {
        return Ok(Some(StaffDuty::Review));
    }
    Ok(assignments(db, account.id).await?.into_iter().find(|(code, _)| code == exam_code).map(|(_, duty)| duty))
}

/// The exams a staff account is named for and what for, by exam code.
pub async fn assignments(db: &DatabaseConnection, user_id: UserId) -> Result<Vec<(ExamCode, StaffDuty)>, AppError> {
    let rows = reviewer_assignment::Entity::find()
        .filter(reviewer_assignment::Column::UserId.eq(user_id))
        .order_by_asc(reviewer_assignment::Column::ExamCode)
        .all(db)
        .await?;
    Ok(rows.iter().map(|row| (row.exam_code.clone(), row.duty())).collect())
}

/// An application the account may review: one of an exam assigned to them, handed in at least
/// once. Anything else is "not found", whether it exists or not.
#[tracing::instrument(skip_all, fields(user = %account.id, application = %application_id))]
pub async fn reviewable(
    db: &DatabaseConnection,
    account: &Caller<Staff>,
    application_id: ApplicationId,
) -> Result<application::Model, AppError> {
    let row = application::Entity::find_by_id(application_id).one(db).await?.ok_or(AppError::NotFound)?;
    if row.last_submitted_at.is_none() || require_reviewer_of(db, account, &row.exam_code).await.is_err() {
        return Err(AppError::NotFound);
    }
    Ok(row)
}

/// The application a picture belongs to, when the account may review it.
#[tracing::instrument(skip_all, fields(user = %account.id))]
pub async fn reviewable_material(
    db: &DatabaseConnection,
    account: &Caller<Staff>,
    material: &material::Model,
) -> Result<application::Model, AppError> {
    reviewable(db, account, application_of(db, material).await?.id).await
}

/// The application a picture belongs to, when it is an approved one at an on-site check the account works:
/// the on-site check lays each original beside its scan. Anything else is "not found".
#[tracing::instrument(skip_all, fields(user = %account.id))]
pub async fn on_site_picture(
    db: &DatabaseConnection,
    account: &Caller<Staff>,
    material: &material::Model,
) -> Result<application::Model, AppError> {
    let application = application_of(db, material).await?;
    if application.state != ApplicationState::Approved
        || require_on_site_of(db, account, &application.exam_code).await.is_err()
    {
        return Err(AppError::NotFound);
    }
    Ok(application)
}

/// The application the picture was uploaded to.
async fn application_of(db: &DatabaseConnection, material: &material::Model) -> Result<application::Model, AppError> {
    application_queries::find(db, material.user_id, &material.exam_code).await?.ok_or(AppError::NotFound)
}
