use leptos::prelude::*;

use crate::domain::record_ids::ApplicationId;
use crate::error::AppError;

/// The candidate's full ID number, for the moment a reviewer must compare it with a document.
/// Every reveal is written to the audit log.
#[server(endpoint = "reveal_id_number", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn reveal_id_number(id: ApplicationId) -> Result<String, AppError> {
    use crate::ssr::{access::caller, review::id_reveal};

    let (state, account) = caller::staff().await?;
    id_reveal::reveal(&state, &account, id).await
}
