use leptos::prelude::*;

use crate::domain::record_ids::ExamCode;
use crate::error::AppError;
use crate::models::payment::FeeView;

/// The exam's fee for the signed-in candidate, once approved: amount, ways to pay, latest order.
/// With `returned_order` (back from the cashier, or 支付完毕) the answer waits a few seconds for
/// that order's payment result (`ssr::payments::cashier_return`).
#[server(endpoint = "fee_status", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn fee_status(exam_code: ExamCode, returned_order: Option<String>) -> Result<Option<FeeView>, AppError> {
    use crate::ssr::{access::caller, payments::orders};

    let (state, account) = caller::candidate().await?;
    orders::fee_status(&state, &account, &exam_code, returned_order.as_deref()).await
}
