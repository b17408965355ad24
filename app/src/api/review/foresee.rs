use leptos::prelude::*;

use crate::domain::record_ids::ApplicationId;
use crate::error::AppError;
use crate::models::review::ReviewSheet;

/// The sheet `open_application` would give once `leaving` is decided, taking nothing: read ahead by
/// the review screen of `leaving`, so that the next application draws the moment the reviewer asks
/// for it.
#[server(endpoint = "foresee_application", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn foresee_application(id: ApplicationId, leaving: ApplicationId) -> Result<ReviewSheet, AppError> {
    use crate::ssr::{access::caller, review::review_sheet};

    let (state, account) = caller::staff().await?;
    review_sheet::foresee(&state, &account, id, leaving).await
}
