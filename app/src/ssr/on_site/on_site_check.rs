//! The on-site check's record of one candidate: ticks of the originals seen and of the 留存 items received,
//! changed freely until the outcome; then 原件审核通过 (only with every required original seen, or
//! what stands in for it) or 不通过 (with a reason), recorded once — of two staff members recording at
//! once, exactly one wins and the other is told who did. The candidate reads the outcome on their
//! timeline; the audit log keeps it.

use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::domain::china_time::china_time;
use crate::domain::on_site_materials::Handling;
use crate::domain::on_site_outcome::OnSiteOutcome;
use crate::domain::record_ids::{ApplicationId, ExamCode};
use crate::error::AppError;
use crate::models::on_site::OnSiteCandidate;
use crate::ssr::access::caller::Caller;
use crate::ssr::access::gate::Staff;
use crate::ssr::entities::on_site_check;
use crate::ssr::infra::audit::{self, actor_label, AuditAction};
use crate::ssr::infra::server_state::ServerState;
use crate::ssr::messaging::timeline::{self, Step};

use super::check_versions::{stale_card, version_to_decide_over, write_ticks};
use super::on_site_candidate::view;
use super::on_site_lookup::{approved_in, check_of, codes, holder, on_site_exam};
use crate::ssr::infra::write_transaction::begin_write;

/// Saves the ticks: the items seen, and the 留存 items received.
#[tracing::instrument(skip_all, fields(staff = %staff.id, application = %application_id))]
pub async fn tick(
    state: &ServerState,
    staff: &Caller<Staff>,
    exam_code: &ExamCode,
    (application_id, card_version): (ApplicationId, i32),
    seen: Vec<String>,
    received: Vec<String>,
) -> Result<OnSiteCandidate, AppError> {
    let (definition, spec) = on_site_exam(state, staff, exam_code).await?;
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
    let ticks = (seen.as_slice(), received.as_slice());
    if !write_ticks(&state.db, application_id, exam_code, card_version, ticks, state.clock.now()).await? {
        if check_of(&state.db, application_id).await?.is_some_and(|c| c.outcome.is_some()) {
            return Err(already_recorded());
        }
        return Err(stale_card(&holder(&state.db, &application).await?));
    }
    let detail =
        format!("application {application_id}: seen [{}], received [{}]", seen.join(", "), received.join(", "));
    let target = format!("exam {exam_code}");
    audit::record(&state.db, Some(staff.account()), AuditAction::OnSiteTicks, &target, &detail, state.clock.now())
        .await?;
    view(state, &definition, &spec, application).await
}

fn already_recorded() -> AppError {
    AppError::invalid_field(
        "outcome",
        "原件审核结果已经记录，不能再修改勾选",
        "The originals' outcome is recorded already; the ticks can no longer change",
    )
}

/// Records 原件审核通过, or 不通过 with `reason`, once.
#[tracing::instrument(skip_all, fields(staff = %staff.id, application = %application_id, outcome = ?outcome))]
pub async fn decide(
    state: &ServerState,
    staff: &Caller<Staff>,
    exam_code: &ExamCode,
    (application_id, card_version): (ApplicationId, i32),
    outcome: OnSiteOutcome,
    reason: &str,
) -> Result<OnSiteCandidate, AppError> {
    let passed = outcome == OnSiteOutcome::Passed;
    let (definition, spec) = on_site_exam(state, staff, exam_code).await?;
    let application = approved_in(&state.db, exam_code, application_id).await?;
    let reason = reason.trim();
    let check = check_of(&state.db, application_id).await?;
    if let Some(decided) = check.as_ref().filter(|c| !OnSiteOutcome::may_follow(c.outcome)) {
        return Err(recorded_by(decided));
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
    let txn = begin_write(&state.db).await?;
    let Some(version) = version_to_decide_over(&txn, application_id, exam_code, card_version, now).await? else {
        txn.rollback().await?;
        return Err(refusal_after_change(state, &application).await?);
    };
    let recorded = on_site_check::Entity::update_many()
        .col_expr(on_site_check::Column::Outcome, Expr::value(outcome))
        .col_expr(on_site_check::Column::Reason, Expr::value((!passed).then(|| reason.to_string())))
        .col_expr(on_site_check::Column::DecidedBy, Expr::value(by.clone()))
        .col_expr(on_site_check::Column::DecidedAt, Expr::value(now))
        .col_expr(on_site_check::Column::Version, Expr::col(on_site_check::Column::Version).add(1))
        .filter(on_site_check::Column::ApplicationId.eq(application_id))
        // Of two staff members at once, only the first finds it still open, and as its card showed it.
        .filter(on_site_check::Column::Outcome.is_null())
        .filter(on_site_check::Column::Version.eq(version))
        .exec(&txn)
        .await?;
    if recorded.rows_affected != 1 {
        txn.rollback().await?;
        return Err(refusal_after_change(state, &application).await?);
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
        "application {application_id}: originals {}{}",
        outcome.words().1,
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
    txn.commit().await?;
    view(state, &definition, &spec, application).await
}

/// Why an outcome was not recorded over a check another staff member changed: who recorded one already,
/// or else whose card is out of date.
async fn refusal_after_change(
    state: &ServerState,
    application: &crate::ssr::entities::application::Model,
) -> Result<AppError, AppError> {
    match check_of(&state.db, application.id).await?.filter(|c| c.outcome.is_some()) {
        Some(decided) => Ok(recorded_by(&decided)),
        None => Ok(stale_card(&holder(&state.db, application).await?)),
    }
}

/// Who recorded the outcome already, and when.
fn recorded_by(decided: &on_site_check::Model) -> AppError {
    let by = decided.decided_by.clone().unwrap_or_default();
    let (at_zh, at_en) = decided.decided_at.map(|at| china_time(at).words()).unwrap_or_default();
    let (zh, en) = decided.outcome.map_or(("", ""), OnSiteOutcome::words);
    AppError::invalid_field(
        "outcome",
        format!("{by} 已于 {at_zh} 记录原件审核{zh}，不能重复记录"),
        format!("{by} recorded the originals as {en} at {at_en}; it cannot be recorded again"),
    )
}
