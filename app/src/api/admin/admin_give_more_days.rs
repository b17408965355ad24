use leptos::prelude::*;

use crate::domain::record_ids::ExamCode;
use crate::error::AppError;

/// 延长期限: gives one listed candidate more days, with a reason; they are texted the new day.
/// The new last day ("2026-12-05").
#[server(endpoint = "admin_give_more_days", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn admin_give_more_days(
    code: ExamCode,
    id_number: String,
    days: u32,
    reason: String,
) -> Result<String, AppError> {
    use crate::ssr::{access::caller, admin::listed_notices, infra::site_address::site_address};

    let (state, admin) = caller::admin().await?;
    let address = site_address(&state).await;
    listed_notices::give_more_days(&state, &admin, &code, &id_number, days, &reason, &address).await
}
