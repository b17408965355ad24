use leptos::prelude::*;

use crate::domain::sign_up_form::SignUpFields;
use crate::error::AppError;
use crate::models::admin::ReviewerRow;

/// Every reviewer account with the exams assigned to it.
#[server(endpoint = "admin_reviewers", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn admin_reviewers() -> Result<Vec<ReviewerRow>, AppError> {
    use crate::ssr::{access::caller, admin::reviewers};

    let (state, _) = caller::admin().await?;
    reviewers::list_reviewers(&state.db).await
}

/// Creates a reviewer account with the same checks as a sign-up.
#[server(endpoint = "admin_create_reviewer", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn admin_create_reviewer(fields: SignUpFields) -> Result<ReviewerRow, AppError> {
    use crate::domain::sign_up_form::SignUpForm;
    use crate::ssr::{access::caller, admin::reviewers};

    let (state, admin) = caller::admin().await?;
    let form = SignUpForm::parse(&fields).map_err(AppError::from_field_errors)?;
    let account = reviewers::create_reviewer(&state.db, &admin, form, state.clock.now()).await?;
    Ok(reviewers::row_of(&account, Vec::new()))
}

/// Assigns a reviewer to an exam (`assigned` true) or withdraws the assignment.
#[server(endpoint = "admin_assign_reviewer", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn admin_assign_reviewer(reviewer_id: i32, exam_code: String, assigned: bool) -> Result<(), AppError> {
    use crate::ssr::{access::caller, admin::reviewers};

    let (state, admin) = caller::admin().await?;
    reviewers::set_assignment(&state.db, &admin, reviewer_id, &exam_code, assigned, state.clock.now()).await
}
