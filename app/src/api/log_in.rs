use leptos::prelude::*;

use crate::error::AppError;
use crate::models::account::SignInStep;

/// Logs in with ID number and password. Wrong passwords are counted per account and address: a
/// guesser is held back at the accounts it tries, and the owner, at another address, still gets
/// in (the per-address limit is applied before the body is read, in the server's middleware).
/// Staff are not signed in yet: their second factor comes next (`give_second_factor`).
#[server(endpoint = "log_in", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn log_in(id_number: String, password: String) -> Result<SignInStep, AppError> {
    use crate::ssr::accounts::{account_store, second_factor};
    use crate::ssr::infra::audit::AuditAction;
    use crate::ssr::infra::server_state::server_state;
    use crate::ssr::{access::pending_sign_in, access::session_user, infra::audit, infra::client_address};

    let state = server_state()?;
    let address = client_address::request_address().await?;
    // Longer than any document number Zige accepts (passports and permits included): no account,
    // and not kept in the limits' table.
    const MAX_ID_NUMBER_CHARS: usize = 32;
    let id_number = account_store::normalise_id_number(&id_number);
    if id_number.chars().count() > MAX_ID_NUMBER_CHARS {
        return Err(AppError::BadCredentials);
    }
    state.rate_limits.begin_password_attempt(&id_number, address)?;
    let account = match account_store::authenticate(&state.db, &id_number, &password).await {
        Ok(account) => {
            state.rate_limits.give_back_password_attempt(&id_number, address);
            account
        }
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
            } else {
                // Not a wrong password (the server was busy): it does not count against anyone.
                state.rate_limits.give_back_password_attempt(&id_number, address);
            }
            return Err(error);
        }
    };
    let session = session_user::request_session().await?;
    if second_factor::required(state.staff_second_factor, &account) {
        pending_sign_in::begin(&session, &account, state.clock.now()).await?;
        let enrolled = second_factor::is_enrolled(&state.db, account.id).await?;
        return Ok(SignInStep::SecondFactor { enrolled });
    }
    session_user::begin_session(&session, &account, state.clock.now()).await?;
    Ok(SignInStep::SignedIn(account_store::session_user_of(&account)))
}
