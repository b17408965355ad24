use leptos::prelude::*;

use crate::error::AppError;
use crate::models::desk::DeskCandidate;

/// The approved candidate a scanned 报名登记表 code or a typed ID number leads to.
#[server(endpoint = "desk_find", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn desk_find(exam_code: String, scanned: String) -> Result<DeskCandidate, AppError> {
    use crate::ssr::{access::caller, desk::desk_lookup};

    let (state, staff) = caller::staff().await?;
    desk_lookup::find(&state, &staff, &exam_code, &scanned).await
}
