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
