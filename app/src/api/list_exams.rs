use leptos::prelude::*;

use crate::error::AppError;
use crate::models::ExamSummary;

/// The exams a signed-in candidate may enter.
#[server(endpoint = "list_exams", input = leptos::server_fn::codec::Json)]
pub async fn list_exams() -> Result<Vec<ExamSummary>, AppError> {
    use crate::ssr::{exams, server_state::server_state, session_user};

    crate::ssr::respond(
        async {
            let state = server_state()?;
            session_user::request_user(&state.db).await?;
            exams::list(&state.db).await
        }
        .await,
    )
}
