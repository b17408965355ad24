use leptos::prelude::*;

use crate::domain::sign_up_form::SignUpFields;
use crate::error::AppError;
use crate::models::account::AccountView;

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
