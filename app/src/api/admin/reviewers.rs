use leptos::prelude::*;

use crate::domain::sign_up_form::SignUpFields;
use crate::error::AppError;
use crate::models::admin::ReviewerRow;

/// Every reviewer account with the exams assigned to it.
#[server(endpoint = "admin_reviewers", input = leptos::server_fn::codec::Json)]
pub async fn admin_reviewers() -> Result<Vec<ReviewerRow>, AppError> {
    use crate::ssr::{reviewer_access, server_state::server_state, session_user};

    crate::ssr::respond(
        async {
            let state = server_state()?;
            session_user::request_admin(&state.db).await?;
            reviewer_access::list_reviewers(&state.db).await
        }
        .await,
    )
}

/// Creates a reviewer account with the same checks as a sign-up.
#[server(endpoint = "admin_create_reviewer", input = leptos::server_fn::codec::Json)]
pub async fn admin_create_reviewer(fields: SignUpFields) -> Result<ReviewerRow, AppError> {
    use crate::ssr::{reviewer_access, server_state::server_state, session_user};

    crate::ssr::respond(
        async {
            let state = server_state()?;
            let admin = session_user::request_admin(&state.db).await?;
            let form = crate::domain::sign_up_form::SignUpForm::parse(&fields).map_err(AppError::from_field_errors)?;
            let account = reviewer_access::create_reviewer(&state.db, &admin, form, state.clock.now()).await?;
            Ok(ReviewerRow {
                id: account.id,
                name: account.name.clone(),
                id_number_masked: crate::ssr::accounts::session_user_of(&account).id_number_masked,
                email: account.email,
                exams: Vec::new(),
            })
        }
        .await,
    )
}

/// Assigns a reviewer to an exam (`assigned` true) or withdraws the assignment.
#[server(endpoint = "admin_assign_reviewer", input = leptos::server_fn::codec::Json)]
pub async fn admin_assign_reviewer(reviewer_id: i32, exam_code: String, assigned: bool) -> Result<(), AppError> {
    use crate::ssr::{reviewer_access, server_state::server_state, session_user};

    crate::ssr::respond(
        async {
            let state = server_state()?;
            let admin = session_user::request_admin(&state.db).await?;
            reviewer_access::set_assignment(&state.db, &admin, reviewer_id, &exam_code, assigned, state.clock.now())
                .await
        }
        .await,
    )
}
