use leptos::prelude::*;

use crate::domain::sign_up_form::SignUpFields;
use crate::error::AppError;
use crate::models::account::SessionUser;

/// Creates a candidate account and signs it in.
#[server(endpoint = "sign_up", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn sign_up(fields: SignUpFields) -> Result<SessionUser, AppError> {
    use crate::domain::sign_up_form::SignUpForm;
    use crate::ssr::infra::server_state::server_state;
    use crate::ssr::{access::session_user, accounts::account_store, accounts::sign_up_codes};
    let form = SignUpForm::parse(&fields).map_err(AppError::from_field_errors)?;
    let state = server_state()?;
    let account = sign_up_codes::sign_up_candidate(&state, form, &fields.mobile_code).await?;
    session_user::begin_session(&session_user::request_session().await?, &account, state.clock.now()).await?;
    tracing::info!(user_id = %account.id, "candidate signed up");
    Ok(account_store::session_user_of(&account))
}
