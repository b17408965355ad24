use leptos::prelude::*;

use crate::error::AppError;

/// Assigns a reviewer to an exam (`assigned` true) or withdraws the assignment.
#[server(endpoint = "admin_assign_reviewer", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn admin_assign_reviewer(reviewer_id: i32, exam_code: String, assigned: bool) -> Result<(), AppError> {
    use crate::ssr::{access::caller, admin::reviewers};

    let (state, admin) = caller::admin().await?;
    reviewers::set_assignment(&state.db, &admin, reviewer_id, &exam_code, assigned, state.clock.now()).await
}
