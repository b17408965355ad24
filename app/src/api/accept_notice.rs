use leptos::prelude::*;

use crate::domain::record_ids::ExamCode;
use crate::error::AppError;

/// 接受 under an exam's 报考须知 (the notice's page posts its form to `/exams/{code}/notice/accept`,
/// which does the same).
#[server(endpoint = "accept_notice", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn accept_notice(code: ExamCode) -> Result<(), AppError> {
    use crate::ssr::{access::caller, candidate::notice};

    let (state, account) = caller::candidate().await?;
    notice::accept(&state, &account, &code).await
}
