use leptos::prelude::*;

use crate::error::AppError;
use crate::models::SessionUser;

#[server(endpoint = "log_in", input = leptos::server_fn::codec::Json)]
pub async fn log_in(id_number: String, password: String) -> Result<SessionUser, AppError> {
    use crate::ssr::{accounts, server_state::server_state, session_user};

    crate::ssr::respond(
        async {
            let state = server_state()?;
            let account = accounts::authenticate(&state.db, &id_number, &password).await.inspect_err(|_| {
                tracing::warn!("failed login");
            })?;
            session_user::begin_session(&session_user::request_session().await?, account.id).await?;
            Ok(accounts::session_user_of(&account))
        }
        .await,
    )
}
