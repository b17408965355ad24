use leptos::prelude::*;

use crate::error::AppError;

#[server(endpoint = "log_out", input = leptos::server_fn::codec::Json)]
pub async fn log_out() -> Result<(), AppError> {
    use crate::ssr::session_user;

    crate::ssr::respond(async { session_user::end_session(&session_user::request_session().await?).await }.await)
}
