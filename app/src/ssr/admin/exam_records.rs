//! What the administrator's pages read about exams: every exam with its counts, one exam with its
//! file and windows, its progress chart; and adding candidates to its list from a CSV (audited).

use crate::domain::eligibility_csv::EligibilityImport;
use crate::domain::record_ids::ExamCode;
use crate::error::AppError;
use crate::models::admin::{AdminExamPage, AdminExamRow, ProgressSeries};
use crate::models::listed_candidates::EligibilityReport;
use crate::ssr::access::caller::Caller;
use crate::ssr::access::gate::Admin;
use crate::ssr::admin::admin_rows;
use crate::ssr::exams::{eligibility, exam_store};
use crate::ssr::infra::audit::{self, AuditAction};
use crate::ssr::infra::server_state::ServerState;
use crate::ssr::review::progress;

#[tracing::instrument(skip_all, fields(user = %admin.id))]
pub async fn overview(state: &ServerState, admin: &Caller<Admin>) -> Result<Vec<AdminExamRow>, AppError> {
    let now = state.clock.now();
    let mut rows = Vec::new();
    for definition in exam_store::list_definitions(&state.db).await? {
        rows.push(admin_rows::row_of(&state.db, &definition, now).await?);
    }
    Ok(rows)
}

/// One exam for its administration page: counts, windows, and the exam file to edit.
#[tracing::instrument(skip_all, fields(user = %admin.id, exam = %code))]
pub async fn detail(state: &ServerState, admin: &Caller<Admin>, code: &ExamCode) -> Result<AdminExamPage, AppError> {
    let definition = exam_store::load(&state.db, code).await?.ok_or(AppError::NotFound)?;
    let w = &definition.windows;
    let local = |at: &chrono::DateTime<chrono::FixedOffset>| at.format("%Y-%m-%dT%H:%M").to_string();
    Ok(AdminExamPage {
        row: admin_rows::row_of(&state.db, &definition, state.clock.now()).await?,
        source: exam_store::load_source(&state.db, code).await?,
        windows_local: w.moments().map(local),
        offset: w.upload_opens.format("%:z").to_string(),
        fee: definition.fee.clone(),
        tickets: definition.ticket.is_some(),
        documents: crate::domain::document_kind::DocumentKind::offered(&definition),
        today: state.clock.now().with_timezone(&w.offset()).format("%Y-%m-%d").to_string(),
    })
}

/// Applications per state at the end of each day, for the exam's progress chart.
#[tracing::instrument(skip_all, fields(user = %admin.id, exam = %code))]
pub async fn progress(state: &ServerState, admin: &Caller<Admin>, code: &ExamCode) -> Result<ProgressSeries, AppError> {
    let definition = exam_store::load(&state.db, code).await?.ok_or(AppError::NotFound)?;
    let (days, series) = progress::series(&state.db, code, definition.windows.offset(), state.clock.now()).await?;
    Ok(ProgressSeries { exam: exam_store::summary_of(&definition), days, series })
}

/// Adds the candidates of a list (ID number, name; from CSV, pasted rows or a spreadsheet) to an
/// exam's list: good rows kept, bad rows reported by line.
#[tracing::instrument(skip_all, fields(user = %admin.id, exam = %code))]
pub async fn import_eligibility(
    state: &ServerState,
    admin: &Caller<Admin>,
    code: &ExamCode,
    rows: EligibilityImport,
) -> Result<EligibilityReport, AppError> {
    exam_store::load(&state.db, code).await?.ok_or(AppError::NotFound)?;
    let report = eligibility::import(&state.db, code, rows, state.clock.now()).await?;
    tracing::info!(
        admin = %admin.id,
        exam = %code,
        accepted = report.accepted,
        problems = report.problems.len(),
        "eligibility imported"
    );
    let detail = format!(
        "{} rows added, {} refused; {} on the list",
        report.accepted,
        report.problems.len(),
        report.total_on_list
    );
    let target = format!("exam {code}");
    audit::record(
        &state.db,
        Some(admin.account()),
        AuditAction::EligibilityImported,
        &target,
        &detail,
        state.clock.now(),
    )
    .await?;
    Ok(EligibilityReport {
        accepted: report.accepted,
        total_on_list: report.total_on_list,
        problems: report.problems.into_iter().map(|p| (p.line, p.message_zh, p.message_en)).collect(),
    })
}
