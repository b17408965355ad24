use leptos::prelude::*;

use crate::error::AppError;
use crate::models::desk::DeskCandidate;

/// Records the fee paid on site at the desk (八: once the originals passed), with the receipt
/// number; the candidate as the desk now shows them.
#[server(endpoint = "desk_record_fee", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn desk_record_fee(
    exam_code: String,
    application_id: i32,
    receipt_no: String,
) -> Result<DeskCandidate, AppError> {
    use crate::ssr::{access::caller, desk::desk_fee};

    let (state, staff) = caller::staff().await?;
    desk_fee::record(&state, &staff, &exam_code, application_id, &receipt_no).await
}
