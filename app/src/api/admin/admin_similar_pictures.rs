use leptos::prelude::*;

use crate::domain::record_ids::ExamCode;
use crate::error::AppError;
use crate::models::picture_findings::SimilarPair;

/// An exam's pictures that another candidate handed in too, each pair once, closest first.
#[server(endpoint = "admin_similar_pictures", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn admin_similar_pictures(exam_code: ExamCode) -> Result<Vec<SimilarPair>, AppError> {
    use crate::ssr::{access::caller, assistant::similar_pairs_report};

    let (state, admin) = caller::admin().await?;
    similar_pairs_report::pairs_of_exam(&state.db, &admin, &exam_code).await
}
