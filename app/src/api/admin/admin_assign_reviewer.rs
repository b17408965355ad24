use leptos::prelude::*;

use crate::domain::record_ids::{ExamCode, UserId};
use crate::domain::staff_duty::StaffDuty;
use crate::error::AppError;

/// Names a reviewer for an exam: to review it, to work its on-site check only, or (None) no longer.
#[server(endpoint = "admin_assign_reviewer", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn admin_assign_reviewer(
    reviewer_id: UserId,
    exam_code: ExamCode,
    duty: Option<StaffDuty>,
) -> Result<(), AppError> {
    use crate::ssr::{access::caller, admin::reviewers};

    let (state, admin) = caller::admin().await?;
    reviewers::set_assignment(&state.db, &admin, reviewer_id, &exam_code, duty, state.clock.now()).await
}
