//! GET /auth/oidc/sign-out: after 退出 of a session that came from the registration system (the
//! log-in page offers it), on to the provider's own sign-out, with the ended session's ID token
//! as the hint of whom (`sign_in_provider::provider_sign_out`); the provider asks the person and
//! sends them back to the log-in page.

use std::sync::Arc;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use tower_sessions::Session;

use app::ssr::access::provider_session;

use super::provider_sign_in::page;
use crate::sign_in_provider::provider_client::ProviderSignIn;

pub async fn sign_out(Extension(provider): Extension<Arc<ProviderSignIn>>, session: Session) -> Response {
    // Used once; without it (used, or lapsed) the provider is told the client, and asks.
    let hint = provider_session::take_sign_out_hint(&session).await.unwrap_or(None);
    match provider.sign_out_address(hint.as_deref()).await {
        Ok(Some(address)) => Redirect::to(&address).into_response(),
        Ok(None) => page(
            StatusCode::OK,
            "报名系统未提供退出地址，请在报名系统的页面上退出。",
            "The registration system offers no sign-out address; sign out on its own pages.",
        ),
        Err(trouble) => {
            tracing::warn!(reason = %trouble.log_reason(), "provider sign-out not reached");
            let (zh, en) = trouble.words();
            page(StatusCode::SERVICE_UNAVAILABLE, &zh, &en)
        }
    }
}
