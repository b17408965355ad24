use leptos::prelude::*;

use crate::domain::record_ids::ExamCode;
use crate::error::AppError;
use crate::models::scores::ScoresStatus;

/// What the exam's scores hold and when they are published, for its administration page.
#[server(endpoint = "admin_scores", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn admin_scores(code: ExamCode) -> Result<ScoresStatus, AppError> {
    use crate::ssr::{access::caller, admin::exam_scores};

    let (state, _admin) = caller::admin().await?;
    exam_scores::status(&state, &code).await
}
