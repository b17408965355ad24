use leptos::prelude::*;

use crate::domain::record_ids::ExamCode;
use crate::error::AppError;
use crate::models::candidate::ExamWithMaterials;

/// One exam as the signed-in candidate sees it now (`ssr::candidate::exam_page`).
#[server(endpoint = "exam_page", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn exam_page(code: ExamCode) -> Result<ExamWithMaterials, AppError> {
    use crate::ssr::{access::caller, candidate::exam_page};

    let (state, account) = caller::candidate().await?;
    exam_page::assemble(&state, &account, &code).await
}
