use leptos::prelude::*;

use crate::error::AppError;

/// The signed-in candidate's document's validity as kept (`IdValidity::stored`), or None where it
/// was never given (an account from before it was asked, or one the registration system made).
#[server(endpoint = "own_id_validity", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn own_id_validity() -> Result<Option<String>, AppError> {
    use crate::ssr::access::session_user;
    use crate::ssr::infra::server_state::server_state;

    let state = server_state()?;
    Ok(session_user::request_user(&state.db).await?.id_valid_until)
}
