use leptos::prelude::*;

use crate::error::AppError;
use crate::models::admin::UndeliveredMessage;

/// The emails and texts the outbox gave up on, newest first.
#[server(endpoint = "admin_undelivered_messages", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn admin_undelivered_messages() -> Result<Vec<UndeliveredMessage>, AppError> {
    use crate::ssr::{access::caller, admin::undelivered};

    let (state, admin) = caller::admin().await?;
    undelivered::list(&state.db, &admin).await
}
