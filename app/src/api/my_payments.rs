use leptos::prelude::*;

use crate::error::AppError;
use crate::models::payment::PaymentRecord;

/// 缴费记录: the signed-in candidate's orders across every exam, newest first.
#[server(endpoint = "my_payments", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn my_payments() -> Result<Vec<PaymentRecord>, AppError> {
    use crate::ssr::{access::caller, payments::payment_records::payment_records};

    let (state, account) = caller::candidate().await?;
    payment_records(&state, &account).await
}
