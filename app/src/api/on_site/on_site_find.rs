use leptos::prelude::*;

use crate::domain::record_ids::ExamCode;
use crate::error::AppError;
use crate::models::on_site::OnSiteCandidate;

/// The approved candidate a scanned 报名登记表 code or a typed ID number leads to.
#[server(endpoint = "on_site_find", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn on_site_find(exam_code: ExamCode, scanned: String) -> Result<OnSiteCandidate, AppError> {
    use crate::ssr::{access::caller, on_site::on_site_lookup};

    let (state, staff) = caller::staff().await?;
    on_site_lookup::find(&state, &staff, &exam_code, &scanned).await
}
