use leptos::prelude::*;

use crate::error::AppError;
use crate::models::admin::ReviewerRow;

/// Every reviewer account with the exams assigned to it.
#[server(endpoint = "admin_reviewers", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn admin_reviewers() -> Result<Vec<ReviewerRow>, AppError> {
    use crate::ssr::{access::caller, admin::reviewers};

    let (state, admin) = caller::admin().await?;
    reviewers::list_reviewers(&state.db, &admin).await
}
