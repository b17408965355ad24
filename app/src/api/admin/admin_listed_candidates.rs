use leptos::prelude::*;

use crate::domain::record_ids::ExamCode;
use crate::error::AppError;
use crate::models::listed_candidates::ListedCandidates;

/// 资格名单: the listed candidates with their texts, own last days and standing (seed 004).
#[server(endpoint = "admin_listed_candidates", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn admin_listed_candidates(code: ExamCode) -> Result<ListedCandidates, AppError> {
    use crate::ssr::{access::caller, admin::listed_candidates};

    let (state, admin) = caller::admin().await?;
    listed_candidates::overview(&state, &admin, &code).await
}
