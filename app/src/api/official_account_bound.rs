use leptos::prelude::*;

use crate::domain::china_time::ChinaTime;
use crate::error::AppError;

/// Since when the signed-in account's news also goes to the authority's 公众号, or None: 个人信息
/// offers to bind it instead.
#[server(endpoint = "official_account_bound", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn official_account_bound() -> Result<Option<ChinaTime>, AppError> {
    use crate::domain::china_time::china_time;
    use crate::ssr::access::session_user;
    use crate::ssr::infra::server_state::server_state;
    use crate::ssr::messaging::official_account_binding::binding_of;

    let state = server_state()?;
    let account = session_user::request_user(&state.db).await?;
    Ok(binding_of(&state.db, account.id).await?.map(|binding| china_time(binding.bound_at)))
}
