//! The first line of a server function: the server's state and who is calling, refused with
//! 401 or 403 before anything else runs.

use crate::error::AppError;
use crate::ssr::access::session_user;
use crate::ssr::entities::user;
use crate::ssr::infra::server_state::{server_state, ServerState};

/// Anyone signed in; what they may do is checked by the service they call.
pub async fn signed_in() -> Result<(ServerState, user::Model), AppError> {
    let state = server_state()?;
    let account = session_user::request_user(&state.db).await?;
    Ok((state, account))
}

/// Administrators only.
pub async fn admin() -> Result<(ServerState, user::Model), AppError> {
    let state = server_state()?;
    let account = session_user::request_admin(&state.db).await?;
    Ok((state, account))
}

/// Halfway through signing in: a staff member whose password was right and whose second factor
/// is still to come (`pending_sign_in`), with the session that waits for it.
pub async fn halfway_signed_in() -> Result<(ServerState, tower_sessions::Session, user::Model), AppError> {
    let state = server_state()?;
    let session = session_user::request_session().await?;
    let account = crate::ssr::access::pending_sign_in::account(&session, &state.db, state.clock.now()).await?;
    Ok((state, session, account))
}
