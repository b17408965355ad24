//! Seed 004's "开通报名账号后请按照短信提示内容登录系统": an administrator texts the listed
//! candidates (everyone, or those not yet told) how to apply and by when, through the outbox and
//! the configured gateway. Each candidate's own days start when the gateway accepts their text
//! (`messaging::outbox::mark_sent`). An administrator may give one candidate more days, with a
//! reason: audited, and the candidate is texted the new day.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::domain::own_deadline::{own_last_day, text_day};
use crate::domain::record_ids::ExamCode;
use crate::domain::{china_day::china_day_of, ExamDefinition};
use crate::error::AppError;
use crate::models::listed_candidates::NoticesQueued;
use crate::ssr::access::caller::Caller;
use crate::ssr::access::gate::Admin;
use crate::ssr::admin::listed_candidates::{standings, Notice};
use crate::ssr::entities::{eligible_candidate, outbox_message};
use crate::ssr::exams::{exam_store, told_numbers};
use crate::ssr::infra::audit::{self, masked_id_number, AuditAction};
use crate::ssr::infra::server_state::ServerState;
use crate::ssr::infra::write_transaction::begin_write;
use crate::ssr::messaging::notifications::{enqueue, Outgoing};
use crate::ssr::messaging::text_template::TextMessage;

/// Whom 发送通知短信 texts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Whom {
    /// Everyone listed with a mobile number, but those whose text still waits to go.
    Everyone,
    /// Those never texted, or whose last text was given up.
    NotYetTold,
}

/// Queues one text per candidate chosen, in one transaction. A candidate already told keeps
/// their clock and is texted their own last day; one not yet told is texted the day their days
/// would end if the text goes today (a text accepted later gives them a later day, never an
/// earlier one). `address` is the site (`ZIGE_PUBLIC_URL`, else the address the request came to).
#[tracing::instrument(skip_all, fields(user = %admin.id, exam = %code))]
pub async fn send(
    state: &ServerState,
    admin: &Caller<Admin>,
    code: &ExamCode,
    whom: Whom,
    address: &str,
) -> Result<NoticesQueued, AppError> {
    let definition = exam_store::load(&state.db, code).await?.ok_or(AppError::NotFound)?;
    let now = state.clock.now();
    let everyone = standings(&state.db, &definition, now).await?;
    let without_mobile = everyone.iter().filter(|s| s.notice == Notice::NoMobile).count() as u64;
    let chosen: Vec<_> = everyone
        .into_iter()
        .filter(|s| match whom {
            Whom::Everyone => !matches!(s.notice, Notice::NoMobile | Notice::Waiting),
            Whom::NotYetTold => s.notice.may_be_told(),
        })
        .collect();
    let failed = |e| crate::ssr::internal("listed texts", e);
    let txn = begin_write(&state.db).await.map_err(failed)?;
    let mut queued = 0u64;
    for standing in &chosen {
        let row = &standing.row;
        let last_day = standing.last_day.unwrap_or_else(|| would_end(&definition, row, now));
        let message = TextMessage::listed_notice(&definition.title_zh, address, &text_day(last_day));
        let mobile = row.mobile.as_deref().unwrap_or_default();
        let id = text(&txn, &definition, mobile, &message, now).await?;
        // The row still names the text this round read: another administrator's round at the
        // same moment texted this candidate already, and this text is taken back.
        let as_read = match row.notice_outbox_id {
            Some(earlier) => eligible_candidate::Column::NoticeOutboxId.eq(earlier),
            None => eligible_candidate::Column::NoticeOutboxId.is_null(),
        };
        let claimed = eligible_candidate::Entity::update_many()
            .col_expr(eligible_candidate::Column::NoticeOutboxId, Expr::value(id))
            .filter(eligible_candidate::Column::ExamCode.eq(code))
            .filter(eligible_candidate::Column::IdNumber.eq(&row.id_number))
            .filter(as_read)
            .exec(&txn)
            .await
            .map_err(failed)?;
        if claimed.rows_affected == 1 {
            queued += 1;
        } else {
            outbox_message::Entity::delete_by_id(id).exec(&txn).await.map_err(failed)?;
        }
    }
    let which = match whom {
        Whom::Everyone => "everyone listed",
        Whom::NotYetTold => "those not yet told",
    };
    let detail = format!("{queued} texts queued to {which}; {without_mobile} listed without a mobile number");
    audit::record(
        &txn,
        Some(admin.account()),
        AuditAction::ListedCandidatesTexted,
        &format!("exam {code}"),
        &detail,
        now,
    )
    .await?;
    txn.commit().await.map_err(failed)?;
    Ok(NoticesQueued { queued, without_mobile })
}

/// The last day of a candidate not yet told, were their text accepted today; the window's
/// close where the exam gives no own days.
fn would_end(definition: &ExamDefinition, row: &eligible_candidate::Model, now: DateTime<Utc>) -> chrono::NaiveDate {
    let window_closes = china_day_of(definition.windows.upload_closes.with_timezone(&Utc));
    match definition.upload_days_after_notice {
        Some(days) => own_last_day(now, days, row.extra_days).min(window_closes),
        None => window_closes,
    }
}

