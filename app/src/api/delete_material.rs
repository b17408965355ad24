use leptos::prelude::*;

use crate::error::AppError;

/// Deletes one of the signed-in candidate's own images; anyone else's id is simply not found.
#[server(endpoint = "delete_material", input = leptos::server_fn::codec::Json)]
pub async fn delete_material(id: String) -> Result<(), AppError> {
    use crate::ssr::{materials, server_state::server_state, session_user};

    crate::ssr::respond(
        async {
            let state = server_state()?;
            let account = session_user::request_user(&state.db).await?;
            materials::delete_owned(&state, &account, &id).await?;
            tracing::info!(user_id = account.id, material = id, "material deleted");
            Ok(())
        }
        .await,
    )
}
