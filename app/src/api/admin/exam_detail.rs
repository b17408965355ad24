use leptos::prelude::*;

use crate::domain::record_ids::ExamCode;
use crate::error::AppError;
use crate::models::admin::AdminExamPage;

/// One exam for its administration page: counts, windows, and the exam file to edit.
#[server(endpoint = "admin_exam_detail", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn admin_exam_detail(code: ExamCode) -> Result<AdminExamPage, AppError> {
    use crate::ssr::{access::caller, admin::exam_records};

    let (state, admin) = caller::admin().await?;
    exam_records::detail(&state, &admin, &code).await
}
