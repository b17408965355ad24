use leptos::prelude::*;

use crate::domain::record_ids::ExamCode;
use crate::error::AppError;
use crate::models::admin::ProgressSeries;

/// Applications per state at the end of each day, for the exam's progress chart.
#[server(endpoint = "admin_exam_progress", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn admin_exam_progress(code: ExamCode) -> Result<ProgressSeries, AppError> {
    use crate::ssr::{access::caller, admin::exam_records};

    let (state, admin) = caller::admin().await?;
    exam_records::progress(&state, &admin, &code).await
}
