use leptos::prelude::*;

use crate::error::AppError;
use crate::models::account::SessionUser;

/// The signed-in person, or None.
#[server(endpoint = "current_user", input = leptos::server_fn::codec::Json)]
pub async fn current_user() -> Result<Option<SessionUser>, AppError> {
    use crate::ssr::{accounts, server_state::server_state, session_user};

    crate::ssr::respond(
        async {
            let state = server_state()?;
            match session_user::request_user(&state.db).await {
                Ok(account) => Ok(Some(accounts::session_user_of(&account))),
                Err(AppError::NotSignedIn) => Ok(None),
                Err(other) => Err(other),
            }
        }
        .await,
    )
}
