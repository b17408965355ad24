//! Each page and server function takes the body its route allows (`body_limits::for_path`): a
//! small form almost everywhere, an eligibility list where one is imported. A declared length
//! past the limit is answered 413 at once; a streamed body stops being read at the limit.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;

use app::error::AppError;

use crate::http::body_limits::{declared_past, for_path};
use crate::http::routes::error_response;

/// `max_upload_bytes` is the installation's upload limit (`ZIGE_MAX_UPLOAD_BYTES`).
pub async fn limit_body_by_route(State(max_upload_bytes): State<u64>, request: Request, next: Next) -> Response {
    let limit = for_path(request.uri().path(), max_upload_bytes);
    if declared_past(request.headers(), limit) {
        return error_response(AppError::TooLarge { limit_bytes: limit as u64 });
    }
    let (parts, body) = request.into_parts();
    next.run(Request::from_parts(parts, Body::new(http_body_util::Limited::new(body, limit)))).await
}
