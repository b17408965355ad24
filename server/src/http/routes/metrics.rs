//! `/metrics`: the server's figures in Prometheus' text format, never public. On the main address
//! it answers only a scrape that brings the configured bearer token (`ZIGE_METRICS_TOKEN`;
//! without one the route does not exist); on a separate metrics address (`ZIGE_METRICS_LISTEN`,
//! meant for a private network) it answers anyone who reaches it.

use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use subtle::ConstantTimeEq;

/// What the route needs: the renderer and, on the main address, the token.
#[derive(Clone)]
pub struct MetricsAccess {
    pub handle: metrics_exporter_prometheus::PrometheusHandle,
    pub token: Option<String>,
}

pub async fn metrics(State(access): State<MetricsAccess>, headers: HeaderMap) -> Response {
    if let Some(token) = &access.token {
        let offered = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .unwrap_or("");
        // Compared in constant time, so the time taken does not tell how much of a guess was right.
        if !bool::from(offered.as_bytes().ct_eq(token.as_bytes())) {
            return (StatusCode::UNAUTHORIZED, [(header::WWW_AUTHENTICATE, "Bearer")], "").into_response();
        }
    }
    access.handle.run_upkeep();
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], access.handle.render()).into_response()
}
