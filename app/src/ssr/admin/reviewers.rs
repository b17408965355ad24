//! Reviewer accounts: administrators create them and name them, exam by exam, to review or to
//! work its on-site check on the day only; every change is audited as a role change.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set};

use crate::domain::record_ids::{ExamCode, UserId};
use crate::domain::sign_up_form::SignUpForm;
use crate::domain::staff_duty::StaffDuty;
use crate::domain::Role;
use crate::error::AppError;
use crate::models::admin::ReviewerRow;
use crate::ssr::access::caller::Caller;
use crate::ssr::access::gate::Admin;
use crate::ssr::infra::audit;
use crate::ssr::infra::audit::AuditAction;
use crate::ssr::{entities::reviewer_assignment, entities::user};

/// A new reviewer account (the form's checks are the sign-up's), audited as a role change.
#[tracing::instrument(skip_all, fields(user = %admin.id))]
pub async fn create_reviewer(
    db: &DatabaseConnection,
    admin: &Caller<Admin>,
    form: SignUpForm,
    now: DateTime<Utc>,
) -> Result<user::Model, AppError> {
    let account = crate::ssr::accounts::account_store::create_account(db, form, Role::Reviewer, now).await?;
    audit::record(
        db,
        Some(admin.account()),
        AuditAction::RoleChange,
        &audit::actor_label(&account),
        "created with role reviewer",
        now,
    )
    .await?;
    Ok(account)
}

/// Names a reviewer for an exam with a duty, changes the duty, or (None) withdraws the
/// assignment; audited whenever something changed.
#[tracing::instrument(skip_all, fields(user = %admin.id, exam = %exam_code, reviewer = %reviewer_id))]
pub async fn set_assignment(
    db: &DatabaseConnection,
    admin: &Caller<Admin>,
    reviewer_id: UserId,
    exam_code: &ExamCode,
    duty: Option<StaffDuty>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let reviewer = user::Entity::find_by_id(reviewer_id).one(db).await?.ok_or(AppError::NotFound)?;
    if reviewer.role != Role::Reviewer {
        return Err(AppError::NotFound);
    }
    crate::ssr::exams::exam_store::load(db, exam_code).await?.ok_or(AppError::NotFound)?;
    let key = (reviewer_id, exam_code.clone());
    let existing = reviewer_assignment::Entity::find_by_id(key.clone()).one(db).await?;
    match (existing, duty) {
        (None, Some(duty)) => {
            reviewer_assignment::ActiveModel {
                user_id: Set(reviewer_id),
                exam_code: Set(exam_code.clone()),
                assigned_at: Set(now),
                duty: Set(duty.as_str().to_string()),
            }
            .insert(db)
            .await?;
        }
        (Some(row), Some(duty)) if row.duty() != duty => {
            let mut row: reviewer_assignment::ActiveModel = row.into();
            row.duty = Set(duty.as_str().to_string());
            row.update(db).await?;
        }
        (Some(_), None) => {
            reviewer_assignment::Entity::delete_by_id(key).exec(db).await?;
        }
        _ => return Ok(()),
    }
    let detail = match duty {
        Some(StaffDuty::Review) => format!("assigned to review exam {exam_code}"),
        Some(StaffDuty::OnSite) => format!("assigned to the on-site check only of exam {exam_code}"),
        None => format!("no longer assigned to exam {exam_code}"),
    };
    audit::record(db, Some(admin.account()), AuditAction::RoleChange, &audit::actor_label(&reviewer), &detail, now)
        .await
}

#[tracing::instrument(skip_all, fields(user = %admin.id))]
pub async fn list_reviewers(db: &DatabaseConnection, admin: &Caller<Admin>) -> Result<Vec<ReviewerRow>, AppError> {
    let reviewers = user::Entity::find()
        .filter(user::Column::Role.eq(Role::Reviewer.as_str()))
        .order_by_asc(user::Column::Id)
        .all(db)
        .await?;
    // Every assignment in one query rather than one query per reviewer.
    let assignments =
        reviewer_assignment::Entity::find().order_by_asc(reviewer_assignment::Column::ExamCode).all(db).await?;
    Ok(reviewers
        .into_iter()
        .map(|reviewer| {
            let named = assignments.iter().filter(|a| a.user_id == reviewer.id);
            row_of(&reviewer, named.map(|a| (a.exam_code.clone(), a.duty())).collect())
        })
        .collect())
}

/// A reviewer as the administrator's list shows them.
pub fn row_of(reviewer: &user::Model, assignments: Vec<(ExamCode, StaffDuty)>) -> ReviewerRow {
    ReviewerRow {
        id: reviewer.id,
        name: reviewer.name.clone(),
        id_number_masked: reviewer.masked_id_number(),
        email: reviewer.email.clone(),
        assignments,
    }
}
