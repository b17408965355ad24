use leptos::prelude::*;

use crate::domain::record_ids::ExamCode;
use crate::error::AppError;
use crate::models::scores::ScoresStatus;

/// When the exam's scores are published, from an `<input type="datetime-local">` value (北京时间).
#[server(endpoint = "admin_set_score_release", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn admin_set_score_release(code: ExamCode, publishes_at: String) -> Result<ScoresStatus, AppError> {
    use crate::ssr::{access::caller, admin::exam_scores};

    let (state, admin) = caller::admin().await?;
    exam_scores::set_release(&state, &admin, &code, &publishes_at).await
}
