//! POST /api/payments/notify/{gateway}: where a payment gateway reports payments. Answered
//! `success` with 200 once the notification is kept (what Alipay asks for, and WeChat Pay takes
//! any 200 as received), so the gateway stops repeating it; a forged one is 403,
//! and an address that keeps sending forged ones is answered 429 without the signature being
//! checked at all (a gateway's own servers never send one, so they are never held back).

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::Extension;

use app::error::AppError;
use app::ssr::infra::client_address::ClientAddress;
use app::ssr::payments::notices;
use app::ssr::ServerState;

use super::error_response;

pub async fn payment_notify(
    State(state): State<ServerState>,
    Path(gateway): Path<String>,
    Extension(ClientAddress(sender)): Extension<ClientAddress>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if state.gateways.find(&gateway).is_none() {
        return error_response(AppError::NotFound);
    }
    if let Err(refused) = state.rate_limits.check_payment_notice_sender(sender) {
        return error_response(refused);
    }
    match notices::receive(&state, &gateway, &headers, &body).await {
        Ok(outcome) => {
            tracing::info!(gateway, outcome, "payment notice");
            "success".into_response()
        }
        Err(error) => {
            if error == AppError::Forbidden {
                state.rate_limits.count_refused_payment_notice(sender);
            }
            error_response(error)
        }
    }
}
