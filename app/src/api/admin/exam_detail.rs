use leptos::prelude::*;

use crate::error::AppError;
use crate::models::admin::AdminExamPage;

/// One exam for its administration page: counts, windows, and the exam file to edit.
#[server(endpoint = "admin_exam_detail", input = leptos::server_fn::codec::Json)]
pub async fn admin_exam_detail(code: String) -> Result<AdminExamPage, AppError> {
    use crate::ssr::{admin_rows, exams, server_state::server_state, session_user};

    crate::ssr::respond(
        async {
            let state = server_state()?;
            session_user::request_admin(&state.db).await?;
            let definition = exams::load(&state.db, &code).await?.ok_or(AppError::NotFound)?;
            let w = &definition.windows;
            let local = |at: &chrono::DateTime<chrono::FixedOffset>| at.format("%Y-%m-%dT%H:%M").to_string();
            Ok(AdminExamPage {
                row: admin_rows::row_of(&state.db, &definition, state.clock.now()).await?,
                source: exams::load_source(&state.db, &code).await?,
                windows_local: w.moments().map(local),
                offset: w.upload_opens.format("%:z").to_string(),
            })
        }
        .await,
    )
}
