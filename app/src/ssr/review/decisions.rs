//! A reviewer's decision, stored in one transaction with everything it causes: the new state,
//! the unlocked pictures and their flags, the candidate's timeline line, the notification with its
//! email and text message, and the audit lines. A decision made on a stale screen changes nothing.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};

use crate::domain::china_time::ChinaTime;
use crate::domain::record_ids::{ApplicationId, ApplicationVersion};
use crate::domain::review_decision::{check_decision, Decision, DecisionProblem, ReviewFlag};
use crate::error::AppError;
use crate::ssr::access::caller::Caller;
use crate::ssr::access::gate::Staff;
use crate::ssr::infra::audit::AuditAction;
use crate::ssr::infra::server_state::ServerState;
use crate::ssr::infra::write_transaction::begin_write;
use crate::ssr::messaging::notifications::News;
use crate::ssr::messaging::text_template::TextMessage;
use crate::ssr::messaging::timeline::Step;
use crate::ssr::{
    access::reviewer_access, exams::exam_store, infra::audit, messaging::notifications, messaging::timeline,
    review::return_message::return_message, review::review_queue,
};
use crate::ssr::{entities::application, entities::material, entities::review_flag, entities::user};

/// Stores the decision made on `version` of the application and returns the next application
/// waiting in the same exam, for the reviewer's "next".
#[tracing::instrument(skip_all, fields(reviewer = %reviewer.id, application = application_id.0, version = version.0))]
pub async fn decide(
    state: &ServerState,
    reviewer: &Caller<Staff>,
    application_id: ApplicationId,
    version: ApplicationVersion,
    decision: Decision,
) -> Result<Option<ApplicationId>, AppError> {
    let db = &state.db;
    let now = state.clock.now();
    let row = reviewer_access::reviewable(db, reviewer, application_id).await?;
    let definition = exam_store::load(db, &row.exam_code).await?.ok_or(AppError::NotFound)?;
    let materials = crate::ssr::application::material_queries::rows_of(db, row.user_id, &row.exam_code).await?;
    let problems = check_decision(&decision, &materials.iter().map(|m| m.id.clone()).collect::<Vec<_>>());
    if !problems.is_empty() {
        return Err(AppError::DecisionInvalid { problems });
    }
    let candidate = user::Entity::find_by_id(row.user_id).one(db).await?.ok_or(AppError::NotFound)?;
    if candidate.is_released() {
        // Someone else's number: released by an administrator, or claimed by the person the
        // registration system vouched for (`accounts::number_claim`). Held until staff settle it.
        return Err(AppError::DecisionInvalid {
            problems: vec![DecisionProblem {
                message_zh: "该申请的账号持有的证件号码已释放给其本人（管理员释放，或由报名系统核实的本人认领），申请暂停审核，请管理员核查".into(),
                message_en: "The ID number this application's account held has been released to its owner (by an administrator, or claimed by the person the registration system vouched for); the application is held for administrators to check".into(),
            }],
        });
    }
    let change = decision.change();
    let results_at = definition.windows.results_published.with_timezone(&Utc).max(now);
    if matches!(decision, Decision::Return { .. }) && now >= definition.windows.review_closes {
        // A return opens pictures the candidate could no longer replace: only a final decision is left.
        let closed = ChinaTime::of(&definition.windows.review_closes);
        return Err(AppError::DecisionInvalid {
            problems: vec![DecisionProblem {
                message_zh: format!("审核已于 {} 截止，不能再退回修改，请作出通过或不通过的决定", closed.zh()),
                message_en: format!(
                    "Review closed at {}; nothing can be returned for revision any more. Approve or reject",
                    closed.en()
                ),
            }],
        });
    }

    // Decided or returned meanwhile: someone got there first.
    let Some(new_state) = row.state.after(change) else { return Err(stale(db, application_id).await) };
    let txn = begin_write(db).await?;
    let form_unlocked =
        matches!(&decision, Decision::Return { flags } if flags.iter().any(|f| f.material_id.is_none()));
    let updated = application::Entity::update_many()
        .col_expr(application::Column::State, Expr::value(new_state))
        .col_expr(application::Column::ReviewVersion, Expr::value(version.0 + 1))
        .col_expr(application::Column::ReviewerId, Expr::value(reviewer.id))
        .col_expr(application::Column::DecidedAt, Expr::value(now))
        .col_expr(application::Column::FormUnlocked, Expr::value(form_unlocked))
        .col_expr(
            application::Column::DecisionReason,
            Expr::value(match &decision {
                Decision::Reject { reason } => Some(reason.trim().to_string()),
                _ => None,
            }),
        )
        .filter(application::Column::Id.eq(row.id))
        .filter(application::Column::ReviewVersion.eq(version.0))
        // Only the reviewer holding the application decides it (a take bumps the version, so a
        // take by someone else since also fails the line above).
        .filter(application::Column::ReviewerId.eq(reviewer.id))
        .filter(application::Column::State.is_in(change.allowed_from().iter().copied()))
        .exec(&txn)
        .await?;
    if updated.rows_affected != 1 {
        drop(txn);
        return Err(stale(db, application_id).await);
    }
    let target = format!("application {} (exam {}, {})", row.id, row.exam_code, audit::actor_label(&candidate));
    let (message_zh, message_en, visible_from) = match &decision {
        Decision::Return { flags } => {
            for flag in flags {
                record_flag(&txn, &row, reviewer, flag, now).await?;
                let what = flag
                    .material_id
                    .as_ref()
                    .map(|id| format!("picture {id}"))
                    .unwrap_or_else(|| "personal form".to_string());
                audit::record(
                    &txn,
                    Some(reviewer.account()),
                    AuditAction::Unlock,
                    &target,
                    &format!("{what}: {}", flag.reason.as_str()),
                    now,
                )
                .await?;
            }
            let (zh, en) = return_message(&definition, &materials, flags);
            (zh, en, now)
        }
        Decision::Approve => ("审核通过。".to_string(), "Approved.".to_string(), results_at),
        Decision::Reject { reason } => {
            (format!("审核不通过：{}", reason.trim()), format!("Rejected: {}", reason.trim()), results_at)
        }
    };
    audit::record(&txn, Some(reviewer.account()), AuditAction::Decision, &target, new_state.as_str(), now).await?;
    timeline::record(
        &txn,
        Step {
            application_id: row.id,
            exam_code: &row.exam_code,
            at: now,
            state_after: new_state,
            message_zh: message_zh.clone(),
            message_en: message_en.clone(),
            visible_from,
        },
    )
    .await?;
    let title = exam_store::summary_of(&definition);
    notifications::tell(
        &txn,
        News {
            recipient: &candidate,
            message_zh: format!("{}：{message_zh}", title.title_zh),
            message_en: format!("{}: {message_en}", title.title_en),
            link: format!("/exams/{}", row.exam_code),
            at: now,
            visible_from,
            held_for_results_of: new_state.is_result().then_some(row.exam_code.as_str()),
            text: Some(if new_state.is_result() {
                TextMessage::result_published(&title.title_zh)
            } else {
                TextMessage::review_returned(&title.title_zh)
            }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(review_queue::next_awaiting(db, &row.exam_code, &[row.id]).await?.map(|next| next.id))
}

async fn record_flag(
    txn: &impl sea_orm::ConnectionTrait,
    row: &application::Model,
    reviewer: &user::Model,
    flag: &ReviewFlag,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    review_flag::ActiveModel {
        application_id: Set(row.id),
        round: Set(row.round),
        material_id: Set(flag.material_id.clone()),
        reason: Set(flag.reason),
        comment: Set(flag.comment.trim().to_string()),
        reviewer_id: Set(reviewer.id),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    if let Some(material_id) = &flag.material_id {
        // Exactly this picture opens; the candidate's other pictures stay locked.
        material::Entity::update_many()
            .col_expr(material::Column::LockedAt, Expr::value(Option::<DateTime<Utc>>::None))
            .filter(material::Column::Id.eq(material_id.as_str()))
            .filter(material::Column::UserId.eq(row.user_id))
            .exec(txn)
            .await?;
    }
    Ok(())
}

/// Who has the application now, for the conflict message.
async fn stale(db: &DatabaseConnection, application_id: ApplicationId) -> AppError {
    let Ok(Some(current)) = application::Entity::find_by_id(application_id).one(db).await else {
        return AppError::NotFound;
    };
    let by = match current.reviewer_id {
        Some(id) => user::Entity::find_by_id(id).one(db).await.ok().flatten().map(|u| u.name).unwrap_or_default(),
        None => String::new(),
    };
    let by = if by.is_empty() { "另一位审核人员 / another reviewer".to_string() } else { by };
    AppError::StaleDecision { by, state: current.state }
}
