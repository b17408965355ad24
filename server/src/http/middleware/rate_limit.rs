//! The per-address limits, applied before a body is read: a flood of logins or uploads costs
//! the server a table lookup each, not a password hash or a decode.

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;

use app::ssr::infra::client_address::ClientAddress;
use app::ssr::infra::rate_limits::RateLimitGroup;

use super::client_address::client_address;
use crate::http::routes::error_response;

#[derive(Clone)]
pub struct RateLimitState {
    pub limits: std::sync::Arc<app::ssr::infra::rate_limits::RateLimits>,
    pub behind_proxy: bool,
}

pub async fn limit_by_address(State(state): State<RateLimitState>, mut request: Request, next: Next) -> Response {
    let address = client_address(&request, state.behind_proxy);
    // Server functions whose limits are per account and address read it from here.
    request.extensions_mut().insert(ClientAddress(address));
    if let Some(group) = RateLimitGroup::of_request(request.method(), request.uri().path()) {
        if let Err(refused) = state.limits.check_address(group, address) {
            tracing::warn!(path = request.uri().path(), "rate limit reached");
            // Its body, unread, is drained before the answer goes (`unread_body`).
            return error_response(refused);
        }
    }
    next.run(request).await
}
