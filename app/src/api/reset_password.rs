use leptos::prelude::*;

use crate::error::AppError;

/// 忘记密码, step 2: the code and a new password. Every session of the account ends; the person
/// then logs in with the new password.
#[server(endpoint = "reset_password", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn reset_password(id_number: String, code: String, new_password: String) -> Result<(), AppError> {
    use crate::domain::new_password::NewPassword;
    use crate::ssr::accounts::password_recovery;
    use crate::ssr::infra::server_state::server_state;

    let password =
        NewPassword::parse("new_password", &new_password).map_err(|e| AppError::from_field_errors(vec![e]))?;
    let state = server_state()?;
    password_recovery::reset_with_code(&state.db, &state.rate_limits, &id_number, &code, password, state.clock.now())
        .await
}
