use leptos::prelude::*;

use crate::error::AppError;
use crate::models::account::SessionUser;

/// Logs in with ID number and password. Attempts at one ID number are limited wherever they come
/// from (the address limit is applied before the body is read, in the server's middleware).
#[server(endpoint = "log_in", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn log_in(id_number: String, password: String) -> Result<SessionUser, AppError> {
    use crate::ssr::infra::audit::AuditAction;
    use crate::ssr::infra::server_state::server_state;
    use crate::ssr::{access::session_user, accounts::account_store, infra::audit};

    let state = server_state()?;
    state.rate_limits.check_account(&account_store::normalise_id_number(&id_number))?;
    let account = match account_store::authenticate(&state.db, &id_number, &password).await {
        Ok(account) => account,
        Err(error) => {
            tracing::warn!("failed login");
            if error == AppError::BadCredentials {
                audit::record(
                    &state.db,
                    None,
                    AuditAction::FailedLogin,
                    &audit::masked_id_number(&id_number),
                    "wrong ID number or password",
                    state.clock.now(),
                )
                .await?;
            }
            return Err(error);
        }
    };
    session_user::begin_session(&session_user::request_session().await?, &account).await?;
    Ok(account_store::session_user_of(&account))
}
