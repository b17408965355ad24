use leptos::prelude::*;

use crate::error::AppError;
use crate::models::review::ReviewerExam;

/// The exams the signed-in reviewer may review (every exam for an administrator), with how many
/// applications wait for a decision.
#[server(endpoint = "review_exams", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn review_exams() -> Result<Vec<ReviewerExam>, AppError> {
    use crate::ssr::{access::caller, review::reviewer_home};

    let (state, account) = caller::staff().await?;
    reviewer_home::exams(&state, &account).await
}
