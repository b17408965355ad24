use leptos::prelude::*;

use crate::domain::sign_up_form::SignUpFields;
use crate::error::AppError;
use crate::models::admin::ReviewerRow;

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
