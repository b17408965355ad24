use leptos::prelude::*;

use crate::error::AppError;

/// The public key admission tickets verify against (base64url); public, no login needed.
#[server(endpoint = "ticket_public_key", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn ticket_public_key() -> Result<String, AppError> {
    let state = crate::ssr::infra::server_state::server_state()?;
    Ok(crate::domain::ticket_code::public_key_text(&state.ticket_key.verifying_key()))
}
