use leptos::prelude::*;

use crate::error::AppError;

/// Closes the candidate's own unpaid order.
#[server(endpoint = "close_fee_order", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn close_fee_order(order_no: String) -> Result<(), AppError> {
    use crate::ssr::{access::caller, payments::orders};

    let (state, account) = caller::candidate().await?;
    orders::close(&state, &account, &order_no).await
}
