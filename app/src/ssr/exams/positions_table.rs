//! 《岗位及其资格条件一览表》 read from the exam's file, for its page and its download.

use crate::domain::position_table::{position_rows, units};
use crate::domain::record_ids::ExamCode;
use crate::error::AppError;
use crate::models::exam::PositionsTable;
use crate::ssr::exams::exam_store;
use crate::ssr::infra::server_state::ServerState;

/// The exam's table; not found for an exam without positions (or no such exam).
pub async fn positions_table(state: &ServerState, code: &ExamCode) -> Result<PositionsTable, AppError> {
    let definition =
        exam_store::load(&state.db, code).await?.filter(|d| !d.positions.is_empty()).ok_or(AppError::NotFound)?;
    Ok(PositionsTable {
        exam_code: definition.code.clone(),
        title_zh: definition.title_zh.clone(),
        title_en: definition.title_en.clone(),
        units: units(&definition.positions),
        rows: position_rows(&definition.positions),
    })
}
