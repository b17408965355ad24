//! One page of an exam's queue as the reviewer's page shows it: the rows, the counts per state,
//! and where the next page starts.

use crate::error::AppError;
use crate::models::review::{QueuePage, QueueQuery};
use crate::ssr::access::caller::Caller;
use crate::ssr::access::gate::Staff;
use crate::ssr::access::reviewer_access;
use crate::ssr::application::application_queries;
use crate::ssr::exams::exam_store;
use crate::ssr::infra::server_state::ServerState;
use crate::ssr::review::review_queue;

#[tracing::instrument(skip_all, fields(user = %account.id))]
pub async fn page(state: &ServerState, account: &Caller<Staff>, query: &QueueQuery) -> Result<QueuePage, AppError> {
    reviewer_access::require_reviewer_of(&state.db, account, &query.exam_code).await?;
    let definition = exam_store::load(&state.db, &query.exam_code).await?.ok_or(AppError::NotFound)?;
    let (rows, next) = review_queue::page(&state.db, query, definition.windows.offset()).await?;
    Ok(QueuePage {
        exam: exam_store::summary_of(&definition),
        rows,
        counts: application_queries::count_by_state(&state.db, &query.exam_code).await?,
        next,
    })
}
