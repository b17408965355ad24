use leptos::prelude::*;

use crate::domain::china_time::ChinaTime;
use crate::error::AppError;

/// Since when the signed-in account is joined to a registration system's account (seed 003), or
/// None: 我的账号 says so instead of offering to join it again.
#[server(endpoint = "registration_system_joined", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn registration_system_joined() -> Result<Option<ChinaTime>, AppError> {
    use crate::domain::china_time::china_time;
    use crate::ssr::access::session_user;
    use crate::ssr::accounts::provider_sign_in::joined_since;
    use crate::ssr::infra::server_state::server_state;

    let state = server_state()?;
    let account = session_user::request_user(&state.db).await?;
    Ok(joined_since(&state.db, &account).await?.map(china_time))
}
