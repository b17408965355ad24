use leptos::prelude::*;

use crate::error::AppError;
use crate::models::payment::{FlaggedNotice, OrderView};

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

/// Marks a paid order refunded, with the reason; audited.
#[server(endpoint = "admin_refund_order", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn admin_refund_order(order_no: String, reason: String) -> Result<OrderView, AppError> {
    use crate::ssr::{access::caller, payments::staff_payments};

    let (state, admin) = caller::admin().await?;
    staff_payments::refund(&state, &admin, &order_no, &reason).await
}

/// Notifications of the exam's orders that wait for staff, oldest first.
#[server(endpoint = "admin_flagged_payments", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn admin_flagged_payments(exam_code: String) -> Result<Vec<FlaggedNotice>, AppError> {
    use crate::domain::exam_windows::format_utc;
    use crate::ssr::{access::caller, payments::staff_payments};

    let (state, admin) = caller::admin().await?;
    let notices = staff_payments::flagged(&state, &admin, &exam_code).await?;
    Ok(notices
        .into_iter()
        .map(|n| FlaggedNotice {
            id: n.id,
            order_no: n.order_no,
            gateway: n.gateway,
            txn: n.txn,
            amount_fen: u64::try_from(n.amount_fen).unwrap_or(0),
            outcome: n.outcome,
            received_at: format_utc(&n.received_at),
        })
        .collect())
}

/// Marks a flagged notification settled, saying how (refunded, matched by hand); audited.
#[server(endpoint = "admin_settle_payment_flag", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn admin_settle_payment_flag(notice_id: i32, note: String) -> Result<(), AppError> {
    use crate::ssr::{access::caller, payments::staff_payments};

    let (state, admin) = caller::admin().await?;
    staff_payments::settle(&state, &admin, notice_id, &note).await
}
