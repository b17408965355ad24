use leptos::prelude::*;

use crate::domain::record_ids::ExamCode;
use crate::error::AppError;
use crate::models::scores::ScoreImportReport;

/// The same from an Excel workbook (`.xlsx`, its first sheet, columns A–E), sent as base64: rows
/// are named by their row number in the sheet.
#[server(endpoint = "admin_import_scores_sheet", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn admin_import_scores_sheet(code: ExamCode, xlsx_base64: String) -> Result<ScoreImportReport, AppError> {
    use crate::ssr::{access::caller, admin::exam_scores};

    let (state, admin) = caller::admin().await?;
    let sheet = exam_scores::sheet_from_workbook(&xlsx_base64)?;
    exam_scores::import_scores(&state, &admin, &code, sheet).await
}
