use leptos::prelude::*;

use crate::error::AppError;
use crate::models::account::SessionUser;

/// The signed-in person, or None.
#[server(endpoint = "current_user", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn current_user() -> Result<Option<SessionUser>, AppError> {
    use crate::ssr::infra::server_state::server_state;
    use crate::ssr::{access::session_user, accounts::account_store};
    let state = server_state()?;
    match session_user::request_user(&state.db).await {
        Ok(account) => Ok(Some(account_store::session_user_of(&account))),
        Err(AppError::NotSignedIn) => Ok(None),
        Err(other) => Err(other),
    }
}
