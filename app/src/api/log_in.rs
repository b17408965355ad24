use leptos::prelude::*;

use crate::error::AppError;
use crate::models::account::SignInStep;

/// Logs in with ID number and password. Wrong passwords are counted per account and address: a
/// guesser is held back at the accounts it tries, and the owner, at another address, still gets
/// in (the per-address limit is applied before the body is read, in the server's middleware).
/// Staff are not signed in yet: their second factor comes next (`give_second_factor`).
#[server(endpoint = "log_in", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn log_in(id_number: String, password: String) -> Result<SignInStep, AppError> {
    use crate::ssr::access::sign_in::{self, SignInRequest};
    sign_in::log_in(&SignInRequest::current().await?, &id_number, &password).await
}
