use leptos::prelude::*;

use crate::error::AppError;
use crate::models::payment::OrderView;

/// Marks a paid order refunded, with the reason; audited.
#[server(endpoint = "admin_refund_order", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn admin_refund_order(order_no: String, reason: String) -> Result<OrderView, AppError> {
    use crate::ssr::{access::caller, payments::staff_payments};

    let (state, admin) = caller::admin().await?;
    staff_payments::refund(&state, &admin, &order_no, &reason).await
}
