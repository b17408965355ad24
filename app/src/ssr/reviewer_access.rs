//! Who may review what: administrators create reviewer accounts and assign them to exams; a
//! reviewer reaches only the applications of exams assigned to them. Role changes are audited.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set};

use super::audit::{self, AuditAction};
use super::entities::{reviewer_assignment, user};
use crate::domain::sign_up_form::SignUpForm;
use crate::domain::Role;
use crate::error::AppError;
use crate::models::admin::ReviewerRow;

/// Administrators review every exam; a reviewer only those assigned; nobody else any.
pub async fn require_reviewer_of(
    db: &DatabaseConnection,
    account: &user::Model,
    exam_code: &str,
) -> Result<(), AppError> {
    match account.role {
        Role::Admin => Ok(()),
        Role::Reviewer if assigned_exams(db, account.id).await?.iter().any(|c| c == exam_code) => Ok(()),
        _ => Err(AppError::Forbidden),
    }
}

/// The signed-in reviewer or administrator, for pages that list what they may review.
pub fn require_reviewer_role(account: &user::Model) -> Result<(), AppError> {
    match account.role {
        Role::Admin | Role::Reviewer => Ok(()),
        _ => Err(AppError::Forbidden),
    }
}

pub async fn assigned_exams(db: &DatabaseConnection, user_id: i32) -> Result<Vec<String>, AppError> {
    let rows = reviewer_assignment::Entity::find()
        .filter(reviewer_assignment::Column::UserId.eq(user_id))
        .order_by_asc(reviewer_assignment::Column::ExamCode)
        .all(db)
        .await
        .map_err(|e| super::internal("assignments", e))?;
    Ok(rows.into_iter().map(|r| r.exam_code).collect())
}

/// A new reviewer account (the form's checks are the sign-up's), audited as a role change.
pub async fn create_reviewer(
    db: &DatabaseConnection,
    admin: &user::Model,
    form: SignUpForm,
    now: DateTime<Utc>,
) -> Result<user::Model, AppError> {
    let account = super::accounts::create_account(db, form, Role::Reviewer).await?;
    audit::record(
        db,
        Some(admin),
        AuditAction::RoleChange,
        &audit::actor_label(&account),
        "created with role reviewer",
        now,
    )
    .await?;
    Ok(account)
}

/// Assigns a reviewer to an exam, or withdraws the assignment; audited either way.
pub async fn set_assignment(
    db: &DatabaseConnection,
    admin: &user::Model,
    reviewer_id: i32,
    exam_code: &str,
    assigned: bool,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let reviewer = user::Entity::find_by_id(reviewer_id)
        .one(db)
        .await
        .map_err(|e| super::internal("reviewer lookup", e))?
        .ok_or(AppError::NotFound)?;
    if reviewer.role != Role::Reviewer {
        return Err(AppError::NotFound);
    }
    super::exams::load(db, exam_code).await?.ok_or(AppError::NotFound)?;
    let key = (reviewer_id, exam_code.to_string());
    let existing = reviewer_assignment::Entity::find_by_id(key.clone())
        .one(db)
        .await
        .map_err(|e| super::internal("assignment lookup", e))?;
    match (existing, assigned) {
        (None, true) => {
            reviewer_assignment::ActiveModel {
                user_id: Set(reviewer_id),
                exam_code: Set(exam_code.to_string()),
                assigned_at: Set(now),
            }
            .insert(db)
            .await
            .map_err(|e| super::internal("assignment insert", e))?;
        }
        (Some(_), false) => {
            reviewer_assignment::Entity::delete_by_id(key)
                .exec(db)
                .await
                .map_err(|e| super::internal("assignment delete", e))?;
        }
        _ => return Ok(()),
    }
    let detail = if assigned {
        format!("assigned to review exam {exam_code}")
    } else {
        format!("no longer reviews exam {exam_code}")
    };
    audit::record(db, Some(admin), AuditAction::RoleChange, &audit::actor_label(&reviewer), &detail, now).await
}

pub async fn list_reviewers(db: &DatabaseConnection) -> Result<Vec<ReviewerRow>, AppError> {
    let reviewers = user::Entity::find()
        .filter(user::Column::Role.eq(Role::Reviewer.as_str()))
        .order_by_asc(user::Column::Id)
        .all(db)
        .await
        .map_err(|e| super::internal("reviewer list", e))?;
    // Every assignment in one query rather than one query per reviewer.
    let assignments = reviewer_assignment::Entity::find()
        .order_by_asc(reviewer_assignment::Column::ExamCode)
        .all(db)
        .await
        .map_err(|e| super::internal("assignments", e))?;
    Ok(reviewers
        .into_iter()
        .map(|reviewer| ReviewerRow {
            id: reviewer.id,
            exams: assignments.iter().filter(|a| a.user_id == reviewer.id).map(|a| a.exam_code.clone()).collect(),
            id_number_masked: super::accounts::session_user_of(&reviewer).id_number_masked,
            email: reviewer.email,
            name: reviewer.name,
        })
        .collect())
}
