use leptos::prelude::*;

use crate::domain::record_ids::ExamCode;
use crate::error::AppError;
use crate::models::seating::SeatingView;

/// Gives seats to everyone waiting, by the stated rule; audited.
#[server(endpoint = "admin_assign_seats", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn admin_assign_seats(exam_code: ExamCode) -> Result<SeatingView, AppError> {
    use crate::ssr::{access::caller, tickets::seating};

    let (state, admin) = caller::admin().await?;
    seating::assign(&state, &admin, &exam_code).await
}
