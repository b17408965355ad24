//! A candidate's application to an exam: created when the pledge is accepted, saved as a draft
//! any number of times, submitted once (which locks every picture in the same transaction).

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect, Set,
    SqlErr,
};

use crate::domain::completeness::missing_for_submission;
use crate::domain::personal_form::{FieldRules, FormValues};
use crate::domain::record_ids::{ExamCode, UserId};
use crate::domain::required_when::Circumstances;
use crate::domain::ExamDefinition;
use crate::domain::{ApplicationState, Change};
use crate::error::AppError;
use crate::ssr::application::application_queries;
use crate::ssr::infra::write_transaction::begin_write;
use crate::ssr::messaging::timeline;
use crate::ssr::messaging::timeline::Step;
use crate::ssr::{entities::application, entities::material};

/// Records the acceptance of the pledge, once: accepting again keeps the first time.
#[tracing::instrument(skip_all, fields(user = %user_id, exam = %exam_code))]
pub async fn accept_pledge(
    db: &DatabaseConnection,
    user_id: UserId,
    exam_code: &ExamCode,
    now: DateTime<Utc>,
) -> Result<application::Model, AppError> {
    match application_queries::find(db, user_id, exam_code).await? {
        Some(existing) if existing.pledge_accepted_at.is_some() => Ok(existing),
        Some(existing) => {
            let mut row: application::ActiveModel = existing.into();
            row.pledge_accepted_at = Set(Some(now));
            row.updated_at = Set(now);
            Ok(row.update(db).await?)
        }
        None => {
            let txn = begin_write(db).await?;
            let row = application::ActiveModel {
                user_id: Set(user_id),
                exam_code: Set(exam_code.clone()),
                state: Set(ApplicationState::Draft),
                pledge_accepted_at: Set(Some(now)),
                form: Set("{}".to_string()),
                position_code: Set(None),
                submitted_at: Set(None),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await;
            let row = match row {
                Ok(row) => row,
                // The same acceptance raced in from another tab and won: its row is the answer.
                Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
                    drop(txn);
                    return application_queries::find(db, user_id, exam_code)
                        .await?
                        .ok_or_else(|| crate::ssr::internal("pledge race", "row vanished"));
                }
                Err(e) => return Err(crate::ssr::internal("application insert", e)),
            };
            let step = Step {
                application_id: row.id,
                exam_code,
                at: now,
                state_after: ApplicationState::Draft,
                message_zh: "已阅读并同意诚信承诺书。".into(),
                message_en: "Integrity pledge read and accepted.".into(),
                visible_from: now,
            };
            timeline::record(&txn, step).await?;
            txn.commit().await?;
            Ok(row)
        }
    }
}

/// 暂存: keeps what the candidate typed, complete or not — while the application may still
/// change: one conditional UPDATE, so a 暂存 racing 提交审核 cannot rewrite a submitted form.
#[tracing::instrument(skip_all, fields(application = %row.id))]
pub async fn save_draft(
    db: &impl ConnectionTrait,
    row: application::Model,
    form: &FormValues,
    position: Option<String>,
    now: DateTime<Utc>,
) -> Result<application::Model, AppError> {
    let json = serde_json::to_string(form).map_err(|e| crate::ssr::internal("form encode", e))?;
    let changeable = Change::SaveForm.allowed_from().iter().copied();
    let saved = application::Entity::update_many()
        .col_expr(application::Column::Form, Expr::value(json))
        .col_expr(application::Column::PositionCode, Expr::value(position))
        .col_expr(application::Column::UpdatedAt, Expr::value(now))
        .filter(application::Column::Id.eq(row.id))
        .filter(application::Column::State.is_in(changeable))
        .exec(db)
        .await?;
    if saved.rows_affected != 1 {
        return Err(AppError::Locked);
    }
    application::Entity::find_by_id(row.id).one(db).await?.ok_or(AppError::NotFound)
}

/// 提交审核 (or, after a return, the resubmission): saves the final form, marks the application
/// submitted, locks every picture and writes the timeline line, all in one transaction, so there is
/// never a submitted application with a changeable picture. The save is the transaction's first
/// statement and claims the application (see `application_claim`), so an upload or delete racing
/// the submission lands wholly before it or is refused; what is stored is then checked for
/// completeness again inside the claim. The version moves on, so a reviewer's screen from before
/// the resubmission cannot decide it.
#[tracing::instrument(skip_all, fields(application = %row.id))]
pub async fn submit(
    db: &DatabaseConnection,
    row: application::Model,
    submission: Submission<'_>,
    now: DateTime<Utc>,
) -> Result<ApplicationState, AppError> {
    let (user_id, exam_code) = (row.user_id, row.exam_code.clone());
    let new_state = row.state.after(Change::Submit).ok_or(AppError::Locked)?;
    let resubmission = new_state == ApplicationState::Resubmitted;
    let txn = begin_write(db).await?;
    let saved = save_draft(&txn, row, submission.form, submission.position.clone(), now).await?;
    let stored: Vec<(String, i32)> = material::Entity::find()
        .select_only()
        .column(material::Column::Category)
        .column(material::Column::SeqNo)
        .filter(material::Column::UserId.eq(user_id))
        .filter(material::Column::ExamCode.eq(exam_code.as_str()))
        .into_tuple()
        .all(&txn)
        .await?;
    let stored: Vec<(String, u32)> = stored.into_iter().map(|(category, seq_no)| (category, seq_no as u32)).collect();
    let judged_with = Circumstances {
        position: submission.position.as_deref(),
        registration_category: submission.registration_category.as_deref(),
        form: submission.form,
    };
    let definition = submission.definition;
    let missing =
        missing_for_submission(&definition.categories, definition.parts(), &stored, &judged_with, FieldRules::all());
    if !missing.is_empty() {
        return Err(AppError::Incomplete { missing });
    }
    let (id, round, version) = (saved.id, saved.round, saved.review_version);
    let mut active: application::ActiveModel = saved.into();
    active.state = Set(new_state);
    active.submitted_at = Set(Some(now));
    active.last_submitted_at = Set(Some(now));
    active.round = Set(round + 1);
    active.review_version = Set(version + 1);
    active.form_unlocked = Set(false);
    active.update(&txn).await?;
    material::Entity::update_many()
        .col_expr(material::Column::LockedAt, Expr::value(now))
        .filter(material::Column::UserId.eq(user_id))
        .filter(material::Column::ExamCode.eq(exam_code.as_str()))
        .exec(&txn)
        .await?;
    let (message_zh, message_en) = if resubmission {
        ("重新上报完成，内容已锁定。", "Resubmitted; the application is locked again.")
    } else {
        ("上报完成，内容已锁定。", "Submitted; the application is locked.")
    };
    let step = Step {
        application_id: id,
        exam_code: &exam_code,
        at: now,
        state_after: new_state,
        message_zh: message_zh.into(),
        message_en: message_en.into(),
        visible_from: now,
    };
    timeline::record(&txn, step).await?;
    txn.commit().await?;
    Ok(new_state)
}

/// What a submission hands in, and the exam it is judged against.
pub struct Submission<'a> {
    pub definition: &'a ExamDefinition,
    pub form: &'a FormValues,
    pub position: Option<String>,
    /// The 报考类别 the registration system named, which a category's `required_when` may name.
    pub registration_category: Option<String>,
}
