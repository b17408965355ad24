use leptos::prelude::*;

use crate::error::AppError;

/// How many visible notifications the signed-in person has not read yet.
#[server(endpoint = "unread_notifications", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn unread_notifications() -> Result<u64, AppError> {
    use crate::ssr::{access::caller, messaging::notifications};

    let (state, account) = caller::signed_in().await?;
    notifications::unread_count(&state.db, account.id, state.clock.now()).await
}
