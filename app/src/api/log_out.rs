use leptos::prelude::*;

use crate::error::AppError;

/// Ends the session; true when it came from the registration system's identity provider, whose
/// own sign-out the log-in page then offers (`provider_session`).
#[server(endpoint = "log_out", input = leptos::server_fn::codec::Json, output = crate::api::wire::Wire)]
pub async fn log_out() -> Result<bool, AppError> {
    use crate::ssr::access::{provider_session, session_user};

    provider_session::end_session_offering_provider_sign_out(&session_user::request_session().await?).await
}
