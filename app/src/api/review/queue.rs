use leptos::prelude::*;

use crate::error::AppError;
use crate::models::review::{QueuePage, QueueQuery};

/// One page of an exam's queue, with the counts per state.
#[server(endpoint = "review_queue", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn review_queue(query: QueueQuery) -> Result<QueuePage, AppError> {
    use crate::ssr::{access::caller, review::queue_page};

    let (state, account) = caller::staff().await?;
    queue_page::page(&state, &account, &query).await
}
