use leptos::prelude::*;

use crate::domain::ViolationCode;
use crate::error::AppError;

/// The candidate's browser showed looks advice (`codes`) about the chosen file whose SHA-256 is
/// `sha256`: kept so the review screen can say the candidate sent it anyway.
#[server(endpoint = "advice_shown", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn advice_shown(sha256: String, codes: Vec<ViolationCode>) -> Result<(), AppError> {
    use crate::ssr::{access::caller, assistant::advice_receipts};

    let (state, account) = caller::candidate().await?;
    advice_receipts::record(&state, &account, &sha256, &codes).await
}
