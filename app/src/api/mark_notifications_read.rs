use leptos::prelude::*;

use crate::error::AppError;

#[server(endpoint = "mark_notifications_read", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn mark_notifications_read() -> Result<(), AppError> {
    use crate::ssr::{access::caller, messaging::notifications};

    let (state, account) = caller::signed_in().await?;
    notifications::mark_all_read(&state.db, account.id, state.clock.now()).await
}
