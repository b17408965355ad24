//! Who is asking: the user id kept in the server-side session, resolved to an account.

use sea_orm::{DatabaseConnection, EntityTrait};
use tower_sessions::Session;

use crate::error::AppError;
use crate::ssr::entities::user;

const USER_ID_KEY: &str = "user_id";
/// The account's `session_generation` when the session began; sessions from before a password
/// reset or change carry an older one and are signed out by it.
const GENERATION_KEY: &str = "generation";

pub async fn user_from_session(session: &Session, db: &DatabaseConnection) -> Result<user::Model, AppError> {
    let user_id: Option<i32> = session.get(USER_ID_KEY).await.map_err(|e| crate::ssr::internal("session read", e))?;
    let Some(user_id) = user_id else { return Err(AppError::NotSignedIn) };
    let generation: i32 =
        session.get(GENERATION_KEY).await.map_err(|e| crate::ssr::internal("session read", e))?.unwrap_or(0);
    user::Entity::find_by_id(user_id)
        .one(db)
        .await
        .map_err(|e| crate::ssr::internal("user lookup", e))?
        .filter(|account| account.session_generation == generation)
        .ok_or(AppError::NotSignedIn)
}

/// Starts a signed-in session under a fresh id, so an id planted before login is worthless.
pub async fn begin_session(session: &Session, account: &user::Model) -> Result<(), AppError> {
    session.cycle_id().await.map_err(|e| crate::ssr::internal("session cycle", e))?;
    session.insert(USER_ID_KEY, account.id).await.map_err(|e| crate::ssr::internal("session write", e))?;
    session
        .insert(GENERATION_KEY, account.session_generation)
        .await
        .map_err(|e| crate::ssr::internal("session write", e))
}

pub async fn end_session(session: &Session) -> Result<(), AppError> {
    session.flush().await.map_err(|e| crate::ssr::internal("session flush", e))
}

/// In a server function: the session of the current request.
pub async fn request_session() -> Result<Session, AppError> {
    leptos_axum::extract::<Session>().await.map_err(|e| crate::ssr::internal("session extract", e))
}

/// In a server function: the signed-in account, or `NotSignedIn`.
pub async fn request_user(db: &DatabaseConnection) -> Result<user::Model, AppError> {
    user_from_session(&request_session().await?, db).await
}

/// In a server function: the signed-in administrator; anyone else is refused.
pub async fn request_admin(db: &DatabaseConnection) -> Result<user::Model, AppError> {
    let account = request_user(db).await?;
    require_role(&account, crate::domain::Role::Admin)?;
    Ok(account)
}

/// Refuses an account whose role is not `role`: the one role check of server functions and
/// plain routes alike.
pub fn require_role(account: &user::Model, role: crate::domain::Role) -> Result<(), AppError> {
    if account.role == role {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}
