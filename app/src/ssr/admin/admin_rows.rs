//! The administrator's view of one exam: phase, windows and candidates per state.

use sea_orm::DatabaseConnection;

use crate::domain::china_time::ChinaTime;
use crate::domain::ExamDefinition;
use crate::error::AppError;
use crate::models::admin::AdminExamRow;
use crate::ssr::{application::application_queries, exams::eligibility};

pub async fn row_of(
    db: &DatabaseConnection,
    definition: &ExamDefinition,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<AdminExamRow, AppError> {
    let on_list = eligibility::count_listed(db, &definition.code).await?;
    Ok(AdminExamRow {
        exam: crate::ssr::exams::exam_store::summary_of(definition),
        phase: definition.windows.phase_at(now),
        opens_at: ChinaTime::of(&definition.windows.upload_opens),
        closes_at: ChinaTime::of(&definition.windows.upload_closes),
        counts: application_queries::count_by_state(db, &definition.code).await?,
        eligibility: definition.eligibility,
        on_list,
    })
}
