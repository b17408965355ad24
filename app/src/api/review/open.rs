use leptos::prelude::*;

use crate::domain::record_ids::ApplicationId;
use crate::error::AppError;
use crate::models::review::ReviewSheet;

/// Opens an application on the review screen, taking it when it waits for a decision and nobody
/// else holds it (or `take_over` says to take it anyway).
#[server(endpoint = "open_application", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn open_application(id: ApplicationId, take_over: bool) -> Result<ReviewSheet, AppError> {
    use crate::ssr::{access::caller, review::review_sheet};

    let (state, account) = caller::staff().await?;
    review_sheet::open(&state, &account, id, take_over).await
}
