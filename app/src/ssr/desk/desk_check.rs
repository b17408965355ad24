//! The desk's record of one candidate: ticks of the originals seen and of the 留存 items received,
//! changed freely until the outcome; then 原件审核通过 (only with every required original seen, or
//! what stands in for it) or 不通过 (with a reason), recorded once — of two desks recording at
//! once, exactly one wins and the other is told who did. The candidate reads the outcome on their
//! timeline; the audit log keeps it.

use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Set};

use crate::domain::exam_windows::format_moment;
use crate::domain::on_site_materials::Handling;
use crate::error::AppError;
use crate::models::desk::DeskCandidate;
use crate::ssr::access::caller::Caller;
use crate::ssr::access::gate::Staff;
use crate::ssr::entities::on_site_check::{self, FAILED, PASSED};
use crate::ssr::infra::audit::{self, actor_label, AuditAction};
use crate::ssr::infra::server_state::ServerState;
use crate::ssr::messaging::timeline::{self, Step};

use super::desk_lookup::{approved_in, check_of, codes, desk_exam, view};
use crate::ssr::infra::write_transaction::begin_write;

/// Saves the ticks: the items seen, and the 留存 items received.
#[tracing::instrument(skip_all, fields(staff = staff.id, application = application_id))]
pub async fn tick(
    state: &ServerState,
    staff: &Caller<Staff>,
    exam_code: &str,
    application_id: i32,
    seen: Vec<String>,
    received: Vec<String>,
) -> Result<DeskCandidate, AppError> {
    let (definition, spec) = desk_exam(state, staff, exam_code).await?;
    let application = approved_in(&state.db, exam_code, application_id).await?;
    for code in seen.iter().chain(&received) {
        if spec.item(code).is_none() {
            return Err(AppError::invalid_field(
                "items",
                format!("没有这项材料：{code}"),
                format!("No such item: {code}"),
            ));
        }
    }
    if let Some(code) = received.iter().find(|code| spec.item(code).is_some_and(|i| i.handling == Handling::Return)) {
        let name = spec.item(code).map(|i| i.name_zh.as_str()).unwrap_or_default();
        return Err(AppError::invalid_field(
            "items",
            format!("“{name}”由考生带回，不在分院留存"),
            format!("\"{code}\" is taken back by the candidate, not kept by the branch"),
        ));
    }
    if check_of(&state.db, application_id).await?.is_some_and(|c| c.outcome.is_some()) {
        return Err(already_recorded());
    }
    let row = open_check(application_id, exam_code, &seen, &received, state.clock.now());
    on_site_check::Entity::insert(row)
        .on_conflict(
            OnConflict::column(on_site_check::Column::ApplicationId)
                .update_columns([
                    on_site_check::Column::Seen,
                    on_site_check::Column::Received,
                    on_site_check::Column::UpdatedAt,
                ])
                // Ticks stop with the outcome, whichever desk recorded it meanwhile.
                .action_and_where(on_site_check::Column::Outcome.is_null())
                .to_owned(),
        )
        .exec_without_returning(&state.db)
        .await?;
    let detail =
        format!("application {application_id}: seen [{}], received [{}]", seen.join(", "), received.join(", "));
    let target = format!("exam {exam_code}");
    audit::record(&state.db, Some(staff.account()), AuditAction::DeskTicks, &target, &detail, state.clock.now())
        .await?;
    view(state, &definition, &spec, application).await
}

/// A check without an outcome, with these ticks.
fn open_check(
    application_id: i32,
    exam_code: &str,
    seen: &[String],
    received: &[String],
    now: chrono::DateTime<chrono::Utc>,
) -> on_site_check::ActiveModel {
    on_site_check::ActiveModel {
        application_id: Set(application_id),
        exam_code: Set(exam_code.to_string()),
        seen: Set(seen.join(",")),
        received: Set(received.join(",")),
        outcome: Set(None),
        reason: Set(None),
        decided_by: Set(None),
        decided_at: Set(None),
        updated_at: Set(now),
        ..Default::default()
    }
}

fn already_recorded() -> AppError {
    AppError::invalid_field(
        "outcome",
        "原件审核结果已经记录，不能再修改勾选",
        "The originals' outcome is recorded already; the ticks can no longer change",
    )
}

