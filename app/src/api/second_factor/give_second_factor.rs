use leptos::prelude::*;

use crate::error::AppError;
use crate::models::account::SecondFactorDone;

/// The second step of a staff member's sign-in (`ssr::accounts::second_step`): the
/// authenticator's code, or a recovery code. Signed in once it is taken.
#[server(endpoint = "give_second_factor", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn give_second_factor(code: String) -> Result<SecondFactorDone, AppError> {
    use crate::domain::second_factor_code::SecondFactorCode;
    use crate::ssr::accounts::{account_store, second_step};
    use crate::ssr::{access::caller, access::session_user, infra::client_address};

    let (state, session, account) = caller::halfway_signed_in().await?;
    let code = SecondFactorCode::parse(&code).map_err(|e| AppError::from_field_errors(vec![e]))?;
    let address = client_address::request_address().await?;
    let taken = second_step::give(&state, &account, &code, address).await?;
    session_user::begin_session(&session, &account, state.clock.now()).await?;
    Ok(SecondFactorDone {
        user: account_store::session_user_of(&account),
        new_recovery_codes: taken.new_recovery_codes,
        recovery_codes_left: taken.recovery_codes_left,
    })
}
