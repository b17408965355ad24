use leptos::prelude::*;

use crate::error::AppError;
use crate::models::account::AccountView;

/// The account registered under an ID number, if any.
#[server(endpoint = "admin_find_account", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn admin_find_account(id_number: String) -> Result<Option<AccountView>, AppError> {
    use crate::ssr::{access::caller, admin::account_admin};

    let (state, admin) = caller::admin().await?;
    account_admin::find(&state.db, &admin, &id_number).await
}
