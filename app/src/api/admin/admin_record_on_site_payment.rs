use leptos::prelude::*;

use crate::domain::record_ids::ExamCode;
use crate::error::AppError;
use crate::models::payment::OrderView;

/// Records a fee paid on site (seed 004), by the candidate's ID number and the receipt number:
/// administrators, and the exam's staff at the branch's on-site check.
#[server(endpoint = "admin_record_on_site_payment", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn admin_record_on_site_payment(
    exam_code: ExamCode,
    id_number: String,
    receipt_no: String,
) -> Result<OrderView, AppError> {
    use crate::ssr::{access::caller, payments::staff_payments};

    let (state, staff) = caller::staff().await?;
    staff_payments::record_on_site(&state, &staff, &exam_code, &id_number, &receipt_no).await
}
