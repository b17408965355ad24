//! Signing in, as one service the server functions call in a line: the accounts room checks the
//! password or the second factor (counted and audited there), and the session is begun here —
//! at once for a candidate, after the second factor for staff (`pending_sign_in`).

use std::net::IpAddr;

use tower_sessions::Session;

use crate::domain::new_password::NewPassword;
use crate::domain::second_factor_code::SecondFactorCode;
use crate::error::AppError;
use crate::models::account::{SecondFactorDone, SignInStep};
use crate::ssr::access::{pending_sign_in, session_user};
use crate::ssr::accounts::{account_store, password_attempts, second_factor, second_step};
use crate::ssr::infra::client_address;
use crate::ssr::infra::server_state::{server_state, ServerState};

/// What a sign-in step comes with: the server, the request's session and the caller's address.
pub struct SignInRequest {
    pub state: ServerState,
    pub session: Session,
    pub address: IpAddr,
}

impl SignInRequest {
    /// The request a server function is answering.
    pub async fn current() -> Result<Self, AppError> {
        Ok(Self {
            state: server_state()?,
            session: session_user::request_session().await?,
            address: client_address::request_address().await?,
        })
    }
}

/// Logs in with ID number and password. Staff are not signed in yet: their second factor comes
/// next (`give_second_factor`).
#[tracing::instrument(skip_all)]
pub async fn log_in(request: &SignInRequest, id_number: &str, password: &str) -> Result<SignInStep, AppError> {
    let SignInRequest { state, session, address } = request;
    let account = password_attempts::sign_in(state, id_number, password, *address).await?;
    if second_factor::required(state.staff_second_factor, &account) {
        pending_sign_in::begin(session, &account, state.clock.now()).await?;
        let enrolled = second_factor::is_enrolled(&state.db, account.id).await?;
        return Ok(SignInStep::SecondFactor { enrolled });
    }
    session_user::begin_session(session, &account, state.clock.now()).await?;
    Ok(SignInStep::SignedIn(account_store::session_user_of(&account)))
}

/// 修改密码: every other session of the account ends; this one goes on under the new password.
#[tracing::instrument(skip_all)]
pub async fn change_password(request: &SignInRequest, old_password: &str, new_password: &str) -> Result<(), AppError> {
    let password =
        NewPassword::parse("new_password", new_password).map_err(|e| AppError::from_field_errors(vec![e]))?;
    let SignInRequest { state, session, address } = request;
    let account = session_user::user_from_session(session, &state.db).await?;
    let account = password_attempts::change(state, &account, old_password, password, *address).await?;
    session_user::begin_session(session, &account, state.clock.now()).await
}

/// The second step of a staff member's sign-in (`accounts::second_step`): the authenticator's
/// code, or a recovery code. Signed in once it is taken.
#[tracing::instrument(skip_all)]
pub async fn give_second_factor(request: &SignInRequest, code: &str) -> Result<SecondFactorDone, AppError> {
    let SignInRequest { state, session, address } = request;
    let account = pending_sign_in::account(session, &state.db, state.clock.now()).await?;
    let code = SecondFactorCode::parse(code).map_err(|e| AppError::from_field_errors(vec![e]))?;
    let taken = second_step::give(state, &account, &code, *address).await?;
    session_user::begin_session(session, &account, state.clock.now()).await?;
    Ok(SecondFactorDone {
        user: account_store::session_user_of(&account),
        new_recovery_codes: taken.new_recovery_codes,
        recovery_codes_left: taken.recovery_codes_left,
    })
}
