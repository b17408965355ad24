use leptos::prelude::*;

use crate::domain::on_site_outcome::OnSiteOutcome;
use crate::error::AppError;
use crate::models::desk::DeskCandidate;

/// Records 原件审核通过, or 不通过 with a reason: once.
#[server(endpoint = "desk_decide", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn desk_decide(
    exam_code: String,
    application_id: i32,
    card_version: i32,
    outcome: OnSiteOutcome,
    reason: String,
) -> Result<DeskCandidate, AppError> {
    use crate::ssr::{access::caller, desk::desk_check};

    let (state, staff) = caller::staff().await?;
    desk_check::decide(&state, &staff, &exam_code, (application_id, card_version), outcome, &reason).await
}
