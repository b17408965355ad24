use leptos::prelude::*;

use crate::error::AppError;
use crate::models::desk::DeskCandidate;

/// Saves the desk's ticks: the originals seen, the 留存 items received.
#[server(endpoint = "desk_tick", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn desk_tick(
    exam_code: String,
    application_id: i32,
    card_version: i32,
    seen: Vec<String>,
    received: Vec<String>,
) -> Result<DeskCandidate, AppError> {
    use crate::ssr::{access::caller, desk::desk_check};

    let (state, staff) = caller::staff().await?;
    desk_check::tick(&state, &staff, &exam_code, (application_id, card_version), seen, received).await
}
