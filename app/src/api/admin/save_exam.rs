use leptos::prelude::*;

use crate::domain::record_ids::ExamCode;
use crate::error::AppError;

/// Replaces an exam's file (categories, rules, examples, form, positions…). The code cannot
/// change: candidates' applications hang on it.
#[server(endpoint = "admin_save_exam", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn admin_save_exam(code: ExamCode, source: String) -> Result<(), AppError> {
    use crate::ssr::{access::caller, admin::exam_files};

    let (state, admin) = caller::admin().await?;
    exam_files::save(&state, &admin, &code, &source).await
}
