use leptos::prelude::*;

use crate::error::AppError;
use crate::models::desk::DeskProgress;

/// The day at the desk: approved candidates checked, passed, not passed, still to come.
#[server(endpoint = "admin_desk_progress", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn admin_desk_progress(exam_code: String) -> Result<DeskProgress, AppError> {
    use crate::ssr::{access::caller, desk::desk_progress};

    let (state, _) = caller::admin().await?;
    desk_progress::progress(&state.db, &exam_code).await
}
