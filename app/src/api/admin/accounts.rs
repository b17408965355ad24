use leptos::prelude::*;

use crate::domain::sign_up_form::SignUpFields;
use crate::error::AppError;
use crate::models::account::{AccountView, TemporaryPassword};

/// The account registered under an ID number, if any.
#[server(endpoint = "admin_find_account", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn admin_find_account(id_number: String) -> Result<Option<AccountView>, AppError> {
    use crate::ssr::{access::caller, admin::account_admin};

    let (state, _) = caller::admin().await?;
    account_admin::find(&state.db, &id_number).await
}

/// Sets a temporary password (shown once) and ends every session of the account; audited.
#[server(endpoint = "admin_reset_password", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn admin_reset_password(user_id: i32) -> Result<TemporaryPassword, AppError> {
    use crate::ssr::{access::caller, admin::account_admin};

    let (state, admin) = caller::admin().await?;
    account_admin::reset_password(&state.db, &admin, user_id, state.clock.now()).await
}

/// Removes a staff member's authenticator and recovery codes and ends their sessions; they set up
/// a new one at their next sign-in. Audited.
#[server(endpoint = "admin_reset_second_factor", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn admin_reset_second_factor(user_id: i32) -> Result<(), AppError> {
    use crate::ssr::{access::caller, admin::account_admin};

    let (state, admin) = caller::admin().await?;
    account_admin::reset_second_factor(&state.db, Some(&admin), user_id, state.clock.now()).await
}

/// Frees the ID number of an account someone else registered, so its owner can sign up; audited.
#[server(endpoint = "admin_release_id_number", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn admin_release_id_number(user_id: i32) -> Result<(), AppError> {
    use crate::ssr::{access::caller, admin::account_admin};

    let (state, admin) = caller::admin().await?;
    account_admin::release_id_number(&state.db, &admin, user_id, state.clock.now()).await
}

/// Creates a further administrator with the sign-up's checks; audited.
#[server(endpoint = "admin_create_admin", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn admin_create_admin(fields: SignUpFields) -> Result<AccountView, AppError> {
    use crate::domain::sign_up_form::SignUpForm;
    use crate::ssr::{access::caller, admin::account_admin};

    let (state, admin) = caller::admin().await?;
    let form = SignUpForm::parse(&fields).map_err(AppError::from_field_errors)?;
    let account = account_admin::create_administrator(&state.db, Some(&admin), form, state.clock.now()).await?;
    Ok(account_admin::view_of(&account))
}
