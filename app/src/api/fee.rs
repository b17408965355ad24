use leptos::prelude::*;

use crate::error::AppError;
use crate::models::payment::{FeeView, OrderView};

/// The exam's fee for the signed-in candidate, once approved: amount, ways to pay, latest order.
#[server(endpoint = "fee_status", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn fee_status(exam_code: String) -> Result<Option<FeeView>, AppError> {
    use crate::ssr::{access::caller, payments::orders};

    let (state, account) = caller::signed_in().await?;
    orders::fee_status(&state, &account, &exam_code).await
}

/// 生成订单: an order for the exam's own amount through the chosen gateway.
#[server(endpoint = "create_fee_order", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn create_fee_order(exam_code: String, gateway: String) -> Result<OrderView, AppError> {
    use crate::ssr::{access::caller, payments::order_view::order_view, payments::orders};

    let (state, account) = caller::signed_in().await?;
    let order = orders::create(&state, &account, &exam_code, &gateway).await?;
    Ok(order_view(&state, &order))
}

/// Closes the candidate's own unpaid order.
#[server(endpoint = "close_fee_order", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn close_fee_order(order_no: String) -> Result<(), AppError> {
    use crate::ssr::{access::caller, payments::orders};

    let (state, account) = caller::signed_in().await?;
    orders::close(&state, &account, &order_no).await
}
