use leptos::prelude::*;

use crate::domain::record_ids::ExamCode;
use crate::error::AppError;
use crate::models::listed_candidates::EligibilityReport;

/// The same from an Excel workbook (`.xlsx`, its first sheet), sent as base64: rows are named by
/// their row number in the sheet.
#[server(endpoint = "admin_import_eligibility_sheet", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn admin_import_eligibility_sheet(
    code: ExamCode,
    xlsx_base64: String,
) -> Result<EligibilityReport, AppError> {
    use crate::ssr::{access::caller, admin::exam_records, exams::eligibility_sheet};

    let (state, admin) = caller::admin().await?;
    let rows = eligibility_sheet::read_base64(&xlsx_base64)?;
    exam_records::import_eligibility(&state, &admin, &code, rows).await
}
