use leptos::prelude::*;

use crate::domain::record_ids::ExamCode;
use crate::error::AppError;

/// 同意并进入下一步: records that the candidate accepted the exam's integrity pledge, and when.
#[server(endpoint = "accept_pledge", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn accept_pledge(code: ExamCode) -> Result<(), AppError> {
    use crate::ssr::{access::caller, candidate::pledge};

    let (state, account) = caller::candidate().await?;
    pledge::accept(&state, &account, &code).await
}
