//! Reviewer accounts: administrators create them and assign them to exams; every change is
//! audited as a role change.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set};

use crate::domain::sign_up_form::SignUpForm;
use crate::domain::Role;
use crate::error::AppError;
use crate::models::admin::ReviewerRow;
use crate::ssr::access::caller::Caller;
use crate::ssr::access::gate::Admin;
use crate::ssr::infra::audit;
use crate::ssr::infra::audit::AuditAction;
use crate::ssr::{entities::reviewer_assignment, entities::user};

/// A new reviewer account (the form's checks are the sign-up's), audited as a role change.
pub async fn create_reviewer(
    db: &DatabaseConnection,
    admin: &Caller<Admin>,
    form: SignUpForm,
    now: DateTime<Utc>,
) -> Result<user::Model, AppError> {
    let account = crate::ssr::accounts::account_store::create_account(db, form, Role::Reviewer).await?;
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

/// Assigns a reviewer to an exam, or withdraws the assignment; audited either way.
pub async fn set_assignment(
    db: &DatabaseConnection,
    admin: &Caller<Admin>,
    reviewer_id: i32,
    exam_code: &str,
    assigned: bool,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let reviewer = user::Entity::find_by_id(reviewer_id)
        .one(db)
        .await
        .map_err(|e| crate::ssr::internal("reviewer lookup", e))?
        .ok_or(AppError::NotFound)?;
    if reviewer.role != Role::Reviewer {
        return Err(AppError::NotFound);
    }
    crate::ssr::exams::exam_store::load(db, exam_code).await?.ok_or(AppError::NotFound)?;
    let key = (reviewer_id, exam_code.to_string());
    let existing = reviewer_assignment::Entity::find_by_id(key.clone())
        .one(db)
        .await
        .map_err(|e| crate::ssr::internal("assignment lookup", e))?;
    match (existing, assigned) {
        (None, true) => {
            reviewer_assignment::ActiveModel {
                user_id: Set(reviewer_id),
                exam_code: Set(exam_code.to_string()),
                assigned_at: Set(now),
            }
            .insert(db)
            .await
            .map_err(|e| crate::ssr::internal("assignment insert", e))?;
        }
        (Some(_), false) => {
            reviewer_assignment::Entity::delete_by_id(key)
                .exec(db)
                .await
                .map_err(|e| crate::ssr::internal("assignment delete", e))?;
        }
        _ => return Ok(()),
    }
    let detail = if assigned {
        format!("assigned to review exam {exam_code}")
    } else {
        format!("no longer reviews exam {exam_code}")
    };
    audit::record(db, Some(admin.account()), AuditAction::RoleChange, &audit::actor_label(&reviewer), &detail, now)
        .await
}

pub async fn list_reviewers(db: &DatabaseConnection, _: &Caller<Admin>) -> Result<Vec<ReviewerRow>, AppError> {
    let reviewers = user::Entity::find()
        .filter(user::Column::Role.eq(Role::Reviewer.as_str()))
        .order_by_asc(user::Column::Id)
        .all(db)
        .await
        .map_err(|e| crate::ssr::internal("reviewer list", e))?;
    // Every assignment in one query rather than one query per reviewer.
    let assignments = reviewer_assignment::Entity::find()
        .order_by_asc(reviewer_assignment::Column::ExamCode)
        .all(db)
        .await
        .map_err(|e| crate::ssr::internal("assignments", e))?;
    Ok(reviewers
        .into_iter()
        .map(|reviewer| {
            let exams = assignments.iter().filter(|a| a.user_id == reviewer.id).map(|a| a.exam_code.clone());
            row_of(&reviewer, exams.collect())
        })
        .collect())
}

/// A reviewer as the administrator's list shows them.
pub fn row_of(reviewer: &user::Model, exams: Vec<String>) -> ReviewerRow {
    ReviewerRow {
        id: reviewer.id,
        name: reviewer.name.clone(),
        id_number_masked: reviewer.masked_id_number(),
        email: reviewer.email.clone(),
        exams,
    }
}
