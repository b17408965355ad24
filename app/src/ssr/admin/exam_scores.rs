//! 考试成绩 (seeds 001/003's menu): an administrator imports an exam's score sheet and sets when it
//! is published; from that moment each candidate sees their own (`candidate::own_scores`), never
//! before and never another's.
//! A sheet is taken whole or not at all: with any row refused (a number nobody applied under, a
//! name that is not theirs, a duplicate, a score that is none) nothing is stored and every such row
//! is named; a sheet taken replaces the exam's scores before it.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect, Set};

use crate::domain::china_day::china_offset;
use crate::domain::china_time::china_time;
use crate::domain::record_ids::{ApplicationId, ExamCode};
use crate::domain::score_sheet::{parse_score_rows, Score, ScoreImport};
use crate::domain::sheet_rows::{csv_rows, RowProblem};
use crate::error::AppError;
use crate::models::scores::{ScoreImportReport, ScoresStatus};
use crate::ssr::access::caller::Caller;
use crate::ssr::access::gate::Admin;
use crate::ssr::entities::{application, exam_score, score_release, user};
use crate::ssr::exams::exam_store;
use crate::ssr::exams::workbook_rows::{not_a_workbook, workbook_bytes, workbook_rows, WorkbookTrouble};
use crate::ssr::infra::audit::{self, AuditAction};
use crate::ssr::infra::server_state::ServerState;
use crate::ssr::infra::write_transaction::begin_write;

/// The sheet's columns: 证件号码, 姓名, 科目, 成绩, 合格线.
const COLUMNS: u16 = 5;

/// Rows pasted or typed as CSV.
pub fn sheet_from_text(text: &str) -> ScoreImport {
    parse_score_rows(csv_rows(text))
}

/// Rows of an Excel workbook sent as base64 (its first sheet, columns A–E).
pub fn sheet_from_workbook(base64_text: &str) -> Result<ScoreImport, AppError> {
    match workbook_rows(workbook_bytes(base64_text)?, COLUMNS) {
        Ok(rows) => Ok(parse_score_rows(rows)),
        Err(WorkbookTrouble::NotAWorkbook) => Err(not_a_workbook()),
        Err(WorkbookTrouble::TooLarge(zh, en)) => Err(AppError::invalid_field(
            "sheet",
            format!("这个工作簿过大（{zh}），无法作为成绩表导入：请只保留证件号码、姓名、科目、成绩、合格线五列"),
            format!("This workbook is too large ({en}) to import as scores: keep only the five columns ID number, name, subject, score and pass mark"),
        )),
    }
}

#[tracing::instrument(skip_all, fields(user = %admin.id, exam = %code))]
pub async fn import_scores(
    state: &ServerState,
    admin: &Caller<Admin>,
    code: &ExamCode,
    sheet: ScoreImport,
) -> Result<ScoreImportReport, AppError> {
    exam_store::load(&state.db, code).await?.ok_or(AppError::NotFound)?;
    if sheet.accepted.is_empty() && sheet.problems.is_empty() {
        return Err(AppError::invalid_field(
            "sheet",
            "成绩表没有任何成绩行：每行依次为证件号码、姓名、科目、成绩、合格线",
            "The sheet holds no scores: each row is ID number, name, subject, score, pass mark",
        ));
    }
    let applicants = applicants_of(state, code, &sheet).await?;
    let mut problems = sheet.problems;
    for row in &sheet.accepted {
        match applicants.get(&row.id_number) {
            None => problems.push(RowProblem {
                line: row.line,
                message_zh: format!("证件号码 {} 在本考试中没有报名记录", row.id_number),
                message_en: format!("Nobody applied to this exam with ID number {}", row.id_number),
            }),
            Some((name, _)) if name.trim() != row.name.trim() => problems.push(RowProblem {
                line: row.line,
                message_zh: format!("姓名“{}”与该证件号码报名时的姓名不符", row.name),
                message_en: format!("The name \"{}\" is not the name this ID number applied under", row.name),
            }),
            Some(_) => {}
        }
    }
    if !problems.is_empty() {
        problems.sort_by_key(|problem| problem.line);
        let problems = problems.into_iter().map(|p| (p.line, p.message_zh, p.message_en)).collect();
        return Ok(ScoreImportReport { imported: 0, candidates: 0, problems });
    }
    let now = state.clock.now();
    let rows: Vec<exam_score::ActiveModel> = sheet
        .accepted
        .iter()
        .map(|row| exam_score::ActiveModel {
            exam_code: Set(code.clone()),
            application_id: Set(applicants[&row.id_number].1),
            subject: Set(row.subject.clone()),
            score_tenths: Set(match row.score {
                Score::Tenths(tenths) => Some(tenths as i32),
                Score::Absent => None,
            }),
            pass_mark_tenths: Set(row.pass_mark_tenths.map(|tenths| tenths as i32)),
            sheet_line: Set(row.line as i32),
            imported_at: Set(now),
            ..Default::default()
        })
        .collect();
    let imported = rows.len() as u64;
    let candidates = sheet.accepted.iter().map(|row| &row.id_number).collect::<HashSet<_>>().len() as u64;
    let txn = begin_write(&state.db).await?;
    exam_score::Entity::delete_many().filter(exam_score::Column::ExamCode.eq(code.clone())).exec(&txn).await?;
    // SQLite allows 32766 bound values; 8 per row.
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<_> = rows.by_ref().take(1000).collect();
        exam_score::Entity::insert_many(chunk).exec_without_returning(&txn).await?;
    }
    let detail = format!("{imported} rows for {candidates} candidates");
    audit::record(&txn, Some(admin.account()), AuditAction::ScoresImported, &format!("exam {code}"), &detail, now)
        .await?;
    txn.commit().await?;
    Ok(ScoreImportReport { imported, candidates, problems: Vec::new() })
}

