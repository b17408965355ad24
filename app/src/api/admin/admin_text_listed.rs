use leptos::prelude::*;

use crate::domain::record_ids::ExamCode;
use crate::error::AppError;
use crate::models::listed_candidates::NoticesQueued;

/// 发送通知短信: texts the listed candidates (all, or those not yet told) how to apply and by when.
#[server(endpoint = "admin_text_listed", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn admin_text_listed(code: ExamCode, not_yet_told_only: bool) -> Result<NoticesQueued, AppError> {
    use crate::ssr::admin::listed_notices::{self, Whom};
    use crate::ssr::{access::caller, infra::site_address::site_address};

    let (state, admin) = caller::admin().await?;
    let whom = if not_yet_told_only { Whom::NotYetTold } else { Whom::Everyone };
    listed_notices::send(&state, &admin, &code, whom, &site_address(&state).await).await
}
