//! Errors in the form the client asked for. Everything in front of the browser writes an
//! `AppError` as JSON: the server functions, the guards (a cross-site refusal, a rate limit, a
//! malformed key), the upload route, and an answer kept for a repeated key. The app's pages ask
//! for postcard (`Accept`, see `app::api::wire`) and carry no JSON decoder, so on the way out an
//! error for them is rewritten here; curl, scripts and the tests read the JSON as it was.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

use app::api::wire::{accepts_postcard, POSTCARD};
use app::error::AppError;

/// An error's JSON is a few hundred bytes; a list of missing items a few KB.
const ERROR_LIMIT_BYTES: usize = 256 * 1024;

pub async fn errors_as_asked(request: Request, next: Next) -> Response {
    let asked_for_postcard = accepts_postcard(request.headers());
    let response = next.run(request).await;
    let failed = response.status().is_client_error() || response.status().is_server_error();
    if !asked_for_postcard || !failed {
        return response;
    }
    let json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|kind| kind.to_str().ok())
        .is_some_and(|kind| kind.starts_with("application/json"));
    if !json {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let body = axum::body::to_bytes(body, ERROR_LIMIT_BYTES).await.unwrap_or_default();
    // JSON that is not an error passes as it came.
    let Ok(error) = serde_json::from_slice::<AppError>(&body) else {
        return Response::from_parts(parts, Body::from(body));
    };
    parts.headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(POSTCARD));
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.append(header::VARY, HeaderValue::from_static("accept"));
    Response::from_parts(parts, Body::from(error.to_postcard()))
}
