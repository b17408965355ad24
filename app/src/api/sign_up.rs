use leptos::prelude::*;

use crate::domain::sign_up_form::SignUpFields;
use crate::error::AppError;
use crate::models::account::SessionUser;

/// Creates a candidate account and signs it in.
#[server(endpoint = "sign_up", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn sign_up(fields: SignUpFields) -> Result<SessionUser, AppError> {
    use crate::domain::china_day::china_day_of;
    use crate::domain::id_validity::IdValidity;
    use crate::domain::sign_up_check::check_problems;
    use crate::domain::sign_up_form::SignUpForm;
    use crate::ssr::infra::server_state::server_state;
    use crate::ssr::{access::session_user, accounts::account_store, accounts::sign_up_codes};
    let state = server_state()?;
    // Every wrong field at once, the document's validity and the check step among them.
    let validity = IdValidity::parse(&fields.id_valid_until, china_day_of(state.clock.now()));
    let differences = check_problems(&fields);
    let form = match (SignUpForm::parse(&fields), validity) {
        (Ok(form), Ok(validity)) if differences.is_empty() => SignUpForm { id_valid_until: Some(validity), ..form },
        (form, validity) => {
            let mut errors = form.err().unwrap_or_default();
            errors.extend(validity.err());
            errors.extend(differences);
            return Err(AppError::from_field_errors(errors));
        }
    };

    let account = sign_up_codes::sign_up_candidate(&state, form, &fields.mobile_code).await?;
    session_user::begin_session(&session_user::request_session().await?, &account, state.clock.now()).await?;
    tracing::info!(user_id = %account.id, "candidate signed up");
    Ok(account_store::session_user_of(&account))
}
