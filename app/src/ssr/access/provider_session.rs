//! What a session signed in through the identity provider keeps of it (seed 003): that it came
//! from there, so that signing out of Zige can offer signing out at the provider too; and when
//! the account's holder last proved themselves there afresh, which stands in for the password an
//! account the provider made does not have (deleting it). Never the ID token: it carries the ID
//! number, name and mobile, and the sign-out names the client alone (`provider_sign_out`).

use chrono::{DateTime, Duration, Utc};
use tower_sessions::Session;

use crate::domain::record_ids::UserId;
use crate::error::AppError;

/// The signed-in session came from the provider.
const FROM_PROVIDER_KEY: &str = "provider_signed_in";
/// Sessions of an older version kept the ID token itself; removed wherever met.
const OLD_ID_TOKEN_KEYS: [&str; 2] = ["provider_id_token", "provider_sign_out_hint"];
const CONFIRMED_KEY: &str = "provider_confirmed";
/// How long a fresh sign-in at the provider stands in for the password.
pub const CONFIRMATION_MINUTES: i64 = 10;

#[derive(serde::Serialize, serde::Deserialize)]
struct Confirmed {
    user_id: UserId,
    /// Seconds since 1970.
    at: i64,
}

/// After a sign-in through the provider (the session already begun).
pub async fn remember_sign_in(session: &Session) -> Result<(), AppError> {
    Ok(session.insert(FROM_PROVIDER_KEY, true).await?)
}

/// A new sign-in (of whatever kind) starts with none of the last one's provider keys.
pub async fn forget(session: &Session) -> Result<(), AppError> {
    for key in OLD_ID_TOKEN_KEYS.into_iter().chain([FROM_PROVIDER_KEY, CONFIRMED_KEY]) {
        session.remove_value(key).await?;
    }
    Ok(())
}

/// Ends the session, as `session_user::end_session` does. True where the session came from the
/// provider: the page then offers its sign-out too.
pub async fn end_session_offering_provider_sign_out(session: &Session) -> Result<bool, AppError> {
    let from_provider = session.get::<bool>(FROM_PROVIDER_KEY).await?.unwrap_or(false)
        || session.get::<String>(OLD_ID_TOKEN_KEYS[0]).await?.is_some();
    session.flush().await?;
    Ok(from_provider)
}

/// The account's holder signed in at the provider afresh just now, as its joined identity.
pub async fn mark_confirmed(session: &Session, user_id: UserId, now: DateTime<Utc>) -> Result<(), AppError> {
    let confirmed = Confirmed { user_id, at: now.timestamp() };
    Ok(session.insert(CONFIRMED_KEY, confirmed).await?)
}

/// Proof that the account's holder signed in at the provider afresh in the last
/// `CONFIRMATION_MINUTES`, in this session; made only by `fresh_confirmation`.
pub struct FreshConfirmation(());

/// The proof, where this account's holder gave it.
pub async fn fresh_confirmation(
    session: &Session,
    user_id: UserId,
    now: DateTime<Utc>,
) -> Result<Option<FreshConfirmation>, AppError> {
    let confirmed: Option<Confirmed> = session.get(CONFIRMED_KEY).await?;
    let fresh = confirmed.is_some_and(|c| {
        c.user_id == user_id && now.timestamp() - c.at <= Duration::minutes(CONFIRMATION_MINUTES).num_seconds()
    });
    Ok(fresh.then_some(FreshConfirmation(())))
}
