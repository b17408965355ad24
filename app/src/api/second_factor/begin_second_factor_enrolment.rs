use leptos::prelude::*;

use crate::error::AppError;
use crate::models::account::SecondFactorEnrolment;

/// The secret and QR code for a staff member's authenticator app, offered only halfway through
/// signing in and only until the first right code confirms it.
#[server(endpoint = "begin_second_factor_enrolment", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn begin_second_factor_enrolment() -> Result<SecondFactorEnrolment, AppError> {
    use crate::ssr::{access::caller, accounts::second_factor_enrolment};

    let (state, _, account) = caller::halfway_signed_in().await?;
    second_factor_enrolment::begin_enrolment(&state.db, &account, state.clock.now()).await
}
