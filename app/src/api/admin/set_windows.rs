use leptos::prelude::*;

use crate::domain::record_ids::ExamCode;
use crate::error::AppError;

/// Sets the four windows from `<input type="datetime-local">` values, read in the exam's own
/// offset, keeping the rest of the exam file as written.
#[server(endpoint = "admin_set_windows", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn admin_set_windows(code: ExamCode, windows_local: [String; 4]) -> Result<(), AppError> {
    use crate::ssr::{access::caller, admin::exam_files};

    let (state, admin) = caller::admin().await?;
    exam_files::set_windows(&state, &admin, &code, &windows_local).await
}
