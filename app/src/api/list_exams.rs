use leptos::prelude::*;

use crate::error::AppError;
use crate::models::candidate::ExamCard;

/// 我的考试 (`ssr::candidate::my_exams`).
#[server(endpoint = "list_exams", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn list_exams() -> Result<Vec<ExamCard>, AppError> {
    use crate::ssr::{access::caller, candidate::my_exams};

    let (state, account) = caller::signed_in().await?;
    my_exams::cards(&state, &account).await
}
