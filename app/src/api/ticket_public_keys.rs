use leptos::prelude::*;

use crate::error::AppError;

/// The public keys admission tickets verify against (base64url), the one signing now first and
/// then every earlier one (a rotated key still vouches for the tickets it signed); public, no
/// login needed.
#[server(endpoint = "ticket_public_keys", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn ticket_public_keys() -> Result<Vec<String>, AppError> {
    let state = crate::ssr::infra::server_state::server_state()?;
    // From the database, not this server's start: a key rotated since is known at once.
    let keys = crate::ssr::tickets::ticket_keys::load(&state.db).await?;
    Ok(keys.public().iter().map(crate::domain::ticket_code::public_key_text).collect())
}