/// Records 原件审核通过 (`passed`) or 不通过 with `reason`, once.
#[tracing::instrument(skip_all, fields(staff = staff.id, application = application_id, passed = passed))]
pub async fn decide(
    state: &ServerState,
    staff: &Caller<Staff>,
    exam_code: &str,
    application_id: i32,
    passed: bool,
    reason: &str,
) -> Result<DeskCandidate, AppError> {
    let (definition, spec) = desk_exam(state, staff, exam_code).await?;
    let application = approved_in(&state.db, exam_code, application_id).await?;
    let reason = reason.trim();
    let check = check_of(&state.db, application_id).await?;
    if let Some(decided) = check.as_ref().filter(|c| c.outcome.is_some()) {
        return Err(recorded_by(decided, definition.windows.offset()));
    }
    let seen = check.as_ref().map(|c| codes(&c.seen)).unwrap_or_default();
    if passed {
        let missing = spec.missing(&seen);
        if !missing.is_empty() {
            let zh: Vec<&str> = missing.iter().map(|i| i.name_zh.as_str()).collect();
            let en: Vec<&str> = missing.iter().map(|i| i.name_en.as_str()).collect();
            return Err(AppError::invalid_field(
                "outcome",
                format!("还不能记录通过：尚缺 {} 项原件（或可代替的材料）：{}", missing.len(), zh.join("、")),
                format!(
                    "Cannot pass yet: {} original(s), or what stands in for them, not seen: {}",
                    missing.len(),
                    en.join(", ")
                ),
            ));
        }
    } else if reason.is_empty() {
        return Err(AppError::invalid_field(
            "reason",
            "请填写原件审核不通过的原因",
            "Give the reason the originals did not pass",
        ));
    }
    let now = state.clock.now();
    let by = actor_label(staff.account());
    let failed = |e| crate::ssr::internal("desk outcome", e);
    let txn = begin_write(&state.db).await.map_err(failed)?;
    // The row exists once anything was ticked; a decision without ticks makes it.
    on_site_check::Entity::insert(open_check(application_id, exam_code, &[], &[], now))
        .on_conflict(OnConflict::column(on_site_check::Column::ApplicationId).do_nothing().to_owned())
        .exec_without_returning(&txn)
        .await
        .map_err(failed)?;
    let outcome = if passed { PASSED } else { FAILED };
    let recorded = on_site_check::Entity::update_many()
        .col_expr(on_site_check::Column::Outcome, Expr::value(outcome))
        .col_expr(on_site_check::Column::Reason, Expr::value((!passed).then(|| reason.to_string())))
        .col_expr(on_site_check::Column::DecidedBy, Expr::value(by.clone()))
        .col_expr(on_site_check::Column::DecidedAt, Expr::value(now))
        .filter(on_site_check::Column::ApplicationId.eq(application_id))
        // Of two desks at once, only the first finds it still open.
        .filter(on_site_check::Column::Outcome.is_null())
        .exec(&txn)
        .await
        .map_err(failed)?;
    if recorded.rows_affected != 1 {
        txn.rollback().await.map_err(failed)?;
        let decided = check_of(&state.db, application_id).await?.ok_or(AppError::NotFound)?;
        return Err(recorded_by(&decided, definition.windows.offset()));
    }
    let (message_zh, message_en) = if passed {
        ("现场报名：原件审核通过".to_string(), "On-site registration: the originals passed".to_string())
    } else {
        (
            format!("现场报名：原件审核未通过。原因：{reason}"),
            format!("On-site registration: the originals did not pass. Reason: {reason}"),
        )
    };
    let step = Step {
        application_id,
        exam_code,
        at: now,
        state_after: application.state,
        message_zh,
        message_en,
        visible_from: now,
    };
    timeline::record(&txn, step).await?;
    let detail = format!(
        "application {application_id}: originals {outcome}{}",
        if passed { String::new() } else { format!("; reason: {reason}") }
    );
    audit::record(
        &txn,
        Some(staff.account()),
        AuditAction::OnSiteCheckRecorded,
        &format!("exam {exam_code}"),
        &detail,
        now,
    )
    .await?;
    txn.commit().await.map_err(failed)?;
    view(state, &definition, &spec, application).await
}

/// Who recorded the outcome already, and when.
fn recorded_by(decided: &on_site_check::Model, offset: chrono::FixedOffset) -> AppError {
    let by = decided.decided_by.clone().unwrap_or_default();
    let at = decided.decided_at.map(|t| format_moment(&t.with_timezone(&offset))).unwrap_or_default();
    let (zh, en) =
        if decided.outcome.as_deref() == Some(PASSED) { ("通过", "passed") } else { ("不通过", "not passed") };
    AppError::invalid_field(
        "outcome",
        format!("{by} 已于 {at} 记录原件审核{zh}，不能重复记录"),
        format!("{by} recorded the originals as {en} at {at}; it cannot be recorded again"),
    )
}
