//! Plain HTTP routes beside the server functions: the upload (multipart with progress), the
//! image bytes, and a health check.

pub mod health;
pub mod material_file;
pub mod upload_material;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

use app::error::AppError;

/// An `AppError` as an HTTP response: its own status, and the error as JSON the browser decodes
/// back into `AppError`.
pub fn error_response(error: AppError) -> Response {
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, Json(error)).into_response()
}
