use leptos::prelude::*;

use crate::domain::record_ids::{ApplicationId, ExamCode};
use crate::error::AppError;
use crate::models::on_site::OnSiteCandidate;

/// Records the fee paid on site at the on-site check (八: once the originals passed), with the receipt
/// number; the candidate as the on-site check now shows them.
#[server(endpoint = "on_site_record_fee", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn on_site_record_fee(
    exam_code: ExamCode,
    application_id: ApplicationId,
    receipt_no: String,
) -> Result<OnSiteCandidate, AppError> {
    use crate::ssr::{access::caller, on_site::on_site_fee};

    let (state, staff) = caller::staff().await?;
    on_site_fee::record(&state, &staff, &exam_code, application_id, &receipt_no).await
}
