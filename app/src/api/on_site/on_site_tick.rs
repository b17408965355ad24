use leptos::prelude::*;

use crate::domain::record_ids::{ApplicationId, ExamCode};
use crate::error::AppError;
use crate::models::on_site::OnSiteCandidate;

/// Saves the on-site check's ticks: the originals seen, the 留存 items received.
#[server(endpoint = "on_site_tick", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn on_site_tick(
    exam_code: ExamCode,
    application_id: ApplicationId,
    card_version: i32,
    seen: Vec<String>,
    received: Vec<String>,
) -> Result<OnSiteCandidate, AppError> {
    use crate::ssr::{access::caller, on_site::on_site_check};

    let (state, staff) = caller::staff().await?;
    on_site_check::tick(&state, &staff, &exam_code, (application_id, card_version), seen, received).await
}
