use leptos::prelude::*;

use crate::domain::record_ids::ExamCode;
use crate::error::AppError;
use crate::models::listed_candidates::EligibilityReport;

/// Adds the candidates of a CSV (ID number, name), or of rows pasted from Excel or WPS (tabs), to
/// an exam's list: good rows kept, bad rows reported by line.
#[server(endpoint = "admin_import_eligibility", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn admin_import_eligibility(code: ExamCode, csv: String) -> Result<EligibilityReport, AppError> {
    use crate::domain::eligibility_csv::parse_eligibility_csv;
    use crate::ssr::{access::caller, admin::exam_records};

    let (state, admin) = caller::admin().await?;
    exam_records::import_eligibility(&state, &admin, &code, parse_eligibility_csv(&csv)).await
}
