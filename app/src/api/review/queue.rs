use leptos::prelude::*;

use crate::error::AppError;
use crate::models::review::{QueuePage, QueueQuery};

/// One page of an exam's queue, with the counts per state.
#[server(endpoint = "review_queue", input = leptos::server_fn::codec::Json)]
pub async fn review_queue(query: QueueQuery) -> Result<QueuePage, AppError> {
    use crate::ssr::{applications, exams, review_queue, reviewer_access, server_state::server_state, session_user};

    crate::ssr::respond(
        async {
            let state = server_state()?;
            let account = session_user::request_user(&state.db).await?;
            reviewer_access::require_reviewer_of(&state.db, &account, &query.exam_code).await?;
            let definition = exams::load(&state.db, &query.exam_code).await?.ok_or(AppError::NotFound)?;
            let (rows, next) = review_queue::page(&state.db, &query, definition.windows.offset()).await?;
            Ok(QueuePage {
                exam: exams::summary_of(&definition),
                rows,
                counts: applications::count_by_state(&state.db, &query.exam_code).await?,
                next,
            })
        }
        .await,
    )
}
