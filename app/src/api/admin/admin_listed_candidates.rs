use leptos::prelude::*;

use crate::error::AppError;
use crate::models::admin::{ListedCandidates, NoticesQueued};

/// 资格名单: the listed candidates with their texts, own last days and standing (seed 004).
#[server(endpoint = "admin_listed_candidates", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn admin_listed_candidates(code: String) -> Result<ListedCandidates, AppError> {
    use crate::ssr::{access::caller, admin::listed_candidates};

    let (state, admin) = caller::admin().await?;
    listed_candidates::overview(&state, &admin, &code).await
}

/// 发送通知短信: texts the listed candidates (all, or those not yet told) how to apply and by when.
#[server(endpoint = "admin_text_listed", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn admin_text_listed(code: String, not_yet_told_only: bool) -> Result<NoticesQueued, AppError> {
    use crate::ssr::admin::listed_notices::{self, Whom};
    use crate::ssr::{access::caller, infra::site_address::site_address};

    let (state, admin) = caller::admin().await?;
    let whom = if not_yet_told_only { Whom::NotYetTold } else { Whom::Everyone };
    listed_notices::send(&state, &admin, &code, whom, &site_address(&state).await).await
}

/// 延长期限: gives one listed candidate more days, with a reason; they are texted the new day.
/// The new last day ("2026-12-05").
#[server(endpoint = "admin_give_more_days", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn admin_give_more_days(
    code: String,
    id_number: String,
    days: u32,
    reason: String,
) -> Result<String, AppError> {
    use crate::ssr::{access::caller, admin::listed_notices, infra::site_address::site_address};

    let (state, admin) = caller::admin().await?;
    let address = site_address(&state).await;
    listed_notices::give_more_days(&state, &admin, &code, &id_number, days, &reason, &address).await
}
