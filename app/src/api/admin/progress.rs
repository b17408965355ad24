use leptos::prelude::*;

use crate::error::AppError;
use crate::models::admin::ProgressSeries;

/// Applications per state at the end of each day, for the exam's progress chart.
#[server(endpoint = "admin_exam_progress", input = leptos::server_fn::codec::Json)]
pub async fn admin_exam_progress(code: String) -> Result<ProgressSeries, AppError> {
    use crate::ssr::{exams, progress, server_state::server_state, session_user};

    crate::ssr::respond(
        async {
            let state = server_state()?;
            session_user::request_admin(&state.db).await?;
            let definition = exams::load(&state.db, &code).await?.ok_or(AppError::NotFound)?;
            let (days, series) =
                progress::series(&state.db, &code, definition.windows.offset(), state.clock.now()).await?;
            Ok(ProgressSeries { exam: exams::summary_of(&definition), days, series })
        }
        .await,
    )
}
