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
    use crate::ssr::desk::desk_lookup;
    use crate::ssr::{access::caller, payments::staff_payments};

    let (state, staff) = caller::staff().await?;
    let found = desk_lookup::holder_of(&state, &staff, &exam_code, application_id).await?;
    staff_payments::record_on_site(&state, &staff, &exam_code, &found.id_number, &receipt_no).await?;
    desk_lookup::find(&state, &staff, &exam_code, &found.id_number).await
}
