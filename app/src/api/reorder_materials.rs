use leptos::prelude::*;

use crate::error::AppError;

/// Puts the candidate's images of one category in the given order (drag or keyboard).
#[server(endpoint = "reorder_materials", input = leptos::server_fn::codec::Json)]
pub async fn reorder_materials(code: String, category: String, ordered_ids: Vec<String>) -> Result<(), AppError> {
    use crate::ssr::{materials, server_state::server_state, session_user};

    crate::ssr::respond(
        async {
            let state = server_state()?;
            let account = session_user::request_user(&state.db).await?;
            if ordered_ids.len() > crate::ssr::materials::MAX_SEQ_NO as usize {
                return Err(AppError::BadRequest("too many ids".into()));
            }
            materials::reorder_owned(&state, &account, &code, &category, &ordered_ids).await
        }
        .await,
    )
}
