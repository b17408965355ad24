use leptos::prelude::*;

use crate::error::AppError;
use crate::models::feedback::NotificationView;

/// The signed-in person's notifications that are visible now, newest first.
#[server(endpoint = "my_notifications", input = leptos::server_fn::codec::Json)]
pub async fn my_notifications() -> Result<Vec<NotificationView>, AppError> {
    use crate::ssr::{notifications, server_state::server_state, session_user};

    crate::ssr::respond(
        async {
            let state = server_state()?;
            let account = session_user::request_user(&state.db).await?;
            notifications::visible(&state.db, account.id, state.clock.now()).await
        }
        .await,
    )
}

#[server(endpoint = "mark_notifications_read", input = leptos::server_fn::codec::Json)]
pub async fn mark_notifications_read() -> Result<(), AppError> {
    use crate::ssr::{notifications, server_state::server_state, session_user};

    crate::ssr::respond(
        async {
            let state = server_state()?;
            let account = session_user::request_user(&state.db).await?;
            notifications::mark_all_read(&state.db, account.id, state.clock.now()).await
        }
        .await,
    )
}

/// How many visible notifications the signed-in person has not read yet.
#[server(endpoint = "unread_notifications", input = leptos::server_fn::codec::Json)]
pub async fn unread_notifications() -> Result<u64, AppError> {
    use crate::ssr::{notifications, server_state::server_state, session_user};

    crate::ssr::respond(
        async {
            let state = server_state()?;
            let account = session_user::request_user(&state.db).await?;
            notifications::unread_count(&state.db, account.id, state.clock.now()).await
        }
        .await,
    )
}
