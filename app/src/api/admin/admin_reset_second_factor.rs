use leptos::prelude::*;

use crate::domain::record_ids::UserId;
use crate::error::AppError;

/// Removes a staff member's authenticator and recovery codes and ends their sessions; they set up
/// a new one at their next sign-in. Audited.
#[server(endpoint = "admin_reset_second_factor", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn admin_reset_second_factor(user_id: UserId) -> Result<(), AppError> {
    use crate::ssr::{access::caller, admin::account_admin};

    let (state, admin) = caller::admin().await?;
    account_admin::reset_second_factor(&state.db, Some(&admin), user_id, state.clock.now()).await
}
