use leptos::prelude::*;

use crate::domain::record_ids::ExamCode;
use crate::error::AppError;
use crate::models::exam::PositionsTable;

/// 《岗位及其资格条件一览表》 of an exam that recruits for positions. Public, as the announcement
/// that publishes it: a candidate reads it before signing up.
#[server(endpoint = "exam_positions", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn exam_positions(code: ExamCode) -> Result<PositionsTable, AppError> {
    use crate::ssr::exams::positions_table::positions_table;

    let state = crate::ssr::infra::server_state::server_state()?;
    positions_table(&state, &code).await
}
