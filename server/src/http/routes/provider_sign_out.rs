//! GET /auth/oidc/sign-out: after 退出 of a session that came from the registration system (the
//! log-in page offers it), on to the provider's own sign-out, naming the client alone
//! (`sign_in_provider::provider_sign_out`); the provider asks the person and sends them back to
//! the log-in page.

use std::sync::Arc;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;

use super::provider_sign_in::page;
use crate::sign_in_provider::provider_client::ProviderSignIn;

pub async fn sign_out(Extension(provider): Extension<Arc<ProviderSignIn>>) -> Response {
    match provider.sign_out_address().await {
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
