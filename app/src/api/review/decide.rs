use leptos::prelude::*;

use crate::domain::record_ids::{ApplicationId, ApplicationVersion};
use crate::domain::review_decision::Decision;
use crate::error::AppError;

/// Approve, return for revision or reject `version` of the application; a later version means
/// someone else got there first and nothing is changed. Returns the next application waiting.
#[server(endpoint = "decide_application", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn decide_application(
    id: ApplicationId,
    version: ApplicationVersion,
    decision: Decision,
) -> Result<Option<ApplicationId>, AppError> {
    use crate::ssr::{access::caller, review::decisions};

    let (state, account) = caller::staff().await?;
    let next = decisions::decide(&state, &account, id, version, decision).await?;
    tracing::info!(reviewer = %account.id, application = id.0, "decision stored");
    Ok(next)
}
