use leptos::prelude::*;

use crate::domain::record_ids::ExamCode;
use crate::error::AppError;
use crate::models::payment::OrderView;

/// 生成订单: an order for the exam's own amount through the chosen gateway.
#[server(endpoint = "create_fee_order", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn create_fee_order(exam_code: ExamCode, gateway: String) -> Result<OrderView, AppError> {
    use crate::ssr::{access::caller, payments::order_view::order_view, payments::orders};

    let (state, account) = caller::candidate().await?;
    let order = orders::create(&state, &account, &exam_code, &gateway).await?;
    Ok(order_view(&state, &order))
}
