use leptos::prelude::*;

use crate::error::AppError;
use crate::models::account::RecoveryChannel;

/// 忘记密码, step 1: sends a one-time code to the account's mobile or email. Answers the same
/// whether or not the ID number is registered.
#[server(endpoint = "request_recovery_code", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn request_recovery_code(id_number: String, channel: RecoveryChannel) -> Result<(), AppError> {
    use crate::ssr::accounts::password_recovery;
    use crate::ssr::infra::server_state::server_state;

    let state = server_state()?;
    let asking = crate::ssr::infra::client_address::request_address().await?;
    password_recovery::request_code(&state.db, &id_number, channel, asking, state.clock.now()).await
}
