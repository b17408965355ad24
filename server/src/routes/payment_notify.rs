//! POST /api/payments/notify/{gateway}: where a payment gateway reports payments. Answered
//! `success` once the notification is kept (the provider stops repeating it); a forged one is 403.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};

use app::ssr::payments::notices;
use app::ssr::ServerState;

use super::error_response;

pub async fn payment_notify(
    State(state): State<ServerState>,
    Path(gateway): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let Some(header) = state.gateways.find(&gateway).map(|g| g.signature_header()) else {
        return error_response(app::error::AppError::NotFound);
    };
    let signature = headers.get(header).and_then(|v| v.to_str().ok());
    match notices::receive(&state, &gateway, &body, signature).await {
        Ok(outcome) => {
            tracing::info!(gateway, outcome, "payment notice");
            "success".into_response()
        }
        Err(error) => error_response(error),
    }
}
