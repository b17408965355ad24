use leptos::prelude::*;

use crate::domain::record_ids::ExamCode;
use crate::error::AppError;
use crate::models::on_site::OnSiteProgress;

/// The day at the on-site check: approved candidates checked, passed, not passed, still to come.
#[server(endpoint = "admin_on_site_progress", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn admin_on_site_progress(exam_code: ExamCode) -> Result<OnSiteProgress, AppError> {
    use crate::ssr::{access::caller, on_site::on_site_progress};

    let (state, _) = caller::admin().await?;
    on_site_progress::progress(&state.db, &exam_code).await
}
