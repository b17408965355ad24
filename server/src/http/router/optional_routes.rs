//! Routes that exist only where the configuration asks for them: the sandbox's cashier, signing
//! in through the authority's identity provider, binding the authority's 公众号, `/metrics` on the main address (with a token)
//! and alone on an address of its own.

use std::sync::Arc;
use std::time::Duration;

use axum::routing::{get, post};
use axum::Router;

use app::ssr::payments::sandbox_gateway::SandboxGateway;
use app::ssr::ServerState;

use crate::config::Config;
use crate::gateways::official_account::official_account_settings::CALLBACK_PATH as OFFICIAL_ACCOUNT_CALLBACK_PATH;
use crate::gateways::official_account::OfficialAccount;
use crate::http::routes::metrics::{metrics, MetricsAccess};
use crate::http::routes::official_account_binding;
use crate::http::routes::provider_number_claim::CLAIM_PATH;
use crate::http::routes::provider_sign_in;
use crate::http::routes::sandbox_cashier::{cashier_page, cashier_pay, SandboxCashier};
use crate::sign_in_provider::provider_client::ProviderSignIn;
use crate::sign_in_provider::provider_settings::CALLBACK_PATH;

/// The sandbox gateway's cashier, when the sandbox is on.
pub(super) fn sandbox_routes(sandbox: Option<Arc<SandboxGateway>>, config: &Config) -> Router<ServerState> {
    let Some(gateway) = sandbox else { return Router::new() };
    let cashier = SandboxCashier {
        gateway,
        delay: Duration::from_millis(config.sandbox_notice_delay_ms),
        repeats: config.sandbox_notice_repeats,
    };
    Router::new()
        .route("/sandbox/cashier/{order_no}", get(cashier_page))
        .route("/sandbox/cashier/{order_no}/pay", post(cashier_pay))
        .layer(axum::Extension(cashier))
}

/// Signing in through the authority's identity provider, where one is configured.
pub(super) fn provider_sign_in_routes(provider: Option<Arc<ProviderSignIn>>) -> Router<ServerState> {
    let Some(provider) = provider else { return Router::new() };
    Router::new()
        .route("/auth/oidc/start", get(provider_sign_in::start))
        .route(CALLBACK_PATH, get(provider_sign_in::callback))
        .route("/auth/oidc/sign-out", get(crate::http::routes::provider_sign_out::sign_out))
        .route(CLAIM_PATH, post(crate::http::routes::provider_number_claim::claim))
        .layer(axum::Extension(provider))
}

/// Binding the authority's 公众号 from 个人信息, where one is configured.
pub(super) fn official_account_routes(official_account: Option<Arc<OfficialAccount>>) -> Router<ServerState> {
    let Some(official_account) = official_account else { return Router::new() };
    Router::new()
        .route("/auth/official-account/start", get(official_account_binding::start))
        .route(OFFICIAL_ACCOUNT_CALLBACK_PATH, get(official_account_binding::callback))
        .route("/auth/official-account/unbind", post(official_account_binding::unbind))
        .layer(axum::Extension(official_account))
}

/// `/metrics` on the main address, for a scrape with the configured token only.
pub(super) fn metrics_route(config: &Config) -> Router<ServerState> {
    let Some(token) = config.metrics_token.clone().filter(|t| !t.trim().is_empty()) else { return Router::new() };
    let access = MetricsAccess { handle: crate::telemetry::metrics_recorder::handle(), token: Some(token) };
    Router::new().route("/metrics", get(metrics).with_state(access))
}

/// The second address's router: `/metrics` and nothing else, no token (`ZIGE_METRICS_LISTEN`).
pub fn metrics_only_router() -> Router {
    let access = MetricsAccess { handle: crate::telemetry::metrics_recorder::handle(), token: None };
    Router::new().route("/metrics", get(metrics)).with_state(access)
}
