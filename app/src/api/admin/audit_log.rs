use leptos::prelude::*;

use crate::error::AppError;
use crate::models::review::AuditRow;

/// The newest lines of the audit log.
#[server(endpoint = "admin_audit_log", input = leptos::server_fn::codec::Json)]
pub async fn admin_audit_log() -> Result<Vec<AuditRow>, AppError> {
    use crate::ssr::{audit, server_state::server_state, session_user};

    crate::ssr::respond(
        async {
            let state = server_state()?;
            session_user::request_admin(&state.db).await?;
            audit::newest(&state.db, 500).await
        }
        .await,
    )
}
