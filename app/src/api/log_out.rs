use leptos::prelude::*;

use crate::error::AppError;

#[server(endpoint = "log_out", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn log_out() -> Result<(), AppError> {
    use crate::ssr::access::session_user;

    session_user::end_session(&session_user::request_session().await?).await
}
