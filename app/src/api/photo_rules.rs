use leptos::prelude::*;

use crate::error::AppError;
use crate::models::exam::PhotoRuleChoice;

/// The ID-photo rules the photo tool offers (`ssr::exams::photo_rules`); no login needed.
#[server(endpoint = "photo_rules", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn photo_rules() -> Result<Vec<PhotoRuleChoice>, AppError> {
    let state = crate::ssr::infra::server_state::server_state()?;
    crate::ssr::exams::photo_rules::photo_rules(&state).await
}
