use leptos::prelude::*;

use crate::error::AppError;

/// The candidate's full ID number, for the moment a reviewer must compare it with a document.
/// Every reveal is written to the audit log.
#[server(endpoint = "reveal_id_number", input = leptos::server_fn::codec::Json)]
pub async fn reveal_id_number(id: i32) -> Result<String, AppError> {
    use crate::ssr::audit::{self, AuditAction};
    use crate::ssr::entities::user;
    use crate::ssr::{review_sheet, server_state::server_state, session_user};
    use sea_orm::EntityTrait;

    crate::ssr::respond(
        async {
            let state = server_state()?;
            let account = session_user::request_user(&state.db).await?;
            let application = review_sheet::reviewable(&state.db, &account, id).await?;
            let candidate = user::Entity::find_by_id(application.user_id)
                .one(&state.db)
                .await
                .map_err(|e| crate::ssr::internal("candidate lookup", e))?
                .ok_or(AppError::NotFound)?;
            audit::record(
                &state.db,
                Some(&account),
                AuditAction::IdNumberRevealed,
                &format!("application {id}"),
                &audit::actor_label(&candidate),
                state.clock.now(),
            )
            .await?;
            Ok(candidate.id_number)
        }
        .await,
    )
}
