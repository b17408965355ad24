//! Who may enter an exam: everyone registered, or the candidates on its list (imported, or named
//! by the registration system at sign-in).

use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, Set};

use crate::domain::eligibility_csv::EligibilityImport;
use crate::domain::record_ids::ExamCode;
use crate::domain::sheet_rows::RowProblem;
use crate::domain::{Eligibility, ExamDefinition};
use crate::error::AppError;
use crate::ssr::exams::told_numbers;
use crate::ssr::{entities::eligible_candidate, entities::user};

pub async fn is_eligible(
    db: &DatabaseConnection,
    exam: &ExamDefinition,
    account: &user::Model,
) -> Result<bool, AppError> {
    if exam.eligibility == Eligibility::Everyone {
        return Ok(true);
    }
    // The list names the person too: a registration under someone else's ID number with a
    // different name does not get in.
    let row = eligible_candidate::Entity::find_by_id((exam.code.clone(), account.id_number.clone())).one(db).await?;
    Ok(row.is_some_and(|row| row.name.trim() == account.name.trim()))
}

pub struct ImportReport {
    pub accepted: u64,
    pub problems: Vec<RowProblem>,
    pub total_on_list: u64,
}

/// Adds every good row (a row for a number already listed replaces its name and mobile number, and
/// keeps the text already sent and the days given; a number told before and since removed from the
/// list takes its told time back from the ledger, `told_numbers`) and reports the bad.
pub async fn import(
    db: &DatabaseConnection,
    exam_code: &ExamCode,
    parsed: EligibilityImport,
    now: DateTime<Utc>,
) -> Result<ImportReport, AppError> {
    let accepted = parsed.accepted.len() as u64;
    // SQLite allows 32766 bound values; 11 per row.
    for chunk in parsed.accepted.chunks(1000) {
        let rows = chunk.iter().map(|c| eligible_candidate::ActiveModel {
            exam_code: Set(exam_code.clone()),
            id_number: Set(c.id_number.clone()),
            name: Set(c.name.clone()),
            imported_at: Set(now),
            mobile: Set(c.mobile.clone()),
            notice_outbox_id: Set(None),
            noticed_at: Set(None),
            extra_days: Set(0),
            category: Set(None),
            area: Set(None),
            from_registration_system: Set(false),
        });
        eligible_candidate::Entity::insert_many(rows)
            .on_conflict(
                OnConflict::columns([eligible_candidate::Column::ExamCode, eligible_candidate::Column::IdNumber])
                    .update_columns([
                        eligible_candidate::Column::Name,
                        eligible_candidate::Column::ImportedAt,
                        eligible_candidate::Column::Mobile,
                        eligible_candidate::Column::FromRegistrationSystem,
                    ])
                    .to_owned(),
            )
            .exec(db)
            .await?;
        let numbers: Vec<String> = chunk.iter().map(|c| c.id_number.clone()).collect();
        told_numbers::restore(db, exam_code, &numbers, now).await?;
    }
    Ok(ImportReport { accepted, problems: parsed.problems, total_on_list: count_listed(db, exam_code).await? })
}

/// How many candidates an exam's list holds.
pub async fn count_listed(db: &DatabaseConnection, exam_code: &ExamCode) -> Result<u64, AppError> {
    Ok(eligible_candidate::Entity::find().filter(eligible_candidate::Column::ExamCode.eq(exam_code)).count(db).await?)
}
