use leptos::prelude::*;

use crate::domain::record_ids::ExamCode;
use crate::error::AppError;

/// Creates an exam from a preset (`preset` set; `source` ignored) under the code `code`, or
/// from an exam file written from scratch (`source`). Returns the new exam's code.
#[server(endpoint = "admin_create_exam", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn admin_create_exam(preset: Option<String>, code: ExamCode, source: String) -> Result<ExamCode, AppError> {
    use crate::ssr::{access::caller, admin::exam_files};

    let (state, admin) = caller::admin().await?;
    exam_files::create(&state, &admin, preset.as_deref(), &code, source).await
}
