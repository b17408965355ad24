use leptos::prelude::*;

use crate::domain::record_ids::UserId;
use crate::error::AppError;
use crate::models::account::TemporaryPassword;

/// Sets a temporary password (shown once) and ends every session of the account; audited.
#[server(endpoint = "admin_reset_password", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn admin_reset_password(user_id: UserId) -> Result<TemporaryPassword, AppError> {
    use crate::ssr::{access::caller, admin::account_admin};

    let (state, admin) = caller::admin().await?;
    account_admin::reset_password(&state.db, &admin, user_id, state.clock.now()).await
}
