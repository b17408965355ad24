use leptos::prelude::*;

use crate::error::AppError;

/// Sends a given-up email or text again, once what refused it is mended; audited.
#[server(endpoint = "admin_resend_message", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn admin_resend_message(message_id: i32) -> Result<(), AppError> {
    use crate::ssr::{access::caller, admin::undelivered};

    let (state, admin) = caller::admin().await?;
    undelivered::resend(&state.db, &admin, message_id, state.clock.now()).await
}
