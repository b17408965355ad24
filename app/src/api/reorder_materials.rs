use leptos::prelude::*;

use crate::domain::record_ids::{ExamCode, MaterialId};
use crate::error::AppError;

/// Puts the candidate's pictures of one category in the given order (drag or keyboard).
#[server(endpoint = "reorder_materials", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn reorder_materials(code: ExamCode, category: String, ordered_ids: Vec<MaterialId>) -> Result<(), AppError> {
    use crate::ssr::{access::caller, candidate::material_commands, candidate::upload_pipeline::MAX_SEQ_NO};

    let (state, account) = caller::candidate().await?;
    if ordered_ids.len() > MAX_SEQ_NO as usize {
        return Err(AppError::BadRequest("too many ids".into()));
    }
    material_commands::reorder_owned(&state, &account, &code, &category, &ordered_ids).await
}
