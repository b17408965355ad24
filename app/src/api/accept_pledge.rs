use leptos::prelude::*;

use crate::error::AppError;

/// 同意并进入下一步: records that the candidate accepted the exam's integrity pledge, and when.
#[server(endpoint = "accept_pledge", input = leptos::server_fn::codec::Json)]
pub async fn accept_pledge(code: String) -> Result<(), AppError> {
    use crate::ssr::{applications, candidate_access, server_state::server_state, session_user};

    crate::ssr::respond(
        async {
            let state = server_state()?;
            let account = session_user::request_user(&state.db).await?;
            let exam = candidate_access::enter(&state, &account, &code).await?;
            exam.ensure_window_open()?;
            let row = applications::accept_pledge(&state.db, account.id, &code, exam.now).await?;
            tracing::info!(user_id = account.id, exam = code, accepted_at = ?row.pledge_accepted_at, "pledge accepted");
            Ok(())
        }
        .await,
    )
}
