use leptos::prelude::*;

use crate::domain::record_ids::ExamCode;
use crate::error::AppError;
use crate::models::exam::NoticeView;

/// 报考须知 of an exam, and when the signed-in candidate accepted it.
#[server(endpoint = "exam_notice", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn exam_notice(code: ExamCode) -> Result<NoticeView, AppError> {
    use crate::ssr::{access::caller, candidate::notice};

    let (state, account) = caller::candidate().await?;
    notice::notice_of(&state, &account, &code).await
}
