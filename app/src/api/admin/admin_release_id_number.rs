use leptos::prelude::*;

use crate::domain::record_ids::UserId;
use crate::error::AppError;

/// Frees the ID number of an account someone else registered, so its owner can sign up; audited.
#[server(endpoint = "admin_release_id_number", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn admin_release_id_number(user_id: UserId) -> Result<(), AppError> {
    use crate::ssr::{access::caller, admin::account_admin};

    let (state, admin) = caller::admin().await?;
    account_admin::release_id_number(&state.db, &admin, user_id, state.clock.now()).await
}
