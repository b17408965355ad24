//! Who is asking: the user id kept in the server-side session, resolved to an account.

use sea_orm::{DatabaseConnection, EntityTrait};
use tower_sessions::Session;

use chrono::{DateTime, Duration, Utc};

use crate::domain::record_ids::UserId;
use crate::domain::Role;
use crate::error::AppError;
use crate::ssr::entities::user;

pub const USER_ID_KEY: &str = "user_id";
/// The account's `session_generation` when the session began; sessions from before a password
/// reset or change carry an older one and are signed out by it.
const GENERATION_KEY: &str = "generation";
/// A staff member's session: when it was last used (seconds since 1970). Staff sessions end after
/// a short idle time (等保 2.0 asks for it); a candidate's session has no such key.
const STAFF_ACTIVE_AT_KEY: &str = "staff_active_at";

pub async fn user_from_session(session: &Session, db: &DatabaseConnection) -> Result<user::Model, AppError> {
    let user_id: Option<UserId> = session.get(USER_ID_KEY).await?;
    let Some(user_id) = user_id else { return Err(AppError::NotSignedIn) };
    let generation: i32 = session.get(GENERATION_KEY).await?.unwrap_or(0);
    let account = user::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .filter(|account| account.session_generation == generation)
        .ok_or(AppError::NotSignedIn)?;
    // A staff session without the idle clock (begun before staff sessions had one) would never
    // time out: it ends, and its owner signs in again.
    let staff_clock: Option<i64> = session.get(STAFF_ACTIVE_AT_KEY).await?;
    if account.role != Role::Candidate && staff_clock.is_none() {
        end_session(session).await?;
        return Err(AppError::NotSignedIn);
    }
    Ok(account)
}

/// Starts a signed-in session under a fresh id, so an id planted before login is worthless.
pub async fn begin_session(session: &Session, account: &user::Model, now: DateTime<Utc>) -> Result<(), AppError> {
    crate::ssr::access::pending_sign_in::forget(session).await?;
    crate::ssr::access::provider_session::forget(session).await?;
    session.cycle_id().await?;
    session.insert(USER_ID_KEY, account.id).await?;
    session.insert(GENERATION_KEY, account.session_generation).await?;
    if account.role != Role::Candidate {
        session.insert(STAFF_ACTIVE_AT_KEY, now.timestamp()).await?;
    }
    Ok(())
}

/// Ends a staff member's session unused for longer than `idle`, and marks it used now otherwise.
/// A candidate's session is left as it is. True when the session was ended.
pub async fn end_staff_session_if_idle(
    session: &Session,
    idle: Duration,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let active_at: Option<i64> = session.get(STAFF_ACTIVE_AT_KEY).await?;
    let Some(active_at) = active_at else { return Ok(false) };
    let unused_for = now.timestamp() - active_at;
    if unused_for > idle.num_seconds() {
        end_session(session).await?;
        return Ok(true);
    }
    // Written at most once a minute: a page's many requests (its files, its pictures) would each
    // write the session otherwise.
    if unused_for >= 60 {
        session.insert(STAFF_ACTIVE_AT_KEY, now.timestamp()).await?;
    }
    Ok(false)
}

/// Whose session a page is drawn for, as the session alone says (the account is not read): for what
/// a page shows around its content, such as the candidate's menu. Everything that reads or
/// changes data still asks `request_user`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SessionHolder {
    Nobody,
    Candidate,
    Staff,
}

pub async fn session_holder(session: &Session) -> Result<SessionHolder, AppError> {
    let user_id: Option<UserId> = session.get(USER_ID_KEY).await?;
    let staff_clock: Option<i64> = session.get(STAFF_ACTIVE_AT_KEY).await?;
    Ok(match (user_id, staff_clock) {
        (None, _) => SessionHolder::Nobody,
        (Some(_), None) => SessionHolder::Candidate,
        (Some(_), Some(_)) => SessionHolder::Staff,
    })
}

/// While the server draws a page: whether the session is a candidate's (`SessionHolder`, noted on
/// the request by the server before the page is drawn).
pub fn page_for_candidate() -> bool {
    leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<SessionHolder>().copied())
        == Some(SessionHolder::Candidate)
}

pub async fn end_session(session: &Session) -> Result<(), AppError> {
    Ok(session.flush().await?)
}

/// In a server function: the session of the current request.
pub async fn request_session() -> Result<Session, AppError> {
    leptos_axum::extract::<Session>().await.map_err(|e| crate::ssr::internal("session extract", e))
}

/// In a server function: the signed-in account, or `NotSignedIn` (`caller` admits it as the
/// kind of caller the function serves).
pub async fn request_user(db: &DatabaseConnection) -> Result<user::Model, AppError> {
    user_from_session(&request_session().await?, db).await
}
