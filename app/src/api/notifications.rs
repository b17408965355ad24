use leptos::prelude::*;

use crate::error::AppError;
use crate::models::feedback::NotificationView;

/// The signed-in person's notifications that are visible now, newest first.
#[server(endpoint = "my_notifications", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn my_notifications() -> Result<Vec<NotificationView>, AppError> {
    use crate::ssr::{access::caller, messaging::notifications};

    let (state, account) = caller::signed_in().await?;
    notifications::visible(&state.db, account.id, state.clock.now()).await
}

#[server(endpoint = "mark_notifications_read", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn mark_notifications_read() -> Result<(), AppError> {
    use crate::ssr::{access::caller, messaging::notifications};

    let (state, account) = caller::signed_in().await?;
    notifications::mark_all_read(&state.db, account.id, state.clock.now()).await
}

/// How many visible notifications the signed-in person has not read yet.
#[server(endpoint = "unread_notifications", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn unread_notifications() -> Result<u64, AppError> {
    use crate::ssr::{access::caller, messaging::notifications};

    let (state, account) = caller::signed_in().await?;
    notifications::unread_count(&state.db, account.id, state.clock.now()).await
}
