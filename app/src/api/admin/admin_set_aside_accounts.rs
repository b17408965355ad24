use leptos::prelude::*;

use crate::error::AppError;
use crate::models::admin::SetAsideAccount;

/// The self-made accounts set aside for the person the registration system vouched for, newest first.
#[server(endpoint = "admin_set_aside_accounts", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn admin_set_aside_accounts() -> Result<Vec<SetAsideAccount>, AppError> {
    use crate::ssr::{access::caller, admin::set_aside_accounts};

    let (state, admin) = caller::admin().await?;
    set_aside_accounts::list(&state.db, &admin).await
}
