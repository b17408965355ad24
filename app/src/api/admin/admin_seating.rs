use leptos::prelude::*;

use crate::domain::record_ids::ExamCode;
use crate::error::AppError;
use crate::models::seating::SeatingView;

/// The exam's rooms and seats: capacity, seated, waiting.
#[server(endpoint = "admin_seating", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn admin_seating(exam_code: ExamCode) -> Result<SeatingView, AppError> {
    use crate::ssr::{access::caller, tickets::seating};

    let (state, admin) = caller::admin().await?;
    seating::seating(&state, &admin, &exam_code).await
}
