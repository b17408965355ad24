use leptos::prelude::*;

use crate::error::AppError;
use crate::models::admin::AdminExamRow;

/// Every exam with its phase and how many candidates are in each state.
#[server(endpoint = "admin_overview", input = leptos::server_fn::codec::Json)]
pub async fn admin_overview() -> Result<Vec<AdminExamRow>, AppError> {
    use crate::ssr::{admin_rows, exams, server_state::server_state, session_user};

    crate::ssr::respond(
        async {
            let state = server_state()?;
            session_user::request_admin(&state.db).await?;
            let now = state.clock.now();
            let mut rows = Vec::new();
            for definition in exams::list_definitions(&state.db).await? {
                rows.push(admin_rows::row_of(&state.db, &definition, now).await?);
            }
            Ok(rows)
        }
        .await,
    )
}
