use leptos::prelude::*;

use crate::error::AppError;
use crate::models::admin::AdminExamRow;

/// Every exam with its phase and how many candidates are in each state.
#[server(endpoint = "admin_overview", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn admin_overview() -> Result<Vec<AdminExamRow>, AppError> {
    use crate::ssr::{access::caller, admin::exam_records};

    let (state, admin) = caller::admin().await?;
    exam_records::overview(&state, &admin).await
}
