//! A staff member between the two steps of signing in: the password was right, the second factor
//! is still to come. The session holds who it is under keys of its own, not the signed-in user's
//! (`session_user`), so every page and server function still treats it as nobody signed in; it
//! lasts ten minutes and ends with a password change or reset like any session.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{DatabaseConnection, EntityTrait};
use tower_sessions::Session;

use crate::error::AppError;
use crate::ssr::entities::user;

const PENDING_USER_ID_KEY: &str = "second_factor_user_id";
const PENDING_GENERATION_KEY: &str = "second_factor_generation";
const PENDING_SINCE_KEY: &str = "second_factor_since";
/// Time to open the app and type a code, or to set it up the first time.
pub const PENDING_MINUTES: i64 = 10;

/// Starts the wait for the second factor under a fresh session id; whoever was signed in on
/// this browser is signed out by it.
pub async fn begin(session: &Session, account: &user::Model, now: DateTime<Utc>) -> Result<(), AppError> {
    let write = |e| crate::ssr::internal("session write", e);
    session.clear().await;
    session.cycle_id().await.map_err(|e| crate::ssr::internal("session cycle", e))?;
    session.insert(PENDING_USER_ID_KEY, account.id).await.map_err(write)?;
    session.insert(PENDING_GENERATION_KEY, account.session_generation).await.map_err(write)?;
    session.insert(PENDING_SINCE_KEY, now.timestamp()).await.map_err(write)?;
    Ok(())
}

/// The account waiting for its second factor on this session; `NotSignedIn` when none waits,
/// the wait is over ten minutes old, or the account's sessions were ended since.
pub async fn account(session: &Session, db: &DatabaseConnection, now: DateTime<Utc>) -> Result<user::Model, AppError> {
    let read = |e| crate::ssr::internal("session read", e);
    let user_id: Option<i32> = session.get(PENDING_USER_ID_KEY).await.map_err(read)?;
    let generation: Option<i32> = session.get(PENDING_GENERATION_KEY).await.map_err(read)?;
    let since: Option<i64> = session.get(PENDING_SINCE_KEY).await.map_err(read)?;
    let (Some(user_id), Some(generation), Some(since)) = (user_id, generation, since) else {
        return Err(AppError::NotSignedIn);
    };
    if now.timestamp() - since > Duration::minutes(PENDING_MINUTES).num_seconds() {
        forget(session).await?;
        return Err(AppError::NotSignedIn);
    }
    user::Entity::find_by_id(user_id)
        .one(db)
        .await
        .map_err(|e| crate::ssr::internal("user lookup", e))?
        .filter(|account| account.session_generation == generation && !account.is_released())
        .ok_or(AppError::NotSignedIn)
}

/// Ends the wait (the second factor was given, or the wait expired).
pub async fn forget(session: &Session) -> Result<(), AppError> {
    let write = |e| crate::ssr::internal("session write", e);
    session.remove::<i32>(PENDING_USER_ID_KEY).await.map_err(write)?;
    session.remove::<i32>(PENDING_GENERATION_KEY).await.map_err(write)?;
    session.remove::<i64>(PENDING_SINCE_KEY).await.map_err(write)?;
    Ok(())
}
