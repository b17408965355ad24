use leptos::prelude::*;

use crate::error::AppError;
use crate::models::account::HalfwaySignIn;

/// Who is halfway through signing in on this browser, and whether they type a code or set up
/// their authenticator first; `NotSignedIn` when nobody is.
#[server(endpoint = "second_factor_prompt", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn second_factor_prompt() -> Result<HalfwaySignIn, AppError> {
    use crate::ssr::{access::caller, accounts::second_factor};

    let (state, _, account) = caller::halfway_signed_in().await?;
    let enrolled = second_factor::is_enrolled(&state.db, account.id).await?;
    Ok(HalfwaySignIn { name: account.name.clone(), id_number_masked: account.masked_id_number(), enrolled })
}
