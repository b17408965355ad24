use leptos::prelude::*;

use crate::error::AppError;

/// Marks a flagged notification settled, saying how (refunded, matched by hand); audited.
#[server(endpoint = "admin_settle_payment_flag", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn admin_settle_payment_flag(notice_id: i32, note: String) -> Result<(), AppError> {
    use crate::ssr::{access::caller, payments::flagged_payments};

    let (state, admin) = caller::admin().await?;
    flagged_payments::settle(&state, &admin, notice_id, &note).await
}
