use leptos::prelude::*;

use crate::error::AppError;

/// 修改密码: the current password and a new one. Every other session of the account ends; this
/// one goes on under the new password.
#[server(endpoint = "change_password", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn change_password(old_password: String, new_password: String) -> Result<(), AppError> {
    use crate::domain::new_password::NewPassword;
    use crate::ssr::infra::audit::AuditAction;
    use crate::ssr::infra::server_state::server_state;
    use crate::ssr::{access::session_user, accounts::account_store, infra::audit, infra::client_address};

    let password =
        NewPassword::parse("new_password", &new_password).map_err(|e| AppError::from_field_errors(vec![e]))?;
    let state = server_state()?;
    let session = session_user::request_session().await?;
    let account = session_user::user_from_session(&session, &state.db).await?;
    // Each wrong current password costs a hash, as a login does, and is limited as one is.
    let address = client_address::request_address().await?;
    state.rate_limits.begin_password_attempt(&account.id_number, address)?;
    let account = match account_store::change_password(&state.db, &account, &old_password, password).await {
        Ok(changed) => {
            state.rate_limits.give_back_password_attempt(&account.id_number, address);
            changed
        }
        Err(wrong) => {
            // Only a wrong current password stays counted.
            if !matches!(&wrong, AppError::InvalidField { .. }) {
                state.rate_limits.give_back_password_attempt(&account.id_number, address);
            }
            return Err(wrong);
        }
    };
    session_user::begin_session(&session, &account, state.clock.now()).await?;
    audit::record(
        &state.db,
        Some(&account),
        AuditAction::PasswordChanged,
        &audit::actor_label(&account),
        "by its owner; every other session ended",
        state.clock.now(),
    )
    .await
}
