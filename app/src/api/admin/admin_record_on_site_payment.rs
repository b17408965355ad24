use leptos::prelude::*;

use crate::error::AppError;
use crate::models::payment::OrderView;

/// Records a fee paid on site (seed 004), by the candidate's ID number and the receipt number.
#[server(endpoint = "admin_record_on_site_payment", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn admin_record_on_site_payment(
    exam_code: String,
    id_number: String,
    receipt_no: String,
) -> Result<OrderView, AppError> {
    use crate::ssr::{access::caller, payments::staff_payments};

    let (state, admin) = caller::admin().await?;
    staff_payments::record_on_site(&state, &admin, &exam_code, &id_number, &receipt_no).await
}
