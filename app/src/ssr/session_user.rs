//! Who is asking: the user id kept in the server-side session, resolved to an account.

use sea_orm::{DatabaseConnection, EntityTrait};
use tower_sessions::Session;

use super::entities::user;
use crate::error::AppError;

const USER_ID_KEY: &str = "user_id";

pub async fn user_from_session(session: &Session, db: &DatabaseConnection) -> Result<user::Model, AppError> {
    let user_id: Option<i32> = session.get(USER_ID_KEY).await.map_err(|e| super::internal("session read", e))?;
    let Some(user_id) = user_id else { return Err(AppError::NotSignedIn) };
    user::Entity::find_by_id(user_id)
        .one(db)
        .await
        .map_err(|e| super::internal("user lookup", e))?
        .ok_or(AppError::NotSignedIn)
}

/// Starts a signed-in session under a fresh id, so an id planted before login is worthless.
pub async fn begin_session(session: &Session, user_id: i32) -> Result<(), AppError> {
    session.cycle_id().await.map_err(|e| super::internal("session cycle", e))?;
    session.insert(USER_ID_KEY, user_id).await.map_err(|e| super::internal("session write", e))
}

pub async fn end_session(session: &Session) -> Result<(), AppError> {
    session.flush().await.map_err(|e| super::internal("session flush", e))
}

/// In a server function: the session of the current request.
pub async fn request_session() -> Result<Session, AppError> {
    leptos_axum::extract::<Session>().await.map_err(|e| super::internal("session extract", e))
}

/// In a server function: the signed-in account, or `NotSignedIn`.
pub async fn request_user(db: &DatabaseConnection) -> Result<user::Model, AppError> {
    user_from_session(&request_session().await?, db).await
}

/// In a server function: the signed-in administrator; anyone else is refused.
pub async fn request_admin(db: &DatabaseConnection) -> Result<user::Model, AppError> {
    let account = request_user(db).await?;
    require_role(&account, crate::models::Role::Admin)?;
    Ok(account)
}

/// Refuses an account whose role is not `role`: the one role check of server functions and
/// plain routes alike.
pub fn require_role(account: &user::Model, role: crate::models::Role) -> Result<(), AppError> {
    if account.role == role.as_str() { Ok(()) } else { Err(AppError::Forbidden) }
}
