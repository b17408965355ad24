//! How an `AppError` shapes the HTTP response of a server function: its status, and how long
//! to wait when it asks the client to come back later.

use crate::error::AppError;

/// Sets the current server function's status (401, 404, 409, 422, 429…) and `Retry-After`.
/// Outside a request (a service called from a test) there is nothing to set.
pub fn set_status_of(error: &AppError) {
    let Some(options) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() else { return };
    if let Ok(status) = http::StatusCode::from_u16(error.status()) {
        options.set_status(status);
    }
    if let Some(seconds) = error.retry_after_secs() {
        options.insert_header(http::header::RETRY_AFTER, http::HeaderValue::from(seconds));
    }
}
