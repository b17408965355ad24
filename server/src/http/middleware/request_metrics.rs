//! How long each request took, per route and outcome (`zige_http_request_duration_seconds`), and
//! which routes' limits refused requests (`zige_rate_limit_refusals_total`: every limit answers
//! 429). The route is the pattern it matched (`/api/materials/{id}/file`), never the path itself,
//! so one person's ids do not become series of their own and the series stay few.

use std::time::Instant;

use axum::extract::{MatchedPath, Request};
use axum::middleware::Next;
use axum::response::Response;

pub async fn record_request_metrics(request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|matched| matched.as_str().to_string())
        .unwrap_or_else(|| "unmatched".to_string());
    let method = request.method().as_str().to_string();
    let started = Instant::now();
    let response = next.run(request).await;
    let status = response.status();
    if status == axum::http::StatusCode::TOO_MANY_REQUESTS {
        metrics::counter!("zige_rate_limit_refusals_total", "route" => route.clone()).increment(1);
    }
    let outcome = match status.as_u16() {
        100..=399 => "ok",
        400..=499 => "refused",
        _ => "failed",
    };
    metrics::histogram!("zige_http_request_duration_seconds", "route" => route, "method" => method, "outcome" => outcome)
        .record(started.elapsed().as_secs_f64());
    response
}
