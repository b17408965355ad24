use leptos::prelude::*;

use crate::domain::on_site_outcome::OnSiteOutcome;
use crate::domain::record_ids::{ApplicationId, ExamCode};
use crate::error::AppError;
use crate::models::on_site::OnSiteCandidate;

/// Records 原件审核通过, or 不通过 with a reason: once.
#[server(endpoint = "on_site_decide", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn on_site_decide(
    exam_code: ExamCode,
    application_id: ApplicationId,
    card_version: i32,
    outcome: OnSiteOutcome,
    reason: String,
) -> Result<OnSiteCandidate, AppError> {
    use crate::ssr::{access::caller, on_site::on_site_check};

    let (state, staff) = caller::staff().await?;
    on_site_check::decide(&state, &staff, &exam_code, (application_id, card_version), outcome, &reason).await
}