async fn text(
    db: &impl ConnectionTrait,
    definition: &ExamDefinition,
    mobile: &str,
    message: &TextMessage,
    now: DateTime<Utc>,
) -> Result<i32, AppError> {
    let subject = format!("【资格】{}报名通知", definition.title_zh);
    let body = format!(
        // As the gateway's template says it (README): what to do without an account yet, too.
        "您已列入{}报名名单，请登录{}用身份证号注册或登录，于{}24时前上传并提交报名材料，逾期视为自动放弃。",
        message.params.get("exam").map(String::as_str).unwrap_or_default(),
        message.params.get("address").map(String::as_str).unwrap_or_default(),
        message.params.get("last_day").map(String::as_str).unwrap_or_default(),
    );
    let outgoing = Outgoing {
        channel: "sms",
        recipient: mobile,
        subject: &subject,
        body: &body,
        at: now,
        not_before: now,
        held_for_results_of: None,
        text: Some(message),
        link: None,
    };
    enqueue(db, outgoing).await
}

/// Gives one listed candidate `days` more, counted from their last day or, once that has passed,
/// from today: audited with the reason, and the candidate is texted the new day. Only a
/// candidate whose text was accepted has days to extend.
#[tracing::instrument(skip_all, fields(user = %admin.id, exam = %code))]
pub async fn give_more_days(
    state: &ServerState,
    admin: &Caller<Admin>,
    code: &ExamCode,
    id_number: &str,
    days: u32,
    reason: &str,
    address: &str,
) -> Result<String, AppError> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(AppError::invalid_field("reason", "请填写延长期限的原因", "Give the reason for the extra days"));
    }
    if !(1..=30).contains(&days) {
        return Err(AppError::invalid_field(
            "days",
            format!("延长 {days} 天不在允许范围内：每次 1 至 30 天"),
            format!("{days} extra days is outside what is allowed: 1 to 30 at a time"),
        ));
    }
    let definition = exam_store::load(&state.db, code).await?.ok_or(AppError::NotFound)?;
    let Some(own) = definition.upload_days_after_notice else {
        return Err(AppError::invalid_field(
            "days",
            "本考试没有设置收到短信后的上传天数（upload_days_after_notice），考生的期限即上传截止时间",
            "This exam counts no days from the text (upload_days_after_notice): its window is every candidate's",
        ));
    };
    let now = state.clock.now();
    let failed = |e| crate::ssr::internal("own days", e);
    let txn = begin_write(&state.db).await.map_err(failed)?;
    let row = eligible_candidate::Entity::find_by_id((code.clone(), id_number.to_string()))
        .one(&txn)
        .await
        .map_err(failed)?
        .ok_or(AppError::NotFound)?;
    let Some(noticed_at) = row.noticed_at else {
        return Err(AppError::invalid_field(
            "days",
            "该考生的通知短信尚未送达，期限还没有开始计算；请先发送通知短信",
            "This candidate's text has not been delivered, so their days have not started; send the text first",
        ));
    };
    let current = own_last_day(noticed_at, own, row.extra_days);
    let new_day = current.max(china_day_of(now)) + Duration::days(i64::from(days));
    let extra_days = row.extra_days + (new_day - current).num_days() as i32;
    eligible_candidate::Entity::update_many()
        .col_expr(eligible_candidate::Column::ExtraDays, Expr::value(extra_days))
        .filter(eligible_candidate::Column::ExamCode.eq(code))
        .filter(eligible_candidate::Column::IdNumber.eq(id_number))
        // Two administrators at once: the second works from what the first left.
        .filter(eligible_candidate::Column::ExtraDays.eq(row.extra_days))
        .exec(&txn)
        .await
        .map_err(failed)
        .and_then(|done| {
            (done.rows_affected == 1).then_some(()).ok_or_else(|| {
                AppError::invalid_field(
                    "days",
                    "另一位管理员刚刚修改了该考生的期限，请刷新后再试",
                    "Another administrator has just changed this candidate's days; reload and try again",
                )
            })
        })?;
    told_numbers::days_added(&txn, code, id_number, extra_days, now).await?;
    if let Some(mobile) = row.mobile.as_deref() {
        let message = TextMessage::listed_notice(&definition.title_zh, address, &text_day(new_day));
        text(&txn, &definition, mobile, &message, now).await?;
    }
    let detail = format!(
        "{} ({}): last day {current} → {new_day} (+{days} days asked); reason: {reason}",
        row.name,
        masked_id_number(id_number)
    );
    audit::record(&txn, Some(admin.account()), AuditAction::OwnDaysExtended, &format!("exam {code}"), &detail, now)
        .await?;
    txn.commit().await.map_err(failed)?;
    Ok(new_day.to_string())
}
