//! The emails and texts the outbox gave up on, for administrators: a text the gateway refused
//! for good (a number that does not exist, a template not yet approved) or that may already have
//! gone, an email that could not be made. Once what refused it is mended (the template approved,
//! the number corrected), an administrator sends it again; a recovery code is not sent again,
//! as it has expired and its owner asks for a new one, nor is a listed candidate's text, whose
//! last day would be stale: it goes again from the exam's list (资格名单), with the day anew.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::domain::china_time::china_time;
use crate::error::AppError;
use crate::models::admin::UndeliveredMessage;
use crate::ssr::access::caller::Caller;
use crate::ssr::access::gate::Admin;
use crate::ssr::entities::outbox_message;
use crate::ssr::infra::audit::{self, AuditAction};
use crate::ssr::messaging::masked_recipient::masked_recipient;
use crate::ssr::messaging::text_template::TextTemplate;

/// The newest given-up messages first (at most 200: the list is for mending, not archive).
#[tracing::instrument(skip_all, fields(user = %admin.id))]
pub async fn list(db: &DatabaseConnection, admin: &Caller<Admin>) -> Result<Vec<UndeliveredMessage>, AppError> {
    let rows = outbox_message::Entity::find()
        .filter(outbox_message::Column::GivenUpAt.is_not_null())
        .order_by_desc(outbox_message::Column::GivenUpAt)
        .order_by_desc(outbox_message::Column::Id)
        .limit(200)
        .all(db)
        .await?;
    Ok(rows.into_iter().map(view).collect())
}

fn view(row: outbox_message::Model) -> UndeliveredMessage {
    let can_resend = !is_recovery_code(&row) && !is_listed_notice(&row);
    let (what_zh, what_en) = what(&row);
    UndeliveredMessage {
        id: row.id,
        recipient_masked: masked_recipient(&row.recipient),
        what_zh,
        what_en,
        reason: row.last_error.unwrap_or_default(),
        given_up_at: china_time(row.given_up_at.unwrap_or(row.created_at)),
        channel: row.channel,
        can_resend,
    }
}

/// What the message says: a text by its template, an email by its subject.
fn what(row: &outbox_message::Model) -> (String, String) {
    let template = row.text_template.as_deref().and_then(TextTemplate::parse);
    let (zh, en) = match template {
        Some(TextTemplate::RecoveryCode) => ("找回密码验证码", "Password recovery code"),
        Some(TextTemplate::ReviewReturned) => ("材料退回修改通知", "Application returned for changes"),
        Some(TextTemplate::ResultPublished) => ("审核结果通知", "Review result published"),
        Some(TextTemplate::ListedNotice) => ("报名通知（名单内考生）", "Listed candidate told to apply"),
        Some(TextTemplate::SignUpCode) => ("注册验证码", "Sign-up code"),
        None => return (row.subject.clone(), row.subject.clone()),
    };
    (zh.to_string(), en.to_string())
}

fn is_listed_notice(row: &outbox_message::Model) -> bool {
    row.text_template.as_deref() == Some(TextTemplate::ListedNotice.as_str())
}

/// A one-time code (忘记密码's or 注册's): dead by now, its owner asks for a new one.
fn is_recovery_code(row: &outbox_message::Model) -> bool {
    let template = row.text_template.as_deref().and_then(TextTemplate::parse);
    matches!(template, Some(TextTemplate::RecoveryCode | TextTemplate::SignUpCode)) || row.subject.contains("找回密码")
}

/// Puts a given-up message back in the queue as new, and audits who did it.
#[tracing::instrument(skip_all, fields(user = %admin.id))]
pub async fn resend(
    db: &DatabaseConnection,
    admin: &Caller<Admin>,
    id: i32,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let row = outbox_message::Entity::find_by_id(id)
        .filter(outbox_message::Column::GivenUpAt.is_not_null())
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if is_recovery_code(&row) {
        return Err(AppError::invalid_field(
            "message",
            "找回密码的验证码已过期，不能重新发送：请考生重新获取验证码",
            "A recovery code has expired and is not sent again: the candidate asks for a new one",
        ));
    }
    if is_listed_notice(&row) {
        return Err(AppError::invalid_field(
            "message",
            "名单内考生的报名通知不在这里重发：请在考试管理 → 资格名单中“发送给未通知的考生”，短信中的截止日期将重新计算",
            "A listed candidate's text is not sent again from here: use 资格名单 → \"Send to those not yet told\" on the exam's page, which counts their last day anew",
        ));
    }
    let requeued = outbox_message::Entity::update_many()
        .col_expr(outbox_message::Column::GivenUpAt, Expr::value(Option::<DateTime<Utc>>::None))
        .col_expr(outbox_message::Column::Attempts, Expr::value(0))
        .col_expr(outbox_message::Column::NextAttemptAt, Expr::value(now))
        .filter(outbox_message::Column::Id.eq(id))
        .filter(outbox_message::Column::GivenUpAt.is_not_null())
        .exec(db)
        .await?;
    if requeued.rows_affected == 1 {
        let detail = format!("{} message {id} to {}", row.channel, masked_recipient(&row.recipient));
        audit::record(db, Some(admin.account()), AuditAction::MessageResent, "outbox", &detail, now).await?;
    }
    Ok(())
}
