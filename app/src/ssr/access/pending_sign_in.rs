//! A staff member between the two steps of signing in: the password was right, the second factor
//! is still to come. The session holds who it is under keys of its own, not the signed-in user's
//! (`session_user`), so every page and server function still treats it as nobody signed in; it
//! lasts ten minutes and ends with a password change or reset like any session.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{DatabaseConnection, EntityTrait};
use tower_sessions::Session;

use crate::domain::record_ids::UserId;
use crate::error::AppError;
use crate::ssr::entities::user;

const PENDING_KEY: &str = "second_factor_pending";
/// Time to open the app and type a code, or to set it up the first time.
pub const PENDING_MINUTES: i64 = 10;

/// Who waits for the second factor, as the session keeps it.
#[derive(serde::Serialize, serde::Deserialize)]
struct Pending {
    user_id: UserId,
    /// The account's `session_generation` at the password: a reset or change since ends the wait.
    generation: i32,
    /// When the password was right (seconds since 1970).
    since: i64,
}

/// Starts the wait for the second factor under a fresh session id; whoever was signed in on
/// this browser is signed out by it.
pub async fn begin(session: &Session, account: &user::Model, now: DateTime<Utc>) -> Result<(), AppError> {
    session.clear().await;
    session.cycle_id().await?;
    let pending = Pending { user_id: account.id, generation: account.session_generation, since: now.timestamp() };
    Ok(session.insert(PENDING_KEY, pending).await?)
}

/// The account waiting for its second factor on this session; `NotSignedIn` when none waits,
/// the wait is over ten minutes old, or the account's sessions were ended since.
pub async fn account(session: &Session, db: &DatabaseConnection, now: DateTime<Utc>) -> Result<user::Model, AppError> {
    let pending: Option<Pending> = session.get(PENDING_KEY).await?;
    let Some(pending) = pending else { return Err(AppError::NotSignedIn) };
    if now.timestamp() - pending.since > Duration::minutes(PENDING_MINUTES).num_seconds() {
        forget(session).await?;
        return Err(AppError::NotSignedIn);
    }
    user::Entity::find_by_id(pending.user_id)
        .one(db)
        .await?
        .filter(|account| account.session_generation == pending.generation && !account.is_released())
        .ok_or(AppError::NotSignedIn)
}

/// Ends the wait (the second factor was given, or the wait expired).
pub async fn forget(session: &Session) -> Result<(), AppError> {
    session.remove::<Pending>(PENDING_KEY).await?;
    Ok(())
}