/// The applicants of the exam among the sheet's ID numbers: number → (name, application).
async fn applicants_of(
    state: &ServerState,
    code: &ExamCode,
    sheet: &ScoreImport,
) -> Result<HashMap<String, (String, ApplicationId)>, AppError> {
    let numbers: Vec<String> =
        sheet.accepted.iter().map(|row| row.id_number.clone()).collect::<HashSet<_>>().into_iter().collect();
    let mut found = HashMap::new();
    for chunk in numbers.chunks(500) {
        let people = user::Entity::find().filter(user::Column::IdNumber.is_in(chunk.to_vec())).all(&state.db).await?;
        let by_id: HashMap<_, _> = people.into_iter().map(|person| (person.id, person)).collect();
        let applications = application::Entity::find()
            .filter(application::Column::ExamCode.eq(code.clone()))
            .filter(application::Column::UserId.is_in(by_id.keys().copied().collect::<Vec<_>>()))
            .all(&state.db)
            .await?;
        for application in applications {
            if let Some(person) = by_id.get(&application.user_id) {
                found.insert(person.id_number.clone(), (person.name.clone(), application.id));
            }
        }
    }
    Ok(found)
}

/// Sets when candidates see the exam's scores, from an `<input type="datetime-local">` value read
/// on China's clock.
#[tracing::instrument(skip_all, fields(user = %admin.id, exam = %code))]
pub async fn set_release(
    state: &ServerState,
    admin: &Caller<Admin>,
    code: &ExamCode,
    local: &str,
) -> Result<ScoresStatus, AppError> {
    exam_store::load(&state.db, code).await?.ok_or(AppError::NotFound)?;
    let publishes_at = NaiveDateTime::parse_from_str(local.trim(), "%Y-%m-%dT%H:%M")
        .ok()
        .and_then(|naive| china_offset().from_local_datetime(&naive).single())
        .map(|at| at.with_timezone(&Utc))
        .ok_or_else(|| {
            AppError::invalid_field(
                "publishes_at",
                format!("公布时间格式不对：“{local}”，应为日期和时间（北京时间）"),
                format!("Not a date and time: \"{local}\" (Beijing time)"),
            )
        })?;
    let now = state.clock.now();
    let txn = begin_write(&state.db).await?;
    score_release::Entity::insert(score_release::ActiveModel {
        exam_code: Set(code.clone()),
        publishes_at: Set(publishes_at),
        set_by: Set(admin.id),
        set_at: Set(now),
    })
    .on_conflict(
        OnConflict::column(score_release::Column::ExamCode)
            .update_columns([
                score_release::Column::PublishesAt,
                score_release::Column::SetBy,
                score_release::Column::SetAt,
            ])
            .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    let detail = format!("publishes at {}", china_time(publishes_at).zh());
    audit::record(&txn, Some(admin.account()), AuditAction::ScoresReleaseSet, &format!("exam {code}"), &detail, now)
        .await?;
    txn.commit().await?;
    status(state, code).await
}

/// What the exam holds and when it is published: counted by the database, not by reading every
/// score (an exam's sheet runs to tens of thousands of rows).
pub async fn status(state: &ServerState, code: &ExamCode) -> Result<ScoresStatus, AppError> {
    let (rows, candidates, imported_at): (i64, i64, Option<DateTime<Utc>>) = exam_score::Entity::find()
        .select_only()
        .column_as(exam_score::Column::Id.count(), "rows")
        .column_as(Expr::col(exam_score::Column::ApplicationId).count_distinct(), "candidates")
        .column_as(exam_score::Column::ImportedAt.max(), "imported_at")
        .filter(exam_score::Column::ExamCode.eq(code.clone()))
        .into_tuple()
        .one(&state.db)
        .await?
        .unwrap_or((0, 0, None));
    let release = score_release::Entity::find_by_id(code.clone()).one(&state.db).await?;
    let now = state.clock.now();
    Ok(ScoresStatus {
        rows: rows.max(0) as u64,
        candidates: candidates.max(0) as u64,
        imported_at: imported_at.map(china_time),
        publishes_at: release.as_ref().map(|release| china_time(release.publishes_at)),
        published: release.is_some_and(|release| release.publishes_at <= now),
    })
}
