//! What a session signed in through the identity provider keeps of it (seed 003): the ID token,
//! so that signing out of Zige can offer signing out at the provider too (its hint of whom); and
//! when the account's holder last proved themselves there afresh, which stands in for the
//! password an account the provider made does not have (deleting it).

use chrono::{DateTime, Duration, Utc};
use tower_sessions::Session;

use crate::error::AppError;

/// The signed-in session's ID token from the provider.
const ID_TOKEN_KEY: &str = "provider_id_token";
/// Kept past Zige's sign-out, in the signed-out session, until the person goes on to the
/// provider's sign-out (or the session lapses).
const SIGN_OUT_HINT_KEY: &str = "provider_sign_out_hint";
const CONFIRMED_KEY: &str = "provider_confirmed";
/// How long a fresh sign-in at the provider stands in for the password.
pub const CONFIRMATION_MINUTES: i64 = 10;

#[derive(serde::Serialize, serde::Deserialize)]
struct Confirmed {
    user_id: i32,
    /// Seconds since 1970.
    at: i64,
}

fn read_error(e: impl std::fmt::Display + 'static) -> AppError {
    crate::ssr::internal("session read", e)
}

fn write_error(e: impl std::fmt::Display + 'static) -> AppError {
    crate::ssr::internal("session write", e)
}

/// After a sign-in through the provider (the session already begun).
pub async fn remember_sign_in(session: &Session, id_token: &str) -> Result<(), AppError> {
    session.insert(ID_TOKEN_KEY, id_token).await.map_err(write_error)
}

/// A new sign-in (of whatever kind) starts with none of the last one's provider keys.
pub async fn forget(session: &Session) -> Result<(), AppError> {
    for key in [ID_TOKEN_KEY, SIGN_OUT_HINT_KEY, CONFIRMED_KEY] {
        session.remove_value(key).await.map_err(read_error)?;
    }
    Ok(())
}

/// Ends the session, as `session_user::end_session` does, and goes on under a fresh id that keeps nothing but
/// the provider's sign-out hint where the session came from the provider. True when it did.
pub async fn end_session_offering_provider_sign_out(session: &Session) -> Result<bool, AppError> {
    let id_token: Option<String> = session.get(ID_TOKEN_KEY).await.map_err(read_error)?;
    session.flush().await?;
    let Some(id_token) = id_token else { return Ok(false) };
    // A new id: the ended session's is worthless, even to whoever had copied its cookie.
    session.cycle_id().await.map_err(write_error)?;
    session.insert(SIGN_OUT_HINT_KEY, id_token).await.map_err(write_error)?;
    Ok(true)
}

/// The hint, taken: it is sent to the provider once.
pub async fn take_sign_out_hint(session: &Session) -> Result<Option<String>, AppError> {
    session.remove(SIGN_OUT_HINT_KEY).await.map_err(read_error)
}

/// The account's holder signed in at the provider afresh just now, as its joined identity.
pub async fn mark_confirmed(session: &Session, user_id: i32, now: DateTime<Utc>) -> Result<(), AppError> {
    let confirmed = Confirmed { user_id, at: now.timestamp() };
    session.insert(CONFIRMED_KEY, confirmed).await.map_err(write_error)
}

/// Proof that the account's holder signed in at the provider afresh in the last
/// `CONFIRMATION_MINUTES`, in this session; made only by `fresh_confirmation`.
pub struct FreshConfirmation(());

/// The proof, where this account's holder gave it.
pub async fn fresh_confirmation(
    session: &Session,
    user_id: i32,
    now: DateTime<Utc>,
) -> Result<Option<FreshConfirmation>, AppError> {
    let confirmed: Option<Confirmed> = session.get(CONFIRMED_KEY).await.map_err(read_error)?;
    let fresh = confirmed.is_some_and(|c| {
        c.user_id == user_id && now.timestamp() - c.at <= Duration::minutes(CONFIRMATION_MINUTES).num_seconds()
    });
    Ok(fresh.then_some(FreshConfirmation(())))
}
